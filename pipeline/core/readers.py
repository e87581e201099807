"""Web pages and PDFs to the plain text the pipeline reads, saying how the text was obtained.

An HTML file read as text turns its tags into entities (``ORG html``, ``PER body>``), and a PDF
is not text at all; the user would copy the text out by hand, the very step that damages the
layout. These readers do it with well-kept libraries, both optional extras:

- HTML: `trafilatura <https://trafilatura.readthedocs.io>`_ (``pip install "newsie[html]"``)
  finds the main text and drops navigation, footers, scripts and comments (falling back on its
  own to simpler extractors when its heuristics find nothing); paragraphs, headings and table
  rows become lines.
- PDF: `pdfminer.six <https://pdfminersix.readthedocs.io>`_ (``pip install "newsie[pdf]"``)
  reads the text layer as lines, and :func:`reading_order` puts them in the order a reader
  takes (recursive XY-cut: the columns of an e-paper page one after the other, a headline over
  several columns before them), and :func:`reflow` joins the lines the typesetter broke for
  width, which only the geometry shows (a line that runs to the column's edge goes on in the
  next). A PDF without a text layer (a scan) is refused: it needs OCR first.

Each reader returns :class:`ReadText`: the text, a ``how`` record (``{"method": "trafilatura",
"version": ..., ...}``) to keep with the result, and warnings. Offsets of the extraction then
point into this text (``raw_start``/``raw_end`` too), not into the HTML or PDF bytes.

Pure functions of the bytes; the libraries are imported on first use, so the core pipeline does
not need them.
"""

from __future__ import annotations

import bisect
import codecs
import io
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .text import DecodeError, decode, ends_sentence

__all__ = ["ReadText", "ReaderError", "TextLine", "kind_of", "read_document", "read_html", "read_pdf",
           "reading_order", "reflow"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
PDF_SUFFIXES = frozenset({".pdf"})


class ReaderError(ValueError):
    """A page the reader cannot turn into text; ``kind`` is the error record's type
    (``read``: not a readable file of its kind, ``decode``: not text, ``missing_extra``: the
    optional library is not installed)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class ReadText:
    text: str
    how: dict[str, Any]
    warnings: tuple[str, ...] = field(default=())


def kind_of(data: bytes, name: str = "") -> Literal["html", "pdf", "text"]:
    """What a file is, by its name's suffix, else by its first bytes.

    >>> kind_of(b"%PDF-1.7 ..."), kind_of(b"<!DOCTYPE html><html>"), kind_of(b"x", "page.HTM")
    ('pdf', 'html', 'html')
    >>> kind_of("科学导报讯 <b>".encode("utf-8"), "page.txt")
    'text'
    """
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix == ".txt":
        return "text"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    return "text"


def read_document(data: bytes, name: str = "<input>") -> ReadText | None:
    """The text of an HTML or PDF file (by :func:`kind_of`), or None for a plain-text file,
    which the pipeline decodes itself."""
    kind = kind_of(data, name)
    if kind == "html":
        return read_html(data, name=name)
    if kind == "pdf":
        return read_pdf(data, name=name)
    return None


# --------------------------------------------------------------------------- HTML

# bounded: a tag is searched in the first 4 KB and an attribute run is at most 500 characters
_META_CHARSET = re.compile(rb"<meta[^>]{0,500}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]{1,40})", re.I)
#: Declared charsets read with their superset (pages labelled GB2312 routinely hold GBK characters).
_CHARSET_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def _decode_html(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """(text, encoding, warnings): the charset the page declares when it reads the bytes,
    else :func:`pipeline.text.decode`'s choice (which reads a damaged page with a warning)."""
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        encoding = _CHARSET_SUPERSETS.get(declared, declared)
        try:
            codecs.lookup(encoding)
            text = data.decode(encoding)
            if text.startswith("\ufeff"):
                text = text[1:]
            return text, encoding, ()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: guess as for a text page
    try:
        decoded = decode(data, name=name)
    except DecodeError as exc:
        raise ReaderError("decode", str(exc)) from None
    return decoded.text, decoded.encoding, decoded.warnings


def _trafilatura():
    try:
        import trafilatura
    except ImportError as exc:
        raise ReaderError("missing_extra", f'reading HTML needs trafilatura: pip install "newsie[html]" ({exc})') from None
    return trafilatura


def read_html(data: bytes | str, *, name: str = "<input>") -> ReadText:
    """The main text of a web page: headline, paragraphs and headings one a line, without the
    navigation, footer, scripts and comments.

    ``how``: ``method`` (``trafilatura``), ``version``, ``encoding`` of the bytes (None for a
    ``str``), and the page's ``title`` and ``date`` as trafilatura read them from the markup
    (meta tags and the like; None when absent; the date is a hint for ``pub_date``, not used
    here).
    """
    traf = _trafilatura()
    if isinstance(data, bytes):
        html, encoding, warnings = _decode_html(data, name)
    else:
        html, encoding, warnings = data, None, ()
    if not html.strip():
        raise ReaderError("empty", f"{name}: empty HTML file")
    # the date comes from the markup only (meta tags, time elements): htmldate's extensive search
    # of the text takes seconds on a long page (6 s for 90 KB, against 0.1 s without it)
    doc = traf.bare_extraction(html, include_comments=False, include_tables=True,
                               include_images=False, include_links=False, with_metadata=True,
                               date_extraction_params={"extensive_search": False})
    how: dict[str, Any] = {"method": "trafilatura", "version": traf.__version__, "encoding": encoding,
                           "title": getattr(doc, "title", None), "date": getattr(doc, "date", None)}
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        raise ReaderError("empty", f"{name}: the HTML page has no text")
    return ReadText(text, how, tuple(warnings))


# --------------------------------------------------------------------------- PDF

#: pdfminer writes ``(cid:123)`` for a glyph its font maps to no character.
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d{1,6}\)")


def _pdfminer():
    try:
        import pdfminer
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    except ImportError as exc:
        raise ReaderError("missing_extra", f'reading PDF needs pdfminer.six: pip install "newsie[pdf]" ({exc})') from None
    return pdfminer, extract_pages, LAParams, LTTextContainer, LTTextLine


@dataclass(frozen=True)
class TextLine:
    """One line of a PDF page: its box (PDF points, y upwards) and its text."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _gaps(spans: list[tuple[float, float]], min_gap: float) -> list[float]:
    """Cut positions in the empty stretches (at least ``min_gap`` wide) between the intervals."""
    cuts, reach = [], None
    for lo, hi in sorted(spans):
        if reach is not None and lo - reach >= min_gap:
            cuts.append((reach + lo) / 2)
        reach = hi if reach is None else max(reach, hi)
    return cuts


def reading_order(lines: list[TextLine]) -> list[list[TextLine]]:
    """The page's lines as blocks in reading order, by recursive XY-cut: a block splits first
    into columns at a vertical band of white space that no line crosses (left to right), else
    into rows at a horizontal band wider than a line's spacing (top to bottom); a block that
    splits neither way is one column, read top to bottom. A headline over several columns is a
    row of its own above them; the columns below it are read one after the other, not line by
    line across (which is what a plain top-to-bottom sort, or a copy from a viewer, gives).

    >>> col = lambda x, n: [TextLine(x, 700 - 14 * i, x + 100, 710 - 14 * i, f"{x}:{i}") for i in range(n)]
    >>> head = [TextLine(0, 760, 220, 775, "headline")]
    >>> [[l.text for l in b] for b in reading_order(col(120, 2) + col(0, 2) + head)]
    [['headline'], ['0:0', '0:1'], ['120:0', '120:1']]
    """
    if len(lines) <= 1:
        return [lines] if lines else []
    heights = sorted(l.y1 - l.y0 for l in lines)
    line_height = heights[len(heights) // 2] or 1.0
    columns = _gaps([(l.x0, l.x1) for l in lines], min_gap=0.5 * line_height)
    if columns:
        parts = _split(lines, columns, key=lambda l: (l.x0 + l.x1) / 2)
    else:
        # a gap wider than the spacing of lines in a paragraph (about 0.3 of a line)
        rows = _gaps([(-l.y1, -l.y0) for l in lines], min_gap=0.8 * line_height)
        if not rows:
            return [sorted(lines, key=lambda l: (-l.y1, l.x0))]
        parts = _split(lines, rows, key=lambda l: -(l.y0 + l.y1) / 2)
    return [block for part in parts for block in reading_order(part)]


def _split(lines: list[TextLine], cuts: list[float], key) -> list[list[TextLine]]:
    parts: list[list[TextLine]] = [[] for _ in range(len(cuts) + 1)]
    for line in lines:
        parts[sum(1 for c in cuts if key(line) > c)].append(line)
    return [p for p in parts if p]


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def reflow(blocks: list[list[TextLine]]) -> str:
    """A page's blocks (in reading order) as text. A line that runs to the right edge of its
    column goes on in the next line, also across a column or block break (the typesetter broke
    it there for width), unless the next line is indented (a new paragraph); every other line
    ends with a line break, and a blank line separates blocks. Latin letters on both sides of a
    joined break get a space between them (two words); anything else joins directly (CJK text
    and numbers have no spaces).

    A column's right edge is the farthest any line starting at its left edge reaches, so a
    short headline is not taken for a full line, even alone in its block; lines in different
    type sizes (a headline over body text) never join. On a page without indented paragraphs,
    a full line that ends a sentence keeps its break too (it may be the last of its paragraph).

    >>> line = lambda x0, y, x1, text: TextLine(x0, y, x1, y + 10, text)
    >>> left = [line(0, 40, 100, "科学导报讯 10月14日，记者从晋"), line(0, 27, 100, "中市获悉，太谷区物流园"),
    ...         line(0, 14, 60, "项目开工。")]
    >>> right = [line(120, 40, 220, "生态环境局通报，全区"), line(140, 27, 220, "二期在建。")]
    >>> reflow([left, right])
    '科学导报讯 10月14日，记者从晋中市获悉，太谷区物流园项目开工。\\n\\n生态环境局通报，全区\\n二期在建。'
    >>> headline = TextLine(0, 40, 100, 56, "太谷区物流园项目开工")  # larger type
    >>> reflow([[headline], [line(0, 20, 100, "科学导报讯 10月14日，")]])
    '太谷区物流园项目开工\\n\\n科学导报讯 10月14日，'
    """
    lines = [line for block in blocks for line in block]
    if not lines:
        return ""

    # a line's column: the lines that start where it starts, or up to three characters to its
    # left (the column of an indented first line); other columns stand a column width away.
    # (left edge, right edge, lines in it), computed once per line: x0s sorted, a bisect each
    by_x0 = sorted(lines, key=lambda l: l.x0)
    x0s = [l.x0 for l in by_x0]
    columns: dict[int, tuple[float, float, int]] = {}
    for line in lines:
        h = line.y1 - line.y0
        col = by_x0[bisect.bisect_left(x0s, line.x0 - 3 * h):bisect.bisect_right(x0s, line.x0 + h / 2)]
        columns[id(line)] = (col[0].x0, max(l.x1 for l in col), len(col))

    def full(line: TextLine) -> bool:
        _, right, n = columns[id(line)]
        return n > 1 and line.x1 >= right - 1.1 * (line.y1 - line.y0)

    def indented(line: TextLine) -> bool:
        return line.x0 - columns[id(line)][0] >= 0.9 * (line.y1 - line.y0)

    # where paragraphs are indented, that is the sign of a new one; elsewhere a full line that
    # ends a sentence may be the last of its paragraph, and keeps its break
    uses_indent = any(indented(l) for l in lines)
    out: list[str] = []
    prev: TextLine | None = None
    for block in blocks:
        for k, line in enumerate(block):
            if prev is not None:
                h = prev.y1 - prev.y0
                same_size = abs((line.y1 - line.y0) - h) <= 0.2 * h
                if (full(prev) and not indented(line) and same_size
                        and (uses_indent or not ends_sentence(prev.text))):
                    # a break between two Latin words lost its space; digits never had one
                    latin = _LATIN_LETTER.fullmatch(prev.text[-1:]) and _LATIN_LETTER.fullmatch(line.text[:1])
                    out.append(" " if latin else "")
                else:
                    out.append("\n\n" if k == 0 else "\n")
            out.append(line.text)
            prev = line
    return "".join(out)


#: Characters closer than this many character widths join one line: CJK text has no spaces, and
#: newspaper columns stand about one character apart, so pdfminer's default (2.0) would run a
#: line on into the next column.
_CHAR_MARGIN = 0.5


def read_pdf(data: bytes, *, name: str = "<input>") -> ReadText:
    """The text layer of a PDF, page by page (a blank line between pages), each page's lines in
    :func:`reading_order` (columns one after the other, a blank line between blocks), lines
    broken for width joined again (:func:`reflow`).

    ``how``: ``method`` (``pdfminer.six``), ``version``, ``pages`` (number of pages), and
    ``empty_pages`` (pages without text: images, adverts). Raises :class:`ReaderError` for a
    file that is not a readable PDF (broken, encrypted) or has no text layer at all.
    """
    pdfminer, extract_pages, LAParams, LTTextContainer, LTTextLine = _pdfminer()
    pages: list[str] = []
    try:
        for layout in extract_pages(io.BytesIO(data), laparams=LAParams(char_margin=_CHAR_MARGIN)):
            lines = [TextLine(line.x0, line.y0, line.x1, line.y1, line.get_text().strip())
                     for box in layout if isinstance(box, LTTextContainer)
                     for line in box if isinstance(line, LTTextLine)]
            blocks = reading_order([l for l in lines if l.text])
            pages.append(reflow(blocks))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types for bad files
        raise ReaderError("read", f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise ReaderError("read", f"{name}: not a readable PDF (no pages)")
    empty = [i + 1 for i, p in enumerate(pages) if not p.strip()]
    text = "\n\n".join(p for p in pages if p.strip())
    if not text:
        raise ReaderError("empty", f"{name}: the PDF's {len(pages)} page(s) have no text layer "
                                   "(scanned images?); run OCR first")
    warnings: list[str] = []
    unmapped = len(_UNMAPPED_GLYPH.findall(text))
    if unmapped:
        warnings.append(f"{unmapped} glyph(s) in the PDF map to no character (written as (cid:N))")
    how = {"method": "pdfminer.six", "version": pdfminer.__version__, "pages": len(pages),
           "empty_pages": empty}
    return ReadText(text, how, tuple(warnings))
