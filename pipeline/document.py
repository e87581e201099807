"""What the spaCy components read from and write to a ``Doc``: the internal contract.

Every component works in character offsets into ``doc.text`` (the normalized text), not in token
indices, because pkuseg may glue ``3亿元`` or ``北京市朝阳区`` into one token and a rule match must
not grow or shrink to fit a token. The snapping rule, where a token view is needed (displaCy,
``doc.spans``): ``Doc.char_span(start, end, alignment_mode="expand")``, and only for display.

Extensions (registered once by :func:`register_extensions`):

=====================  ==========================  ==========================================
``Doc._.doc_id``       str | None                  set by the caller (``Extractor``)
``Doc._.pub_date``     datetime.date | None        set by the caller
``Doc._.articles``     list[ArticleInfo]           ``page_structure``
``Doc._.sentences``    list[tuple[int, int]]       ``page_structure``
``Doc._.candidates``   list[Mention]               every entity-finding component appends
``Doc._.entities``     list[Mention]               ``entity_resolver`` decides, later ones enrich
``Doc._.events``       list[EventRecord]           ``event_extractor``
``Doc._.warnings``     list[str]                   anyone
=====================  ==========================  ==========================================

Leaf module: imports nothing of ours.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc


@dataclass
class Mention:
    """One entity mention in character offsets of ``doc.text``."""

    label: str
    start: int
    end: int
    text: str
    source: str = "rule"  # model | rule | lexicon
    value: dict[str, Any] | None = None
    canonical: str | None = None
    part: str | None = None  # title | dateline | caption | byline | None
    priority: int = 0  # higher wins ties in entity_resolver (see its docstring)
    id: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class DatelineInfo:
    text: str
    start: int
    end: int
    agency: str | None = None
    date_text: str | None = None
    date_start: int | None = None
    date_end: int | None = None
    date: str | None = None  # resolved ISO date


@dataclass
class ArticleInfo:
    """One article of the page; ``regions`` are (start, end, part) of title/dateline/caption/byline."""

    index: int
    start: int
    end: int
    title: str | None = None
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    dateline: DatelineInfo | None = None
    authors: list[str] = field(default_factory=list)
    author_spans: list[tuple[int, int]] = field(default_factory=list)
    caption_spans: list[tuple[int, int]] = field(default_factory=list)
    body_start: int = 0

    def part_at(self, start: int, end: int) -> str | None:
        for s, e in self.title_spans:
            if s <= start and end <= e:
                return "title"
        if self.dateline and self.dateline.start <= start and end <= self.dateline.end:
            return "dateline"
        for s, e in self.caption_spans:
            if s <= start and end <= e:
                return "caption"
        for s, e in self.author_spans:
            if s <= start and end <= e:
                return "byline"
        return None

    def anchor_date(self) -> dt.date | None:
        """The dateline's date, the anchor for year-less and relative dates."""
        if self.dateline and self.dateline.date and len(self.dateline.date) == 10:
            try:
                return dt.date.fromisoformat(self.dateline.date)
            except ValueError:
                return None
        return None


@dataclass
class ArgRecord:
    text: str
    start: int
    end: int
    entity: Mention | None = None
    value: Any = None


@dataclass
class EventRecord:
    type: str
    trigger_text: str
    trigger_start: int
    trigger_end: int
    sentence: tuple[int, int]
    date: str | None = None
    args: dict[str, list[ArgRecord]] = field(default_factory=dict)


def register_extensions() -> None:
    """Register the ``Doc._`` attributes above; safe to call more than once."""
    for name in ("doc_id", "pub_date"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("articles", "sentences", "candidates", "entities", "events", "warnings"):
        if not Doc.has_extension(name):
            # getter-free default lists would be shared between docs; set per doc instead
            Doc.set_extension(name, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins it from the tokens on every access, which cost a
    third of the pipeline's time when each component read it."""
    text = doc.user_data.get("news_text")
    if text is None:  # a Doc's text never changes, so the first build serves every component
        text = doc.text
        doc.user_data["news_text"] = text
    return text


def doc_list(doc: Doc, name: str) -> list:
    """``doc._.<name>`` as a list owned by this doc (created on first use)."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def article_at(articles: list[ArticleInfo], offset: int) -> ArticleInfo | None:
    """The article containing ``offset`` (articles are sorted and disjoint): the last one that
    starts at or before it, if it reaches that far. Asked for every mention: a bisection, so a
    file of thousands of articles costs no more per mention than a page of five."""
    i = bisect.bisect_right(articles, offset, key=_start) - 1
    if i < 0:
        return None
    art = articles[i]
    return art if offset < max(art.end, art.start + 1) else None


def _start(item: Any) -> int:
    return item.start


def sentence_at(sentences: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    i = bisect.bisect_right(sentences, offset, key=_first) - 1
    if i >= 0 and sentences[i][0] <= offset < sentences[i][1]:
        return sentences[i]
    return None


def _first(pair: tuple[int, int]) -> int:
    return pair[0]


def group_by_bounds(mentions: list[Mention], bounds: list[tuple[int, int]]) -> list[list[Mention]]:
    """``[[m for m in mentions if lo <= m.start < hi] for lo, hi in bounds]`` in one pass.

    ``bounds`` are sorted and disjoint (an article's stretch of the page each). Components run
    their rules article by article; filtering every mention of the page for every article made
    a file of thousands of articles quadratic. Each list keeps the mentions' order."""
    groups: list[list[Mention]] = [[] for _ in bounds]
    los = [lo for lo, _ in bounds]
    for m in mentions:
        i = bisect.bisect_right(los, m.start) - 1
        # equal starts make empty bounds before the last of them, which bisect_right skips
        if i >= 0 and m.start < bounds[i][1]:
            groups[i].append(m)
    return groups
