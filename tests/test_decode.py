"""Damaged bytes: a page with a stray byte or cut mid-character is read with the damage replaced
and counted in a warning; what is not text is still refused with an error naming the document.

Every damaged input is built from a clean page by one edit whose effect is known by
construction (one stray byte → one U+FFFD where it was inserted), so the expected text is the
clean text with that edit, not program output.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.core.text import DecodeError, decode, normalize_char

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
UTF8_PAGE = CORPUS / "p01_taigu_yuci.txt"   # UTF-8
GB_PAGE = CORPUS / "p14_xinxiang_gb.txt"    # GB18030 (its gold says so)

# our own traditional-script sentence, for Big5
TRADITIONAL = "臺北市政府今天舉行記者會，宣布新建公園工程已經完工，總投資三億元。"


def clean_text(path: Path) -> str:
    return decode(path.read_bytes()).text


def paragraph_end(text: str) -> int:
    """Index of the first line break after the opening lines: a place where a stray byte
    touches no word."""
    return text.index("\n", 200)


def stray_byte(text: str, encoding: str, at: int, byte: bytes = b"\xff") -> tuple[bytes, str]:
    """``text`` encoded with ``byte`` inserted before character ``at``; the text expected back."""
    return (text[:at].encode(encoding) + byte + text[at:].encode(encoding),
            text[:at] + "\ufffd" + text[at:])


def cut_last_character(text: str, encoding: str) -> tuple[bytes, str, int]:
    """``text`` without the last byte of its last character (a file cut mid-character)."""
    text = text.rstrip()
    last = text[-1].encode(encoding)
    assert len(last) > 1, "the page must end in a multi-byte character"
    return text.encode(encoding)[:-1], text[:-1] + "\ufffd", len(last) - 1


def _cases():
    utf8 = clean_text(UTF8_PAGE)
    gb = clean_text(GB_PAGE)
    cases = {}
    data, want = stray_byte(utf8, "utf-8", paragraph_end(utf8))
    cases["p01 (UTF-8) with a stray 0xFF"] = (data, want, "utf-8", 1)
    data, want = stray_byte(utf8, "utf-8", paragraph_end(utf8), b"\x80")
    cases["p01 (UTF-8) with a lone continuation byte"] = (data, want, "utf-8", 1)
    data, want, lost = cut_last_character(utf8, "utf-8")
    cases["p01 (UTF-8) cut mid-character"] = (data, want, "utf-8", lost)
    data, want = stray_byte(utf8, "utf-8", paragraph_end(utf8))
    cases["p01 with a UTF-8 BOM and a stray 0xFF"] = (b"\xef\xbb\xbf" + data, want, "utf-8-sig", 1)
    data, want = stray_byte(gb, "gb18030", paragraph_end(gb))
    cases["p14 (GB18030) with a stray 0xFF"] = (data, want, "gb18030", 1)
    data, want, lost = cut_last_character(gb, "gb18030")
    cases["p14 (GB18030) cut mid-character"] = (data, want, "gb18030", lost)
    data, want = stray_byte(TRADITIONAL, "big5", 12)
    cases["own Big5 sentence with a stray 0xFF"] = (data, want, "big5", 1)
    data, want, lost = cut_last_character(TRADITIONAL, "utf-16-le")
    cases["own sentence, UTF-16 with BOM, cut mid-character"] = (
        b"\xff\xfe" + data, want, "utf-16", lost)
    return cases


DAMAGED = _cases()


@pytest.mark.parametrize("name", DAMAGED)
def test_damaged_page_is_read_with_the_damage_replaced_and_counted(name):
    data, want, encoding, lost = DAMAGED[name]
    decoded = decode(data, name=name)
    assert decoded.text == want
    assert decoded.encoding == encoding
    plural = "byte" if lost == 1 else "bytes"
    assert [w for w in decoded.warnings if "U+FFFD" in w] == [
        f"{lost} undecodable {plural} replaced with U+FFFD (read as "
        f"{'utf-16-le' if encoding == 'utf-16' else 'utf-8' if encoding == 'utf-8-sig' else encoding})"]


def _binaries() -> dict[str, bytes]:
    rng = random.Random(22)  # fixed: the same bytes every run
    noise = bytes(rng.randrange(1, 256) for _ in range(4000))  # no NUL, so the NUL rule cannot decide
    return {
        "PNG header and chunk (NUL bytes)": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "every byte value but NUL, repeated": bytes(range(1, 256)) * 10,
        "4000 random bytes without NUL": noise,
        "UTF-8 page with every tenth byte garbled": bytes(
            0xFF if i % 10 == 0 else b for i, b in enumerate(UTF8_PAGE.read_bytes())),
        "UTF-16 BOM before random bytes": b"\xff\xfe" + noise[:1001],
    }


BINARIES = _binaries()


@pytest.mark.parametrize("name", BINARIES)
def test_what_is_not_text_is_still_refused_naming_the_document(name):
    with pytest.raises(DecodeError) as err:
        decode(BINARIES[name], name="scan.bin")
    assert str(err.value).startswith("scan.bin: ")


@pytest.mark.parametrize("page", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_pages_lose_nothing(page: Path):
    # the lossy reading is only a fallback: every page that decoded before decodes whole
    decoded = decode(page.read_bytes())
    assert "\ufffd" not in decoded.text
    assert not any("U+FFFD" in w for w in decoded.warnings)


# ---------------------------------------------------------------------- through the pipeline


@pytest.fixture(scope="module")
def extractor():
    from pipeline.run.extractor import Extractor

    return Extractor()


def _squash(s: str) -> str:
    return "".join(normalize_char(c) for c in s if not c.isspace()).replace(" ", "")


@pytest.mark.parametrize("name", ["p01 (UTF-8) with a stray 0xFF", "p14 (GB18030) with a stray 0xFF",
                                  "p01 (UTF-8) cut mid-character"])
def test_a_damaged_page_gives_the_entities_of_the_clean_page(extractor, name):
    data, want, _, _ = DAMAGED[name]
    page = UTF8_PAGE if name.startswith("p01") else GB_PAGE
    clean = extractor.extract(page.read_bytes(), doc_id="clean")
    damaged = extractor.extract(data, doc_id="damaged")
    assert [(e.label, e.text) for e in damaged.iter_entities()] == \
        [(e.label, e.text) for e in clean.iter_entities()]
    assert any("undecodable" in w for w in damaged.warnings)
    # raw offsets point into the decoded text, replacement character included
    for e in damaged.iter_entities():
        assert _squash(want[e.raw_start:e.raw_end]) == _squash(e.text)
