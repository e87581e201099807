"""Seeded generators of hostile but news-like input, and the checks every result must pass.

Shared by the suite (``tests/test_fuzz.py``, a few thousand cases in CI) and the long run
(``benchmarks/fuzz.py``, 100,000 cases). A case is named by ``(seed, index)``: the same pair
always gives the same input, so a failure found by the long run is reproduced with::

    python benchmarks/fuzz.py --seed S --start I --cases 1 --show

The generators (``KINDS``) are drawn with fixed weights:

- ``damaged``: a slice of one of our corpus pages with a handful of edits (punctuation,
  numerals, units, zero-width and control characters dropped in; pieces deleted, doubled,
  reversed; lines broken anywhere; brackets and quotes left open).
- ``clauses``: clauses of our pages cut at their punctuation and joined again, so sentences
  start on a stray mark (``。园区项目开工建设``), stand alone, or repeat.
- ``soup``: news words (datelines, bylines, titles, organisation suffixes, numbers and units,
  dates) strung together at random.
- ``mixed``: page text mixed with other scripts (traditional Chinese, Latin, Cyrillic, Arabic,
  emoji, combining marks, full-width forms).
- ``codepoints``: random code points from the whole Unicode range (lone surrogates included).
- ``encoded``: page text encoded in every encoding the decoder accepts, sometimes damaged
  (cut mid-character, a stray byte).
- ``bytes``: random bytes.
- ``extremes``: empty, one character, whitespace only, very long lines, many tiny articles.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.schema import DocumentResult
from pipeline.core.text import decode, normalize_char

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# what one edit may drop into a page
PUNCTUATION = list("，。；：！？、“”‘’（）《》【】()[]{}<>「」『』…—·■□●◆★") + ["——", "……"]
NUMERALS = list("０１２３４５６７８９0123456789一二三四五六七八九十百千万亿零〇两.．,%％") + ["3.5", "1,000", "2025", "０.５"]
UNITS = ["元", "万元", "亿元", "平方米", "亩", "公顷", "%", "个百分点", "吨", "千瓦", "公里", "㎡", "km²", "户", "人次"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad", "\u202e", "\u2066"]
CONTROL = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\x0b", "\x0c"]
BREAKS = ["\n", "\r", "\r\n", "\t", " ", "\u3000", "\xa0", "\u2028", "\u2029", "\n\n\n"]
OPENERS = ["（", "(", "“", "《", "【", "「", "‘", "\""]
STRAY_MARKS = list("。，；：！？、”）》.")

# the words news pages are made of, for the soup
NEWS_WORDS = (
    "本报讯 科学导报讯 新华社北京3月5日电 记者 通讯员 实习生 摄 供图 图/文 责任编辑 来源 "
    "县委书记 县长 副市长 主任 局长 董事长 总经理 党委书记 省委常委 王芳 李明 张伟 欧阳 "
    "县委 县政府 人民政府 发改委 住建局 有限公司 集团 大学 医院 委员会 办公室 合作社 "
    "太谷区 晋中市 山西省 北京市 朝阳区 乡 镇 村 街道 开发区 高新区 园区 "
    "调研 考察 检查 会议 召开 举行 签约 开工 竣工 投产 投资 资金 拨付 排查 整改 问题 隐患 "
    "项目 总投资 亿元 万元 平方米 亩 同比增长 下降 个百分点 上半年 一季度 今年 去年 "
    "10月14日 2025年 3月 上旬 中旬 下旬 月底 前三季度 截至 期间 以来 "
    "约 近 余 多 超 以上 以下 至 到 和 及 与 、 ， 。 ； ： “ ” （ ） \n"
).split(" ")
OTHER_SCRIPTS = [
    "Hello world", "COVID-19", "GDP", "5G", "iPhone", "Москва", "الصين", "日本語のテキスト", "한국어",
    "😀", "🇨🇳", "e\u0301", "ＡＢＣ１２３", "ﬁ", "Ⅻ", "①②③", "𠮷", "臺灣經濟", "廣東省深圳市", "會議舉行",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk", "big5"]


@dataclass(frozen=True)
class Case:
    seed: int
    index: int
    kind: str
    data: str | bytes

    @property
    def name(self) -> str:
        return f"{self.kind}[seed={self.seed}, index={self.index}]"


_PAGES: list[str] = []


def corpus_pages() -> list[str]:
    """Our corpus pages, read once (the damaged and mixed cases are cut from them)."""
    if not _PAGES:
        _PAGES.extend(decode(p.read_bytes()).text for p in sorted(CORPUS.glob("*.txt")))
    return _PAGES


def page_slice(rng: random.Random, max_len: int = 1200) -> str:
    page = rng.choice(corpus_pages())
    start = rng.randrange(len(page))
    return page[start:start + rng.randint(1, max_len)]


def damage(rng: random.Random, text: str, edits: int) -> str:
    """``text`` with ``edits`` random edits of the kinds a copied or OCR'd page shows."""
    chars = list(text)
    for _ in range(edits):
        at = rng.randint(0, len(chars))
        op = rng.randrange(10)
        if op == 0:
            chars[at:at] = rng.choice(PUNCTUATION)
        elif op == 1:
            chars[at:at] = rng.choice(NUMERALS) + (rng.choice(UNITS) if rng.random() < 0.5 else "")
        elif op == 2:
            chars[at:at] = rng.choice(INVISIBLE + CONTROL)
        elif op == 3:
            chars[at:at] = rng.choice(BREAKS)
        elif op == 4:
            del chars[at:at + rng.randint(1, 20)]
        elif op == 5:
            chars[at:at] = chars[at:at + rng.randint(1, 40)]
        elif op == 6:
            chars[at:at + 10] = chars[at:at + 10][::-1]
        elif op == 7:
            chars[at:at] = rng.choice(OPENERS)
        elif op == 8:  # after a sentence, a line that starts on a stray mark (OCR's debris)
            stop = next((i + 1 for i in range(at, min(len(chars), at + 200)) if chars[i] in "。！？"), at)
            chars[stop:stop] = "\n" + rng.choice(STRAY_MARKS) * rng.randint(1, 2)
        else:
            chars[at:at] = chr(rng.randint(0x20, 0x9FFF))
    return "".join(chars)


def gen_damaged(rng: random.Random) -> str:
    return damage(rng, page_slice(rng), rng.randint(1, 30))


_STOPS = "，。；：！？、\n"


def gen_clauses(rng: random.Random) -> str:
    """Clauses of our pages cut at their punctuation and put together again, so sentences start
    and end on a stray mark (``。园区项目开工建设``), a clause stands alone, or repeats."""
    pieces = []
    for _ in range(rng.randint(1, 12)):
        page = rng.choice(corpus_pages())
        stops = [i for i in range(rng.randrange(len(page)), min(len(page), rng.randrange(len(page)) + 400))
                 if page[i] in _STOPS][:6]
        if len(stops) < 2:
            continue
        a, b = sorted(rng.sample(stops, 2))
        if rng.random() < 0.3:
            pieces.append(rng.choice(BREAKS + ["\n" + m for m in STRAY_MARKS]))
        pieces.append(page[a + rng.randint(0, 1): b + rng.randint(0, 1)])
    return "".join(pieces)


def gen_soup(rng: random.Random) -> str:
    return "".join(rng.choice(NEWS_WORDS) for _ in range(rng.randint(1, 200)))


def gen_mixed(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(1, 12)):
        pieces.append(page_slice(rng, 120) if rng.random() < 0.6 else rng.choice(OTHER_SCRIPTS))
    return "".join(pieces)


def gen_codepoints(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(1, 300)):
        r = rng.random()
        if r < 0.6:
            out.append(chr(rng.randint(0, 0x10FFFF)))
        elif r < 0.9:
            out.append(chr(rng.randint(0x2000, 0xFFFF)))
        else:
            out.append(chr(rng.randint(0, 0x7F)))
    return "".join(out)


def gen_encoded(rng: random.Random) -> bytes:
    text = damage(rng, page_slice(rng, 600), rng.randint(0, 5))
    encoding = rng.choice(ENCODINGS)
    data = text.encode(encoding, errors="replace" if encoding not in ("big5", "gbk") else "ignore")
    r = rng.random()
    if r < 0.2 and data:  # a file cut mid-character
        data = data[: rng.randrange(len(data))]
    elif r < 0.35 and data:  # a stray byte
        at = rng.randrange(len(data))
        data = data[:at] + bytes([rng.randint(0x80, 0xFF)]) + data[at:]
    return data


def gen_bytes(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))


def gen_extremes(rng: random.Random) -> str:
    r = rng.randrange(7)
    if r == 0:
        return ""
    if r == 1:
        return rng.choice(corpus_pages())[rng.randrange(50)]
    if r == 2:
        return "".join(rng.choice(BREAKS) for _ in range(rng.randint(1, 50)))
    if r == 3:  # one very long line: a page with every line break taken out
        return "".join(rng.sample(corpus_pages(), 3)).replace("\n", "")
    if r == 4:  # many tiny articles
        return "\n\n".join(damage(rng, page_slice(rng, 30), 1) for _ in range(rng.randint(50, 300)))
    if r == 5:  # a run of one character
        return rng.choice(["。", "（", "“", "1", "万", "县", "\n", "年"]) * rng.randint(1, 5000)
    return rng.choice(NUMERALS) * rng.randint(1, 400) + rng.choice(UNITS)


GENERATORS = {
    "damaged": (gen_damaged, 25),
    "clauses": (gen_clauses, 15),
    "soup": (gen_soup, 10),
    "mixed": (gen_mixed, 10),
    "codepoints": (gen_codepoints, 10),
    "encoded": (gen_encoded, 15),
    "bytes": (gen_bytes, 5),
    "extremes": (gen_extremes, 10),
}
KINDS = tuple(GENERATORS)


def case(seed: int, index: int) -> Case:
    """The case ``index`` of the run ``seed`` (independent of every other case)."""
    rng = random.Random(f"{seed}:{index}")
    kinds, weights = zip(*((k, w) for k, (_, w) in GENERATORS.items()))
    kind = rng.choices(kinds, weights)[0]
    return Case(seed, index, kind, GENERATORS[kind][0](rng))


def cases(seed: int, count: int, start: int = 0) -> Iterator[Case]:
    for index in range(start, start + count):
        yield case(seed, index)


# ---------------------------------------------------------------------- the checks


def _squash(s: str) -> str:
    """Characters as normalization compares them, whitespace and line breaks left out."""
    return "".join(normalize_char(c) for c in s if not c.isspace()).replace(" ", "")


def _span_ok(text: str, start: int, end: int, expected: str, what: str) -> None:
    assert 0 <= start <= end <= len(text), f"{what} [{start}:{end}] outside the text ({len(text)})"
    assert text[start:end] == expected, f"{what} {expected!r} != text[{start}:{end}] {text[start:end]!r}"


def _raw_span_ok(raw_span: str, text: str, entity_id: str) -> None:
    """The input span of a mention begins with its first character, ends with its last, and
    holds its characters in order. Usually it holds nothing else (but line breaks); a mention
    that runs over the place where normalization took a caption out of a broken sentence
    (``…有限公司\n\n[图 ■ 供图]\n\n樊城区委`` read as one line) has the caption inside its input
    span, which one pair of offsets cannot leave out."""
    want, got = _squash(text), _squash(raw_span)
    assert got[:1] == want[:1] and got[-1:] == want[-1:], f"entity {entity_id} raw span {raw_span!r} is not {text!r}"
    rest = iter(got)
    assert all(ch in rest for ch in want), f"entity {entity_id}: {text!r} is not in order in raw span {raw_span!r}"


def check_result(result: DocumentResult, raw: str) -> None:
    """Everything a caller may rely on: the result round-trips through the schema, and every
    article, dateline, entity, trigger, argument and sentence offset points at its text (and
    every entity's ``raw_start``/``raw_end`` at the same characters of the decoded input)."""
    again = DocumentResult.model_validate_json(result.model_dump_json())
    assert again == result, "the result changes when read back through the schema"
    text = result.text
    ids: set[str] = set()
    previous_end = 0
    for article in result.articles:
        assert previous_end <= article.start <= article.end <= len(text), f"article {article.index} offsets"
        previous_end = article.end
        if article.dateline is not None:
            d = article.dateline
            _span_ok(text, d.start, d.end, d.text, "dateline")
        for e in article.entities:
            _span_ok(text, e.start, e.end, e.text, f"entity {e.id}")
            assert e.id not in ids, f"entity id {e.id} twice"
            ids.add(e.id)
            assert 0 <= e.raw_start < e.raw_end <= len(raw), f"entity {e.id} raw offsets outside the input"
            _raw_span_ok(raw[e.raw_start:e.raw_end], e.text, e.id)
    for article in result.articles:
        for v in article.events:
            _span_ok(text, v.trigger.start, v.trigger.end, v.trigger.text, f"event {v.id} trigger")
            assert 0 <= v.sentence.start <= v.trigger.start and v.trigger.end <= v.sentence.end <= len(text), (
                f"event {v.id} trigger outside its sentence")
            for role, args in v.args.items():
                for a in args:
                    _span_ok(text, a.start, a.end, a.text, f"event {v.id} {role}")
                    assert a.entity_id is None or a.entity_id in ids, f"event {v.id} {role} names no entity"


def run_case(extractor, c: Case) -> str | None:
    """None when case ``c`` passes; else what went wrong, in one line (with the traceback's
    last frame for an exception). The only exception allowed out is the library's documented
    :class:`~pipeline.errors.ExtractionError`, and not of the kind ``internal``."""
    import traceback

    from pipeline.errors import ExtractionError

    try:
        result = extractor.extract(c.data, doc_id=f"fuzz-{c.seed}-{c.index}")
    except ExtractionError as exc:
        if exc.kind == "internal":  # the pipeline failed on it: a bug, whatever it is wrapped in
            cause = exc.__cause__
            frame = traceback.extract_tb(cause.__traceback__)[-1] if cause is not None else None
            where = f" at {frame.filename}:{frame.lineno}" if frame else ""
            return f"{c.name}: {exc}{where}"
        if f"fuzz-{c.seed}-{c.index}" not in str(exc):
            return f"{c.name}: error does not name the document: {exc}"
        return None
    except Exception as exc:  # noqa: BLE001 - that is what the fuzz looks for
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return f"{c.name}: {type(exc).__name__}: {exc} at {frame.filename}:{frame.lineno}"
    raw = decode(c.data).text if isinstance(c.data, bytes) else c.data
    try:
        check_result(result, raw)
    except AssertionError as exc:
        return f"{c.name}: {exc}"
    return None
