"""pipeline.tools.export: the five tables hold exactly the records' contents and their keys join.

The records are real extraction output of three corpus pages and one unreadable input; every
expected count and value is computed here from the pydantic results, independently of the
flattening code.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.tools.export import (COLUMNS, TABLES, VALUE_COLUMNS, ExportError, export, flatten_record,
                             read_records, strip_text)
from pipeline.schema import DocumentResult, EntityValue, ErrorRecord

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# a stats page (metrics), a signing page (agreement, conference), a GB18030 page
PAGES = ["p17_sip_stats", "p26_yangzhou_signing", "p14_xinxiang_gb"]


@pytest.fixture(scope="module")
def results() -> list[DocumentResult | ErrorRecord]:
    from pipeline.run.extractor import Extractor

    items = [{"id": p, "text": (CORPUS / f"{p}.txt").read_bytes()} for p in PAGES]
    items.append({"id": "scan", "text": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))})
    out = list(Extractor().extract_many(items))
    assert isinstance(out[-1], ErrorRecord)
    return out


@pytest.fixture(scope="module")
def jsonl(results, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("out") / "out.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    return path


def expected_counts(results) -> dict[str, int]:
    docs = [r for r in results if isinstance(r, DocumentResult)]
    return {
        "documents": len(results),
        "articles": sum(len(d.articles) for d in docs),
        "entities": sum(1 for d in docs for _ in d.iter_entities()),
        "events": sum(1 for d in docs for _ in d.iter_events()),
        "event_args": sum(len(a) for d in docs for v in d.iter_events() for a in v.args.values()),
    }


def rows_of(results, **options) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {t: [] for t in TABLES}
    for r in results:
        for t, rows in flatten_record(json.loads(r.model_dump_json()), **options).items():
            tables[t].extend(rows)
    return tables


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_row_counts_match_the_jsonl(results, jsonl, tmp_path):
    expected = expected_counts(results)
    assert all(expected.values())
    summary = export(jsonl, tmp_path)
    assert summary.rows == expected
    for table in TABLES:
        assert len(read_csv(tmp_path / f"{table}.csv")) == expected[table], table


KEYS = {
    "documents": ("doc_id",),
    "articles": ("doc_id", "article_index"),
    "entities": ("doc_id", "entity_id"),
    "events": ("doc_id", "event_id"),
    "event_args": ("doc_id", "event_id", "role", "arg_index"),
}


@pytest.mark.parametrize("table", TABLES)
def test_keys_are_unique(results, table):
    keys = [tuple(r[k] for k in KEYS[table]) for r in rows_of(results)[table]]
    assert len(keys) == len(set(keys))


def test_joins_are_consistent(results):
    t = rows_of(results)
    docs = {r["doc_id"] for r in t["documents"]}
    articles = {(r["doc_id"], r["article_index"]) for r in t["articles"]}
    entities = {(r["doc_id"], r["entity_id"]) for r in t["entities"]}
    events = {(r["doc_id"], r["event_id"]): r for r in t["events"]}
    assert {r["doc_id"] for r in t["articles"]} <= docs
    assert {(r["doc_id"], r["article_index"]) for r in t["entities"]} <= articles
    assert {(r["doc_id"], r["article_index"]) for r in t["events"]} <= articles
    for a in t["event_args"]:
        assert events[(a["doc_id"], a["event_id"])]["type"] == a["event_type"]
        assert a["entity_id"] is None or (a["doc_id"], a["entity_id"]) in entities
    # the per-row counts agree with the child tables
    per_article = Counter((r["doc_id"], r["article_index"]) for r in t["entities"])
    assert all(r["entities"] == per_article[(r["doc_id"], r["article_index"])] for r in t["articles"])
    per_event = Counter((a["doc_id"], a["event_id"]) for a in t["event_args"])
    assert all(r["args"] == per_event[k] for k, r in events.items())


def test_rows_carry_the_records_values(results):
    t = rows_of(results)
    by_key = {(r["doc_id"], r["entity_id"]): r for r in t["entities"]}
    for doc in (r for r in results if isinstance(r, DocumentResult)):
        for e in doc.iter_entities():
            row = by_key[(doc.doc_id, e.id)]
            assert (row["label"], row["text"], row["start"], row["raw_end"]) == (e.label, e.text, e.start, e.raw_end)
            assert doc.text[row["start"]:row["end"]] == row["text"]
            value = e.value.model_dump() if e.value is not None else {}
            for key, v in value.items():
                if isinstance(v, dict):
                    for sub, w in v.items():
                        assert row[f"value_{key}_{sub}"] == w
                else:
                    assert row[f"value_{key}"] == v
    error = [r for r in t["documents"] if r["doc_id"] == "scan"][0]
    assert error["error_type"] == "decode" and "scan" in error["error_message"]


def test_every_value_field_has_a_column():
    # a field added to a value model must reach the table
    names = {n for n, _ in VALUE_COLUMNS}
    for model in EntityValue.__args__:
        for name, info in model.model_fields.items():
            nested = getattr(info.annotation, "model_fields", None)
            if nested:
                assert {f"value_{name}_{s}" for s in nested} <= names
            else:
                assert f"value_{name}" in names


def test_argument_values_are_kept_and_pulled_out(results):
    args = rows_of(results)["event_args"]
    stages = [a for a in args if a["role"] == "stage"]
    money = [a for a in args if a["role"] == "amount" and a["value_json"]]
    assert money and stages, "the pages have amounts and project stages"
    for a in money:
        assert a["value_number"] == json.loads(a["value_json"])["amount"]
    for a in stages:
        assert a["value_text"] == json.loads(a["value_json"])


@pytest.mark.parametrize("case, options, label_ok, type_ok", [
    ("dates only", {"labels": ["DATE"]}, {"DATE"}.__contains__, lambda t: True),
    ("people and places", {"labels": ["PER", "LOC"]}, {"PER", "LOC"}.__contains__, lambda t: True),
    ("metrics only", {"event_types": ["metric"]}, lambda label: True, {"metric"}.__contains__),
    ("no events", {"event_types": []}, lambda label: True, lambda t: False),
])
def test_filters_keep_what_they_name(results, case, options, label_ok, type_ok):
    t = rows_of(results, **options)
    docs = [r for r in results if isinstance(r, DocumentResult)]
    assert len(t["entities"]) == sum(1 for d in docs for e in d.iter_entities() if label_ok(e.label))
    assert len(t["events"]) == sum(1 for d in docs for v in d.iter_events() if type_ok(v.type))
    assert all(type_ok(a["event_type"]) for a in t["event_args"])
    # documents and articles are never filtered
    assert len(t["documents"]) == len(results)
    assert len(t["articles"]) == sum(len(d.articles) for d in docs)


@pytest.mark.parametrize("options, named", [
    ({"labels": ["DATE", "PERSON"]}, "PERSON"),
    ({"event_types": ["meeting", "visit"]}, "visit"),
    ({"formats": ["xlsx"]}, "xlsx"),
])
def test_unknown_filter_or_format_is_refused_naming_it(results, tmp_path, options, named):
    with pytest.raises(ExportError, match=named):
        export(results, tmp_path, **options)


def test_csv_round_trips_text_lists_and_nulls(results, tmp_path):
    export(results, tmp_path, include_text=True)
    docs = {r.doc_id: r for r in results}
    for row in read_csv(tmp_path / "articles.csv"):
        article = docs[row["doc_id"]].articles[int(row["article_index"])]
        assert json.loads(row["authors"]) == article.authors
        assert row["title"] == (article.title or "")
    for row in read_csv(tmp_path / "documents.csv"):
        r = docs[row["doc_id"]]
        if isinstance(r, DocumentResult):
            assert row["text"] == r.text and int(row["text_chars"]) == len(r.text)
            assert json.loads(row["warnings"]) == r.warnings
        else:
            assert row["text"] == "" and row["error_type"] == r.error.type


def test_without_text_the_text_column_is_empty(results, tmp_path):
    export(results, tmp_path)
    assert all(row["text"] == "" for row in read_csv(tmp_path / "documents.csv"))


def test_parquet_tables_match_the_csv_ones(results, jsonl, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet needs the export extra (pyarrow)")
    import datetime as dt

    summary = export(jsonl, tmp_path, formats=["csv", "parquet"])
    for table in TABLES:
        t = pq.read_table(tmp_path / f"{table}.parquet")
        assert t.num_rows == summary.rows[table]
        assert t.column_names == [n for n, _ in COLUMNS[table]]
    docs = pq.read_table(tmp_path / "documents.parquet").to_pylist()
    given = {r.doc_id: r.pub_date for r in results if isinstance(r, DocumentResult)}
    for row in docs:
        want = given.get(row["doc_id"])
        assert row["pub_date"] == (dt.date.fromisoformat(want) if want else None)
    entities = pq.read_table(tmp_path / "entities.parquet").to_pylist()
    assert entities == [{n: r.get(n) for n, _ in COLUMNS["entities"]} for r in rows_of(results)["entities"]]


def test_parquet_without_pyarrow_is_a_clear_error_and_writes_nothing(results, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ExportError, match=r"newsie\[export\]"):
        export(results, tmp_path / "out", formats=["csv", "parquet"])
    assert not (tmp_path / "out").exists()


def test_existing_tables_are_not_overwritten(results, tmp_path):
    export(results, tmp_path)
    with pytest.raises(ExportError, match="exists"):
        export(results, tmp_path)
    assert export(results, tmp_path, overwrite=True).rows["documents"] == len(results)


@pytest.mark.parametrize("line, reason", [
    ('{"doc_id": "a", "articles": []', "not a JSON line"),
    ('["a list"]', "not an extraction record"),
    ('{"id": "a", "text": "an input line, not an output line"}', "not an extraction record"),
])
def test_a_line_that_is_not_a_record_is_named(tmp_path, line, reason):
    path = tmp_path / "out.jsonl"
    path.write_text('{"doc_id": "ok", "articles": []}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ExportError, match=rf"out\.jsonl:3: {reason}"):
        list(read_records(path))


def test_strip_text_keeps_everything_else(results):
    record = json.loads(results[0].model_dump_json())
    stripped = strip_text(record)
    assert "text" not in stripped and "text" in record
    assert {k: v for k, v in record.items() if k != "text"} == stripped
    assert flatten_record(stripped)["documents"][0]["text_chars"] is None
    assert len(flatten_record(stripped)["entities"]) == len(flatten_record(record)["entities"])


# ---------------------------------------------------------------------- docs/TABLES.md

TABLES_DOC = (Path(__file__).resolve().parent.parent / "docs" / "TABLES.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", TABLES)
def test_every_column_is_documented(table):
    """docs/TABLES.md has a section per table whose rows name exactly the table's columns."""
    import re

    section = re.search(rf"^## `{table}`\n(.*?)(?=^## |\Z)", TABLES_DOC, re.S | re.M)
    assert section, f"TABLES.md has no section for {table}"
    rows = [line for line in section.group(1).splitlines() if line.startswith("| `")]
    named = [n for row in rows for n in re.findall(r"`([^`]+)`", row.split("|")[1])]
    assert named == [n for n, _ in COLUMNS[table]]
