"""Event dates (issue 20, second round): which date expression dates an event. Made-up sentences
in the style of the real pages; entities by hand (the helpers are those of test_events.py)."""

from __future__ import annotations

import pytest

from test_events import D, P, Y, run

# (name, text, entities, dateline date, [(type, trigger, expected date)])
DATE_CASES = [
    # after pages:a04: a day between the subject and its verb dates the verb, not the dateline
    ("day between subject and verb",
     "本报北京3月12日电 省财政9日下达农业救灾资金2亿元，用于支持各地做好春耕生产。",
     [("3月12日", "DATE", D("2024-03-12")), ("9日", "DATE", D("2024-03-09")), ("2亿元", "MONEY", Y(200_000_000))],
     "2024-03-12",
     [("funding", "下达", "2024-03-09")]),
    # after pages:a04: … and the 其中 sentence elaborating it takes the same date
    ("elaboration takes the lead's inner day",
     "本报北京3月12日电 省财政9日下达农业救灾资金2亿元，用于支持各地做好春耕生产。"
     "其中，安排小麦病虫害防控1.2亿元，用于支持12个市做好防控工作。",
     [("3月12日", "DATE", D("2024-03-12")), ("9日", "DATE", D("2024-03-09")), ("2亿元", "MONEY", Y(200_000_000)),
      ("1.2亿元", "MONEY", Y(120_000_000))],
     "2024-03-12",
     [("funding", "下达", "2024-03-09"), ("funding", "安排", "2024-03-09")]),
    # after pages:a04: a project, its day, its verb; the rate after it is read on that day
    ("project's day dates its clause and the next",
     "本报讯 青河水库输水干渠工程3月2日复工，到岗率约为85%。",
     [("3月2日", "DATE", D("2024-03-02")), ("85%", "PERCENT", P(85))],
     "2024-03-05",
     [("metric", "约为", "2024-03-02")]),
    # a day followed by 的 names a thing (3月2日的会议), it does not date the verb after it
    ("day before 的 is no adverb",
     "本报讯 县财政将3月2日的结余资金500万元下达到各乡镇。",
     [("3月2日", "DATE", D("2024-03-02")), ("500万元", "MONEY", Y(5_000_000))],
     "2024-03-05",
     [("funding", "下达", "2024-03-05")]),
]


@pytest.mark.parametrize("name,text,ents,dateline,expected", DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_event_dates(name, text, ents, dateline, expected):
    events = run(text, ents, dateline=dateline)
    got = [(e.type, e.trigger_text, e.date) for e in events]
    for want in expected:
        assert want in got, f"{want} not in {got}"


def metrics(events):
    return [(e.trigger_text, [a.text for a in e.args.get("subject", [])]) for e in events if e.type == "metric"]


# (name, text, entities, [(trigger, subject)])
CAUSE_CASES = [
    # after pages:a01: A上升造成B损失X: the value is B's, its change word the trigger
    ("change causing a change",
     "2023年，细颗粒物浓度大幅上升造成全省优良天数比例同比损失3.1个百分点。",
     [("2023年", "DATE", D("2023")), ("3.1个百分点", "PERCENT", P(3.1, points=True))],
     [("损失", ["优良天数比例"])]),
    ("causal clause after a comma",
     "降水偏少，导致全县水库蓄水量同比减少12.5%。",
     [("12.5%", "PERCENT", P(12.5))],
     [("减少", ["水库蓄水量"])]),
    # after pages:a08: an aggregate reaching an amount is a metric without a rate
    ("aggregate level",
     "2023年，全省技术合同成交额达到1200亿元，科研人员数量继续增加。",
     [("2023年", "DATE", D("2023")), ("1200亿元", "MONEY", Y(120_000_000_000))],
     [("达到", ["技术合同成交额"])]),
    ("zone output level",
     "38个开发区生产总值达5.2万亿元。",
     [("38个", "QUANTITY", 38), ("5.2万亿元", "MONEY", Y(5_200_000_000_000))],
     [("达", ["38个开发区生产总值"])]),
    # after pages:e10: 计划总投资 names an indicator here, its change is a fact, no forecast
    ("planned total as indicator",
     "1—6月，全市新开工项目计划总投资增长18%。",
     [("1—6月", "DATE", D("2024-01/2024-06")), ("18%", "PERCENT", P(18))],
     [("增长", ["新开工项目计划总投资"])]),
    # a plain amount of a thing that is no aggregate indicator stays no metric
    ("amount of no indicator",
     "该项目资金达3000万元。",
     [("3000万元", "MONEY", Y(30_000_000))],
     []),
]


@pytest.mark.parametrize("name,text,ents,expected", CAUSE_CASES, ids=[c[0] for c in CAUSE_CASES])
def test_metric_after_cause(name, text, ents, expected):
    assert metrics(run(text, ents)) == expected


def milestones(events):
    return [(e.trigger_text, [a.text for a in e.args.get("project", [])], [a.text for a in e.args.get("place", [])])
            for e in events if e.type == "project_milestone"]


# (name, text, entities, [(trigger, projects, places)])
MILESTONE_CASES = [
    # after pages:a01: the place after 在 stands between the project and its trigger; the chain
    # of places is one place
    ("place between project and trigger",
     "12日，青岭生态补水工程在河北省承德市丰宁县开工。",
     [("12日", "DATE", D("2024-05-12")), ("河北省", "LOC"), ("承德市", "LOC"), ("丰宁县", "LOC")],
     [("开工", ["青岭生态补水工程"], ["河北省承德市丰宁县"])]),
    # after pages:a04: a canal, its day, its verb
    ("canal resumes work on a day",
     "青河水库灌区工程东干渠3月2日复工。",
     [("3月2日", "DATE", D("2024-03-02"))],
     [("复工", ["青河水库灌区工程东干渠"], [])]),
    # after pages:a06: a park opens
    ("park opens",
     "今年国庆，城南湿地公园正式开放。",
     [("今年国庆", "DATE", D("2024-10-01/2024-10-07"))],
     [("开放", ["城南湿地公园"], [])]),
    # after pages:e12: a list of projects closed by 等N个项目, each item without its 投资X的
    ("list of projects built",
     "其中，投资3.1亿元的城东污水处理厂、投资8600万元的滨河路改造等45个项目已建成。",
     [("3.1亿元", "MONEY", Y(310_000_000)), ("8600万元", "MONEY", Y(86_000_000)), ("45个", "QUANTITY", 45)],
     [("建成", ["城东污水处理厂", "滨河路改造"], [])]),
    ("list of projects in the clause before",
     "投资1.2亿元的县博物馆、投资5000万元的体育中心等重点项目，仅用半年就完成了建设任务。",
     [("1.2亿元", "MONEY", Y(120_000_000)), ("5000万元", "MONEY", Y(50_000_000))],
     [("完成", ["县博物馆", "体育中心"], [])]),
    # after pages:a05: a platform goes online on trial; the quoted word in its name is no cut,
    # the 自 of the date before it no part of it
    ("platform online on trial",
     "自去年3月1日城关区“智慧社区”信息平台上线试运行以来，平台共受理事项1.2万件。",
     [("去年3月1日", "DATE", D("2023-03-01")), ("城关区", "LOC")],
     [("试运行", ["城关区“智慧社区”信息平台"], ["城关区"])]),
    # an airport's statistic is no milestone (完成货邮吞吐量…)
    ("airport completes a statistic",
     "青州国际机场完成货邮吞吐量12.5万吨。",
     [],
     []),
]


@pytest.mark.parametrize("name,text,ents,expected", MILESTONE_CASES, ids=[c[0] for c in MILESTONE_CASES])
def test_milestone_subjects(name, text, ents, expected):
    assert milestones(run(text, ents)) == expected


# after pages:e04: a set of projects named by their owners; the owners invest
OWNER_CASES = [
    ("owners of a set of projects",
     "其中，省属企业项目36个，总投资820亿元；民营企业项目58个，总投资310亿元。",
     [("36个", "QUANTITY", 36), ("820亿元", "MONEY", Y(82_000_000_000)), ("58个", "QUANTITY", 58),
      ("310亿元", "MONEY", Y(31_000_000_000))],
     [["省属企业"], ["民营企业"]]),
    ("a plain set of projects has no owner",
     "全县新建项目36个，总投资82亿元。",
     [("36个", "QUANTITY", 36), ("82亿元", "MONEY", Y(8_200_000_000))],
     [[]]),
]


@pytest.mark.parametrize("name,text,ents,expected", OWNER_CASES, ids=[c[0] for c in OWNER_CASES])
def test_investment_owner_org(name, text, ents, expected):
    got = [[a.text for a in e.args.get("org", [])] for e in run(text, ents) if e.type == "investment"]
    assert got == expected


# after pages:a03: 园区总投资X的P项目: the amount describes the project after 的, the zone before it invests
def test_investment_of_the_project_after_de():
    text = "检查组来到青山高新区总投资36亿元的智能装备产业园项目现场。"
    ents = [("青山高新区", "ORG"), ("36亿元", "MONEY", Y(3_600_000_000))]
    ev = [e for e in run(text, ents) if e.type == "investment"]
    assert [([a.text for a in e.args.get("scope", [])], [a.text for a in e.args.get("org", [])]) for e in ev] == \
        [(["智能装备产业园项目"], ["青山高新区"])]
