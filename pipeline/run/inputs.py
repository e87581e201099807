"""The one input reader: ``.txt`` files, directories, standard input and JSONL, as batch items.

Every entry point reads through here (``newsie extract``, ``newsie render``, the Dask runner's
partitions), so a document gets the same id, source and error whichever way it comes in. An item
is ``{"id", "text", "pub_date", "source"}``, or ``{"id", "error", "error_type", "source"}`` when
it cannot be read: the extractor turns that into an error record naming the document and reason.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def iter_inputs(inputs: list[str], *, pub_date: str | None = None) -> Iterator[dict[str, Any]]:
    """Batch items ``{"id", "text", "pub_date", "source"}`` (or ``{"id", "error"}``), lazily."""
    for spec in inputs:
        if spec == "-":
            yield {"id": "stdin", "text": sys.stdin.buffer.read(), "pub_date": pub_date, "source": "-"}
            continue
        path = Path(spec)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*.txt") if p.is_file()):
                yield _file_item(file, pub_date)
        elif path.suffix == ".jsonl":
            yield from _jsonl_items(path, pub_date)
        else:
            yield _file_item(path, pub_date)


def _file_item(path: Path, pub_date: str | None) -> dict[str, Any]:
    doc_id = path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        return {"id": doc_id, "error": f"{path}: cannot read: {exc.strerror or exc}",
                "error_type": "read", "source": str(path)}
    return {"id": doc_id, "text": data, "pub_date": pub_date, "source": str(path)}


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
                       "error_type": "decode", "source": str(path)}
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
