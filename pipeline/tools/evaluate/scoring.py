"""Scoring one page against its gold: text keys, locating gold mentions, matching entities,
values, events and articles into counts (the rules are in :mod:`pipeline.tools.evaluate`'s docstring)."""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ...schema import CORE_LABELS, VALUE_LABELS, Article, DocumentResult, Event
from ..gold import GoldArticle, GoldEntity, GoldEvent, GoldPage


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
        if label == "PER":
            for i, j in m.exact:
                g = m.gold[i]
                if g.optional or not isinstance(g.value, dict):
                    continue
                titles_right, org_right = person_value_equal(g.value, m.pred[j].value)
                tally["persons.total"] += 1
                tally["persons.titles_correct"] += titles_right
                tally["persons.org_correct"] += org_right
                tally["persons.both_correct"] += titles_right and org_right
    return matches


def person_value_equal(gold: dict[str, Any], pred: dict[str, Any] | None) -> tuple[bool, bool]:
    """Whether a person's titles, and the body they hold them in, are the gold's.

    Titles compare as a set of written forms (order is the text's, not a fact about the
    person); an absent value counts as no titles and no org.

    >>> person_value_equal({"titles": ["区委书记"], "org": "长治市上党区"},
    ...                    {"titles": ["区委书记"], "org": "长治市上党区"})
    (True, True)
    >>> person_value_equal({"titles": ["副部长"], "org": "县委组织部"},
    ...                    {"titles": ["组织部副部长"], "org": "县委"})
    (False, False)
    >>> person_value_equal({"titles": [], "org": None}, None)
    (True, True)
    """
    pred = pred or {}
    gold_titles = {text_key(t) for t in gold.get("titles") or []}
    pred_titles = {text_key(t) for t in pred.get("titles") or []}
    return (gold_titles == pred_titles,
            text_key(gold.get("org") or "") == text_key(pred.get("org") or ""))


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
