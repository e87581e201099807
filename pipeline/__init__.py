"""Chinese newspaper pages in, structured JSON out (``shared/spec/OUTPUT.md``).

Public API::

    import pipeline
    result = pipeline.extract(text, pub_date="2025-10-15", doc_id="p1")   # DocumentResult
    for r in pipeline.extract_many(items, n_process=2): ...              # results in order
    nlp = pipeline.load()                                                # the spaCy Language
    from pipeline.segment import segment; segment(text)                  # pkuseg words
    pipeline.__version__                                                 # '0.1.0'

The pipeline is built once per process, lazily, on first use (like jieba's dictionary).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .schema import (
    SCHEMA_VERSION,
    Arg,
    Article,
    Dateline,
    DocumentResult,
    Entity,
    ErrorRecord,
    Event,
    json_schema,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from .api import Extractor

__all__ = [
    "__version__", "SCHEMA_VERSION", "Arg", "Article", "Dateline", "DocumentResult", "Entity", "ErrorRecord",
    "Event", "Extractor", "extract", "extract_many", "get_extractor", "json_schema", "load",
]

_default: "Extractor | None" = None
_lock = threading.Lock()


def get_extractor() -> "Extractor":
    """The process-wide default :class:`Extractor`, built on first call."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                from .api import Extractor

                _default = Extractor()
    return _default


def load() -> "Language":
    """The spaCy ``Language`` behind the default extractor (built once)."""
    return get_extractor().nlp


def extract(text: str | bytes, *, pub_date: Any = None, doc_id: str | None = None) -> DocumentResult:
    return get_extractor().extract(text, pub_date=pub_date, doc_id=doc_id)


def extract_many(items: Iterable[Any], *, n_process: int = 1, batch_size: int = 16) -> Iterator[Any]:
    return get_extractor().extract_many(items, n_process=n_process, batch_size=batch_size)


def __getattr__(name: str):
    if name == "Extractor":
        from .api import Extractor

        return Extractor
    raise AttributeError(name)
