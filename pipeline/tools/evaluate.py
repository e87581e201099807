"""Score the pipeline against hand-made gold (``python cli.py evaluate``, issue #3).

    python cli.py evaluate GOLD_OR_DIR... [--json] [--fail-under KEY=VALUE ...] [--limit N]

Inputs
------
- a directory: every ``NAME.gold.json`` under it (recursively), each with its page;
- a ``NAME.gold.json`` file; a ``NAME.txt`` whose ``NAME.gold.json`` sits beside it;
- a ``.jsonl`` sentence file of ``{"text", "entities": [[start, end, label]]}`` lines
  (``shared/data/*.jsonl``), scored for NER only (``--limit N``: its first N sentences).

The page of a gold file is found, in this order, at ``NAME.txt`` beside the gold, at the gold's
``source`` relative to the gold's directory, and at ``source`` in a ``seeds`` directory next to the
gold's directory (``shared/spec/seed.gold.json`` → ``shared/seeds/000_….txt``). The page's raw bytes
go to :meth:`Extractor.extract` (it decodes; a gold's ``encoding`` names what it should find) with
the gold's ``pub_date`` (null: none given, as a caller would) and ``doc_id`` = NAME.

Scoring is pure: every ``score_*`` function takes gold and :class:`DocumentResult` objects and adds
counts to a :class:`collections.Counter`; :func:`figures` turns counts into the flat dotted figures
that ``--json`` prints and ``--fail-under`` reads. Nothing here imports spaCy; the pipeline is
built only when there is something to run.

Text keys
---------
Texts are compared by a key: full-width ASCII (U+FF01–U+FF5E) to half-width, all whitespace and
zero-width characters dropped. Gold is written in normalized text (``corpus/GUIDELINES.md`` §2);
the key also absorbs the residual differences (``，`` kept full-width by the normalizer, a
line break left inside a mention, a two-line headline joined with a space or not).

Entities (``entities.LABEL.{exact,overlap}.*``)
-----------------------------------------------
Pooled per page (article boundaries are scored separately, under ``articles``), on the seven
labels PER ORG LOC DATE MONEY AREA PERCENT; other labels (QUANTITY, TITLE) on either side are
ignored.

1. *Locating gold.* Gold has texts in raw reading order, seldom offsets. Each gold mention gets a
   span in ``result.text``: its ``start``/``end`` when the gold gives them; otherwise an occurrence
   of its key in the (keyed) text, walking the page in gold order: the first occurrence at or after
   the end of the previous gold mention that does not overlap a span already given to another gold
   mention (gold is not nested); failing that, the nearest such occurrence before it; failing that,
   any occurrence. Caption mentions (``part: caption``) are located the same way but do not move
   the walk, since the normalizer moves captions after their paragraph. A mention whose key does
   not occur is unlocated: it can still match exactly (by text), never by overlap.
2. *Exact match* (per label, one-to-one): same label and same text key. First pairs whose
   predicted span is the gold's located span, then the rest greedily in gold order, each gold
   taking the unpaired prediction of the same text nearest its located position (else the first).
3. *Overlap match*: the exact pairs, plus remaining gold and predicted mentions of the same label
   whose spans overlap, paired greedily by overlap length (longest first). So overlap ≥ exact.
4. *Counting.* A pair with a non-optional gold is a TP; a pair with an ``optional`` gold counts
   nothing; an unpaired non-optional gold is a FN, an unpaired optional one nothing; an unpaired
   prediction is a FP unless its span overlaps the located span of an optional gold mention of the
   same label (then it counts nothing).

Precision, recall, F1 per label, micro over all seven (``entities.all``) and over the four value
labels (``entities.value_labels``). F1 = 2TP/(2TP+FP+FN); a figure whose denominator is 0 is null.

Values (``values.LABEL.accuracy``)
----------------------------------
Over exact pairs of DATE/MONEY/AREA/PERCENT with a non-optional gold that has a value: the
fraction whose predicted value is equal — DATE: ``iso`` equal (``approx`` ignored); MONEY:
``amount`` within 0.5 % relative or 0.01 absolute, ``currency`` (default CNY) and ``qualifier``
equal; AREA: ``amount`` (m²) within the same tolerance, ``qualifier`` equal; PERCENT: ``amount``
within ±0.01 and ``points`` equal. Where the gold gives a range's ``min``, it must match too
(same tolerance). A missing predicted value is wrong.

Events (``events.TYPE.*``, ``events.all.*``)
--------------------------------------------
Pooled per page. A predicted event pairs with a gold event of the same type whose ``trigger``
has the same text key; when several could pair, the pairs sharing more arguments (below) win,
then reading order. Optional gold events count like optional entities: paired, nothing; unpaired,
no FN; an unpaired prediction of the same type and trigger as an optional gold event counts
nothing. A gold argument (role, text), non-optional, is *found* when the paired prediction has an
argument in the same role whose text key equals, contains or is contained in the gold's.
``arg_recall`` = found / gold arguments of paired events; ``arg_recall_all`` = found / gold
arguments of all non-optional gold events (those of missed events count as misses).
``date_accuracy``: paired events whose gold ``date`` is set with an equal predicted ``date``.

Articles (``articles.*``)
-------------------------
``count_accuracy``: pages whose predicted article count equals the gold's. Gold and predicted
articles are paired in order when the counts are equal; otherwise by an order-keeping alignment
that pairs equal titles first (then similar titles, then by position); unpaired gold articles are
wrong on every figure. ``title_accuracy`` (title keys equal, both null counts as equal),
``dateline_accuracy`` (agency key and date equal, or both datelines null), ``byline_accuracy``
(author key lists equal, in order) are fractions of gold articles.

NER sentence files (``ner.LABEL.*``)
------------------------------------
Labels map CLUENER ``name``→PER, ``company``/``organization``/``government``→ORG,
``address``/``scene``→LOC, PD ``PER``/``LOC``/``ORG`` as is; other labels are dropped. Each sentence
goes through :meth:`Extractor.extract_many` as its own document; predicted PER/ORG/LOC entities are
compared by exact (``raw_start``, ``raw_end``, label) — raw offsets point into the sentence as
given. A sentence the pipeline rejects counts its gold as misses.

Failures and exit status
------------------------
A page whose extraction raises is reported (stderr and the table) and scored against an empty
result, so all its gold items are misses. Exit 0 when all is well; 1 when a ``--fail-under``
figure is below its floor (each one listed; a null figure counts as below), a page failed
extraction, or a gold file was unusable (invalid, or its page not found); 2 for bad usage: a path
that does not exist or holds nothing to score, an unknown ``--fail-under`` key (checked before the
pipeline runs) or a value that is not a number.

``--fail-under`` keys are the dotted keys of ``--json`` (``entities.DATE.exact.f1``,
``entities.DATE.overlap.f1``, ``values.DATE.accuracy``, ``events.meeting.f1``,
``events.all.arg_recall``, ``articles.title_accuracy``, ``ner.PER.f1`` …) or short forms:
``DATE.f1`` = ``entities.DATE.exact.f1``, ``DATE.accuracy`` = ``values.DATE.accuracy``,
``p``/``r`` for precision/recall; a short form is tried under ``entities``, ``values``,
``events``, ``articles``, ``ner`` in that order. Values are fractions (``0.8``) or percents
(``80%``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .gold import GoldArticle, GoldEntity, GoldEvent, GoldPage, load_gold
from ..schema import (
    CORE_LABELS,
    EVENT_TYPES,
    VALUE_LABELS,
    Article,
    DocumentResult,
    ErrorRecord,
    Event,
)

LABELS: tuple[str, ...] = CORE_LABELS
NER_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC")
#: Sentence-file labels → ours (CLUENER and People's Daily); anything else is dropped.
NER_LABEL_MAP: dict[str, str] = {
    "name": "PER",
    "company": "ORG", "organization": "ORG", "government": "ORG",
    "address": "LOC", "scene": "LOC",
    "PER": "PER", "ORG": "ORG", "LOC": "LOC",
}
REL_TOL = 0.005
ABS_TOL = 0.01

Span = tuple[int, int]


class UsageError(Exception):
    """Bad command line: exit status 2."""


# ============================================================================ text keys

_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def key_char(ch: str) -> str:
    """One character as compared: full-width ASCII to half-width, whitespace dropped ('').

    >>> key_char("（"), key_char("，"), key_char("\\u3000"), key_char("年")
    ('(', ',', '', '年')
    """
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch.isspace() or ch in _DROP:
        return ""
    return ch


def text_key(text: str | None) -> str:
    """The comparison key of a text (see the module docstring).

    >>> text_key("东方旭能（山东） 科技")
    '东方旭能(山东)科技'
    """
    if not text:
        return ""
    return "".join(key_char(ch) for ch in text)


def squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` keyed, with the index in ``text`` of every kept character."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        k = key_char(ch)
        if k:
            chars.append(k)
            index.append(i)
    return "".join(chars), index


def overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _overlap_len(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# ============================================================================ locating gold


def locate_gold(entities: Sequence[GoldEntity], text: str) -> list[Span | None]:
    """A span in ``text`` for each gold mention, walking the page in gold order (module docstring).

    >>> from pipeline.tools.gold import GoldEntity as G
    >>> locate_gold([G(label="ORG", text="阳泉高新区"), G(label="ORG", text="高新区"),
    ...              G(label="LOC", text="北京")], "阳泉高新区说，高新区好")
    [(0, 5), (7, 10), None]
    """
    squeezed, index = squeeze(text)
    occurrences: dict[str, list[Span]] = {}
    used: list[Span] = []
    spans: list[Span | None] = []
    cursor = 0
    for ent in entities:
        span: Span | None = None
        if ent.start is not None and ent.end is not None and 0 <= ent.start < ent.end <= len(text):
            span = (ent.start, ent.end)
        else:
            k = text_key(ent.text)
            if k:
                if k not in occurrences:
                    found: list[Span] = []
                    pos = squeezed.find(k)
                    while pos >= 0:
                        found.append((index[pos], index[pos + len(k) - 1] + 1))
                        pos = squeezed.find(k, pos + 1)
                    occurrences[k] = found
                span = _choose(occurrences[k], cursor, used)
        spans.append(span)
        if span is not None:
            used.append(span)
            if ent.part != "caption":
                cursor = span[1]
    return spans


def _choose(candidates: list[Span], cursor: int, used: list[Span]) -> Span | None:
    if not candidates:
        return None
    free = [s for s in candidates if not any(overlaps(s, u) for u in used)]
    after = [s for s in free if s[0] >= cursor]
    if after:
        return after[0]
    if free:
        return free[-1]
    after = [s for s in candidates if s[0] >= cursor]
    return after[0] if after else candidates[-1]


# ============================================================================ entities


@dataclass
class _GoldMention:
    label: str
    key: str
    optional: bool
    value: dict[str, Any] | None
    span: Span | None
    text: str


@dataclass
class _PredMention:
    label: str
    key: str
    span: Span
    value: dict[str, Any] | None
    text: str


@dataclass
class EntityMatch:
    """The pairs of one label on one page (indices into the gold / predicted lists)."""

    gold: list[_GoldMention]
    pred: list[_PredMention]
    exact: list[tuple[int, int]]
    overlap: list[tuple[int, int]]


def page_gold_entities(gold: GoldPage) -> list[GoldEntity]:
    return [e for a in gold.articles for e in a.entities]


def match_entities(gold_entities: Sequence[GoldEntity], result: DocumentResult) -> dict[str, EntityMatch]:
    """Per label, the exact and overlap pairs between a page's gold and its result."""
    spans = locate_gold(gold_entities, result.text)
    golds = [
        _GoldMention(e.label, text_key(e.text), e.optional, e.value, span, e.text)
        for e, span in zip(gold_entities, spans)
    ]
    preds = [
        _PredMention(e.label, text_key(e.text), (e.start, e.end),
                     e.value.model_dump() if e.value is not None else None, e.text)
        for e in result.iter_entities()
    ]
    matches: dict[str, EntityMatch] = {}
    for label in LABELS:
        g = [m for m in golds if m.label == label]
        p = sorted((m for m in preds if m.label == label), key=lambda m: m.span)
        exact = _exact_pairs(g, p)
        matches[label] = EntityMatch(g, p, exact, _overlap_pairs(g, p, exact))
    return matches


def _exact_pairs(golds: list[_GoldMention], preds: list[_PredMention]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    by_pos: dict[tuple[str, Span], list[int]] = {}
    for j, p in enumerate(preds):
        by_pos.setdefault((p.key, p.span), []).append(j)
    for i, g in enumerate(golds):  # pass 1: the prediction sits where the gold was located
        if g.span is None:
            continue
        for j in by_pos.get((g.key, g.span), []):
            if j not in taken_p:
                pairs.append((i, j))
                taken_g.add(i)
                taken_p.add(j)
                break
    for i, g in enumerate(golds):  # pass 2: same text elsewhere, nearest first
        if i in taken_g:
            continue
        cands = [j for j, p in enumerate(preds) if j not in taken_p and p.key == g.key]
        if not cands:
            continue
        if g.span is not None:
            j = min(cands, key=lambda j: (abs(preds[j].span[0] - g.span[0]), j))
        else:
            j = cands[0]
        pairs.append((i, j))
        taken_g.add(i)
        taken_p.add(j)
    return sorted(pairs)


def _overlap_pairs(golds: list[_GoldMention], preds: list[_PredMention],
                   exact: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pairs = list(exact)
    taken_g = {i for i, _ in exact}
    taken_p = {j for _, j in exact}
    cands = [
        (-_overlap_len(g.span, p.span), i, j)
        for i, g in enumerate(golds) if i not in taken_g and g.span is not None
        for j, p in enumerate(preds) if j not in taken_p and overlaps(g.span, p.span)
    ]
    return sorted(pairs + _greedy_pairs(cands, taken_g, taken_p))


def _greedy_pairs(cands: list[tuple], taken_g: set[int], taken_p: set[int]) -> list[tuple[int, int]]:
    """Pair (score, gold, pred) candidates best score first, each side used once."""
    pairs: list[tuple[int, int]] = []
    for _, i, j in sorted(cands):
        if i in taken_g or j in taken_p:
            continue
        pairs.append((i, j))
        taken_g.add(i)
        taken_p.add(j)
    return pairs


def _count_pairs(m: EntityMatch, pairs: list[tuple[int, int]]) -> tuple[int, int, int]:
    tp = sum(1 for i, _ in pairs if not m.gold[i].optional)
    paired_g = {i for i, _ in pairs}
    paired_p = {j for _, j in pairs}
    fn = sum(1 for i, g in enumerate(m.gold) if i not in paired_g and not g.optional)
    optional_spans = [g.span for g in m.gold if g.optional and g.span is not None]
    fp = sum(
        1 for j, p in enumerate(m.pred)
        if j not in paired_p and not any(overlaps(p.span, s) for s in optional_spans)
    )
    return tp, fp, fn


def score_entities(gold_entities: Sequence[GoldEntity], result: DocumentResult,
                   tally: Counter) -> dict[str, EntityMatch]:
    """Add entity and value counts of one page to ``tally``; returns the matches (for reports)."""
    matches = match_entities(gold_entities, result)
    for label, m in matches.items():
        tally[f"entities.{label}.gold"] += sum(1 for g in m.gold if not g.optional)
        tally[f"entities.{label}.optional"] += sum(1 for g in m.gold if g.optional)
        tally[f"entities.{label}.pred"] += len(m.pred)
        for mode, pairs in (("exact", m.exact), ("overlap", m.overlap)):
            tp, fp, fn = _count_pairs(m, pairs)
            tally[f"entities.{label}.{mode}.tp"] += tp
            tally[f"entities.{label}.{mode}.fp"] += fp
            tally[f"entities.{label}.{mode}.fn"] += fn
        if label in VALUE_LABELS:
            for i, j in m.exact:
                g = m.gold[i]
                if g.optional or not _has_value(label, g.value):
                    continue
                tally[f"values.{label}.total"] += 1
                if value_equal(label, g.value, m.pred[j].value):
                    tally[f"values.{label}.correct"] += 1
    return matches


def _has_value(label: str, value: dict[str, Any] | None) -> bool:
    if not value:
        return False
    if label == "DATE":
        return bool(value.get("iso"))
    return value.get("amount") is not None


def _close(a: Any, b: Any, *, rel: float = REL_TOL, abs_: float = ABS_TOL) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def value_equal(label: str, gold: dict[str, Any], pred: dict[str, Any] | None) -> bool:
    """Whether a predicted value counts as the gold's (module docstring).

    >>> value_equal("MONEY", {"amount": 9080000, "currency": "CNY", "qualifier": None},
    ...             {"amount": 9.1e6, "currency": "CNY", "qualifier": None})
    True
    >>> value_equal("PERCENT", {"amount": 0.9, "points": True}, {"amount": 0.9, "points": False})
    False
    """
    if not pred:
        return False
    if label == "DATE":
        return str(gold.get("iso")).strip() == str(pred.get("iso")).strip()
    if gold.get("min") is not None and not _close(gold["min"], pred.get("min")):
        return False
    if label == "PERCENT":
        return (_close(gold.get("amount"), pred.get("amount"), rel=0.0)
                and bool(gold.get("points")) == bool(pred.get("points")))
    if not _close(gold.get("amount"), pred.get("amount")):
        return False
    if gold.get("qualifier") != pred.get("qualifier"):
        return False
    if label == "MONEY":
        return (gold.get("currency") or "CNY") == (pred.get("currency") or "CNY")
    return True


# ============================================================================ events


def _arg_found(gold_text: str, pred_args: Iterable[str]) -> bool:
    g = text_key(gold_text)
    if not g:
        return False
    for text in pred_args:
        p = text_key(text)
        if p and (p == g or p in g or g in p):
            return True
    return False


def _found_args(gold: GoldEvent, pred: Event, *, include_optional: bool) -> tuple[int, int]:
    """(found, total) gold arguments of ``gold`` that ``pred`` has."""
    found = total = 0
    for role, args in gold.args.items():
        pred_texts = [a.text for a in pred.args.get(role, [])]
        for arg in args:
            if arg.optional and not include_optional:
                continue
            total += 1
            found += _arg_found(arg.text, pred_texts)
    return found, total


def _gold_arg_count(gold: GoldEvent) -> int:
    return sum(1 for args in gold.args.values() for a in args if not a.optional)


def match_events(gold_events: Sequence[GoldEvent], pred_events: Sequence[Event]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index): same type and trigger key, more shared args first."""
    cands = []
    for i, g in enumerate(gold_events):
        gk = text_key(g.trigger)
        for j, p in enumerate(pred_events):
            if p.type == g.type and text_key(p.trigger.text) == gk:
                shared, _ = _found_args(g, p, include_optional=True)
                cands.append((-shared, i, j))
    return sorted(_greedy_pairs(cands, set(), set()))


def score_events(gold_events: Sequence[GoldEvent], pred_events: Sequence[Event],
                 tally: Counter) -> list[tuple[int, int]]:
    """Add event counts of one page to ``tally``; returns the pairs."""
    pairs = match_events(gold_events, pred_events)
    paired_g = {i for i, _ in pairs}
    paired_p = {j for _, j in pairs}
    for i, j in pairs:
        g, p = gold_events[i], pred_events[j]
        if g.optional:
            continue
        t = g.type
        tally[f"events.{t}.tp"] += 1
        found, total = _found_args(g, p, include_optional=False)
        tally[f"events.{t}.args_found"] += found
        tally[f"events.{t}.args_paired"] += total
        if g.date:
            tally[f"events.{t}.dates"] += 1
            tally[f"events.{t}.dates_correct"] += int(g.date == p.date)
    for i, g in enumerate(gold_events):
        if g.optional:
            continue
        tally[f"events.{g.type}.gold"] += 1
        tally[f"events.{g.type}.args_all"] += _gold_arg_count(g)
        if i not in paired_g:
            tally[f"events.{g.type}.fn"] += 1
    optional_triggers = {(g.type, text_key(g.trigger)) for g in gold_events if g.optional}
    for j, p in enumerate(pred_events):
        tally[f"events.{p.type}.pred"] += 1
        if j not in paired_p and (p.type, text_key(p.trigger.text)) not in optional_triggers:
            tally[f"events.{p.type}.fp"] += 1
    return pairs


# ============================================================================ articles


def align_articles(gold: Sequence[GoldArticle], pred: Sequence[Article]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index): by order when counts agree, else an order-keeping
    alignment preferring equal titles, then similar ones."""
    if len(gold) == len(pred):
        return [(i, i) for i in range(len(gold))]
    n, m = len(gold), len(pred)
    gk = [text_key(a.title) for a in gold]
    pk = [text_key(a.title) for a in pred]

    def sim(i: int, j: int) -> float:
        if gk[i] == pk[j]:
            return 1.0
        ratio = difflib.SequenceMatcher(None, gk[i], pk[j]).ratio() if gk[i] and pk[j] else 0.0
        return 0.01 + 0.5 * ratio

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + sim(i - 1, j - 1))
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if math.isclose(best[i][j], best[i - 1][j - 1] + sim(i - 1, j - 1)):
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif math.isclose(best[i][j], best[i - 1][j]):
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _dateline_equal(gold: GoldArticle, pred: Article) -> bool:
    g, p = gold.dateline, pred.dateline
    if g is None or (g.agency is None and g.date is None):
        return p is None or (p.agency is None and p.date is None)
    if p is None:
        return False
    return text_key(g.agency) == text_key(p.agency) and g.date == p.date


def score_articles(gold: Sequence[GoldArticle], pred: Sequence[Article],
                   tally: Counter) -> list[tuple[int, int]]:
    tally["articles.pages"] += 1
    tally["articles.gold"] += len(gold)
    tally["articles.pred"] += len(pred)
    tally["articles.count_correct"] += int(len(gold) == len(pred))
    pairs = align_articles(gold, pred)
    for i, j in pairs:
        g, p = gold[i], pred[j]
        tally["articles.title_correct"] += int(text_key(g.title) == text_key(p.title))
        tally["articles.dateline_correct"] += int(_dateline_equal(g, p))
        tally["articles.byline_correct"] += int(
            [text_key(a) for a in g.authors] == [text_key(a) for a in p.authors])
    return pairs


# ============================================================================ pages


def score_page(gold: GoldPage, result: DocumentResult, tally: Counter | None = None) -> Counter:
    """All counts of one page (entities, values, events, articles) added to ``tally``."""
    tally = Counter() if tally is None else tally
    tally["pages"] += 1
    score_entities(page_gold_entities(gold), result, tally)
    score_events([e for a in gold.articles for e in a.events], list(result.iter_events()), tally)
    score_articles(gold.articles, result.articles, tally)
    return tally


def empty_result(doc_id: str) -> DocumentResult:
    """What a page that failed extraction is scored against: nothing found."""
    return DocumentResult(doc_id=doc_id, text="")


# ============================================================================ NER sentence files


@dataclass
class Sentence:
    text: str
    spans: set[tuple[int, int, str]]


def read_sentences(path: str | Path, limit: int | None = None) -> tuple[list[Sentence], list[str]]:
    """The sentences of a ``{"text", "entities"}`` JSONL file, labels mapped; (sentences, problems)."""
    sentences: list[Sentence] = []
    problems: list[str] = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(sentences) >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                spans = set()
                for start, end, label in record.get("entities") or []:
                    mapped = NER_LABEL_MAP.get(label)
                    if mapped is not None:
                        spans.add((int(start), int(end), mapped))
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{path}:{lineno}: skipped: {type(exc).__name__}: {exc}")
                continue
            sentences.append(Sentence(text, spans))
    return sentences, problems


def score_ner_sentence(sentence: Sentence, result: DocumentResult | ErrorRecord | None,
                       tally: Counter) -> None:
    """Exact (raw offsets, label) comparison of one sentence on PER/ORG/LOC."""
    tally["ner.sentences"] += 1
    pred: set[tuple[int, int, str]] = set()
    if isinstance(result, DocumentResult):
        pred = {(e.raw_start, e.raw_end, e.label) for e in result.iter_entities() if e.label in NER_LABELS}
    else:
        tally["ner.failed"] += 1
    for label in NER_LABELS:
        g = {s for s in sentence.spans if s[2] == label}
        p = {s for s in pred if s[2] == label}
        tally[f"ner.{label}.tp"] += len(g & p)
        tally[f"ner.{label}.fp"] += len(p - g)
        tally[f"ner.{label}.fn"] += len(g - p)


def score_ner_file(sentences: Sequence[Sentence], extractor: Any, tally: Counter, *,
                   name: str = "sentences", batch_size: int = 64) -> None:
    """Run ``extractor.extract_many`` (one item a sentence) and score every sentence."""
    items = ({"id": f"{name}:{n}", "text": s.text} for n, s in enumerate(sentences, 1))
    results = extractor.extract_many(items, batch_size=batch_size)
    count = 0
    for sentence, result in zip(sentences, results):
        score_ner_sentence(sentence, result, tally)
        count += 1
    for sentence in sentences[count:]:  # the extractor stopped early: the rest are misses
        score_ner_sentence(sentence, None, tally)


# ============================================================================ figures


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    return {
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "tp": tp, "fp": fp, "fn": fn,
    }


def figures(tally: Counter, *, pages: bool = True, ner: bool = False) -> dict[str, Any]:
    """Flat dotted figures from counts; every key is present (null when undefined)."""
    out: dict[str, Any] = {}
    if pages:
        out["pages"] = tally["pages"]
        out["pages_failed"] = tally["pages_failed"]
        groups = [(label, (label,)) for label in LABELS]
        groups += [("all", LABELS), ("value_labels", VALUE_LABELS)]
        for name, labels in groups:
            for what in ("gold", "optional", "pred"):
                out[f"entities.{name}.{what}"] = sum(tally[f"entities.{l}.{what}"] for l in labels)
            for mode in ("exact", "overlap"):
                tp, fp, fn = (sum(tally[f"entities.{l}.{mode}.{c}"] for l in labels) for c in ("tp", "fp", "fn"))
                for k, v in _prf(tp, fp, fn).items():
                    out[f"entities.{name}.{mode}.{k}"] = v
        for name, labels in [(l, (l,)) for l in VALUE_LABELS] + [("all", VALUE_LABELS)]:
            correct = sum(tally[f"values.{l}.correct"] for l in labels)
            total = sum(tally[f"values.{l}.total"] for l in labels)
            out[f"values.{name}.accuracy"] = _ratio(correct, total)
            out[f"values.{name}.correct"] = correct
            out[f"values.{name}.total"] = total
        for name, types in [(t, (t,)) for t in EVENT_TYPES] + [("all", EVENT_TYPES)]:
            s = {c: sum(tally[f"events.{t}.{c}"] for t in types)
                 for c in ("tp", "fp", "fn", "gold", "pred", "args_found", "args_paired", "args_all",
                           "dates", "dates_correct")}
            for k, v in _prf(s["tp"], s["fp"], s["fn"]).items():
                out[f"events.{name}.{k}"] = v
            out[f"events.{name}.gold"] = s["gold"]
            out[f"events.{name}.pred"] = s["pred"]
            out[f"events.{name}.arg_recall"] = _ratio(s["args_found"], s["args_paired"])
            out[f"events.{name}.arg_recall_all"] = _ratio(s["args_found"], s["args_all"])
            out[f"events.{name}.args"] = s["args_all"]
            out[f"events.{name}.date_accuracy"] = _ratio(s["dates_correct"], s["dates"])
        n_gold = tally["articles.gold"]
        out["articles.pages"] = tally["articles.pages"]
        out["articles.gold"] = n_gold
        out["articles.pred"] = tally["articles.pred"]
        out["articles.count_accuracy"] = _ratio(tally["articles.count_correct"], tally["articles.pages"])
        for what in ("title", "dateline", "byline"):
            out[f"articles.{what}_accuracy"] = _ratio(tally[f"articles.{what}_correct"], n_gold)
    if ner:
        out["ner.sentences"] = tally["ner.sentences"]
        out["ner.failed"] = tally["ner.failed"]
        for name, labels in [(l, (l,)) for l in NER_LABELS] + [("all", NER_LABELS)]:
            tp, fp, fn = (sum(tally[f"ner.{l}.{c}"] for l in labels) for c in ("tp", "fp", "fn"))
            for k, v in _prf(tp, fp, fn).items():
                out[f"ner.{name}.{k}"] = v
    return out


# ============================================================================ --fail-under

_METRIC_ALIASES = {"p": "precision", "r": "recall", "f": "f1", "acc": "accuracy"}
_SECTIONS = ("entities", "values", "events", "articles", "ner")


def resolve_key(key: str, known: Iterable[str]) -> str | None:
    """The figure a ``--fail-under`` key names, long or short form; None when unknown.

    >>> known = ["entities.DATE.exact.f1", "values.DATE.accuracy", "ner.PER.f1"]
    >>> resolve_key("DATE.f1", known), resolve_key("DATE.accuracy", known), resolve_key("PER.f1", known)
    ('entities.DATE.exact.f1', 'values.DATE.accuracy', 'ner.PER.f1')
    """
    known = set(known)
    parts = key.strip().split(".")
    parts[-1] = _METRIC_ALIASES.get(parts[-1], parts[-1])
    key = ".".join(parts)
    candidates = [key]
    if parts[0] not in _SECTIONS:
        candidates += [f"{section}.{key}" for section in _SECTIONS]
    expanded = []
    for c in candidates:
        expanded.append(c)
        p = c.split(".")
        if p[0] == "entities" and len(p) == 3:
            expanded.append(f"entities.{p[1]}.exact.{p[2]}")
    for c in expanded:
        if c in known:
            return c
    return None


@dataclass
class Floor:
    spec: str
    key: str
    value: float


def parse_floors(specs: Sequence[str], known: Iterable[str]) -> list[Floor]:
    """``KEY=VALUE`` strings → floors; raises :class:`UsageError` for unknown keys or bad values."""
    known = sorted(set(known))
    floors = []
    for spec in specs or []:
        if "=" not in spec:
            raise UsageError(f"--fail-under {spec!r}: expected KEY=VALUE")
        key, raw = spec.split("=", 1)
        resolved = resolve_key(key, known)
        if resolved is None:
            near = difflib.get_close_matches(key, known, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise UsageError(f"--fail-under: unknown key {key!r}{hint} (see the keys of --json)")
        raw = raw.strip()
        try:
            value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
        except ValueError:
            raise UsageError(f"--fail-under {spec!r}: {raw!r} is not a number") from None
        floors.append(Floor(spec, resolved, value))
    return floors


def check_floors(floors: Sequence[Floor], figs: dict[str, Any]) -> list[str]:
    """One message per figure below its floor (a null figure is below any floor)."""
    failures = []
    for f in floors:
        v = figs.get(f.key)
        if v is None:
            failures.append(f"{f.key} is undefined (nothing to score), floor {f.value:g}")
        elif not isinstance(v, (int, float)) or v < f.value:
            failures.append(f"{f.key} = {v:.4f} < {f.value:g}")
    return failures


# ============================================================================ inputs


@dataclass
class PageJob:
    name: str
    gold_path: Path
    txt_path: Path | None = None
    gold: GoldPage | None = None
    problem: str | None = None


def _gold_name(path: Path) -> str:
    return path.name[: -len(".gold.json")] if path.name.endswith(".gold.json") else path.stem


def find_page(gold_path: Path, gold: GoldPage) -> Path | None:
    """The page of a gold file (module docstring: beside it, ``source``, ``../seeds/source``)."""
    here = gold_path.parent
    candidates = [here / f"{_gold_name(gold_path)}.txt"]
    if gold.source:
        candidates += [here / gold.source, here.parent / "seeds" / gold.source]
    for c in candidates:
        if c.is_file():
            return c
    return None


def page_job(gold_path: Path) -> PageJob:
    job = PageJob(_gold_name(gold_path), gold_path)
    try:
        job.gold = load_gold(gold_path)
    except ValueError as exc:
        job.problem = str(exc).splitlines()[0] + " (" + _short_error(exc) + ")"
        return job
    job.txt_path = find_page(gold_path, job.gold)
    if job.txt_path is None:
        job.problem = (f"{gold_path}: page {job.gold.source!r} not found (looked beside the gold "
                       "and in ../seeds)")
    return job


def _short_error(exc: Exception) -> str:
    cause = exc.__cause__
    text = str(cause) if cause is not None else str(exc)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "; ".join(lines[:3])[:300]


def discover(paths: Sequence[str]) -> tuple[list[PageJob], list[Path]]:
    """(gold page jobs, sentence files) named by the command line; raises UsageError."""
    jobs: list[PageJob] = []
    sentence_files: list[Path] = []
    for spec in paths:
        path = Path(spec)
        if not path.exists():
            raise UsageError(f"{spec}: no such file or directory")
        if path.is_dir():
            golds = sorted(p for p in path.rglob("*.gold.json") if p.is_file())
            if not golds:
                raise UsageError(f"{spec}: no *.gold.json files in this directory")
            jobs.extend(page_job(p) for p in golds)
        elif path.name.endswith(".gold.json"):
            jobs.append(page_job(path))
        elif path.suffix == ".jsonl":
            sentence_files.append(path)
        elif path.suffix == ".txt":
            gold_path = path.with_name(f"{path.stem}.gold.json")
            if not gold_path.is_file():
                raise UsageError(f"{spec}: no {gold_path.name} beside it")
            jobs.append(page_job(gold_path))
        else:
            raise UsageError(f"{spec}: expected a directory, a NAME.gold.json, a NAME.txt or a .jsonl")
    return jobs, sentence_files


# ============================================================================ running


@dataclass
class Report:
    tally: Counter = field(default_factory=Counter)
    files: dict[str, Counter] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # file name -> "page" / "sentences"
    problems: list[str] = field(default_factory=list)
    has_pages: bool = False
    has_ner: bool = False
    failed: bool = False  # a gold file was unusable, or a page / sentence file failed extraction

    def figures(self) -> dict[str, Any]:
        return figures(self.tally, pages=self.has_pages, ner=self.has_ner)

    def file_figures(self, name: str) -> dict[str, Any]:
        kind = self.kinds[name]
        return figures(self.files[name], pages=kind == "page", ner=kind == "sentences")


def known_keys(*, pages: bool, ner: bool) -> list[str]:
    return [k for k, v in figures(Counter(), pages=pages, ner=ner).items()
            if v is None or isinstance(v, (int, float))]


def evaluate(jobs: Sequence[PageJob], sentence_files: Sequence[Path], *,
             extractor_factory: Callable[[], Any], limit: int | None = None,
             log: TextIO | None = None) -> Report:
    """Run the pipeline on every page and sentence file and score it."""
    log = sys.stderr if log is None else log
    report = Report(has_pages=bool(jobs), has_ner=bool(sentence_files))
    extractor = None
    build_error: Exception | None = None

    def get_extractor():
        # built once, on first use; a pipeline that cannot be built fails every page the same way
        nonlocal extractor, build_error
        if build_error is not None:
            raise build_error
        if extractor is None:
            try:
                extractor = extractor_factory()
            except Exception as exc:  # noqa: BLE001
                build_error = exc
                raise
        return extractor

    for job in jobs:
        if job.problem is not None or job.gold is None or job.txt_path is None:
            msg = job.problem or f"{job.gold_path}: unusable"
            report.problems.append(f"skipped: {msg}")
            report.failed = True
            print(f"error: {msg}", file=log)
            continue
        name = _unique(job.name, report.files)
        tally: Counter = Counter()
        try:
            data = job.txt_path.read_bytes()
            result = get_extractor().extract(data, pub_date=job.gold.pub_date, doc_id=job.name)
        except Exception as exc:  # noqa: BLE001 - a failing page is scored as all misses
            msg = f"{name}: extraction failed: {type(exc).__name__}: {exc}"
            report.problems.append(msg + " (all its gold items count as misses)")
            report.failed = True
            print(f"error: {msg}", file=log)
            tally["pages_failed"] += 1
            result = empty_result(job.name)
        score_page(job.gold, result, tally)
        report.files[name] = tally
        report.kinds[name] = "page"
        report.tally.update(tally)
    for path in sentence_files:
        name = _unique(path.name, report.files)
        sentences, problems = read_sentences(path, limit)
        for p in problems[:5]:
            print(f"warning: {p}", file=log)
        if problems:
            report.problems.append(f"{path}: {len(problems)} unreadable line(s) skipped")
        tally = Counter()
        try:
            score_ner_file(sentences, get_extractor(), tally, name=path.stem)
        except Exception as exc:  # noqa: BLE001
            msg = f"{name}: extraction failed: {type(exc).__name__}: {exc}"
            report.problems.append(msg + " (all its gold entities count as misses)")
            report.failed = True
            print(f"error: {msg}", file=log)
            tally = Counter()
            for s in sentences:
                score_ner_sentence(s, None, tally)
        report.files[name] = tally
        report.kinds[name] = "sentences"
        report.tally.update(tally)
    return report


def _unique(name: str, taken: dict[str, Any]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name}#{n}" in taken:
        n += 1
    return f"{name}#{n}"


# ============================================================================ table


def _f(v: Any, width: int = 6) -> str:
    if v is None:
        return "-".rjust(width)
    if isinstance(v, float):
        return f"{v:.3f}".rjust(width)
    return str(v).rjust(width)


def format_table(report: Report) -> str:
    figs = report.figures()
    lines: list[str] = []
    head = []
    if report.has_pages:
        head.append(f"{figs['pages']} page(s), {figs['pages_failed']} failed extraction")
    if report.has_ner:
        head.append(f"{figs['ner.sentences']} NER sentence(s), {figs['ner.failed']} rejected")
    lines.append("Evaluated " + "; ".join(head))
    if report.has_pages:
        lines += ["", f"{'ENTITIES':<13}{'gold':>6}{'opt':>5}{'pred':>6}  |"
                      f"{'exact P':>9}{'R':>7}{'F1':>7}  |{'overlap P':>10}{'R':>7}{'F1':>7}"]
        for name in (*LABELS, "all", "value_labels"):
            if name == "all":
                lines.append("-" * 84)
            e = f"entities.{name}"
            lines.append(
                f"{name:<13}{_f(figs[e + '.gold'])}{_f(figs[e + '.optional'], 5)}{_f(figs[e + '.pred'])}  |"
                f"{_f(figs[e + '.exact.precision'], 9)}{_f(figs[e + '.exact.recall'], 7)}"
                f"{_f(figs[e + '.exact.f1'], 7)}  |{_f(figs[e + '.overlap.precision'], 10)}"
                f"{_f(figs[e + '.overlap.recall'], 7)}{_f(figs[e + '.overlap.f1'], 7)}"
            )
        lines += ["", f"{'VALUES':<13}{'pairs':>6}{'right':>7}{'accuracy':>10}"]
        for name in (*VALUE_LABELS, "all"):
            v = f"values.{name}"
            lines.append(f"{name:<13}{_f(figs[v + '.total'])}{_f(figs[v + '.correct'], 7)}"
                         f"{_f(figs[v + '.accuracy'], 10)}")
        lines += ["", f"{'EVENTS':<19}{'gold':>5}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}"
                      f"{'argR':>7}{'argR_all':>10}{'date':>7}"]
        for name in (*EVENT_TYPES, "all"):
            if name == "all":
                lines.append("-" * 75)
            v = f"events.{name}"
            lines.append(
                f"{name:<19}{_f(figs[v + '.gold'], 5)}{_f(figs[v + '.pred'])}{_f(figs[v + '.precision'], 7)}"
                f"{_f(figs[v + '.recall'], 7)}{_f(figs[v + '.f1'], 7)}{_f(figs[v + '.arg_recall'], 7)}"
                f"{_f(figs[v + '.arg_recall_all'], 10)}{_f(figs[v + '.date_accuracy'], 7)}"
            )
        lines += [
            "",
            f"ARTICLES  gold {figs['articles.gold']}, predicted {figs['articles.pred']}; "
            f"count right on {_f(figs['articles.count_accuracy'], 0).strip()} of pages",
            f"          title {_f(figs['articles.title_accuracy'], 0).strip()}  "
            f"dateline {_f(figs['articles.dateline_accuracy'], 0).strip()}  "
            f"byline {_f(figs['articles.byline_accuracy'], 0).strip()}",
        ]
    if report.has_ner:
        lines += ["", f"{'NER (sentences)':<16}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>7}{'F1':>7}"]
        for name in (*NER_LABELS, "all"):
            v = f"ner.{name}"
            lines.append(f"{name:<16}{_f(figs[v + '.tp'])}{_f(figs[v + '.fp'])}{_f(figs[v + '.fn'])}"
                         f"{_f(figs[v + '.precision'], 8)}{_f(figs[v + '.recall'], 7)}{_f(figs[v + '.f1'], 7)}")
    pages = [n for n in report.files if report.kinds[n] == "page"]
    if pages:
        width = max(12, *(len(n) for n in pages)) + 2
        lines += ["", f"{'PER PAGE':<{width}}{'ents':>6}{'exF1':>7}{'ovF1':>7}{'events':>8}{'evF1':>7}"
                      f"{'argR':>7}{'arts g/p':>10}"]
        for name in pages:
            f = report.file_figures(name)
            mark = "  (failed)" if f["pages_failed"] else ""
            lines.append(
                f"{name:<{width}}{_f(f['entities.all.gold'])}{_f(f['entities.all.exact.f1'], 7)}"
                f"{_f(f['entities.all.overlap.f1'], 7)}{_f(f['events.all.gold'], 8)}"
                f"{_f(f['events.all.f1'], 7)}{_f(f['events.all.arg_recall'], 7)}"
                f"{(str(f['articles.gold']) + '/' + str(f['articles.pred'])):>10}{mark}"
            )
    sentence_files = [n for n in report.files if report.kinds[n] == "sentences"]
    if len(sentence_files) > 1 or (sentence_files and pages):
        lines += ["", "PER SENTENCE FILE"]
        for name in sentence_files:
            f = report.file_figures(name)
            lines.append(f"  {name}: {f['ner.sentences']} sentences, NER F1 {_f(f['ner.all.f1'], 0).strip()}")
    if report.problems:
        lines += ["", "PROBLEMS"] + [f"  {p}" for p in report.problems]
    return "\n".join(lines) + "\n"


def _json_ready(figs: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in figs.items()}


# ============================================================================ command


def _default_extractor():
    from ..run.extractor import Extractor

    return Extractor()


def main(args: argparse.Namespace, *, extractor_factory: Callable[[], Any] | None = None,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``cli.py evaluate``: ``args`` has ``paths``, ``json``, ``fail_under``, ``limit``."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    try:
        jobs, sentence_files = discover(args.paths)
        limit = getattr(args, "limit", None)
        if limit is not None and limit < 0:
            raise UsageError("--limit must be >= 0")
        floors = parse_floors(getattr(args, "fail_under", None) or [],
                              known_keys(pages=bool(jobs), ner=bool(sentence_files)))
    except UsageError as exc:
        print(f"error: {exc}", file=err)
        return 2
    report = evaluate(jobs, sentence_files, extractor_factory=extractor_factory or _default_extractor,
                      limit=limit, log=err)
    figs = report.figures()
    if getattr(args, "json", False):
        payload: dict[str, Any] = _json_ready(figs)
        payload["problems"] = report.problems
        payload["files"] = {name: _json_ready(report.file_figures(name)) for name in report.files}
        out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(format_table(report))
    failures = check_floors(floors, figs)
    for msg in failures:
        print(f"below floor: {msg}", file=err)
    return 1 if failures or report.failed else 0
