"""Event rules for kinds of text met on real pages (issue 20): metric, project_milestone,
investment, funding, agreement. Made-up sentences in the style of the pages; entities by hand
(the helpers are those of test_events.py)."""

from __future__ import annotations

import pytest

from test_events import D, P, Y, only, run, texts, values


def metrics(events):
    return [(e.trigger_text, texts(e, "subject"), values(e, "value")) for e in events if e.type == "metric"]


# ---------------------------------------------------------------------- metric

METRIC_CASES = [
    # after pages:d11/d07: a rate whose change over time is stated is a metric of its own
    ("rate change over time",
     "上半年，全市工业增加值120.5亿元，增长8.4%，增速同比提高0.8个百分点。",
     [("上半年", "DATE", D("2024-H1")), ("120.5亿元", "MONEY", Y(12_050_000_000)), ("8.4%", "PERCENT", P(8.4)),
      ("0.8个百分点", "PERCENT", P(0.8, points=True))],
     [("增长", ["工业增加值"], [Y(12_050_000_000), P(8.4), P(0.8, points=True)]),
      ("提高", ["增速"], [P(0.8, points=True)])]),
    ("rate falls",
     "居民消费价格指数上涨1.0%，涨幅同比回落1.8个百分点。",
     [("1.0%", "PERCENT", P(1.0)), ("1.8个百分点", "PERCENT", P(1.8, points=True))],
     [("上涨", ["居民消费价格指数"], [P(1.0), P(1.8, points=True)]),
      ("回落", ["涨幅"], [P(-1.8, points=True)])]),
    # a comparison with another place is no change of the rate: it stays on the indicator
    ("rate compared with another place",
     "全县社会消费品零售总额增长7.3%，增速高于全市平均水平0.9个百分点。",
     [("7.3%", "PERCENT", P(7.3)), ("0.9个百分点", "PERCENT", P(0.9, points=True))],
     [("增长", ["社会消费品零售总额"], [P(7.3), P(0.9, points=True)])]),
    # after pages:d11: a share in an aside is its own metric, the change after it the trigger
    ("share in brackets",
     "其中工业投资58.2亿元（占总投资的31.5%），增长36.4%。",
     [("58.2亿元", "MONEY", Y(5_820_000_000)), ("31.5%", "PERCENT", P(31.5)), ("36.4%", "PERCENT", P(36.4))],
     [("占", ["工业投资"], [P(31.5)]), ("增长", ["工业投资"], [Y(5_820_000_000), P(36.4)])]),
    # after pages:d11: a count before its noun belongs to the subject
    ("count inside the subject",
     "全市三个省级园区实现工业增加值18.6亿元，同比增长20.4%。",
     [("三个", "QUANTITY", 3), ("18.6亿元", "MONEY", Y(1_860_000_000)), ("20.4%", "PERCENT", P(20.4))],
     [("增长", ["三个省级园区"], [P(20.4)])]),
    # after pages:e02: 分别 distributes the changes over the indicators read before, in order
    ("changes distributed over indicators",
     "1月至5月，全州新签约产业项目96个，计划投资420亿元，同比分别增长35%、52%。",
     [("1月至5月", "DATE", D("2024-01/2024-05")), ("96个", "QUANTITY", 96), ("420亿元", "MONEY", Y(42_000_000_000)),
      ("35%", "PERCENT", P(35)), ("52%", "PERCENT", P(52))],
     [("增长", ["新签约产业项目"], [P(35)]), ("增长", ["计划投资"], [P(52)])]),
    ("changes distributed over a list",
     "新开工、新投产产业项目分别为38个、27个，同比分别增长41%、18%。",
     [("38个", "QUANTITY", 38), ("27个", "QUANTITY", 27), ("41%", "PERCENT", P(41)), ("18%", "PERCENT", P(18))],
     [("增长", ["新开工"], [P(41)]), ("增长", ["新投产产业项目"], [P(18)])]),
    # after pages:d11: the rate word names what 分别为 gives for each item of the list
    ("rates of listed items",
     "食品加工业和装备制造业增幅最大，分别为18.5%和16.2%。",
     [("18.5%", "PERCENT", P(18.5)), ("16.2%", "PERCENT", P(16.2))],
     [("增幅", ["食品加工业"], [P(18.5)]), ("增幅", ["装备制造业增幅最大"], [P(16.2)])]),
    # after pages:a04: a count naming the set stays in the indicator
    ("count naming the set",
     "2月1日至19日，168个重点城市平均优良天数比例为85.2%。",
     [("2月1日至19日", "DATE", D("2024-02-01/2024-02-19")), ("168个", "QUANTITY", 168), ("85.2%", "PERCENT", P(85.2))],
     [("为", ["168个重点城市平均优良天数比例"], [P(85.2)])]),
    # after pages:a01: a sharp rise, not the 是 before it
    ("sharp rise",
     "今年1—4月，细颗粒物浓度更是蹿升了12.6%。",
     [("今年1—4月", "DATE", D("2024-01/2024-04")), ("12.6%", "PERCENT", P(12.6))],
     [("蹿升", ["细颗粒物浓度更"], [P(12.6)])]),
    # after pages:a01: 占 is the trigger, not the 为 inside the indicator
    ("share after a 为 inside the subject",
     "以细颗粒物为首要污染物的超标天数占总超标天数37.2%。",
     [("37.2%", "PERCENT", P(37.2))],
     [("占", ["以细颗粒物"], [P(37.2)])]),
    # after pages:a08: X占Y的比例为Z: the whole ratio is the indicator
    ("ratio named with 占…的比例",
     "其中，西部已通过验收县数占西部总县数的比例为91.5%。",
     [("91.5%", "PERCENT", P(91.5))],
     [("为", ["西部已通过验收县数占西部总县数的比例"], [P(91.5)])]),
    # after pages:d03: 完成率 is an indicator, 完成 no prefix to strip from it
    ("completion rate",
     "全县共排查企业150家，已完成整改148家，完成率98.7%。",
     [("150家", "QUANTITY", 150), ("148家", "QUANTITY", 148), ("98.7%", "PERCENT", P(98.7))],
     [("完成率", ["完成率"], [P(98.7)])]),
    # after pages:c05: 该区 is no indicator
    ("deictic district",
     "前10个月，该区完成规模以上工业总产值38.2亿元，同比增长41%。",
     [("前10个月", "DATE", D("2024-01/2024-10")), ("38.2亿元", "MONEY", Y(3_820_000_000)), ("41%", "PERCENT", P(41))],
     [("增长", ["规模以上工业总产值"], [Y(3_820_000_000), P(41)])]),
]


@pytest.mark.parametrize("text,ents,expected", [c[1:] for c in METRIC_CASES], ids=[c[0] for c in METRIC_CASES])
def test_metric_cases(text, ents, expected):
    assert metrics(run(text, ents)) == expected


# ---------------------------------------------------------------------- project_milestone

def milestones(events):
    return [(e.trigger_text, texts(e, "project"), texts(e, "quantity"), texts(e, "investment"))
            for e in events if e.type == "project_milestone"]


MILESTONE_CASES = [
    # after pages:c03: the follow-up 当天…开工 gives its count to the batch, not a second event
    ("follow-up of a batch start",
     "3月2日，清河区举行重大项目集中开工仪式。当天，全区共有28个重大项目开工。",
     [("3月2日", "DATE", D("2024-03-02")), ("清河区", "LOC"), ("28个", "QUANTITY", 28)],
     [("开工", ["重大项目"], ["28个"], [])]),
    # after pages:c10/c05: the stated total close after a ceremony is the batch's count and money
    ("batch totals from the stated total",
     "3月11日，我县举行2024年第一批重点项目集中开工仪式。此次开工的12个重点项目总投资18.6亿元。",
     [("3月11日", "DATE", D("2024-03-11")), ("2024年", "DATE", D("2024")), ("12个", "QUANTITY", 12),
      ("18.6亿元", "MONEY", Y(1_860_000_000))],
     [("开工", ["第一批重点项目"], ["12个"], ["18.6亿元"])]),
    # a follow-up with a project of its own is its own milestone (corpus p11)
    ("follow-up naming its own project",
     "今天上午，东环快速路工程通车仪式举行。同日，连接两镇的旅游公路也同步建成通车。",
     [],
     [("通车", ["东环快速路工程"], [], []), ("通车", ["旅游公路"], [], [])]),
    # after corpus p04/p19: a project started at a venue of the ceremony
    ("project started at a venue",
     "在分会场开工的华信新材料有限公司年产3万吨电池隔膜项目，总投资18亿元。",
     [("华信新材料有限公司", "ORG"), ("18亿元", "MONEY", Y(1_800_000_000))],
     [("开工", ["年产3万吨电池隔膜项目"], [], ["18亿元"])]),
    # after pages:c03/e10: 集中开工暨X项目奠基仪式 is also X's own milestone
    ("joint ceremony",
     "5月8日，高新区重大项目集中开工暨华港智能装备产业园项目奠基仪式举行。",
     [("5月8日", "DATE", D("2024-05-08")), ("高新区", "ORG")],
     [("开工", ["重大项目"], [], []), ("奠基", ["华港智能装备产业园项目"], [], [])]),
]


@pytest.mark.parametrize("text,ents,expected", [c[1:] for c in MILESTONE_CASES], ids=[c[0] for c in MILESTONE_CASES])
def test_milestone_cases(text, ents, expected):
    assert milestones(run(text, ents)) == expected


PLACE_CASES = [
    # after pages:c05: 在该区的X集中开工 — X is where
    ("place after 在",
     "落户高新区的19个重大项目，今天在该区的青龙湾产业园集中开工。",
     [("高新区", "ORG"), ("19个", "QUANTITY", 19), ("青龙湾产业园", "ORG")],
     "青龙湾产业园"),
    # after pages:c11: a county opening the clause
    ("place opening the clause",
     "平川县此次集中开工项目8个，总投资6.2亿元。",
     [("平川县", "LOC"), ("8个", "QUANTITY", 8), ("6.2亿元", "MONEY", Y(620_000_000))],
     "平川县"),
]


@pytest.mark.parametrize("text,ents,place", [c[1:] for c in PLACE_CASES], ids=[c[0] for c in PLACE_CASES])
def test_milestone_place(text, ents, place):
    ev = only(run(text, ents), "project_milestone")
    assert texts(ev, "place") == [place]


# ---------------------------------------------------------------------- funding

FUNDING_CASES = [
    # after pages:a04: the treasury before the verb is the source, not the fund's name after it;
    # the items of the allocation share it
    ("treasury as subject",
     "省财政近日下拨防汛救灾资金3.5亿元，用于支持各地做好灾后恢复工作。其中，安排水毁工程修复2亿元。",
     [("3.5亿元", "MONEY", Y(350_000_000)), ("2亿元", "MONEY", Y(200_000_000))],
     [("下拨", ["省财政"]), ("安排", ["省财政"])]),
    # after pages:a05
    ("levels of treasury",
     "2015年以来，全区累计实施农村危房改造3.2万户，各级财政累计补助资金9.6亿元。",
     [("2015年以来", "DATE", D("2015")), ("9.6亿元", "MONEY", Y(960_000_000))],
     [("补助", ["各级财政"])]),
    # a fund named after the verb stays the source when no treasury is the subject (corpus)
    ("fund after the verb",
     "今年，高明区获省级乡村振兴专项资金1.2亿元。",
     [("今年", "DATE", D("2024")), ("高明区", "LOC"), ("1.2亿元", "MONEY", Y(120_000_000))],
     [("获", ["省级乡村振兴专项资金"])]),
]


@pytest.mark.parametrize("text,ents,expected", [c[1:] for c in FUNDING_CASES], ids=[c[0] for c in FUNDING_CASES])
def test_funding_source(text, ents, expected):
    assert [(e.trigger_text, texts(e, "source")) for e in run(text, ents) if e.type == "funding"] == expected


# ---------------------------------------------------------------------- investment

def test_investment_sets_counted_in_items_reported_by_an_office():
    # after pages:e12: an office reports the totals (介绍说 is no quote of intent); 项 counts
    # projects like 个; 投资 right after a counted set is that set's investment
    text = ("县发改局负责人介绍说，2023年全县共列建设项目96项，总投资88.5亿元，其中新建项目60项，"
            "投资52.1亿元；续建项目36项，投资36.4亿元。")
    ents = [("2023年", "DATE", D("2023")), ("96项", "QUANTITY", 96), ("88.5亿元", "MONEY", Y(8_850_000_000)),
            ("60项", "QUANTITY", 60), ("52.1亿元", "MONEY", Y(5_210_000_000)), ("36项", "QUANTITY", 36),
            ("36.4亿元", "MONEY", Y(3_640_000_000))]
    events = [e for e in run(text, ents) if e.type == "investment"]
    assert [(e.trigger_text, texts(e, "project_count"), texts(e, "amount")) for e in events] == [
        ("总投资", ["96项"], ["88.5亿元"]), ("投资", ["60项"], ["52.1亿元"]), ("投资", ["36项"], ["36.4亿元"])]
    assert [texts(e, "scope") for e in events][2] == ["续建项目"]
    assert all("县发改局" not in texts(e, "org") for e in events)


def test_investment_not_read_from_a_quoted_intention():
    text = "他表示，要抓好项目建设，总投资50亿元的产业园项目年内开工。"
    ents = [("50亿元", "MONEY", Y(5_000_000_000))]
    assert [e for e in run(text, ents) if e.type == "investment" and e.trigger_text == "总投资"] == []


# ---------------------------------------------------------------------- agreement

def agreements(events):
    return [(e.trigger_text, texts(e, "party"), texts(e, "project")) for e in events if e.type == "agreement"]


AGREEMENT_CASES = [
    # after pages:e02: 新签约 in a statistics sentence; the counted projects after the verb
    ("new signings counted",
     "1月至5月，黄冈市新签约亿元以上产业项目86个，计划投资412亿元。",
     [("1月至5月", "DATE", D("2024-01/2024-05")), ("黄冈市", "LOC"), ("86个", "QUANTITY", 86),
      ("412亿元", "MONEY", Y(41_200_000_000))],
     [("新签约", ["黄冈市"], ["亿元以上产业项目86个"])]),
    # after pages:e02: the ceremony's holder signs the counted projects
    ("signing after a ceremony",
     "6月2日，孝感市举行招商项目集中签约仪式，共签约24个项目，总投资额达216亿元。",
     [("6月2日", "DATE", D("2024-06-02")), ("孝感市", "LOC"), ("24个", "QUANTITY", 24),
      ("216亿元", "MONEY", Y(21_600_000_000))],
     [("签约", ["孝感市"], ["24个项目"])]),
    # after pages:e04: 签约项目 as a kind of project, and the signing named again, are no signings
    ("signed projects as a kind",
     "其中，各开发区有35个签约项目，总投资420亿元。",
     [("35个", "QUANTITY", 35), ("420亿元", "MONEY", Y(42_000_000_000))],
     []),
    ("signing named again",
     "据了解，在重大项目“云签约”中，央企和民企都高度重视新基建投资。",
     [],
     []),
]


@pytest.mark.parametrize("text,ents,expected", [c[1:] for c in AGREEMENT_CASES], ids=[c[0] for c in AGREEMENT_CASES])
def test_agreement_cases(text, ents, expected):
    assert agreements(run(text, ents)) == expected
