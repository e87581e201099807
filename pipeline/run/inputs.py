"""The one input reader: files, directories, standard input and JSONL, as batch items.

Every entry point reads through here (``newsie extract``, ``newsie render``, the Dask runner's
partitions), so a document gets the same id, source and error whichever way it comes in. An item
is ``{"id", "text", "pub_date", "source"}``, or ``{"id", "error", "error_type", "source"}`` when
it cannot be read: the extractor turns that into an error record naming the document and reason.

Ids are archive-safe: a file's id is its path relative to the input it was found under, with
``/`` separators and without a ``.txt`` suffix (``corpus/p01.txt`` given as ``corpus`` is
``p01``; ``archive/2025-10-01/page1.txt`` given as ``archive`` is ``2025-10-01/page1``), so the
usual ``<date>/page1.txt`` layout keeps every page apart. Other suffixes stay (``page1.html``
and ``page1.txt`` are two documents). Two files with one id in a run are refused before any
work (:func:`plan_inputs` raises :class:`~pipeline.errors.UsageError` naming both); a JSONL line
that repeats an id seen before becomes an error record under its ``file:line`` id.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError

#: What a directory walk takes when no ``--glob`` is given: plain text always, web pages and PDFs
#: when their reader's optional extra is installed (see :mod:`pipeline.core.readers`).
TEXT_GLOBS: tuple[str, ...] = ("*.txt",)
HTML_GLOBS: tuple[str, ...] = ("*.html", "*.htm")
PDF_GLOBS: tuple[str, ...] = ("*.pdf",)


def default_globs() -> tuple[str, ...]:
    """``*.txt``, plus ``*.html``/``*.htm`` with trafilatura and ``*.pdf`` with pdfminer.six
    installed (found without importing them)."""
    globs = list(TEXT_GLOBS)
    if importlib.util.find_spec("trafilatura") is not None:
        globs += HTML_GLOBS
    if importlib.util.find_spec("pdfminer") is not None:
        globs += PDF_GLOBS
    return tuple(globs)


def _matches(relative: str, globs: tuple[str, ...]) -> bool:
    """Case-insensitive: archives mix ``PAGE1.TXT`` and ``page2.txt``. A pattern with a ``/``
    matches the path under the input root, one without matches the file name."""
    name = relative.rsplit("/", 1)[-1].lower()
    for pattern in globs:
        pat = pattern.lower()
        if fnmatch.fnmatchcase(relative.lower() if "/" in pat else name, pat):
            return True
    return False


def file_id(relative: str) -> str:
    """The id of a file from its path under the input root (``/`` separators).

    >>> file_id("2025-10-01/page1.txt"), file_id("P01.TXT"), file_id("a/page1.html")
    ('2025-10-01/page1', 'P01', 'a/page1.html')
    """
    return relative[:-4] if relative.lower().endswith(".txt") else relative


@dataclass(frozen=True)
class Source:
    """One input of a run: a file (with its id), a JSONL file of documents, or standard input."""

    kind: str  # "file", "jsonl" or "stdin"
    path: Path | None
    id: str | None = None


def plan_inputs(inputs: list[str], *, globs: tuple[str, ...] | None = None) -> list[Source]:
    """The sources of ``inputs`` in run order, directories walked (sorted, ``globs`` matched
    case-insensitively; default :func:`default_globs`). Raises :class:`UsageError` when an
    input does not exist or two files get one id (naming both); a run with no source at all is
    left to the caller to report (it knows what was asked for)."""
    globs = tuple(globs) if globs else default_globs()
    sources: list[Source] = []
    seen: dict[str, Path] = {}
    for spec in inputs:
        if spec == "-":
            sources.append(Source("stdin", None, "stdin"))
            continue
        path = Path(spec)
        if path.is_dir():
            found = []
            for file in path.rglob("*"):
                rel = file.relative_to(path).as_posix()
                if _matches(rel, globs) and file.is_file():
                    found.append((rel, file))
            files = [(file_id(rel), file) for rel, file in sorted(found)]
        elif path.suffix.lower() == ".jsonl":
            sources.append(Source("jsonl", path))
            continue
        elif not path.exists():
            raise UsageError(f"{spec}: no such file or directory")
        else:
            files = [(file_id(path.name), path)]
        for doc_id, file in files:
            if doc_id in seen:
                raise UsageError(f"two files give the id {doc_id!r}: {seen[doc_id]} and {file}; "
                                 "give their common parent directory as the input so their folders "
                                 "tell them apart")
            seen[doc_id] = file
            sources.append(Source("file", file, doc_id))
    return sources


def iter_inputs(inputs: list[str] | list[Source], *, pub_date: str | None = None,
                globs: tuple[str, ...] | None = None) -> Iterator[dict[str, Any]]:
    """Batch items ``{"id", "text", "pub_date", "source"}`` (or ``{"id", "error"}``), lazily.

    ``inputs``: paths as given on the command line, or :func:`plan_inputs`' sources."""
    sources = inputs if inputs and isinstance(inputs[0], Source) else plan_inputs(list(inputs), globs=globs)
    ids: dict[str, str] = {}
    for src in sources:
        if src.kind == "stdin":
            items: Iterator[dict[str, Any]] = iter(
                [{"id": "stdin", "text": sys.stdin.buffer.read(), "pub_date": pub_date, "source": "-"}])
        elif src.kind == "jsonl":
            items = _jsonl_items(src.path, pub_date)
        else:
            items = iter([_file_item(src.path, src.id, pub_date)])
        for item in items:
            first = ids.setdefault(item["id"], item["source"])
            if first != item["source"] and src.kind != "file":
                # a repeated id from a line: keep both apart (files were checked up front)
                where = item["source"]
                yield {"id": where, "error": f"{where}: id {item['id']!r} already given by {first}",
                       "error_type": "bad_input", "source": where}
                continue
            yield item


def _file_item(path: Path, doc_id: str, pub_date: str | None) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return {"id": doc_id, "error": f"{path}: cannot read: {exc.strerror or exc}",
                "error_type": "read", "source": str(path)}
    return {"id": doc_id, "text": data, "pub_date": pub_date, "source": str(path), "name": path.name}


def _jsonl_items(path: Path, pub_date: str | None) -> Iterator[dict[str, Any]]:
    try:
        fh = path.open("r", encoding="utf-8", errors="strict")
    except OSError as exc:
        yield {"id": path.stem, "error": f"{path}: cannot read: {exc.strerror or exc}",
               "error_type": "read", "source": str(path)}
        return
    with fh:
        lineno = 0
        while True:
            try:
                line = fh.readline()
            except UnicodeDecodeError as exc:
                yield {"id": f"{path.stem}:{lineno + 1}", "error": f"{path}:{lineno + 1}: not UTF-8: {exc}",
                       "error_type": "decode", "source": f"{path}:{lineno + 1}"}
                return
            if not line:
                return
            lineno += 1
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            record = parse_record(line, where)
            if "error" in record:
                parsed = record.pop("parsed")
                record["id"] = (str(parsed.get("id", f"{path.stem}:{lineno}")) if isinstance(parsed, dict)
                                else f"{path.stem}:{lineno}")
                record["source"] = where
                yield record
                continue
            yield {"id": str(record.get("id") or f"{path.stem}:{lineno}"), "text": record["text"],
                   "pub_date": record.get("pub_date") or pub_date, "source": where}


def parse_record(line: str, where: str) -> dict[str, Any]:
    """One JSONL line as a document ``{"id"?, "text", "pub_date"?, …}``, or, when it is not one,
    ``{"error", "error_type": "bad_input", "parsed"}`` with the reason prefixed by ``where``
    (``parsed`` is what the line held, for a caller that can still take an id from it).

    >>> parse_record('{"id": "a", "text": "x"}', "f:1")
    {'id': 'a', 'text': 'x'}
    >>> parse_record('[1]', "f:2")["error"]
    "f:2: expected an object with a string 'text'"
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"{where}: invalid JSON: {exc.msg}", "error_type": "bad_input", "parsed": None}
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return {"error": f"{where}: expected an object with a string 'text'", "error_type": "bad_input",
                "parsed": record}
    return record
