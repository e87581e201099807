"""The command line as a batch user drives it: inputs of every kind, error records, resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(ROOT / "cli.py")]

PAGE_A = "县委书记调研春耕\n\n本报讯 3月5日，县委书记李明到城关镇调研春耕生产。\n\n王芳\n"
PAGE_B = "市长会见客商\n\n科学导报讯 4月2日，市长张华会见了浙江客商一行，双方就项目合作进行交流。\n"


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, timeout=timeout, cwd=ROOT)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (src / "sub" / "b.txt").write_bytes(PAGE_B.encode("gb18030"))
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 100)
    return src


def test_directory_batch_with_bad_files_goes_on(inputs: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    proc = run_cli("extract", str(inputs), "-o", str(out), "--pub-date", "2025-06-01")
    assert proc.returncode == 1, proc.stderr.decode()  # some documents failed
    records = read_jsonl(out)
    # every input once, in input order (sorted paths), errors named
    assert [r["doc_id"] for r in records] == ["a", "binary", "empty", "sub/b"]
    by_id = {r["doc_id"]: r for r in records}
    assert by_id["binary"]["error"]["type"] == "decode"
    assert "binary" in by_id["binary"]["error"]["message"]
    assert by_id["empty"]["error"]["type"] == "empty"
    assert by_id["a"]["articles"][0]["dateline"]["date"] == "2025-03-05"
    assert by_id["a"]["articles"][0]["authors"] == ["王芳"]
    assert any("gb18030" in w for w in by_id["sub/b"]["warnings"])
    assert b"binary" in proc.stderr


def test_jsonl_and_stdin_inputs(tmp_path: Path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "x1", "text": PAGE_A, "pub_date": "2024-03-06"}, ensure_ascii=False) + "\n"
        + "{not json\n"
        + json.dumps({"id": "x2", "text": PAGE_B}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    proc = run_cli("extract", str(batch))
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["doc_id"] for r in records] == ["x1", "batch:2", "x2"]
    assert records[0]["pub_date"] == "2024-03-06" and records[0]["pub_date_source"] == "given"
    assert records[0]["articles"][0]["dateline"]["date"] == "2024-03-05"
    assert records[1]["error"]["type"] == "bad_input"
    assert proc.returncode == 1

    proc = run_cli("extract", "-", stdin=PAGE_B.encode("utf-8"))
    assert proc.returncode == 0
    (record,) = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert record["doc_id"] == "stdin"


def test_existing_output_is_not_overwritten(tmp_path: Path, inputs: Path):
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    proc = run_cli("extract", str(inputs / "a.txt"), "-o", str(out))
    assert proc.returncode != 0
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert b"--force" in proc.stderr


def test_output_dir_names_stay_inside(tmp_path: Path):
    batch = tmp_path / "evil.jsonl"
    batch.write_text(json.dumps({"id": "../../escaped", "text": PAGE_A}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    outdir = tmp_path / "docs"
    proc = run_cli("extract", str(batch), "--output-dir", str(outdir))
    assert proc.returncode == 0, proc.stderr.decode()
    assert [p.name for p in outdir.iterdir()] == ["escaped.json"]
    assert not (tmp_path.parent / "escaped.json").exists()


def test_resume_after_kill_gives_every_document_once(tmp_path: Path):
    n_docs = 40
    batch = tmp_path / "many.jsonl"
    with batch.open("w", encoding="utf-8") as fh:
        for i in range(n_docs):
            fh.write(json.dumps({"id": f"d{i:03d}", "text": PAGE_B * 3}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([*CLI, "extract", str(batch), "-o", str(out), "--batch-size", "1"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # kill it once some output exists (or whenever it gets there)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.stat().st_size < 2000):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # simulate the worst moment: a half-written last line
    with out.open("ab") as fh:
        fh.write(b'{"doc_id": "d9')
    proc = run_cli("extract", str(batch), "-o", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr.decode()
    ids = [r["doc_id"] for r in read_jsonl(out)]
    assert sorted(ids) == [f"d{i:03d}" for i in range(n_docs)]
    assert len(ids) == len(set(ids))


def test_schema_command_prints_the_committed_schema():
    proc = run_cli("schema")
    assert proc.returncode == 0
    assert proc.stdout.decode("utf-8") == (ROOT / "schema" / "document.schema.json").read_text(encoding="utf-8")
