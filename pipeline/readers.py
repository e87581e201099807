"""Web pages and PDFs to the plain text the pipeline reads, saying how the text was obtained.

An HTML file read as text turns its tags into entities (``ORG html``, ``PER body>``), and a PDF
is not text at all; the user would copy the text out by hand, the very step that damages the
layout. These readers do it with well-kept libraries, both optional extras:

- HTML: `trafilatura <https://trafilatura.readthedocs.io>`_ (``pip install "newsie[html]"``)
  finds the main text and drops navigation, footers, scripts and comments (falling back on its
  own to simpler extractors when its heuristics find nothing); paragraphs, headings and table
  rows become lines.
- PDF: `pdfminer.six <https://pdfminersix.readthedocs.io>`_ (``pip install "newsie[pdf]"``)
  reads the text layer; its layout analysis groups characters into text boxes, which keeps the
  columns of an e-paper page apart. Lines inside a box stay as lines: normalization joins a
  sentence broken by the layout, as it does for a page copied out by hand. A PDF without a text
  layer (a scan) is refused: it needs OCR first.

Each reader returns :class:`ReadText`: the text, a ``how`` record (``{"method": "trafilatura",
"version": ..., ...}``) to keep with the result, and warnings. Offsets of the extraction then
point into this text (``raw_start``/``raw_end`` too), not into the HTML or PDF bytes.

Pure functions of the bytes; the libraries are imported on first use, so the core pipeline does
not need them.
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .text import DecodeError, decode

__all__ = ["ReadText", "ReaderError", "kind_of", "read_html", "read_pdf", "read_document"]

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
    (None when absent; the date is a hint for ``pub_date``, not used here).
    """
    traf = _trafilatura()
    if isinstance(data, bytes):
        html, encoding, warnings = _decode_html(data, name)
    else:
        html, encoding, warnings = data, None, ()
    if not html.strip():
        raise ReaderError("empty", f"{name}: empty HTML file")
    doc = traf.bare_extraction(html, include_comments=False, include_tables=True,
                               include_images=False, include_links=False, with_metadata=True)
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
        from pdfminer.layout import LAParams, LTTextContainer
    except ImportError as exc:
        raise ReaderError("missing_extra", f'reading PDF needs pdfminer.six: pip install "newsie[pdf]" ({exc})') from None
    return pdfminer, extract_pages, LAParams, LTTextContainer


def read_pdf(data: bytes, *, name: str = "<input>") -> ReadText:
    """The text layer of a PDF, page by page (a blank line between pages), each page's text
    boxes in pdfminer's reading order (columns kept apart).

    ``how``: ``method`` (``pdfminer.six``), ``version``, ``pages`` (number of pages), and
    ``empty_pages`` (pages without text: images, adverts). Raises :class:`ReaderError` for a
    file that is not a readable PDF (broken, encrypted) or has no text layer at all.
    """
    pdfminer, extract_pages, LAParams, LTTextContainer = _pdfminer()
    pages: list[str] = []
    try:
        for layout in extract_pages(io.BytesIO(data), laparams=LAParams()):
            pages.append("".join(box.get_text() for box in layout if isinstance(box, LTTextContainer)))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types for bad files
        raise ReaderError("read", f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise ReaderError("read", f"{name}: not a readable PDF (no pages)")
    empty = [i + 1 for i, p in enumerate(pages) if not p.strip()]
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip())
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
