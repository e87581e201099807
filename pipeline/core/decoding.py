"""Step 1 of :mod:`pipeline.core.text`: bytes to ``str``.

BOMs, UTF-8, GB18030 (a superset of GBK/GB2312), Big5, UTF-16; the choice is reported. A page
with a few undecodable bytes is read in its most plausible encoding with them replaced (and a
warning); input that is not text raises :class:`DecodeError`.
"""

from __future__ import annotations

import codecs
import threading
from dataclasses import dataclass

from ..errors import DecodeError



#: Characters common in Chinese news text; a decoding that yields more of them is the right one.
_COMMON_HANZI = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"
    "种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从"
    "业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又"
    "么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位"
    "入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放"
    "决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受"
    "联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离"
    "华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复"
    "容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值"
    "号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参"
    "红细引听该铁价严龙飞"
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _hanzi_score(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    common = sum(1 for ch in sample if ch in _COMMON_HANZI)
    return common / len(sample)


def decode(data: bytes, *, name: str = "<input>") -> Decoded:
    """Decode a page's bytes; raises :class:`DecodeError` naming ``name`` when they are not text.

    >>> decode("科学导报讯".encode("gb18030")).encoding
    'gb18030'

    A page that no encoding reads whole (a stray byte, a file cut mid-character) is read in the
    most plausible encoding with each undecodable byte sequence replaced by U+FFFD, and a warning
    counts the bytes lost; one bad byte must not cost the page:

    >>> d = decode("科学导报讯".encode("utf-8") + b"\\xff")
    >>> d.text, d.encoding, d.warnings
    ('科学导报讯\ufffd', 'utf-8', ('1 undecodable byte replaced with U+FFFD (read as utf-8)',))

    Input that is not text under any reading (binary, NUL bytes) is still refused.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8", errors="strict"), "utf-8-sig")
        except UnicodeDecodeError:
            return _accept_lossy(name, [_Lossy.read(data[3:], "utf-8", "utf-8-sig")])
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[2:].decode(enc), "utf-16")
            except UnicodeDecodeError:
                # a page cut mid-character leaves an odd byte; still refuse what is not text
                return _accept_lossy(name, [_Lossy.read(data[2:], enc, "utf-16")],
                                     refusal="UTF-16 byte-order mark but not UTF-16 text")
    if b"\x00" in data[:4096] and len(data) >= 2:
        # UTF-16 without a BOM puts a NUL beside every ASCII byte; anything else with NULs is binary
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible_text_ratio(text) > 0.9:
                return Decoded(text, "utf-16", (f"encoding guessed: utf-16 without BOM ({enc})",))
        lossy = [_Lossy.read(data, enc, "utf-16") for enc in ("utf-16-le", "utf-16-be")]
        lossy = [c for c in lossy if _plausible_text_ratio(c.text) > 0.9]
        if lossy:
            return _accept_lossy(name, lossy, guessed="utf-16 without BOM")
        raise DecodeError(f"{name}: binary data (NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    options = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        options.append((_hanzi_score(text), enc, text))
    if options:
        score, enc, text = max(options)
        if score >= 0.05 or _plausible_text_ratio(text) >= 0.8:
            return Decoded(text, enc, (f"encoding guessed: {enc}",))
    # No encoding reads every byte to readable text: take the reading that loses least. A UTF-8
    # page cut mid-character may also read whole as GB18030, but only as rare characters.
    candidates = [_Lossy.read(data, enc) for enc in ("utf-8", "gb18030", "big5")]
    return _accept_lossy(name, candidates)


#: Name of the codec error handler that replaces like ``errors="replace"`` and counts the bytes.
_REPLACE_AND_COUNT = "newsie.replace_and_count"
_replaced = threading.local()


def _replace_and_count(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _replaced.count += exc.end - exc.start
    return "\ufffd", exc.end


codecs.register_error(_REPLACE_AND_COUNT, _replace_and_count)


@dataclass(frozen=True)
class _Lossy:
    """One reading of bytes with undecodable sequences replaced by U+FFFD."""

    text: str
    encoding: str  # the codec used
    reported: str  # the name ``Decoded.encoding`` gives it
    replaced_bytes: int
    size: int  # bytes read

    @classmethod
    def read(cls, data: bytes, encoding: str, reported: str | None = None) -> "_Lossy":
        _replaced.count = 0
        text = data.decode(encoding, errors=_REPLACE_AND_COUNT)
        return cls(text, encoding, reported or encoding, _replaced.count, len(data))

    @property
    def plausibility(self) -> float:
        """Common hanzi per character, each replacement character counting against: the right
        reading of a Chinese page has many common hanzi and few replacements, a wrong one few
        common hanzi (mojibake is rare characters) or many replacements."""
        sample = self.text[:20000]
        if not sample:
            return 0.0
        common = sum(1 for ch in sample if ch in _COMMON_HANZI)
        return (common - sample.count("\ufffd")) / len(sample)


#: A lossy reading is text only if nearly all of what it decodes looks like a page's characters
#: (binary data decodes to control characters) and it loses at most this share of the bytes.
_LOSSY_MIN_PLAUSIBLE = 0.9
_LOSSY_MAX_REPLACED_SHARE = 0.02
_LOSSY_FEW_BYTES = 3  # a short text cut mid-character (UTF-8: up to 3 bytes) is still read
#: Of the hanzi a lossy reading yields, at least this share must be common ones: random bytes, or a
#: UTF-8 page, read as GB18030 or Big5 give rare characters (2-4% common); our corpus and the 40
#: development pages give 42-93% (median 73%).
_LOSSY_MIN_COMMON_HANZI = 0.25


def _common_share_of_hanzi(text: str) -> float:
    """Common hanzi among all hanzi of ``text`` (1.0 when it has none: ASCII text is judged by
    :func:`_plausible_text_ratio` alone)."""
    sample = text[:20000]
    hanzi = [ch for ch in sample if "\u4e00" <= ch <= "\u9fff"]
    if not hanzi:
        return 1.0
    return sum(1 for ch in hanzi if ch in _COMMON_HANZI) / len(hanzi)


def _accept_lossy(name: str, candidates: list["_Lossy"], *, guessed: str | None = None,
                  refusal: str = "not text in UTF-8, UTF-16, GB18030 or Big5") -> Decoded:
    """The most plausible lossy reading with its warning, or :class:`DecodeError` when even
    that is not text. Ties go to the earlier candidate (UTF-8 before GB18030 before Big5)."""
    best = max(candidates, key=lambda c: c.plausibility) if candidates else None
    if best is not None and best.replaced_bytes <= max(_LOSSY_FEW_BYTES, _LOSSY_MAX_REPLACED_SHARE * best.size):
        readable = best.text.replace("\ufffd", "")
        if (readable.strip() and _plausible_text_ratio(readable) >= _LOSSY_MIN_PLAUSIBLE
                and _common_share_of_hanzi(readable) >= _LOSSY_MIN_COMMON_HANZI):
            n = best.replaced_bytes
            how = f"read as {best.encoding}" + (f", {guessed}" if guessed else "")
            warning = f"{n} undecodable byte{'s' if n != 1 else ''} replaced with U+FFFD ({how})"
            return Decoded(best.text, best.reported, (warning,))
    detail = ""
    if best is not None:
        detail = f" (read as {best.encoding}, {best.replaced_bytes} of {best.size} bytes do not decode)"
    raise DecodeError(f"{name}: {refusal}{detail}")


def _plausible_text_ratio(text: str) -> float:
    """Share of characters a Chinese page is made of: hanzi, ASCII, CJK punctuation, spaces."""
    sample = text[:20000]
    if not sample:
        return 0.0
    ok = sum(
        1 for ch in sample
        if "\u4e00" <= ch <= "\u9fff" or " " <= ch <= "~" or ch in "\n\r\t"
        or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u206f"
    )
    return ok / len(sample)
