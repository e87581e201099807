"""Web pages and PDFs in a run, as a user gives them: a folder with the .txt, .html and .pdf of
one page gives one record each, the same entities, and says how the text was obtained."""

from __future__ import annotations

import html
import importlib.util
import io
import json
from pathlib import Path

import pytest

from pipeline.cli import main

#: own: a short page of our own writing
PAGE = ("太谷区物流园项目开工\n"
        "本报讯 10月14日，晋中市太谷区物流园项目开工建设，总投资26亿元。\n"
        "区委书记王建国出席开工仪式并讲话。\n")


def make_html(text: str) -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.splitlines() if p.strip())
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>科学导报</title></head>'
            f'<body><nav><a href="/">首页</a></nav><article>{body}</article>'
            f'<footer><p>版权所有</p></footer></body></html>').encode("utf-8")


def make_pdf(text: str) -> bytes:
    pytest.importorskip("reportlab", reason="the test PDF is drawn with reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    y = 780
    for line in text.splitlines():
        pdf.setFont("STSong-Light", 10.5)
        pdf.drawString(50, y, line)
        y -= 30  # a blank line's worth between paragraphs: none is joined to the next
    pdf.save()
    return buf.getvalue()


def entity_set(record: dict) -> set[tuple[str, str]]:
    return {(e["label"], e["text"]) for a in record["articles"] for e in a["entities"]}


def test_html_and_pdf_give_the_entities_of_their_text(tmp_path: Path, capsys):
    pytest.importorskip("trafilatura")
    pytest.importorskip("pdfminer")
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_text(PAGE, encoding="utf-8")
    (src / "page.html").write_bytes(make_html(PAGE))
    (src / "page.PDF").write_bytes(make_pdf(PAGE))
    (src / "broken.pdf").write_bytes(b"%PDF-1.7 this is not a PDF")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--pub-date", "2025-10-15"]) == 1  # broken.pdf
    records = {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(records) == {"broken.pdf", "page", "page.html", "page.PDF"}
    assert records["broken.pdf"]["error"]["type"] == "read"
    assert records["broken.pdf"]["error"]["message"].startswith("broken.pdf: not a readable PDF")
    assert records["page"]["input"] is None
    assert records["page.html"]["input"]["method"] == "trafilatura"
    assert records["page.PDF"]["input"]["method"] == "pdfminer.six"
    want = entity_set(records["page"])
    assert ("PER", "王建国") in want
    assert entity_set(records["page.html"]) == want
    assert entity_set(records["page.PDF"]) == want
    assert "版权所有" not in records["page.html"]["text"]  # the footer stayed out


def test_a_missing_extra_is_one_usage_error(tmp_path: Path, monkeypatch, capsys):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pdfminer" else real(name, *a))
    assert main(["extract", str(tmp_path / "scan.pdf")]) == 2
    err = capsys.readouterr().err
    assert 'pip install "newsie[pdf]"' in err and err.count("error:") == 1
    # and a directory walk leaves PDFs out without the extra instead of failing on them
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    from pipeline.run.inputs import plan_inputs

    assert [s.id for s in plan_inputs([str(tmp_path)])] == ["p"]
