"""``Extractor``: builds the pipeline once, runs documents, assembles contract results."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Union

from spacy.language import Language
from spacy.tokens import Doc

from ..core.pubdate import page_date, path_date
from ..core.readers import ReaderError, kind_of, read_document
from ..core.script import simplified_view
from ..core.text import decode, normalize
from ..errors import (
    BadInput,
    DocumentTimeout,
    DocumentTooLarge,
    EmptyDocument,
    ExtractionError,
    InternalError,
    ReadError,
    extraction_error,
)
from ..language.build import build, model_dir
from ..schema import DocumentResult
from .assemble import Prepared, assemble
from .pool import pool_extract
from .results import JsonRecord, Result, error_record, to_json_record

Item = Union[str, bytes, os.PathLike, dict[str, Any]]


#: Documents larger than this many characters are refused with a clear error (see ``--max-chars``).
DEFAULT_MAX_CHARS = 5_000_000


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
        raise BadInput(f"pub_date {value!r} is not a YYYY-MM-DD date") from None


class Extractor:
    """Run the pipeline on pages of Chinese news; build one and reuse it (loading takes seconds)::

        ex = Extractor()
        ex.extract("科学导报讯 10月14日，…", pub_date="2025-10-15").articles[0].dateline.date
        # '2025-10-14'   (tests/test_cli.py and tests/test_robustness.py check this behaviour)
    """

    def __init__(self, *, use_model: bool = True, nlp: Language | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS, timeout: float | None = None,
                 rules_dir: str | None = None):
        """``max_chars``: larger documents are refused with an error record. ``timeout``: seconds
        one document may take before it becomes an error record (main thread on Unix only).
        ``rules_dir``: a rules directory of one's own for the components that take one.

        A ``NEWS_MODEL_DIR`` that names no model raises :class:`~pipeline.errors.ModelError`
        here, before any document: found at the first document, it became one "internal" error
        record per document of a batch."""
        if nlp is None and use_model:
            model_dir()
        self._nlp = nlp
        self.use_model = use_model
        self.rules_dir = rules_dir
        self.max_chars = max_chars
        self.timeout = timeout

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, built on first use: a command line that hands all work to worker
        processes never builds one in the parent."""
        if self._nlp is None:
            self._nlp = build(use_model=self.use_model, rules_dir=self.rules_dir)
        if self._nlp.max_length < self.max_chars:
            # spaCy refuses texts over nlp.max_length (1,000,000 by default) for the memory its
            # own parser would take; our NER's memory is bounded (window_encoder.CHUNK_ROWS), so
            # the limit a caller sets here is the only one
            self._nlp.max_length = self.max_chars
        return self._nlp

    def factory(self) -> Callable[[], "Extractor"]:
        """A picklable recipe for an extractor like this one, for worker processes."""
        return functools.partial(Extractor, use_model=self.use_model, max_chars=self.max_chars,
                                 timeout=self.timeout, rules_dir=self.rules_dir)

    # ------------------------------------------------------------------ single documents

    def extract(self, text: str | bytes, *, pub_date: str | dt.date | None = None,
                doc_id: str | None = None) -> DocumentResult:
        """One page → :class:`DocumentResult`.

        Raises :class:`~pipeline.errors.ExtractionError` (its subclass says the kind) and nothing
        else, whatever the text: a failure of the pipeline itself comes as
        :class:`~pipeline.errors.InternalError` naming the document, the original exception
        chained as its cause. Only a set-up that cannot be built at all (a broken rule file of
        ``rules_dir``, an unreadable lexicon) raises its own error instead, one of
        :data:`~pipeline.errors.SETUP_ERRORS`, on the first document."""
        prepared = self._prepare(text, pub_date=pub_date, doc_id=doc_id or "doc")
        nlp = self.nlp  # built outside the document's try: a broken set-up is no document's error
        try:
            with time_limit(self.timeout, prepared.doc_id):
                doc = nlp(self._make_doc(prepared))
                return assemble(doc, prepared)
        except ExtractionError:
            raise
        except Exception as exc:  # noqa: BLE001 - a caller must never see a bare IndexError
            raise internal_error(prepared.doc_id, exc) from exc

    # ------------------------------------------------------------------ batches

    def extract_many(self, items: Iterable[Item], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Result]:
        """Stream results in input order; a bad document yields an :class:`ErrorRecord`.

        Items are strings, bytes, paths (``Path`` objects: the file is read, its name without
        ``.txt`` is the id), or ``{"id", "text", "pub_date", "source"}`` dicts. Memory stays bounded:
        at most ``batch_size`` documents (per process) are in flight.
        """
        if n_process > 1:
            yield from pool_extract(items, extractor_factory=self.factory(), n_process=n_process,
                                    batch_size=batch_size, loaded=self._loaded())
            return
        numbered = enumerate(items)
        while True:
            batch = list(itertools.islice(numbered, batch_size))
            if not batch:
                return
            yield from self.run_batch(batch)

    def extract_json(self, items: Iterable[Item], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[JsonRecord]:
        """Like :meth:`extract_many`, but records come serialized (:class:`JsonRecord`).

        With several processes the workers serialize, so the parent only writes lines."""
        if n_process > 1:
            yield from pool_extract(items, extractor_factory=self.factory(), n_process=n_process,
                                    batch_size=batch_size, loaded=self._loaded(), as_json=True)
            return
        for result in self.extract_many(items, batch_size=batch_size):
            yield to_json_record(result)

    def _loaded(self) -> "Extractor | None":
        """This extractor if its pipeline is built (forked workers inherit it), else None."""
        return self if self._nlp is not None else None

    def run_batch(self, batch: list[tuple[int, Item]]) -> list[Result]:
        """``(index, item)`` pairs → results in the same order; one bad document becomes an
        error record and the rest go on."""
        results: list[Result | None] = [None] * len(batch)
        ready: list[tuple[int, Prepared]] = []
        nlp = self.nlp  # a rule file or model that cannot load stops the batch, once, with its own error
        for pos, (i, item) in enumerate(batch):
            try:
                text, pub_date, doc_id, source, name = unpack_item(item, i)
                ready.append((pos, self._prepare(text, pub_date=pub_date, doc_id=doc_id, source=source,
                                                 name=name)))
            except ExtractionError as exc:
                results[pos] = error_record(_item_id(item, i), exc.kind, str(exc), _item_source(item))
        if self.timeout is None:
            try:
                docs = nlp.pipe((self._make_doc(p) for _, p in ready), batch_size=len(ready) or 1)
                for (pos, prepared), doc in zip(ready, docs):
                    results[pos] = assemble(doc, prepared)
            except Exception:  # noqa: BLE001 - redo one by one below to isolate the failing one
                pass
        for pos, prepared in ready:
            if results[pos] is not None:
                continue
            try:
                with time_limit(self.timeout, prepared.doc_id):
                    results[pos] = assemble(nlp(self._make_doc(prepared)), prepared)
            except DocumentTimeout as exc:
                results[pos] = error_record(prepared.doc_id, "timeout", str(exc), prepared.source)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                results[pos] = error_record(prepared.doc_id, "internal",
                                            str(internal_error(prepared.doc_id, exc)), prepared.source)
        return [r for r in results if r is not None]

    # ------------------------------------------------------------------ helpers

    def _prepare(self, text: str | bytes, *, pub_date: Any, doc_id: str,
                 source: str | None = None, name: str | None = None) -> Prepared:
        warnings: list[str] = []
        how = None
        # a file (its name known) is read by its kind, an HTML or PDF one through core.readers;
        # bare bytes from a library caller are text, as they always were
        if isinstance(text, bytes) and name is not None and kind_of(text, name) != "text":
            try:
                read = read_document(text, name=name)
            except ReaderError as exc:
                message = str(exc)
                if name and message.startswith(name + ": "):  # name the document by its id
                    message = message[len(name) + 2:]
                raise extraction_error(exc.kind if exc.kind in ("read", "decode", "empty") else "read",
                                       _named(doc_id, message)) from None
            if read is not None:
                text, how = read.text, dict(read.how)
                warnings.extend(read.warnings)
        if isinstance(text, bytes):
            decoded = decode(text, name=doc_id)  # DecodeError names the document
            warnings.extend(decoded.warnings)
            text = decoded.text
        if not isinstance(text, str):
            raise BadInput(f"{doc_id}: text must be str or bytes, not {type(text).__name__}")
        if len(text) > self.max_chars:
            raise DocumentTooLarge(
                f"{doc_id}: {len(text):,} characters exceeds the limit of {self.max_chars:,} "
                "(raise it with --max-chars / Extractor(max_chars=...), or split the file)",
            )
        date = parse_pub_date(pub_date)
        date_source = "given" if date is not None else None
        masthead = None
        norm = normalize(text)
        if not norm.text.strip():
            raise EmptyDocument(f"{doc_id}: no text (empty or whitespace-only input)")
        warnings.extend(norm.warnings)
        if date is None:
            # the page's own masthead first (it is the page), then the archive's folder or name
            found = page_date(norm.text) or (path_date(_LINE_NUMBER.sub("", source)) if source else None)
            if found is not None:
                date, date_source = found.date, found.source
                masthead = (found.start, found.end) if found.source == "masthead" else None
        view = simplified_view(norm.text)
        if view is not None:
            warnings.append("traditional script: rules and model ran on a simplified view; spans keep the original text")
        return Prepared(doc_id, norm, date, warnings, source, view, date_source, how, masthead)

    def _make_doc(self, prepared: Prepared) -> Doc:
        doc = self.nlp.make_doc(prepared.view if prepared.view is not None else prepared.norm.text)
        doc._.doc_id = prepared.doc_id
        doc._.pub_date = prepared.pub_date
        return doc


def internal_error(doc_id: str, exc: BaseException) -> InternalError:
    return InternalError(f"{doc_id}: {type(exc).__name__}: {exc}")


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
    if isinstance(item, os.PathLike):
        base = os.path.basename(os.fspath(item))
        return base[:-4] if base.lower().endswith(".txt") else base
    return f"doc{i + 1}"


def _item_source(item: Item) -> str | None:
    if isinstance(item, os.PathLike):
        return os.fspath(item)
    return str(item["source"]) if isinstance(item, dict) and item.get("source") else None


def unpack_item(item: Item, i: int) -> tuple[str | bytes, Any, str, str | None, str | None]:
    """(text, pub_date, doc_id, source, file name) of a batch item; raises ExtractionError when
    malformed. A path is read here (its id: the file name without ``.txt``)."""
    if isinstance(item, (str, bytes)):
        return item, None, _item_id(item, i), None, None
    if isinstance(item, os.PathLike):
        path = os.fspath(item)
        base = os.path.basename(path)
        doc_id = base[:-4] if base.lower().endswith(".txt") else base
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise ReadError(f"{path}: cannot read: {exc.strerror or exc}") from None
        return data, None, doc_id, str(path), base
    if isinstance(item, dict):
        if "error" in item:  # a reader could not read it; pass its reason on
            raise extraction_error(item.get("error_type", "read"), str(item["error"]))
        text = item.get("text")
        if text is None:
            raise BadInput(f"{_item_id(item, i)}: item has no 'text'")
        return text, item.get("pub_date"), _item_id(item, i), _item_source(item), item.get("name")
    raise BadInput(f"doc{i + 1}: unsupported item type {type(item).__name__}")


#: ``file.jsonl:12``: a JSONL line's source; its line number is no part of the path's date
_LINE_NUMBER = re.compile(r":[0-9]+$")


def _named(doc_id: str, message: str) -> str:
    return message if doc_id in message else f"{doc_id}: {message}"
