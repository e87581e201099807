"""The ``value_ruler`` spaCy component on small documents of regional economic news."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

import pipeline.language.components.values  # noqa: F401  (registers value_ruler)
from pipeline.language.components.values import find_values
from pipeline.language.document import ArticleInfo, DatelineInfo, Mention, register_extensions
from pipeline.schema import AreaValue, DateValue, MoneyValue, PercentValue, QuantityValue

register_extensions()

MODELS = {
    "DATE": DateValue,
    "MONEY": MoneyValue,
    "AREA": AreaValue,
    "PERCENT": PercentValue,
    "QUANTITY": QuantityValue,
}

PUB = dt.date(2025, 10, 16)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("value_ruler")
    return nlp


def run(nlp, text, pub_date=PUB, articles=None):
    doc = nlp.make_doc(text)
    doc._.pub_date = pub_date
    doc._.articles = articles
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def check_invariants(doc):
    mentions: list[Mention] = doc._.candidates or []
    last_end = -1
    for m in sorted(mentions, key=lambda m: m.start):
        assert doc.text[m.start:m.end] == m.text
        assert m.start >= last_end, "value mentions must not overlap"
        last_end = m.end
        assert m.source == "rule"
        MODELS[m.label].model_validate(m.value)
    return mentions


def D(iso, approx=False):
    return {"iso": iso, "approx": approx}


def M(amount, qualifier=None, currency="CNY", **kw):
    return {"amount": amount, "currency": currency, "qualifier": qualifier, **kw}


def A(amount, orig, unit, qualifier=None, **kw):
    return {"amount": amount, "unit": "m2", "original": {"amount": orig, "unit": unit}, "qualifier": qualifier, **kw}


def Q(amount, unit, qualifier=None, **kw):
    return {"amount": amount, "unit": unit, "qualifier": qualifier, **kw}


# (text, expected [(label, span, value)]) with pub_date 2025-10-16 and no articles
SENTENCES_REGIONAL_PRESS = [
    (
        "今年以来，高新区36家企业实现营收105.8亿元，同比增长12.5%。",
        [
            ("DATE", "今年以来", D("2025")),
            ("QUANTITY", "36家", Q(36, "家")),
            ("MONEY", "105.8亿元", M(10580000000)),
            ("PERCENT", "12.5%", {"amount": 12.5}),
        ],
    ),
    (
        "该项目总投资26亿，占地100亩，建筑面积近9.3万平方米，预计明年6月底竣工。",
        [
            ("MONEY", "26亿", M(2600000000)),
            ("AREA", "100亩", A(66666.67, 100, "亩")),
            ("AREA", "近9.3万平方米", A(93000, 93000, "平方米", "at_most")),
            ("DATE", "明年6月底", D("2026-06", True)),
        ],
    ),
    (
        "上半年，全区交通运输业占比达76.6%，获908万元省级资金支持。",
        [
            ("DATE", "上半年", D("2025-H1")),
            ("PERCENT", "76.6%", {"amount": 76.6}),
            ("MONEY", "908万元", M(9080000)),
        ],
    ),
    (
        "10月14日上午，调研组一行来到园区，实地察看长约140米的道路和700余面国旗。",
        [
            ("DATE", "10月14日上午", D("2025-10-14")),
            ("QUANTITY", "约140米", Q(140, "米", "approx")),
            ("QUANTITY", "700余面", Q(700, "面", "at_least")),
        ],
    ),
    (
        "1-9月，全市规上工业增加值比上年增长6.2%，增速较上半年提高0.8个百分点。",
        [
            ("DATE", "1-9月", D("2025-01/2025-09")),
            ("DATE", "上年", D("2024")),  # the year before the statistic's (issue 20)
            ("PERCENT", "6.2%", {"amount": 6.2}),
            ("DATE", "上半年", D("2025-H1")),
            ("PERCENT", "0.8个百分点", {"amount": 0.8, "points": True}),
        ],
    ),
    (
        "“十四五”以来，全县累计建成4栋标准化厂房、606个充电桩，带动就业2万余人。",
        [
            ("DATE", "十四五", D("2021/2025")),
            ("QUANTITY", "4栋", Q(4, "栋")),
            ("QUANTITY", "606个", Q(606, "个")),
            ("QUANTITY", "2万余人", Q(20000, "人", "at_least")),
        ],
    ),
    (
        "签约项目6个，计划投资6-8亿元，规划用地5-10万平方米。",
        [
            ("QUANTITY", "6个", Q(6, "个")),
            ("MONEY", "6-8亿元", M(800000000, "at_most", min=600000000)),
            ("AREA", "5-10万平方米", A(100000, 100000, "平方米", "at_most", min=50000)),
        ],
    ),
    (
        "活动于4月11日至12日举行，吸引游客3000余人次，实现旅游收入九千三百万元。",
        [
            ("DATE", "4月11日至12日", D("2025-04-11/2025-04-12")),
            ("QUANTITY", "3000余人次", Q(3000, "人次", "at_least")),
            ("MONEY", "九千三百万元", M(93000000)),
        ],
    ),
    (
        "该公司获得1.2亿美元融资，其中1000万元人民币用于研发。",
        [
            ("MONEY", "1.2亿美元", M(120000000, currency="USD")),
            ("MONEY", "1000万元人民币", M(10000000)),
        ],
    ),
    (
        "目前，已排查隐患120处，整改销号118处，整改率达百分之九十八点三。",
        [
            ("DATE", "目前", D("PRESENT_REF", True)),
            ("QUANTITY", "120处", Q(120, "处")),
            ("QUANTITY", "118处", Q(118, "处")),
            ("PERCENT", "百分之九十八点三", {"amount": 98.3}),
        ],
    ),
    (
        "去年同期，全省粮食播种面积达5公顷以上的种粮大户超过三成。",
        [
            ("DATE", "去年同期", D("2024")),  # the comparison base is one span (OUTPUT.md)
            ("AREA", "5公顷以上", A(50000, 5, "公顷", "at_least")),
            ("PERCENT", "超过三成", {"amount": 30, "qualifier": "at_least"}),
        ],
    ),
]

# sentences in which nothing is a value
SENTENCES_WITHOUT_VALUES = [
    "下一步，我们将持续推进A10地块建设。",
    "此次活动在207国道沿线举行，秋日的园区景色宜人。",
    "第一批、第3名，统一部署，一个重要举措。",
    "打造“5+2”产业体系，建设G5高速和2000P算力中心。",
    "要在60日内完成整改，近20年来首次，6小时不间断，3个月内，两年时间。",
    "元旦期间，各单位要加强值班。",
    "增强四个意识、坚定四个自信、做到两个维护，统筹推进五位一体总体布局。",
    "该楼3单元，1号线，5G基站，4K超清，3D打印。",
]


@pytest.mark.parametrize("text,expected", SENTENCES_REGIONAL_PRESS)
def test_sentences(nlp, text, expected):
    doc = run(nlp, text)
    mentions = check_invariants(doc)
    got = [(m.label, m.text, m.value) for m in sorted(mentions, key=lambda m: m.start)]
    assert got == expected


@pytest.mark.parametrize("text", SENTENCES_WITHOUT_VALUES)
def test_sentences_without_values(nlp, text):
    doc = run(nlp, text)
    assert check_invariants(doc) == []


def test_dateline_anchor_per_article(nlp):
    text = "科学导报讯 10月14日，14日召开会议。\n本报讯 9月20日，18日举行签约仪式。"
    second = text.index("本报讯")
    articles = [
        ArticleInfo(index=0, start=0, end=second,
                    dateline=DatelineInfo(text="科学导报讯 10月14日", start=0, end=12, date="2025-10-14")),
        ArticleInfo(index=1, start=second, end=len(text),
                    dateline=DatelineInfo(text="本报讯 9月20日", start=second, end=second + 9, date="2025-09-20")),
    ]
    doc = run(nlp, text, pub_date=dt.date(2025, 10, 16), articles=articles)
    mentions = check_invariants(doc)
    got = [(m.text, m.value["iso"], m.part) for m in mentions]
    assert got == [
        ("10月14日", "2025-10-14", "dateline"),
        ("14日", "2025-10-14", None),
        ("9月20日", "2025-09-20", "dateline"),
        ("18日", "2025-09-18", None),
    ]


def test_year_from_page_when_no_pub_date(nlp):
    text = "2024年全年完成投资50亿元。2025年上半年，园区新签约项目12个。10月14日，园区召开座谈会。"
    doc = run(nlp, text, pub_date=None)
    isos = [m.value["iso"] for m in check_invariants(doc) if m.label == "DATE"]
    assert isos == ["2024", "2025-H1", "2025-10-14"]


def test_unknown_year(nlp):
    doc = run(nlp, "10月14日，园区召开座谈会。今年以来成效明显。", pub_date=None)
    isos = [m.value["iso"] for m in check_invariants(doc) if m.label == "DATE"]
    assert isos == ["XXXX-10-14", "XXXX"]


def test_pub_date_as_string(nlp):
    doc = run(nlp, "今年以来", pub_date="2025-10-16")
    assert [m.value["iso"] for m in check_invariants(doc)] == ["2025"]


def test_december_in_january_paper(nlp):
    doc = run(nlp, "12月28日，项目通过验收。", pub_date=dt.date(2026, 1, 3))
    assert [m.value["iso"] for m in check_invariants(doc)] == ["2025-12-28"]


def test_longest_wins_and_no_overlap(nlp):
    doc = run(nlp, "投资5万平方米的厂房，总投资2万余元以上")
    got = [(m.label, m.text) for m in check_invariants(doc)]
    assert ("AREA", "5万平方米") in got
    assert ("MONEY", "2万余元以上") in got
    assert not any(t == "5万" for _, t in got)


def test_candidates_are_appended(nlp):
    doc = nlp.make_doc("今年以来")
    doc._.candidates = [Mention("ORG", 0, 1, "今", source="model")]
    doc = nlp.get_pipe("value_ruler")(doc)
    assert [m.label for m in doc._.candidates] == ["ORG", "DATE"]


def test_config_labels_and_vague_dates():
    nlp = spacy.blank("zh")
    nlp.add_pipe("value_ruler", config={"labels": ["DATE"], "vague_dates": False, "priority": 7})
    doc = nlp.make_doc("目前，今年以来营收3亿元")
    doc = nlp.get_pipe("value_ruler")(doc)
    assert [(m.label, m.text, m.priority) for m in doc._.candidates] == [("DATE", "今年以来", 7)]


def test_unknown_label_rejected():
    nlp = spacy.blank("zh")
    with pytest.raises(ValueError):
        nlp.add_pipe("value_ruler", config={"labels": ["DATE", "PER"]})


def test_nlp_call_runs_component(nlp):
    doc = nlp("营收3亿元")
    assert [(m.label, m.text) for m in doc._.candidates] == [("MONEY", "3亿元")]


def test_find_values_pure():
    mentions = find_values("占地80亩，2.7万平方米", pub_date=None)
    assert [(m.label, m.text, m.value["amount"]) for m in mentions] == [
        ("AREA", "80亩", 53333.33),
        ("AREA", "2.7万平方米", 27000),
    ]


def test_traditional_script(nlp):
    doc = run(nlp, "今年以來，投資3.5億元，佔地50畝。")
    got = [(m.label, m.text) for m in check_invariants(doc)]
    assert got == [("DATE", "今年以來"), ("MONEY", "3.5億元"), ("AREA", "50畝")]


# --------------------------------------------------------------------------- robustness

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = list(
    "0123456789０１２３.,%％-—~至到一二两三四五六七八九十百千万亿零〇点余多约近超以上左右"
    "年月日号份季度上下半前今去明元美亩平方米公顷里个家栋人次，。、“”的在和 "
) + ["平方米", "万元", "亿元", "个百分点", "百分之", "今年以来", "上半年", "十四五", "年底", "近日"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join),
    st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))),
)
def test_any_text_keeps_the_invariants(text, pub):
    mentions = find_values(text, pub_date=pub)
    last_end = -1
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end and m.end > m.start
        last_end = m.end
        MODELS[m.label].model_validate(m.value)
