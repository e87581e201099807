"""``Extractor``: builds the pipeline once, runs documents, assembles contract results."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Union

import numpy
from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from .components.canonical import is_unidentified_government
from .components.titles import is_honorific_reference
from .document import Mention, article_at
from .nlp import build
from .schema import DocumentResult, Entity, ErrorInfo, ErrorRecord
from .script import simplified_view
from .text import DecodeError, Normalized, decode, normalize

Item = Union[str, bytes, dict[str, Any]]
Result = Union[DocumentResult, ErrorRecord]


@dataclass(frozen=True)
class JsonRecord:
    """One result already serialized: what a batch writer needs, cheap to send between processes."""

    doc_id: str
    json: str
    error: str | None = None  # the error message when the record is an error record


def to_json_record(result: Result) -> JsonRecord:
    error = result.error.message if isinstance(result, ErrorRecord) else None
    return JsonRecord(result.doc_id, result.model_dump_json(), error)

#: Documents larger than this many characters are refused with a clear error (see ``--max-chars``).
DEFAULT_MAX_CHARS = 5_000_000


class ExtractionError(ValueError):
    """A document that cannot be processed; ``kind`` is the ErrorInfo type."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass
class _Prepared:
    doc_id: str
    norm: Normalized
    pub_date: dt.date | None
    warnings: list[str]
    source: str | None = None
    view: str | None = None  # simplified copy of a traditional-script page (same offsets)


def parse_pub_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ExtractionError("bad_input", f"pub_date {value!r} is not a YYYY-MM-DD date") from None


class Extractor:
    """Run the pipeline on pages of Chinese news; build one and reuse it (loading takes seconds)::

        ex = Extractor()
        ex.extract("科学导报讯 10月14日，…", pub_date="2025-10-15").articles[0].dateline.date
        # '2025-10-14'   (tests/test_cli.py and tests/test_robustness.py check this behaviour)
    """

    def __init__(self, *, use_model: bool = True, nlp: Language | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS, timeout: float | None = None):
        """``max_chars``: larger documents are refused with an error record. ``timeout``: seconds
        one document may take before it becomes an error record (main thread on Unix only)."""
        self.nlp = nlp if nlp is not None else build(use_model=use_model)
        self.max_chars = max_chars
        # spaCy refuses texts over nlp.max_length (1,000,000 by default) for the memory its own
        # parser would take; our NER's memory is bounded (window_encoder.CHUNK_ROWS), so the
        # limit a caller sets here is the only one
        self.nlp.max_length = max(self.nlp.max_length, max_chars)
        self.timeout = timeout

    # ------------------------------------------------------------------ single documents

    def extract(self, text: str | bytes, *, pub_date: str | dt.date | None = None,
                doc_id: str | None = None) -> DocumentResult:
        """One page → :class:`DocumentResult`; raises :class:`ExtractionError` for bad input."""
        prepared = self._prepare(text, pub_date=pub_date, doc_id=doc_id or "doc")
        with time_limit(self.timeout, prepared.doc_id):
            doc = self.nlp(self._make_doc(prepared))
            return assemble(doc, prepared)

    # ------------------------------------------------------------------ batches

    def extract_many(self, items: Iterable[Item], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Result]:
        """Stream results in input order; a bad document yields an :class:`ErrorRecord`.

        Items are strings, bytes, or ``{"id", "text", "pub_date"}`` dicts. Memory stays bounded:
        at most ``batch_size`` documents (per process) are in flight.
        """
        if n_process > 1:
            from .parallel import parallel_extract

            yield from parallel_extract(items, n_process=n_process, batch_size=batch_size,
                                        max_chars=self.max_chars, timeout=self.timeout,
                                        extractor=self)
            return
        numbered = enumerate(items)
        while True:
            batch = list(itertools.islice(numbered, batch_size))
            if not batch:
                return
            yield from self._run_batch(batch)

    def extract_json(self, items: Iterable[Item], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[JsonRecord]:
        """Like :meth:`extract_many`, but records come serialized (:class:`JsonRecord`).

        With several processes the workers serialize, so the parent only writes lines."""
        if n_process > 1:
            from .parallel import parallel_extract

            yield from parallel_extract(items, n_process=n_process, batch_size=batch_size,
                                        max_chars=self.max_chars, timeout=self.timeout,
                                        extractor=self, as_json=True)
            return
        for result in self.extract_many(items, batch_size=batch_size):
            yield to_json_record(result)

    def _run_batch(self, batch: list[tuple[int, Item]]) -> list[Result]:
        results: list[Result | None] = [None] * len(batch)
        ready: list[tuple[int, _Prepared]] = []
        for pos, (i, item) in enumerate(batch):
            try:
                text, pub_date, doc_id, source = unpack_item(item, i)
                ready.append((pos, self._prepare(text, pub_date=pub_date, doc_id=doc_id, source=source)))
            except ExtractionError as exc:
                results[pos] = error_record(_item_id(item, i), exc.kind, str(exc), _item_source(item))
        if self.timeout is None:
            try:
                docs = self.nlp.pipe((self._make_doc(p) for _, p in ready), batch_size=len(ready) or 1)
                for (pos, prepared), doc in zip(ready, docs):
                    results[pos] = assemble(doc, prepared)
            except Exception:  # noqa: BLE001 - redo one by one below to isolate the failing one
                pass
        for pos, prepared in ready:
            if results[pos] is not None:
                continue
            try:
                with time_limit(self.timeout, prepared.doc_id):
                    results[pos] = assemble(self.nlp(self._make_doc(prepared)), prepared)
            except DocumentTimeout as exc:
                results[pos] = error_record(prepared.doc_id, "timeout", str(exc), prepared.source)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                results[pos] = error_record(prepared.doc_id, "internal",
                                            f"{prepared.doc_id}: {type(exc).__name__}: {exc}",
                                            prepared.source)
        return [r for r in results if r is not None]

    # ------------------------------------------------------------------ helpers

    def _prepare(self, text: str | bytes, *, pub_date: Any, doc_id: str,
                 source: str | None = None) -> _Prepared:
        warnings: list[str] = []
        if isinstance(text, bytes):
            try:
                decoded = decode(text, name=doc_id)
            except DecodeError as exc:
                raise ExtractionError("decode", str(exc)) from None
            warnings.extend(decoded.warnings)
            text = decoded.text
        if not isinstance(text, str):
            raise ExtractionError("bad_input", f"{doc_id}: text must be str or bytes, not {type(text).__name__}")
        if len(text) > self.max_chars:
            raise ExtractionError(
                "too_large",
                f"{doc_id}: {len(text):,} characters exceeds the limit of {self.max_chars:,} "
                "(raise it with --max-chars / Extractor(max_chars=...), or split the file)",
            )
        date = parse_pub_date(pub_date)
        norm = normalize(text)
        if not norm.text.strip():
            raise ExtractionError("empty", f"{doc_id}: no text (empty or whitespace-only input)")
        warnings.extend(norm.warnings)
        view = simplified_view(norm.text)
        if view is not None:
            warnings.append("traditional script: rules and model ran on a simplified view; spans keep the original text")
        return _Prepared(doc_id, norm, date, warnings, source, view)

    def _make_doc(self, prepared: _Prepared) -> Doc:
        doc = self.nlp.make_doc(prepared.view if prepared.view is not None else prepared.norm.text)
        doc._.doc_id = prepared.doc_id
        doc._.pub_date = prepared.pub_date
        return doc


class DocumentTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float | None, doc_id: str):
    """Raise :class:`DocumentTimeout` in this thread after ``seconds`` (SIGALRM; main thread only)."""
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def _expired(signum, frame):
        raise DocumentTimeout(f"{doc_id}: processing took longer than {seconds:g} s (--timeout)")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _item_id(item: Item, i: int) -> str:
    if isinstance(item, dict) and item.get("id") is not None:
        return str(item["id"])
    return f"doc{i + 1}"


def _item_source(item: Item) -> str | None:
    return str(item["source"]) if isinstance(item, dict) and item.get("source") else None


def unpack_item(item: Item, i: int) -> tuple[str | bytes, Any, str, str | None]:
    """(text, pub_date, doc_id, source) of a batch item; raises ExtractionError when malformed."""
    if isinstance(item, (str, bytes)):
        return item, None, _item_id(item, i), None
    if isinstance(item, dict):
        if "error" in item:  # a reader could not read it; pass its reason on
            raise ExtractionError(item.get("error_type", "read"), str(item["error"]))
        text = item.get("text")
        if text is None:
            raise ExtractionError("bad_input", f"{_item_id(item, i)}: item has no 'text'")
        return text, item.get("pub_date"), _item_id(item, i), _item_source(item)
    raise ExtractionError("bad_input", f"doc{i + 1}: unsupported item type {type(item).__name__}")


def error_record(doc_id: str, kind: str, message: str, source: str | None = None) -> ErrorRecord:
    return ErrorRecord(doc_id=doc_id, error=ErrorInfo(type=kind, message=message), source=source)


# ---------------------------------------------------------------------- assembly


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


def assemble(doc: Doc, prepared: _Prepared) -> DocumentResult:
    """The contract result of a processed doc, validated by pydantic in one call over the whole
    tree (a tenth of the pipeline's time went to building each model on its own). If that fails,
    entities are validated one by one so a bad value is dropped with a warning, not the page.

    The NER's vectors (``doc.tensor``, 256 bytes a character) are no part of the result and are
    dropped first: building the result was the peak of a long document's memory with them."""
    if doc.tensor is not None and doc.tensor.size:
        doc.tensor = numpy.zeros((0, doc.tensor.shape[1]), dtype=doc.tensor.dtype)
    try:
        return DocumentResult.model_validate(_result_tree(doc, prepared, checked=False))
    except ValidationError:
        return DocumentResult.model_validate(_result_tree(doc, prepared, checked=True))


def _result_tree(doc: Doc, prepared: _Prepared, *, checked: bool) -> dict[str, Any]:
    norm = prepared.norm
    text = norm.text  # the surface text; the doc may hold a simplified view of it
    warnings = list(prepared.warnings) + list(doc._.warnings or [])
    infos = doc._.articles or []
    articles: list[dict[str, Any]] = []
    for info in infos:
        dateline = None
        if info.dateline is not None:
            d = info.dateline
            dateline = dict(agency=d.agency, date=d.date, text=text[d.start:d.end], start=d.start, end=d.end)
        title = " ".join(text[s:e] for s, e in info.title_spans) if info.title_spans else info.title
        articles.append(dict(index=info.index, start=info.start, end=info.end, title=title,
                             dateline=dateline, authors=list(info.authors), entities=[], events=[]))
    # a bare 市政府 the article does not identify, and a person known only as 王大爷, are optional
    # and say nothing a reader can look up: not emitted (events keep them as an argument's
    # text); ids stay e1, e2… in text order
    entities = [m for m in doc._.entities or []
                if not is_unidentified_government(m) and not is_honorific_reference(m)]
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
        if art is None:
            continue
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
        pub_date, source = prepared.pub_date.isoformat(), "given"
    else:
        dated = sorted(a["dateline"]["date"] for a in articles
                       if a["dateline"] and a["dateline"]["date"] and len(a["dateline"]["date"]) == 10
                       and a["dateline"]["date"][:4].isdigit())
        if dated:
            # a page is printed on or after its latest dateline
            pub_date, source = dated[-1], "inferred"
    return dict(doc_id=prepared.doc_id, pub_date=pub_date, pub_date_source=source,
                text=norm.text, articles=articles, warnings=warnings)
