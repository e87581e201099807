"""pipeline.core.readers: an HTML page and a PDF page that we make from a corpus page give the same
entities as the page's text, and say how their text was obtained.

The pages are built here from our own corpus text: HTML with navigation, a script and a footer
around the paragraphs; a PDF drawn with reportlab's built-in CID font STSong-Light (a font
reference, nothing embedded), lines wrapped at the page width as a typesetter would, so the
reader hands the pipeline lines broken mid-sentence, as a PDF really does.
"""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

import pytest

from pipeline.core.readers import (ReaderError, TextLine, kind_of, read_document, read_html, read_pdf,
                              reading_order, reflow)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
#: multi-article UTF-8 page; a GB18030 page; a statistics page full of numbers
PAGES = ["p01_taigu_yuci", "p14_xinxiang_gb", "p17_sip_stats"]


@pytest.fixture(scope="module")
def extractor():
    from pipeline.run.extractor import Extractor

    return Extractor()


def page_text(stem: str) -> str:
    from pipeline.core.text import decode

    return decode((CORPUS / f"{stem}.txt").read_bytes()).text


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


#: the page chrome around the article, in simplified script and (for Big5 pages) traditional
CHROME = {
    "simplified": ("科学导报 电子版", "下载客户端", "首页", "新闻中心", "联系我们", "版权所有 科学导报社", "打印", "关闭"),
    "traditional": ("科學導報 電子版", "下載客戶端", "首頁", "新聞中心", "聯繫我們", "版權所有 科學導報社", "列印", "關閉"),
}


def make_html(text: str, charset: str = "utf-8", declared: str | None = None) -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))
    title, banner, home, news, contact, rights, print_, close = CHROME[
        "traditional" if charset == "big5" else "simplified"]
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{declared or charset}"><title>{title}</title>
<script>var banner = "<p>{banner}</p>";</script></head>
<body><nav><a href="/">{home}</a> | <a href="/news">{news}</a> | <a href="/about">{contact}</a></nav>
<article>
{body}
</article>
<footer><p>{rights}</p><p><a href="/print">{print_}</a> <a href="#">{close}</a></p></footer>
</body></html>"""
    return page.encode(charset)


def make_pdf(text: str, columns: int = 1, headlines: frozenset[str] = frozenset()) -> tuple[bytes, int]:
    """An e-paper page of ``text`` as a typesetter would set it, and its page count: A4,
    ``columns`` columns one character apart, 10.5 pt body text with paragraphs indented two
    characters, headlines (the lines in ``headlines``) in 15 pt, lines wrapped at the column
    width, a full column going on at the top of the next (and the last onto a new page)."""
    pytest.importorskip("reportlab", reason="the test PDFs are drawn with reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, body, head = "STSong-Light", 10.5, 15
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    margin, top, bottom = 50, height - 60, 60
    column_width = (width - 2 * margin - body * (columns - 1)) / columns
    column, y, pages = 0, top, 1
    for para in paragraphs(text):
        size = head if para in headlines else body
        indent = 0 if para in headlines else 2 * body
        lines, line, room = [], "", column_width - indent
        for ch in para:
            if pdfmetrics.stringWidth(line + ch, font, size) > room:
                lines.append(line)
                line, room = ch, column_width
            else:
                line += ch
        lines.append(line)
        for k, line in enumerate(lines):
            if y < bottom:
                column, y = column + 1, top
                if column == columns:
                    pdf.showPage()
                    column, pages = 0, pages + 1
            pdf.setFont(font, size)
            pdf.drawString(margin + column * (column_width + body) + (indent if k == 0 else 0), y, line)
            y -= size * 1.3
        y -= body * 0.6
    pdf.save()
    return buf.getvalue(), pages


def headlines_of(stem: str) -> frozenset[str]:
    """The page's headline lines, from its gold (a two-line headline is joined with a space)."""
    from pipeline.tools.gold import load_gold

    titles = [a.title for a in load_gold(CORPUS / f"{stem}.gold.json").articles if a.title]
    return frozenset(t for title in titles for t in (title, *title.split(" ")))


def entities(result) -> list[tuple[str, str]]:
    return [(e.label, e.text) for e in result.iter_entities()]


# ---------------------------------------------------------------------- HTML

#: our own writing in traditional script, long enough to read as an article
TRADITIONAL = """市府新建公園工程完工
本報訊 臺北市政府今天舉行記者會，宣布內湖區新建公園工程已經完工，總投資三億元，占地約十二公頃。
市長表示，公園將於下月開放，園內設有兒童遊戲區、運動場和步道，預計每年服務居民超過五十萬人次。
工務局局長說明，工程期間共聘用在地廠商二十家，並完成排水、照明與無障礙設施改善。"""


@pytest.mark.parametrize("stem", PAGES)
def test_html_page_gives_the_entities_of_its_text(extractor, stem):
    pytest.importorskip("trafilatura", reason="reading HTML needs the html extra (trafilatura)")
    text = page_text(stem)
    read = read_html(make_html(text), name=f"{stem}.html")
    assert read.how["method"] == "trafilatura" and read.how["encoding"] == "utf-8"
    assert not [chrome for chrome in CHROME["simplified"] if chrome in read.text]
    assert entities(extractor.extract(read.text)) == entities(extractor.extract(text))


@pytest.mark.parametrize("case, charset, declared, encoding", [
    ("GB18030 page declared as GB2312 (read with the superset)", "gb18030", "gb2312", "gb18030"),
    ("Big5 page declared as Big5", "big5", "big5", "big5"),
    ("GB18030 page wrongly declared UTF-8 (guessed instead)", "gb18030", "utf-8", "gb18030"),
])
def test_html_charset(case, charset, declared, encoding):
    pytest.importorskip("trafilatura", reason="reading HTML needs the html extra (trafilatura)")
    text = TRADITIONAL if charset == "big5" else page_text("p14_xinxiang_gb")
    read = read_html(make_html(text, charset=charset, declared=declared))
    assert read.how["encoding"] == encoding
    assert paragraphs(read.text) == paragraphs(text)


def test_html_title_and_date_from_the_markup_are_recorded():
    pytest.importorskip("trafilatura", reason="reading HTML needs the html extra (trafilatura)")
    page = make_html(page_text("p01_taigu_yuci")).replace(
        b"<script>", b'<meta property="article:published_time" content="2025-10-15T08:00:00+08:00"><script>')
    how = read_html(page).how
    assert (how["title"], how["date"]) == ("科学导报 电子版", "2025-10-15")


def test_html_without_text_is_an_error_naming_it():
    pytest.importorskip("trafilatura", reason="reading HTML needs the html extra (trafilatura)")
    with pytest.raises(ReaderError, match="^blank.html: ") as err:
        read_html(b"<html><head><title>x</title></head><body><img src='a.png'></body></html>", name="blank.html")
    assert err.value.kind == "empty"


def test_html_without_the_extra_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ReaderError, match=r"newsie\[html\]") as err:
        read_html(b"<html><body><p>x</p></body></html>")
    assert err.value.kind == "missing_extra"


# ---------------------------------------------------------------------- PDF


@pytest.mark.parametrize("stem, columns", [
    ("p01_taigu_yuci", 1), ("p01_taigu_yuci", 3), ("p14_xinxiang_gb", 2), ("p17_sip_stats", 4),
], ids=lambda x: str(x))
def test_pdf_page_gives_the_text_and_entities_of_its_text(extractor, stem, columns):
    pytest.importorskip("pdfminer", reason="reading PDF needs the pdf extra (pdfminer.six)")
    from pipeline.core.text import normalize

    text = page_text(stem)
    data, pages = make_pdf(text, columns, headlines_of(stem))
    read = read_pdf(data, name=f"{stem}.pdf")
    assert read.how["method"] == "pdfminer.six"
    assert read.how["pages"] == pages and read.how["empty_pages"] == []
    assert read.warnings == ()
    # the columns come in order and the lines broken for width are whole again (a space at a
    # line break cannot be seen in a PDF, and joins as nothing)
    def lines(t: str) -> list[str]:
        return [line.replace(" ", "") for line in normalize(t).text.splitlines()]

    assert lines(read.text) == lines(text)
    assert entities(extractor.extract(read.text)) == entities(extractor.extract(text))


def test_a_pdf_over_several_pages_reads_every_page():
    pytest.importorskip("pdfminer", reason="reading PDF needs the pdf extra (pdfminer.six)")
    text = "\n".join([page_text("p01_taigu_yuci")] * 3)
    data, pages = make_pdf(text)
    assert pages >= 2
    read = read_pdf(data)
    assert read.how["pages"] == pages
    squashed = "".join(read.text.split())
    assert squashed.count("赵立军调研重点项目建设情况") == 3


@pytest.mark.parametrize("case, data, kind, reason", [
    ("not a PDF but named one", b"%PDF-1.4\nthis is not a PDF body", "read", "not a readable PDF"),
    ("empty file", b"", "read", "not a readable PDF"),
])
def test_a_broken_pdf_is_an_error_naming_it(case, data, kind, reason):
    pytest.importorskip("pdfminer", reason="reading PDF needs the pdf extra (pdfminer.six)")
    with pytest.raises(ReaderError, match=f"^scan.pdf: {reason}") as err:
        read_pdf(data, name="scan.pdf")
    assert err.value.kind == kind


def test_a_pdf_without_text_layer_asks_for_ocr():
    pytest.importorskip("pdfminer", reason="reading PDF needs the pdf extra (pdfminer.six)")
    pytest.importorskip("reportlab", reason="the test PDFs are drawn with reportlab")
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.rect(50, 50, 300, 400, fill=1)  # a picture, no text: what a scan looks like to a reader
    pdf.save()
    with pytest.raises(ReaderError, match="no text layer.*OCR") as err:
        read_pdf(buf.getvalue(), name="scan.pdf")
    assert err.value.kind == "empty"


def test_pdf_without_the_extra_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfminer", None)
    with pytest.raises(ReaderError, match=r"newsie\[pdf\]") as err:
        read_pdf(b"%PDF-1.4")
    assert err.value.kind == "missing_extra"


# ---------------------------------------------------------------------- layout (no PDF needed)


def L(x0: float, y: float, x1: float, text: str, size: float = 10) -> TextLine:
    """A line of ``size``-point type whose baseline box starts at height ``y``."""
    return TextLine(x0, y, x1, y + size, text)


def column(x0: float, x1: float, texts: list[str], top: float = 700, indent_first: bool = False) -> list[TextLine]:
    return [L(x0 + (20 if indent_first and k == 0 else 0), top - 13 * k, x1, t) for k, t in enumerate(texts)]


@pytest.mark.parametrize("case, lines, order", [
    ("two columns, lines level with each other: left column first",
     column(120, 220, ["右1", "右2"]) + column(0, 100, ["左1", "左2"]), ["左1", "左2", "右1", "右2"]),
    ("headline over both columns comes first",
     column(0, 100, ["左1", "左2"]) + column(120, 220, ["右1"]) + [L(0, 730, 220, "通栏标题", 16)],
     ["通栏标题", "左1", "左2", "右1"]),
    ("one column, paragraphs apart: top to bottom",
     column(0, 100, ["段一"], top=700) + column(0, 100, ["段二"], top=660), ["段一", "段二"]),
    ("three columns given in any order", column(240, 340, ["丙"]) + column(0, 100, ["甲"]) + column(120, 220, ["乙"]),
     ["甲", "乙", "丙"]),
])
def test_reading_order(case, lines, order):
    assert [line.text for block in reading_order(lines) for line in block] == order


@pytest.mark.parametrize("case, blocks, text", [
    ("a full line goes on in the next", [column(0, 100, ["太谷区物流园项", "目开工。"])],
     "太谷区物流园项目开工。"),
    ("an indented line starts a paragraph", [column(0, 100, ["二期正在进行基础施", "工。"]) +
                                            column(0, 100, ["项目总投资", "3.6亿元。"], top=674, indent_first=True)],
     "二期正在进行基础施工。\n项目总投资3.6亿元。"),
    ("digits of one number join without a space", [column(0, 100, ["总投资1", "2.5亿元"])], "总投资12.5亿元"),
    ("two Latin words get their space back", [column(0, 100, ["年产2GWh储能 battery", "modules项目"])],
     "年产2GWh储能 battery modules项目"),
    ("a line in larger type does not join the body", [[L(0, 730, 100, "太谷区物流园开工", 16)],
                                                      column(0, 100, ["科学导报讯", "10月14日"])],
     "太谷区物流园开工\n\n科学导报讯10月14日"),
    ("without indentation a full line ending a sentence keeps its break",
     [column(0, 100, ["项目一期已完工。", "二期正在施工"])], "项目一期已完工。\n二期正在施工"),
    ("a sentence goes on across a column break", [column(0, 100, ["记者从晋", "中市获悉"]), column(120, 220, ["，太谷区"])],
     "记者从晋中市获悉，太谷区"),
])
def test_reflow(case, blocks, text):
    assert reflow(blocks) == text


# ---------------------------------------------------------------------- dispatch


@pytest.mark.parametrize("case, data, name, kind", [
    ("PDF by name", b"anything", "2025-10-15/page1.PDF", "pdf"),
    ("PDF by its magic bytes", b"%PDF-1.7\n", "page1", "pdf"),
    ("HTML by name", b"anything", "page1.htm", "html"),
    ("HTML by doctype", b"\xef\xbb\xbf\n<!DOCTYPE html>\n<html><body>", "page1", "html"),
    ("text that mentions <html>", "科学导报讯 <html> 标签".encode(), "page1", "text"),
    ("a .txt file that holds HTML stays text (the user said so)", b"<html><body>", "page1.txt", "text"),
])
def test_kind_of(case, data, name, kind):
    assert kind_of(data, name) == kind


def test_read_document_leaves_text_files_to_the_pipeline():
    assert read_document("科学导报讯".encode(), "page.txt") is None
