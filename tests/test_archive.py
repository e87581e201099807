"""An archive as a user keeps it, through the command line: dated folders of same-named pages,
mixed-case suffixes, a stray byte, reruns. Every archive here is made in tmp_path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(ROOT / "cli.py")]

PAGE_1 = "县委书记调研春耕\n\n本报讯 3月5日，县委书记李明到城关镇调研春耕生产。\n"
PAGE_2 = "市长会见客商\n\n科学导报讯 4月2日，市长张华会见了浙江客商一行，双方就项目合作进行交流。\n"


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, timeout=timeout, cwd=ROOT)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """own: the layout of the issue — one page1 a day, one name in capitals, one stray byte."""
    root = tmp_path / "archive"
    (root / "2025-10-01").mkdir(parents=True)
    (root / "2025-10-02").mkdir()
    (root / "2025-10-01" / "page1.txt").write_text(PAGE_1, encoding="utf-8")
    (root / "2025-10-02" / "page1.txt").write_text(PAGE_2, encoding="utf-8")
    (root / "2025-10-02" / "PAGE2.TXT").write_bytes(PAGE_1.encode("utf-8").replace("城关镇".encode(), "城关镇".encode() + b"\xff"))
    (root / "notes.md").write_text("not a page", encoding="utf-8")
    return root


def test_archive_ids_sources_and_dates_from_the_path(archive: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    proc = run_cli("extract", str(archive), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    records = read_jsonl(out)
    assert [r["doc_id"] for r in records] == ["2025-10-01/page1", "2025-10-02/PAGE2", "2025-10-02/page1"]
    by_id = {r["doc_id"]: r for r in records}
    assert by_id["2025-10-02/PAGE2"]["source"] == str(archive / "2025-10-02" / "PAGE2.TXT")
    assert by_id["2025-10-01/page1"]["pub_date"] == "2025-10-01"
    assert by_id["2025-10-01/page1"]["pub_date_source"] == "path"
    # the path's year resolves the year-less dateline
    assert by_id["2025-10-01/page1"]["articles"][0]["dateline"]["date"] == "2025-03-05"
    # a stray byte: the page with its entities and a warning, not an error
    stray = by_id["2025-10-02/PAGE2"]
    assert any("U+FFFD" in w for w in stray["warnings"])
    assert any(e["text"] == "李明" for a in stray["articles"] for e in a["entities"])
    summary = proc.stderr.decode().strip().splitlines()[-1]
    assert summary.startswith("newsie: 3 document(s), 3 ok, 0 error(s)") and "chars/s" in summary


def test_output_dir_keeps_same_named_pages_apart_and_resume_skips_by_id(archive: Path, tmp_path: Path):
    out = tmp_path / "outdir"
    proc = run_cli("extract", str(archive), "--output-dir", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    ids = sorted(json.loads(p.read_text(encoding="utf-8"))["doc_id"] for p in out.glob("*.json"))
    assert ids == ["2025-10-01/page1", "2025-10-02/PAGE2", "2025-10-02/page1"]
    (archive / "2025-10-03").mkdir()
    (archive / "2025-10-03" / "page1.txt").write_text(PAGE_2, encoding="utf-8")
    proc = run_cli("extract", str(archive), "--output-dir", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr.decode()
    assert "1 document(s)" in proc.stderr.decode() and "3 skipped" in proc.stderr.decode()
    assert len(list(out.glob("*.json"))) == 4


def test_resume_retries_error_records_only_when_asked(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(PAGE_1, encoding="utf-8")
    (src / "later.txt").write_bytes(b"")  # empty: an error record
    out = tmp_path / "out.jsonl"
    assert run_cli("extract", str(src), "-o", str(out)).returncode == 1
    (src / "later.txt").write_text(PAGE_2, encoding="utf-8")  # the user fixes the file
    proc = run_cli("extract", str(src), "-o", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr.decode()  # nothing left to do: both ids are done
    assert "2 skipped" in proc.stderr.decode()
    assert [("error" in r) for r in read_jsonl(out)] == [False, True]
    proc = run_cli("extract", str(src), "-o", str(out), "--resume", "--retry-errors")
    assert proc.returncode == 0, proc.stderr.decode()
    records = read_jsonl(out)
    assert sorted(r["doc_id"] for r in records) == ["good", "later"]
    assert not any("error" in r for r in records)


@pytest.mark.parametrize("case, args, message", [
    ("own:two files, one id", ["{a}/p1.txt", "{b}/p1.txt"], "two files give the id 'p1'"),
    ("own:empty folder", ["{empty}"], "no documents in"),
    ("own:bad pub date", ["{a}", "--pub-date", "2025-02-30"], "not a YYYY-MM-DD date"),
    ("own:-o with --output-dir", ["{a}", "-o", "{tmp}/x.jsonl", "--output-dir", "{tmp}/d"], "not both"),
    ("own:output exists", ["{a}", "-o", "{a}/p1.txt"], "exists"),
    ("own:missing input", ["{tmp}/nowhere"], "no such file"),
], ids=lambda x: x if isinstance(x, str) and x.startswith("own:") else "")
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, case: str, args: list[str], message: str):
    for d in ("a", "b", "empty"):
        (tmp_path / d).mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "p1.txt").write_text(PAGE_1, encoding="utf-8")
    dirs = {d: str(tmp_path / d) for d in ("a", "b", "empty")}
    proc = run_cli("extract", *[a.format(tmp=tmp_path, **dirs) for a in args])
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert message in err and "Traceback" not in err
    if case == "own:two files, one id":
        assert str(tmp_path / "a" / "p1.txt") in err and str(tmp_path / "b" / "p1.txt") in err


def test_glob_chooses_the_files(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "p1.txt").write_text(PAGE_1, encoding="utf-8")
    (src / "p2.text").write_text(PAGE_2, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run_cli("extract", str(src), "--glob", "*.TEXT", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert [r["doc_id"] for r in read_jsonl(out)] == ["p2.text"]


def test_no_text_and_export_tables_match_the_jsonl(archive: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    assert run_cli("extract", str(archive), "-o", str(out)).returncode == 0
    slim = tmp_path / "slim.jsonl"
    assert run_cli("extract", str(archive), "-o", str(slim), "--no-text").returncode == 0
    full, stripped = read_jsonl(out), read_jsonl(slim)
    assert all("text" not in r for r in stripped)
    assert [r["articles"] for r in stripped] == [r["articles"] for r in full]
    tables = tmp_path / "tables"
    proc = run_cli("export", str(out), "--to", str(tables), "--format", "csv,parquet", "--label", "PER")
    assert proc.returncode == 0, proc.stderr.decode()
    import pyarrow.parquet as pq

    per = [e for r in full for a in r["articles"] for e in a["entities"] if e["label"] == "PER"]
    assert pq.read_table(tables / "entities.parquet").num_rows == len(per) > 0
    assert pq.read_table(tables / "documents.parquet").num_rows == len(full)
    with (tables / "events.csv").open(encoding="utf-8") as fh:
        assert sum(1 for _ in fh) - 1 == sum(len(a["events"]) for r in full for a in r["articles"])
    again = run_cli("export", str(out), "--to", str(tables))
    assert again.returncode == 2 and "exists" in again.stderr.decode()
    bad = run_cli("export", str(out), "--to", str(tmp_path / "t2"), "--label", "NOPE")
    assert bad.returncode == 2 and "NOPE" in bad.stderr.decode()


def test_version_from_every_entry_point():
    from pipeline import __version__

    for cmd in (CLI, [sys.executable, "-m", "pipeline"]):
        proc = subprocess.run([*cmd, "--version"], capture_output=True, cwd=ROOT, timeout=60)
        assert proc.returncode == 0
        assert proc.stdout.decode().strip() == f"newsie {__version__}"


def test_render_draws_extraction_output(archive: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    assert run_cli("extract", str(archive), "-o", str(out)).returncode == 0
    report = tmp_path / "report.html"
    proc = run_cli("render", str(out), "-o", str(report))
    assert proc.returncode == 0, proc.stderr.decode()
    html = report.read_text(encoding="utf-8")
    assert "2025-10-02/PAGE2" in html and "李明" in html
    assert "Noto Sans CJK SC" in html  # the report declares its font (README names it)


def test_dask_extract_on_a_folder_of_pages(archive: Path, tmp_path: Path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "parts"
    proc = run_cli("dask-extract", str(archive), "-o", str(out), "--workers", "1")
    assert proc.returncode == 0, proc.stderr.decode()
    ids = [json.loads(line)["doc_id"] for p in sorted(out.glob("part-*.jsonl"))
           for line in p.read_text(encoding="utf-8").splitlines()]
    assert ids == ["2025-10-01/page1", "2025-10-02/PAGE2", "2025-10-02/page1"]
    again = run_cli("dask-extract", str(archive), "-o", str(out), "--workers", "1")
    assert again.returncode == 2 and "--force" in again.stderr.decode()
    assert "Traceback" not in again.stderr.decode()


def test_dask_extract_names_ids_given_twice_across_partitions(tmp_path: Path):
    pytest.importorskip("dask.distributed")
    # own: two JSONL files of one archive that both hold an id, read as two partitions
    for name in ("a", "b"):
        (tmp_path / f"{name}.jsonl").write_text(
            json.dumps({"id": "2025-10-01/page1", "text": "县委书记李明调研春耕。"}, ensure_ascii=False)
            + "\n" + json.dumps({"id": f"only-{name}", "text": "投资3亿元。"}, ensure_ascii=False) + "\n",
            encoding="utf-8")
    out = tmp_path / "parts"
    proc = run_cli("dask-extract", str(tmp_path / "*.jsonl"), "-o", str(out), "--workers", "1")
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    records = [json.loads(line) for p in sorted(out.glob("part-*.jsonl"))
               for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4  # nothing dropped
    assert "1 id(s) name more than one record: '2025-10-01/page1' (part-00000.jsonl, part-00001.jsonl)" in err


# ---------------------------------------------------------------------- the library's view

@pytest.fixture(scope="module")
def rules_only():
    from pipeline.run.extractor import Extractor

    return Extractor(use_model=False)


#: own: a masthead line over a page whose dates have no year
MASTHEAD_PAGE = "晋中日报 2025年10月15日 星期三\n县委书记调研春耕\n\n本报讯 10月14日，县委书记李明到城关镇调研。\n"


@pytest.mark.parametrize("case, text, source, pub_date, want", [
    ("own:masthead", MASTHEAD_PAGE, None, None, ("2025-10-15", "masthead")),
    ("own:masthead wins over the path", MASTHEAD_PAGE, "a/2024-01-01/p1.txt", None, ("2025-10-15", "masthead")),
    ("own:path", PAGE_1, "a/jzrb_20251015_03.txt", None, ("2025-10-15", "path")),
    ("own:given wins", MASTHEAD_PAGE, "a/2024-01-01/p1.txt", "2025-10-20", ("2025-10-20", "given")),
    ("own:a JSONL line number is no date", PAGE_1, "batch.jsonl:20251015", None, (None, None)),
], ids=lambda x: x if isinstance(x, str) and x.startswith("own:") else "")
def test_publication_date_sources(rules_only, case, text, source, pub_date, want):
    item = {"id": "p", "text": text, "pub_date": pub_date, "source": source}
    (result,) = rules_only.extract_many([item])
    assert (result.pub_date, result.pub_date_source) == want
    assert result.source == source


def test_masthead_gives_the_year_and_leaves_the_headline(rules_only):
    (result,) = rules_only.extract_many([{"id": "p", "text": MASTHEAD_PAGE}])
    assert result.articles[0].title == "县委书记调研春耕"
    assert result.articles[0].dateline.date == "2025-10-14"
    assert not any("XXXX" in w for w in result.warnings)


def test_dates_left_without_a_year_are_warned_about(rules_only):
    result = rules_only.extract(PAGE_1)
    assert result.pub_date_source is None
    assert any(w.startswith("1 date(s) without a year left as XXXX") for w in result.warnings)


def test_extract_many_takes_paths(rules_only, tmp_path: Path):
    page = tmp_path / "2025-10-15" / "page1.txt"
    page.parent.mkdir()
    page.write_text(PAGE_1, encoding="utf-8")
    missing = tmp_path / "gone.txt"
    done, gone = rules_only.extract_many([page, missing])
    assert (done.doc_id, done.source, done.pub_date) == ("page1", str(page), "2025-10-15")
    assert gone.error.type == "read" and gone.doc_id == "gone"


@pytest.mark.parametrize("case, args, message", [
    ("own:dask, no JSONL matches", ["dask-extract", "{tmp}/none/*.jsonl", "-o", "{tmp}/parts"], "no JSONL file matches"),
    ("own:dask, bad pub date", ["dask-extract", "{tmp}", "-o", "{tmp}/parts", "--pub-date", "x"], "not a YYYY-MM-DD"),
    ("own:segment, missing file", ["segment", "{tmp}/none.txt"], "cannot read"),
    ("own:render, nothing to draw", ["render", "{tmp}", "-o", "{tmp}/r.html"], "no documents"),
    ("own:export, missing output", ["export", "{tmp}/none.jsonl", "--to", "{tmp}/t"], "no such file"),
], ids=lambda x: x if isinstance(x, str) and x.startswith("own:") else "")
def test_every_subcommand_exits_2_on_bad_usage(tmp_path: Path, case: str, args: list[str], message: str):
    proc = run_cli(*[a.format(tmp=tmp_path) for a in args])
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert message in err and "Traceback" not in err
