"""Extraction output (JSONL of DocumentResult / ErrorRecord lines) as flat tables for analysts.

Five tables, one row per thing, joined by ids the output already carries:

============  ==========================================  =====================================
table         one row per                                 key (unique)      joins to
============  ==========================================  =====================================
documents     output line (result or error record)        doc_id
articles      article                                     doc_id, article_index   documents
entities      entity                                      doc_id, entity_id       articles
events        event                                       doc_id, event_id        articles
event_args    argument of an event                        doc_id, event_id, role, arg_index
                                                                              events; entities
                                                                              by (doc_id, entity_id)
============  ==========================================  =====================================

Entity and event ids (``e3``, ``v2``) are unique within a document, so every key includes
``doc_id``. An entity's normalized value is spread over ``value_*`` columns, one per field of the
value models in :mod:`pipeline.schema` (a field added there becomes a column here); an
argument's value, whose shape depends on its role, is kept as JSON with its number and its
string pulled out (``value_number``: a count or an amount; ``value_text``: a stage or a date).

Written as CSV (standard library; lists and objects as JSON text, ``true``/``false``, empty for
null) or Parquet (pyarrow, the optional ``export`` extra: ``pip install "newsie[export]"``; lists
are native list columns, ``pub_date`` a date). Records stream through: memory holds one record
and, for Parquet, one batch of rows per table.

>>> rows = flatten_record({"doc_id": "p1", "error": {"type": "decode", "message": "p1: binary"}})
>>> [(t, len(r)) for t, r in rows.items()]
[('documents', 1), ('articles', 0), ('entities', 0), ('events', 0), ('event_args', 0)]
>>> rows["documents"][0]["error_type"]
'decode'
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import schema

__all__ = [
    "TABLES", "COLUMNS", "ExportError", "ExportSummary", "export", "flatten_record", "read_records",
    "strip_text", "CsvWriter", "ParquetWriter",
]

TABLES: tuple[str, ...] = ("documents", "articles", "entities", "events", "event_args")

# column kinds: how a value is written to CSV and typed in Parquet
STR, INT, FLOAT, BOOL, DATE, LIST = "str", "int", "float", "bool", "date", "list"


class ExportError(ValueError):
    """The input cannot be exported (a line that is not a record, pyarrow missing); the message
    names the file and line, or what to install."""


# --------------------------------------------------------------------------- columns


def _kind(annotation: Any) -> str:
    """The column kind of a value-model field's annotation (``float | None`` → float)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Literal:
        return STR
    if args and typing.get_origin(annotation) is not list:
        return _kind(args[0])
    if typing.get_origin(annotation) is list:
        return LIST
    return {float: FLOAT, int: INT, str: STR, bool: BOOL}[annotation]


def _value_columns() -> list[tuple[str, str]]:
    """``value_<field>`` columns, one per field of the entity value models, in model order;
    a nested model (``original``) gives ``value_original_<field>``. Two models declaring one
    field with different kinds is a contradiction and fails at import."""
    columns: dict[str, str] = {}

    def add(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            ann = info.annotation
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                add(ann, f"{prefix}{name}_")
                continue
            column, kind = f"{prefix}{name}", _kind(ann)
            if columns.setdefault(column, kind) != kind:
                raise TypeError(f"value field {column} is {kind} in {model.__name__}, "
                                f"{columns[column]} elsewhere")

    for model in typing.get_args(schema.EntityValue):
        add(model, "value_")
    return list(columns.items())


VALUE_COLUMNS: list[tuple[str, str]] = _value_columns()

#: Every table's columns with their kinds, in output order.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", STR), ("source", STR), ("pub_date", DATE), ("pub_date_source", STR),
        ("schema_version", STR), ("articles", INT), ("entities", INT), ("events", INT),
        ("warnings", LIST), ("error_type", STR), ("error_message", STR), ("text_chars", INT),
        ("text", STR),
    ],
    "articles": [
        ("doc_id", STR), ("article_index", INT), ("start", INT), ("end", INT), ("title", STR),
        ("dateline_agency", STR), ("dateline_date", STR), ("dateline_text", STR),
        ("authors", LIST), ("entities", INT), ("events", INT),
    ],
    "entities": [
        ("doc_id", STR), ("article_index", INT), ("entity_id", STR), ("label", STR), ("text", STR),
        ("start", INT), ("end", INT), ("raw_start", INT), ("raw_end", INT), ("canonical", STR),
        ("source", STR), ("part", STR), *VALUE_COLUMNS,
    ],
    "events": [
        ("doc_id", STR), ("article_index", INT), ("event_id", STR), ("type", STR),
        ("trigger", STR), ("trigger_start", INT), ("trigger_end", INT), ("date", STR),
        ("sentence_start", INT), ("sentence_end", INT), ("args", INT),
    ],
    "event_args": [
        ("doc_id", STR), ("event_id", STR), ("event_type", STR), ("role", STR), ("arg_index", INT),
        ("text", STR), ("start", INT), ("end", INT), ("entity_id", STR), ("value_json", STR),
        ("value_number", FLOAT), ("value_text", STR),
    ],
}


# --------------------------------------------------------------------------- records → rows


def strip_text(record: dict[str, Any]) -> dict[str, Any]:
    """The record without its page ``text`` (the bulk of a line: a 2 MB page makes a 25 MB line
    with its entities); offsets then point into a text the reader must get from the input.

    >>> strip_text({"doc_id": "p1", "text": "科学导报讯", "articles": []})
    {'doc_id': 'p1', 'articles': []}
    """
    return {k: v for k, v in record.items() if k != "text"}


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _arg_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        for key in ("amount", "count"):
            if isinstance(value.get(key), (int, float)) and not isinstance(value.get(key), bool):
                return value[key]
    return None


def _value_cells(value: Any) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    if not isinstance(value, dict):
        return cells

    def walk(obj: dict[str, Any], prefix: str) -> None:
        for k, v in obj.items():
            if isinstance(v, dict):
                walk(v, f"{prefix}{k}_")
            else:
                cells[f"{prefix}{k}"] = v

    walk(value, "value_")
    return cells


def flatten_record(record: dict[str, Any], *, labels: Iterable[str] | None = None,
                   event_types: Iterable[str] | None = None,
                   include_text: bool = False) -> dict[str, list[dict[str, Any]]]:
    """One output record (as parsed JSON) → its rows, table by table.

    ``labels`` / ``event_types``: keep only entities with these labels and events of these types
    (their arguments with them); the document and article rows, and their counts, are not
    filtered. An argument may then name an ``entity_id`` whose row was filtered out.
    ``include_text``: put the page text in ``documents.text`` (else the column stays empty).
    """
    keep_label = set(labels) if labels is not None else None
    keep_type = set(event_types) if event_types is not None else None
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    doc_id = record["doc_id"]
    articles = record.get("articles") or []
    error = record.get("error") or {}
    text = record.get("text")
    rows["documents"].append({
        "doc_id": doc_id, "source": record.get("source"), "pub_date": record.get("pub_date"),
        "pub_date_source": record.get("pub_date_source"), "schema_version": record.get("schema_version"),
        "articles": len(articles),
        "entities": sum(len(a.get("entities") or []) for a in articles),
        "events": sum(len(a.get("events") or []) for a in articles),
        "warnings": list(record.get("warnings") or []),
        "error_type": error.get("type"), "error_message": error.get("message"),
        "text_chars": len(text) if isinstance(text, str) else None,
        "text": text if include_text else None,
    })
    for article in articles:
        index = article["index"]
        dateline = article.get("dateline") or {}
        entities = article.get("entities") or []
        events = article.get("events") or []
        rows["articles"].append({
            "doc_id": doc_id, "article_index": index, "start": article.get("start"),
            "end": article.get("end"), "title": article.get("title"),
            "dateline_agency": dateline.get("agency"), "dateline_date": dateline.get("date"),
            "dateline_text": dateline.get("text"), "authors": list(article.get("authors") or []),
            "entities": len(entities), "events": len(events),
        })
        for e in entities:
            if keep_label is not None and e["label"] not in keep_label:
                continue
            rows["entities"].append({
                "doc_id": doc_id, "article_index": index, "entity_id": e["id"], "label": e["label"],
                "text": e["text"], "start": e["start"], "end": e["end"], "raw_start": e.get("raw_start"),
                "raw_end": e.get("raw_end"), "canonical": e.get("canonical"), "source": e.get("source"),
                "part": e.get("part"), **_value_cells(e.get("value")),
            })
        for v in events:
            if keep_type is not None and v["type"] not in keep_type:
                continue
            trigger, sentence, args = v.get("trigger") or {}, v.get("sentence") or {}, v.get("args") or {}
            rows["events"].append({
                "doc_id": doc_id, "article_index": index, "event_id": v["id"], "type": v["type"],
                "trigger": trigger.get("text"), "trigger_start": trigger.get("start"),
                "trigger_end": trigger.get("end"), "date": v.get("date"),
                "sentence_start": sentence.get("start"), "sentence_end": sentence.get("end"),
                "args": sum(len(a) for a in args.values()),
            })
            for role, role_args in args.items():
                for k, a in enumerate(role_args):
                    value = a.get("value")
                    rows["event_args"].append({
                        "doc_id": doc_id, "event_id": v["id"], "event_type": v["type"], "role": role,
                        "arg_index": k, "text": a.get("text"), "start": a.get("start"), "end": a.get("end"),
                        "entity_id": a.get("entity_id"), "value_json": _json(value),
                        "value_number": _arg_number(value),
                        "value_text": value if isinstance(value, str) else None,
                    })
    return rows


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of an extraction output file, one per non-blank line; a line that is not a
    record raises :class:`ExportError` naming ``file:line``. A half-written last line (a run
    killed mid-write) is an error too: export what is whole, after ``extract --resume``."""
    path = Path(path)
    with path.open("r", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ExportError(f"{path}:{lineno}: not a JSON line ({exc.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("doc_id"), str) \
                    or not ("articles" in record or "error" in record):
                raise ExportError(f"{path}:{lineno}: not an extraction record "
                                  "(a doc_id and articles or error expected)")
            yield record


# --------------------------------------------------------------------------- writers


def _csv_cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == LIST or isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class CsvWriter:
    """One ``TABLE.csv`` per table in ``out_dir``, UTF-8 (``bom=True`` prepends a BOM, which
    spreadsheet programs need to see Chinese in UTF-8)."""

    suffix = ".csv"

    def __init__(self, out_dir: Path, *, bom: bool = False):
        self.paths = {t: out_dir / f"{t}.csv" for t in TABLES}
        self._files = {t: p.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
                       for t, p in self.paths.items()}
        self._writers = {t: csv.writer(f) for t, f in self._files.items()}
        for t, w in self._writers.items():
            w.writerow([name for name, _ in COLUMNS[t]])

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        cols = COLUMNS[table]
        self._writers[table].writerows([[_csv_cell(r.get(n), k) for n, k in cols] for r in rows])

    def close(self) -> None:
        for f in self._files.values():
            f.close()


def _require_pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ExportError('Parquet output needs pyarrow: pip install "newsie[export]" '
                          "(or pyarrow); CSV needs nothing") from None
    return pyarrow


class ParquetWriter:
    """One ``TABLE.parquet`` per table in ``out_dir``, written in row groups of ``batch_rows``."""

    suffix = ".parquet"

    def __init__(self, out_dir: Path, *, batch_rows: int = 50_000):
        pa = _require_pyarrow()
        import pyarrow.parquet as pq

        kinds = {STR: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), BOOL: pa.bool_(),
                 DATE: pa.date32(), LIST: pa.list_(pa.string())}
        self._pa = pa
        self.paths = {t: out_dir / f"{t}.parquet" for t in TABLES}
        self._schemas = {t: pa.schema([(n, kinds[k]) for n, k in COLUMNS[t]]) for t in TABLES}
        self._writers = {t: pq.ParquetWriter(self.paths[t], self._schemas[t]) for t in TABLES}
        self._pending: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._batch_rows = batch_rows

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        pending = self._pending[table]
        pending.extend(rows)
        if len(pending) >= self._batch_rows:
            self._flush(table)

    def _flush(self, table: str) -> None:
        dates = [n for n, k in COLUMNS[table] if k == DATE]
        rows = self._pending[table]
        if dates:  # copies: the same row dicts may go to the CSV writer too
            rows = [{**r, **{n: dt.date.fromisoformat(r[n]) for n in dates if isinstance(r.get(n), str)}}
                    for r in rows]
        self._writers[table].write_table(self._pa.Table.from_pylist(rows, schema=self._schemas[table]))
        self._pending[table] = []

    def close(self) -> None:
        # a table without rows is still written, with its columns, so a reader finds all five
        for table, writer in self._writers.items():
            if self._pending[table]:
                self._flush(table)
            writer.close()


# --------------------------------------------------------------------------- export


@dataclass
class ExportSummary:
    """What :func:`export` wrote: rows per table and the files."""

    rows: dict[str, int] = field(default_factory=lambda: {t: 0 for t in TABLES})
    files: list[Path] = field(default_factory=list)


def export(records: Iterable[dict[str, Any]] | str | Path, out_dir: str | Path, *,
           formats: Iterable[str] = ("csv",), labels: Iterable[str] | None = None,
           event_types: Iterable[str] | None = None, include_text: bool = False,
           csv_bom: bool = False, overwrite: bool = False) -> ExportSummary:
    """Write the five tables of ``records`` (an output JSONL path, or parsed records: dicts,
    or :class:`~pipeline.schema.DocumentResult` / :class:`~pipeline.schema.ErrorRecord`) to
    ``out_dir`` in each of ``formats`` (``csv``, ``parquet``). Existing table files are not
    overwritten unless ``overwrite``. Filters as in :func:`flatten_record`.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in ("csv", "parquet")]
    if unknown or not formats:
        raise ExportError(f"unknown export format(s) {unknown or formats}: csv or parquet")
    labels = _checked("label", labels, typing.get_args(schema.EntityLabel))
    event_types = _checked("event type", event_types, schema.EVENT_TYPES)
    out = Path(out_dir)
    if "parquet" in formats:
        _require_pyarrow()  # fail before writing anything
    out.mkdir(parents=True, exist_ok=True)
    targets = [out / f"{t}.{fmt}" for fmt in formats for t in TABLES]
    existing = [str(p) for p in targets if p.exists()]
    if existing and not overwrite:
        raise ExportError(f"{existing[0]} exists (and {len(existing) - 1} more); "
                          "pass overwrite=True (--force) to replace")
    writers: list[CsvWriter | ParquetWriter] = []
    try:
        for fmt in formats:
            writers.append(CsvWriter(out, bom=csv_bom) if fmt == "csv" else ParquetWriter(out))
        summary = ExportSummary(files=targets)
        source = read_records(records) if isinstance(records, (str, Path)) else records
        for record in source:
            if isinstance(record, BaseModel):
                record = json.loads(record.model_dump_json())
            rows = flatten_record(record, labels=labels, event_types=event_types,
                                  include_text=include_text)
            for table, table_rows in rows.items():
                summary.rows[table] += len(table_rows)
                for w in writers:
                    w.write(table, table_rows)
    finally:
        for w in writers:
            w.close()
    return summary


def _checked(what: str, values: Iterable[str] | None, known: tuple[str, ...]) -> set[str] | None:
    if values is None:
        return None
    chosen = set(values)
    bad = sorted(chosen - set(known))
    if bad:
        raise ExportError(f"unknown {what}(s) {', '.join(bad)}; known: {', '.join(known)}")
    return chosen
