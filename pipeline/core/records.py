"""What the grammars find, as plain dataclasses in character offsets of the normalized text.

``Mention`` (an entity candidate or decided entity), ``ArticleInfo`` and ``DatelineInfo`` (page
structure), ``EventRecord`` and ``ArgRecord`` (events). The spaCy layer keeps lists of them on the
``Doc`` (:mod:`pipeline.language.document` says which component writes which); the grammars and
the run layer read and write them without importing spaCy.

Leaf module: imports nothing of ours.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


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
    date: str | None = None  # resolved ISO date (by the page component; the page reader leaves it None)
    #: where the agency stands (two pieces for 本报和政讯 -> 本报讯): read back as written
    agency_spans: list[tuple[int, int]] = field(default_factory=list)
    #: reporters named inside the dateline (本报讯（记者 王某）), and where each stands
    reporters: list[str] = field(default_factory=list)
    reporter_spans: list[tuple[str, int, int]] = field(default_factory=list)


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
    #: lines of web page chrome (navigation, 来源/责任编辑, related news) inside the article's stretch
    chrome_spans: list[tuple[int, int]] = field(default_factory=list)
    #: where each of ``authors`` stands, parallel to it (a traditional-script page's names as written)
    author_name_spans: list[tuple[int, int]] = field(default_factory=list)

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
        for s, e in self.chrome_spans:
            if s <= start and end <= e:
                return "chrome"
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


def article_bounds(articles: list[ArticleInfo] | None, n: int) -> list[tuple[int, int]]:
    """The stretch of a text of length ``n`` each article owns: from its start (the first from 0)
    to the next article's start (the last to ``n``), so a mention before the first headline or
    between articles still has an article. No articles: the whole text."""
    if not articles:
        return [(0, n)]
    return [(0 if i == 0 else a.start, articles[i + 1].start if i + 1 < len(articles) else n)
            for i, a in enumerate(articles)]


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
