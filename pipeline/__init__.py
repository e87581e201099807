"""Chinese newspaper pages in, structured JSON out (``shared/spec/OUTPUT.md``).

Public API::

    import pipeline
    result = pipeline.extract(text, pub_date="2025-10-15", doc_id="p1")   # DocumentResult
    for r in pipeline.extract_many(items, n_process=2): ...              # results in order
    nlp = pipeline.load()                                                # the spaCy Language
    from pipeline.segment import segment; segment(text)                  # pkuseg words
    pipeline.__version__                                                 # '0.1.0'

The pipeline is built once per process, lazily, on first use (like jieba's dictionary).
``extract`` raises :class:`ExtractionError` (``exc.kind``: decode, empty, too_large, …) and no
other exception, whatever the text; every exception the library raises on purpose is a
:class:`NewsieError` (``pipeline/errors.py``).

The package is in layers, each importing only the ones before it (``tests/test_layers.py``):
``core`` (text, numbers, dates, places, rule files; no spaCy) ← ``grammars`` (names and events
over text and candidates) ← ``language`` (spaCy components, the Doc contract, building ``nlp``)
← ``run`` (``Extractor``, assembly, input reader, pool and Dask runners) ← ``tools`` and ``cli``.
``schema`` (the output contract) and ``errors`` are leaves anyone may import.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    BadInput,
    DecodeError,
    DocumentTimeout,
    DocumentTooLarge,
    EmptyDocument,
    ExtractionError,
    InternalError,
    NewsieError,
    ReadError,
    RuleError,
)
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

    from .run.extractor import Extractor

__all__ = [
    "__version__", "SCHEMA_VERSION", "Arg", "Article", "Dateline", "DocumentResult", "Entity", "ErrorRecord",
    "Event", "Extractor", "extract", "extract_many", "get_extractor", "json_schema", "load",
    # errors: catch NewsieError for all of them, ExtractionError for a document's
    "NewsieError", "ExtractionError", "ReadError", "DecodeError", "EmptyDocument", "DocumentTooLarge",
    "DocumentTimeout", "BadInput", "InternalError", "RuleError",
]

def get_extractor() -> "Extractor":
    """The process-wide default :class:`Extractor`, built on first call."""
    from .run.default import get_extractor as default

    return default()


def load() -> "Language":
    """The spaCy ``Language`` behind the default extractor (built once)."""
    return get_extractor().nlp


def extract(text: str | bytes, *, pub_date: Any = None, doc_id: str | None = None) -> DocumentResult:
    return get_extractor().extract(text, pub_date=pub_date, doc_id=doc_id)


def extract_many(items: Iterable[Any], *, n_process: int = 1, batch_size: int = 16) -> Iterator[Any]:
    return get_extractor().extract_many(items, n_process=n_process, batch_size=batch_size)


def __getattr__(name: str):
    if name == "Extractor":
        from .run.extractor import Extractor

        return Extractor
    raise AttributeError(name)
