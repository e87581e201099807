"""Decoding, normalization and page splitting: tables of cases from our own writing.

Every page below was written for these tests in the shape of regional papers; the expected
values were worked out by reading the page, not copied from the program's output.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.text import (
    DecodeError,
    byline_names,
    decode,
    is_caption,
    match_dateline,
    normalize,
    split_page,
    split_sentences,
)

# ---------------------------------------------------------------------------- decoding

PAGE = "本报讯 3月5日，县委书记李明调研春耕生产。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (PAGE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + PAGE.encode("utf-8"), "utf-8-sig"),
        (PAGE.encode("gb18030"), "gb18030"),
        (PAGE.encode("gbk"), "gb18030"),  # GBK is a subset of GB18030
        ("\ufeff".encode("utf-16-le") + PAGE.encode("utf-16-le"), "utf-16"),
        ("本報訊 3月5日，縣委書記李明調研春耕生產。\n".encode("big5"), "big5"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "big5-traditional"],
)
def test_decode_detects_encoding(data, encoding):
    decoded = decode(data)
    assert decoded.encoding == encoding
    assert "3月5日" in decoded.text


def test_decode_refuses_binary_naming_the_document():
    with pytest.raises(DecodeError, match="scan.txt"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), name="scan.txt")


def test_decode_reads_a_utf8_bom_before_a_cut_character_with_a_warning():
    # fuzz case encoded[seed=20261206, index=155]: a UTF-8 byte-order mark, then a file cut in
    # the middle of a character, raised a bare UnicodeDecodeError out of the library; it is
    # read as the rest of a damaged page is (lossy, the damage counted in a warning)
    decoded = decode(b"\xef\xbb\xbf" + PAGE.encode("utf-8")[:-2], name="cut.txt")
    assert decoded.text.startswith("本报讯 3月5日，县委书记李明调研春耕生产") and decoded.text.endswith("\ufffd")
    assert any("replaced with U+FFFD" in w for w in decoded.warnings)


# ---------------------------------------------------------------------------- normalization

NORMALIZE_CASES = {
    # full-width digits and letters become ASCII; Chinese sentence punctuation stays
    "fullwidth": ("总投资１２０亿元，ＧＤＰ增长５．２％。", "总投资120亿元，GDP增长5.2%。"),
    "fullwidth-brackets": ("东方旭能（山东）科技发展有限公司", "东方旭能(山东)科技发展有限公司"),
    "ideographic-space": ("科学导报讯\u3000\u300010月14日，", "科学导报讯 10月14日，"),
    "control-and-zero-width": ("项目\x07总投资\u200b5亿元。", "项目总投资5亿元。"),
    # a column break in the middle of a word: the two halves are one sentence
    "broken-word": ("今年以来，杨家庄乡农村污水处理项目获908万元省\n\n级资金支持。", "今年以来，杨家庄乡农村污水处理项目获908万元省级资金支持。"),
    # a caption between the halves is moved after the paragraph
    "caption-mid-sentence": (
        "生态建设已深度融入城市发展肌理，成为驱动城市提质升级的\n\n园区全景 ■ 张三供图\n\n绿色引擎。",
        "生态建设已深度融入城市发展肌理，成为驱动城市提质升级的绿色引擎。\n园区全景 ■ 张三供图",
    ),
    # headlines are short and unterminated: never glued to the dateline paragraph
    "headline-kept": ("县委书记调研春耕\n\n本报讯 3月5日，县委书记调研春耕。", "县委书记调研春耕\n本报讯 3月5日，县委书记调研春耕。"),
    "blank-lines-folded": ("第一段。\n\n\n\n   第二段。  \n", "第一段。\n第二段。"),
    "crlf": ("第一段。\r\n第二段。\r\n", "第一段。\n第二段。"),
}


@pytest.mark.parametrize("raw, expected", NORMALIZE_CASES.values(), ids=NORMALIZE_CASES.keys())
def test_normalize(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw", [raw for raw, _ in NORMALIZE_CASES.values()], ids=NORMALIZE_CASES.keys())
def test_every_normalized_char_maps_back_to_its_source(raw):
    norm = normalize(raw)
    assert len(norm.raw_offsets) == len(norm.text)
    for ch, pos in zip(norm.text, norm.raw_offsets):
        if ch == "\n":
            continue  # a line separator stands for the line break it replaced
        source = raw[pos]
        assert ch == source or ch == " " or (0xFF01 <= ord(source) <= 0xFF5E and ord(ch) == ord(source) - 0xFEE0)


def reference_lines(raw: str) -> list[tuple[str, list[int], bool]]:
    """Lines as ``_read_lines`` must give them, written the slow, obvious way: every character
    through ``normalize_char``, spaces folded and stripped, ``\r\n`` one break."""
    from pipeline.core.text import normalize_char

    out, blank, i = [], True, 0
    for part in regex.split(r"(\r\n|[\n\r\u2028\u2029\x0b\x0c\x85])", raw)[::2]:
        chars, idx = [], []
        for k, ch in enumerate(part):
            c = normalize_char(ch)
            if c and not (c == " " and (not chars or chars[-1] == " ")):
                chars.append(c)
                idx.append(i + k)
        if chars and chars[-1] == " ":
            chars.pop(), idx.pop()
        if chars:
            out.append(("".join(chars), idx, blank))
        blank = not chars
        i += len(part) + (2 if raw[i + len(part):i + len(part) + 2] == "\r\n" else 1)
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="县委书记，。１Ａ（ 　\t\u200b\x07\r\n\u2028\xa0ａ；", max_size=60))
def test_read_lines_fast_path_equals_the_character_by_character_reading(raw):
    from pipeline.core.text import _read_lines

    assert [(ln.text, ln.idx, ln.blank_before) for ln in _read_lines(raw)] == reference_lines(raw)


def test_every_character_normalize_char_changes_is_listed_for_the_fast_paths():
    from pipeline.core.text import _CHANGED_CODES, normalize_char

    changed = {c for c in range(0x110000) if not 0xD800 <= c < 0xE000 and normalize_char(chr(c)) != chr(c)}
    assert changed <= set(_CHANGED_CODES)


def test_raw_span_of_a_joined_word_covers_the_line_break():
    raw = "水污染防治同步推进，杨家庄乡农村污水处理项目获908万元省\n\n级资金支持。"
    norm = normalize(raw)
    start = norm.text.index("省级资金")
    raw_start, raw_end = norm.raw_span(start, start + 4)
    assert raw[raw_start:raw_end] == "省\n\n级资金"


def test_a_short_dateline_line_joins_its_sequel():
    # pages:e07, a page saved with hard line breaks: the dateline's line is short (19 characters)
    # and its sequel has a clause comma, so it is no headline; 中央电视台 comes out whole
    raw = "本网讯 7月30日,由人民日报社、中央\n电视台、新华社等多家中央媒体组成的采访团,来到项城。\n"
    assert normalize(raw).text == "本网讯 7月30日,由人民日报社、中央电视台、新华社等多家中央媒体组成的采访团,来到项城。"
    # a headline after a dateline's unterminated line stays a line of its own (GLUED_BYLINE below)
    assert normalize("科学导报讯 5月20日，县长刘洋会见客商。陈晓东\n另一篇文章的标题\n").text.count("\n") == 1


# ---------------------------------------------------------------------------- line classes

CAPTIONS = {
    "square-供图": ("园区俯瞰图 ■ 高新区供图", True),
    "photo-credit": ("图为项目建设现场。（记者 王芳 摄）", True),
    "credit-only": ("（张伟 摄）", True),
    "body-sentence": ("项目建设现场一片繁忙，工人们正在加紧施工。", False),
    "headline": ("多措并举推动项目建设", False),
}


@pytest.mark.parametrize("line, expected", CAPTIONS.values(), ids=CAPTIONS.keys())
def test_is_caption(line, expected):
    assert is_caption(line) is expected


DATELINES = {
    "paper-讯-date": ("科学导报讯 10月14日，临汾经济开发区…", "科学导报讯", "10月14日", []),
    "本报讯-reporter": ("本报讯（记者 王丽娟）3月5日，县委书记…", "本报讯", "3月5日", ["王丽娟"]),
    "本报讯-近日": ("本报讯 近日，市科技局…", "本报讯", "近日", []),
    "新华社-电": ("新华社太原3月5日电 山西省…", "新华社", "3月5日", []),
    "网-电-reporter": ("人民网成都9月2日电（记者 李强）四川…", "人民网", "9月2日", ["李强"]),
}


@pytest.mark.parametrize("line, agency, date, reporters", DATELINES.values(), ids=DATELINES.keys())
def test_match_dateline(line, agency, date, reporters):
    m = match_dateline(line)
    assert m is not None
    assert m.group("agency") == agency
    assert m.group("date") == date
    got = [r for r in (m.groupdict().get("reporters") or "").split() if r]
    assert [r.removeprefix("记者") for r in got if r != "记者"] == reporters


@pytest.mark.parametrize("line", ["资讯服务不断完善，", "通讯设施建设加快推进。", "讯飞公司与县政府签约。"])
def test_body_text_is_not_a_dateline(line):
    assert match_dateline(line) is None


BYLINES = {
    "reporter": ("记者 王丽娟", False, ["王丽娟"]),
    "text-and-photo": ("文/图 李强 张伟", False, ["李强", "张伟"]),
    "bracketed": ("（通讯员 赵敏）", False, ["赵敏"]),
    "lone-name-at-end": ("郑婷", True, ["郑婷"]),
    "lone-name-not-at-end": ("郑婷", False, None),
    "short-headline": ("乡村振兴", True, None),
}


@pytest.mark.parametrize("line, at_end, expected", BYLINES.values(), ids=BYLINES.keys())
def test_byline_names(line, at_end, expected):
    assert byline_names(line, at_article_end=at_end) == expected


# ---------------------------------------------------------------------------- page structure

MULTI_ARTICLE_PAGE = """\
平遥县召开春季农业生产推进会

本报讯（记者 韩雪）3月12日，平遥县召开春季农业生产推进会，部署春耕备耕工作。

会议要求，各乡镇要抓好农资供应，确保春耕生产顺利进行。

王立新

晋中市与两家企业签约

新能源项目落地榆次

本报讯 3月15日，晋中市人民政府与华晋能源有限公司签订合作协议，项目总投资26亿元。

该项目建成后，预计年产值可达40亿元。

园区开工现场 ■ 榆次区供图

介休市加快推进城市更新

介休市今年计划实施城市更新项目12个，总投资8.6亿元，涉及老旧小区改造、背街小巷整治等内容。截至目前，已有5个项目开工建设。

孙丽
"""


def test_multi_article_page():
    norm = normalize(MULTI_ARTICLE_PAGE)
    arts = split_page(norm.text)
    assert [a.title for a in arts] == [
        "平遥县召开春季农业生产推进会",
        "晋中市与两家企业签约 新能源项目落地榆次",
        "介休市加快推进城市更新",
    ]
    assert arts[0].dateline.agency == "本报讯"
    assert arts[0].dateline.date_text == "3月12日"
    assert arts[0].authors == ["韩雪", "王立新"]  # reporter in the dateline, name line at the end
    assert arts[1].dateline.date_text == "3月15日"
    assert arts[1].authors == []
    assert len(arts[1].caption_spans) == 1
    assert arts[2].dateline is None
    assert arts[2].authors == ["孙丽"]
    # articles tile the page in order
    assert all(a.end <= b.start for a, b in zip(arts, arts[1:]))


SINGLE_ARTICLE_NO_HEADLINE = """\
今年以来，我市坚持把项目建设作为推动高质量发展的重要抓手，全市共实施重点项目156个，总投资1280亿元。
1-9月，全市固定资产投资同比增长6.8%，高于全省平均水平1.2个百分点。
"""


def test_single_article_without_headline():
    arts = split_page(normalize(SINGLE_ARTICLE_NO_HEADLINE).text)
    assert len(arts) == 1
    assert arts[0].title is None
    assert arts[0].dateline is None
    assert arts[0].authors == []


GLUED_BYLINE = """\
县长会见客商一行

科学导报讯 5月20日，县长刘洋会见了浙江客商一行。双方就项目合作进行了深入交流，为县域经济发展注入新的动力。陈晓东

另一篇文章的标题

科学导报讯 5月21日，县里召开会议。
"""


def test_byline_glued_to_the_last_sentence():
    arts = split_page(normalize(GLUED_BYLINE).text)
    assert len(arts) == 2
    assert arts[0].authors == ["陈晓东"]
    assert arts[1].title == "另一篇文章的标题"


SUBHEADS = """\
我县生态建设成效显著

科学导报讯 6月1日，我县生态环境持续改善。

治山理水 筑牢生态屏障

今年以来，全县完成造林绿化3.2万亩。

治污减排 守护蓝天碧水

全县空气质量优良天数比例达到85.6%。
"""


def test_single_subheads_stay_inside_the_article():
    arts = split_page(normalize(SUBHEADS).text)
    assert len(arts) == 1
    assert arts[0].title == "我县生态建设成效显著"


def test_sentences():
    text = "他说：“项目进展顺利。”目前已完工！下一步怎么办？\n标题行"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["他说：“项目进展顺利。”", "目前已完工！", "下一步怎么办？", "标题行"]


def test_raw_span_over_a_moved_caption_is_never_inverted():
    # fuzz extremes[seed=20261206, index=20478]: a span over the line break before a caption
    # that normalization moved after its paragraph took its start from the paragraph (late in
    # the input) and its end from the caption (earlier): raw_end < raw_start
    raw = "生态建设已深度融入城市发展肌理，成为驱动城市提质升级的\n\n园区全景 ■ 张三供图\n\n绿色引擎。"
    norm = normalize(raw)
    assert norm.text == "生态建设已深度融入城市发展肌理，成为驱动城市提质升级的绿色引擎。\n园区全景 ■ 张三供图"
    start, end = norm.text.index("引擎"), norm.text.index("园区") + 1
    raw_start, raw_end = norm.raw_span(start, end)
    assert raw_start < raw_end
    assert raw_start == raw.index("园区") and raw_end == raw.index("。") + 1

