"""``value_ruler``: DATE, MONEY, AREA, PERCENT and QUANTITY mentions with normalized values.

Runs the patterns of :mod:`pipeline.core.numbers` and :mod:`pipeline.core.dates` (built from
``rules/values/*.toml`` once per process) over ``doc.text`` and appends one
:class:`~pipeline.language.document.Mention` per value to ``doc._.candidates``.

- Offsets are characters of ``doc.text``; ``doc.text[m.start:m.end] == m.text`` always.
- Among this component's own matches the longest span wins (``近9.3万平方米`` over ``9.3万``;
  ``5万平方米`` over a bare ``5万``); on equal spans the label order in ``LABEL_RANK`` decides.
- Year-less dates resolve against the dateline of the article they sit in
  (``ArticleInfo.anchor_date()``), else ``doc._.pub_date``, else the year the page states most
  often (:func:`pipeline.core.dates.infer_year`, computed at most once per doc), else ``XXXX``.
- Every value is validated against its schema model before it is emitted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from ...core import dates, numbers
from ...schema import AreaValue, DateValue, MoneyValue, PercentValue, QuantityValue
from ..document import ArticleInfo, Mention, article_at, doc_list, doc_text, register_extensions

register_extensions()

ALL_LABELS = ("DATE", "MONEY", "AREA", "PERCENT", "QUANTITY")
#: Tie-break between equal spans of different labels (lower wins).
LABEL_RANK = {"MONEY": 0, "AREA": 1, "PERCENT": 2, "DATE": 3, "QUANTITY": 4}
_MODELS = {
    "DATE": DateValue,
    "MONEY": MoneyValue,
    "AREA": AreaValue,
    "PERCENT": PercentValue,
    "QUANTITY": QuantityValue,
}
#: Vague references (近日, 目前): optional in the contract; ``vague_dates=False`` drops them.
_VAGUE_ISOS = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})


@Language.factory(
    "value_ruler",
    assigns=["doc._.candidates"],
    default_config={
        "labels": list(ALL_LABELS),
        "vague_dates": True,
        "priority": 10,
    },
)
def make_value_ruler(
    nlp: Language, name: str, labels: list[str], vague_dates: bool, priority: int
) -> "ValueRuler":
    return ValueRuler(labels=labels, vague_dates=vague_dates, priority=priority)


class ValueRuler:
    """``Doc -> Doc``: appends value mentions to ``doc._.candidates``."""

    def __init__(
        self,
        labels: Iterable[str] = ALL_LABELS,
        vague_dates: bool = True,
        priority: int = 10,
    ):
        unknown = set(labels) - set(ALL_LABELS)
        if unknown:
            raise ValueError(f"value_ruler: unknown labels {sorted(unknown)}")
        self.labels = frozenset(labels)
        self.vague_dates = vague_dates
        self.priority = priority
        # compile every pattern now, at pipeline construction, not on the first document
        numbers.patterns()
        dates.parse_date("2025年")

    def __call__(self, doc: Doc) -> Doc:
        articles: list[ArticleInfo] = doc._.articles or []
        mentions = find_values(
            doc_text(doc),
            articles=articles,
            pub_date=doc._.pub_date,
            labels=self.labels,
            vague_dates=self.vague_dates,
            priority=self.priority,
        )
        doc_list(doc, "candidates").extend(mentions)
        return doc


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def find_values(
    text: str,
    *,
    articles: list[ArticleInfo] | None = None,
    pub_date: dt.date | str | None = None,
    labels: Iterable[str] = ALL_LABELS,
    vague_dates: bool = True,
    priority: int = 10,
) -> list[Mention]:
    """The value mentions of ``text`` (no spaCy needed), sorted by start, never overlapping."""
    labels = frozenset(labels)
    articles = articles or []
    pub = _as_date(pub_date)

    def anchor_at(offset: int) -> dt.date | None:
        art = article_at(articles, offset) if articles else None
        anchor = art.anchor_date() if art is not None else None
        return anchor or pub

    found: list[tuple[int, int, str, dict[str, Any]]] = []
    for a in numbers.find_amounts(text, labels & {"MONEY", "AREA", "PERCENT", "QUANTITY"}):
        found.append((a.start, a.end, a.label, a.value))
    if "DATE" in labels:
        for d in dates.find_dates(text, anchor_at=anchor_at, year_hint=lambda: dates.infer_year(text)):
            if not vague_dates and d.value["iso"] in _VAGUE_ISOS:
                continue
            found.append((d.start, d.end, "DATE", d.value))

    # longest wins; then the earlier start; then the label rank
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0], LABEL_RANK[f[2]]))
    covered = bytearray(len(text))
    mentions: list[Mention] = []
    for start, end, label, value in found:
        if end <= start or covered.find(1, start, end) != -1:
            continue
        try:
            _MODELS[label].model_validate(value)
        except ValidationError:
            continue
        covered[start:end] = b"\x01" * (end - start)
        art = article_at(articles, start) if articles else None
        mentions.append(
            Mention(
                label=label,
                start=start,
                end=end,
                text=text[start:end],
                source="rule",
                value=value,
                part=art.part_at(start, end) if art is not None else None,
                priority=priority,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions
