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

The records themselves (``Mention``, ``ArticleInfo``, ``EventRecord`` …) are plain dataclasses in
:mod:`pipeline.core.records`, so the grammars build them without spaCy.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..core.records import (  # noqa: F401  (the records the extensions hold, importable from here too)
    ArgRecord,
    ArticleInfo,
    DatelineInfo,
    EventRecord,
    Mention,
    article_at,
    article_bounds,
    group_by_bounds,
    sentence_at,
)


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
