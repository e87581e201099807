"""The contract result of a processed ``Doc``: articles, entities, events, validated by pydantic.

Reads what the components left on the ``Doc`` (``doc._.articles``, ``entities``, ``events``) and
the prepared input (normalized text with its offset map, the given publication date); decides
nothing about what to emit (that is the pipeline's ``output_policy``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy
from pydantic import ValidationError
from spacy.tokens import Doc

from ..core.records import Mention, article_at
from ..core.text import Normalized
from ..schema import DocumentResult, Entity


@dataclass
class Prepared:
    """A document decoded and normalized, ready for the pipeline."""

    doc_id: str
    norm: Normalized
    pub_date: dt.date | None
    warnings: list[str]
    source: str | None = None
    view: str | None = None  # simplified copy of a traditional-script page (same offsets)
    pub_date_source: str | None = None  # given, masthead or path (None: no pub_date)
    input: dict[str, Any] | None = None  # how an HTML or PDF file became text (core.readers)
    masthead: tuple[int, int] | None = None  # span of the masthead line the pub_date came from


def _entity_fields(m: Mention, norm: Normalized) -> dict[str, Any]:
    raw_start, raw_end = norm.raw_span(m.start, m.end)
    return dict(
        id=m.id, label=m.label, text=norm.text[m.start:m.end], start=m.start, end=m.end, raw_start=raw_start,
        raw_end=raw_end, canonical=m.canonical, source=m.source, part=m.part,
    )


def _entity(m: Mention, norm: Normalized, warnings: list[str]) -> Entity:
    fields = _entity_fields(m, norm)
    try:
        return Entity(value=m.value, **fields)
    except ValidationError as exc:
        # a component produced a value outside the contract: keep the mention, say so
        warnings.append(f"value of {m.label} {m.text!r} at {m.start} dropped: {exc.errors()[0]['msg']}")
        return Entity(value=None, **fields)


def assemble(doc: Doc, prepared: Prepared) -> DocumentResult:
    """The contract result of a processed doc, validated by pydantic in one call over the whole
    tree (a tenth of the pipeline's time went to building each model on its own). If that fails,
    entities are validated one by one so a bad value is dropped with a warning, not the page.

    The NER's vectors (``doc.tensor``, 384 bytes a character at width 96) are no part of the
    result and are dropped first: building the result was the peak of a long document's memory
    with them."""
    if doc.tensor is not None and doc.tensor.size:
        doc.tensor = numpy.zeros((0, doc.tensor.shape[1]), dtype=doc.tensor.dtype)
    try:
        return DocumentResult.model_validate(_result_tree(doc, prepared, checked=False))
    except ValidationError:
        return DocumentResult.model_validate(_result_tree(doc, prepared, checked=True))


def _result_tree(doc: Doc, prepared: Prepared, *, checked: bool) -> dict[str, Any]:
    norm = prepared.norm
    text = norm.text  # the surface text; the doc may hold a simplified view of it
    warnings = list(prepared.warnings) + list(doc._.warnings or [])
    infos = doc._.articles or []
    articles: list[dict[str, Any]] = []
    for info in infos:
        dateline = None
        if info.dateline is not None:
            d = info.dateline
            # agency and authors as the page writes them (the doc may hold a simplified view)
            agency = "".join(text[s:e] for s, e in d.agency_spans) if d.agency_spans else d.agency
            dateline = dict(agency=agency, date=d.date, text=text[d.start:d.end], start=d.start, end=d.end)
        spans = info.title_spans
        if spans and prepared.masthead is not None:
            # the masthead line gave the page its date; it is no part of the first headline
            m_start, m_end = prepared.masthead
            spans = [(s, e) for s, e in spans if e <= m_start or s >= m_end] or spans
        title = " ".join(text[s:e] for s, e in spans) if spans else info.title
        authors = list(info.authors)
        if len(info.author_name_spans) == len(authors):
            authors = [text[s:e] for s, e in info.author_name_spans]
        articles.append(dict(index=info.index, start=info.start, end=info.end, title=title,
                             dateline=dateline, authors=authors, entities=[], events=[]))
    # what to leave out was decided by the pipeline's output_policy; ids are e1, e2… in text order
    entities = list(doc._.entities or [])
    for i, m in enumerate(entities, 1):
        m.id = f"e{i}"
    by_id: dict[int, str] = {}
    for m in entities:
        art = article_at(infos, m.start)
        if art is None:
            continue
        if checked:
            entity: Any = _entity(m, norm, warnings)
        else:
            entity = _entity_fields(m, norm)
            entity["value"] = m.value
        by_id[id(m)] = m.id
        articles[art.index]["entities"].append(entity)
    for n, ev in enumerate(doc._.events or [], 1):
        art = article_at(infos, ev.trigger_start)
        if art is None or art.part_at(ev.trigger_start, ev.trigger_end) == "chrome":
            continue  # page chrome (上一篇: another article's headline, a related list) reports no event
        args = {
            role: [
                dict(text=text[a.start:a.end], start=a.start, end=a.end,
                     entity_id=by_id.get(id(a.entity)) if a.entity is not None else None,
                     value=a.value)
                for a in arg_list
            ]
            for role, arg_list in ev.args.items() if arg_list
        }
        articles[art.index]["events"].append(dict(
            id=f"v{n}", type=ev.type,
            trigger=dict(text=text[ev.trigger_start:ev.trigger_end], start=ev.trigger_start, end=ev.trigger_end),
            date=ev.date, sentence=dict(start=ev.sentence[0], end=ev.sentence[1]), args=args,
        ))
    pub_date, source = None, None
    if prepared.pub_date is not None:
        pub_date, source = prepared.pub_date.isoformat(), prepared.pub_date_source or "given"
    else:
        dated = sorted(a["dateline"]["date"] for a in articles
                       if a["dateline"] and a["dateline"]["date"] and len(a["dateline"]["date"]) == 10
                       and a["dateline"]["date"][:4].isdigit())
        if dated:
            # a page is printed on or after its latest dateline
            pub_date, source = dated[-1], "inferred"
        yearless = sum(1 for a in articles for e in a["entities"] if _yearless(e.get("value") if isinstance(e, dict) else e.value))
        if yearless:
            warnings.append(f"{yearless} date(s) without a year left as XXXX-…: no publication date was given or found "
                            "(give --pub-date, or a masthead line or a dated path)")
    return dict(doc_id=prepared.doc_id, source=prepared.source, input=prepared.input, pub_date=pub_date,
                pub_date_source=source, text=norm.text, articles=articles, warnings=warnings)


def _yearless(value: Any) -> bool:
    iso = value.get("iso") if isinstance(value, dict) else getattr(value, "iso", None)
    return isinstance(iso, str) and "XXXX" in iso
