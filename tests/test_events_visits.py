"""Visits, remediation counts and enterprise actions on real-page forms (issue 20): tables of
made-up sentences in the style of county news portals, entities given by hand (see test_events)."""

from __future__ import annotations

import pytest

from test_events import D, only, run, texts


# ---------------------------------------------------------------------- inspection

# (where from, text, entities, trigger, inspectors, sites, accompanying)
INSPECTION_CASES = [
    ("companion in 在…的陪同下, subject in the clause before; 分别参加 joins (county portal)",
     "本报讯 3日，副县长王平在县委常委李红的陪同下，在城区周边督察检查重点项目建设工作。"
     "副县长赵明、孙亮分别参加督察检查。\n"
     "王平一行先后来到城东工业园区、第一中学迁建现场、县污水处理厂，实地踏查了解项目开工情况。",
     [("3日", "DATE", D("2024-03-03")), ("王平", "PER"), ("李红", "PER"), ("赵明", "PER"),
      ("孙亮", "PER"), ("王平", "PER")],
     "督察检查", ["王平"], ["城东工业园区", "第一中学迁建现场", "县污水处理厂"], ["李红", "赵明", "孙亮"]),
    ("a visiting group without a named leader (考察团一行来我县考察, 考察团一行先后深入…)",
     "本报讯 8月28日，河口市党政考察团一行来我县考察。\n"
     "考察团一行先后深入城南工业项目区、县行政服务中心、县人民医院等地进行实地考察。",
     [("8月28日", "DATE", D("2024-08-28")), ("河口市", "LOC")],
     "考察", ["河口市党政考察团"], ["城南工业项目区", "县行政服务中心", "县人民医院"], []),
    ("深入…，实地调研…: the visit is a 调研 (traditional-script county portal, simplified here)",
     "本报讯 1月3日，县委书记张强深入重点项目建设工地，实地调研重点工程推进情况。",
     [("1月3日", "DATE", D("2024-01-03")), ("张强", "PER")],
     "调研", ["张强"], ["重点项目建设工地"], []),
    ("来到X，走访了Y: the arrival stays the trigger",
     "本报讯 同日，陈明一行还来到城西高新区，走访了华信精密、瑞达光电等企业。",
     [("陈明", "PER"), ("城西高新区", "ORG"), ("华信精密", "ORG"), ("瑞达光电", "ORG")],
     "来到", ["陈明"], ["城西高新区"], []),
]


@pytest.mark.parametrize("where,text,ents,trigger,inspectors,sites,accompanying", INSPECTION_CASES,
                         ids=[c[0][:30] for c in INSPECTION_CASES])
def test_inspection_real_page_forms(where, text, ents, trigger, inspectors, sites, accompanying):
    ev = only(run(text, ents, dateline="2024-01-03"), "inspection")
    assert ev.trigger_text == trigger
    assert texts(ev, "inspector") == inspectors
    assert all(s in texts(ev, "site") for s in sites), texts(ev, "site")
    assert texts(ev, "accompanying") == accompanying


def test_companions_of_an_inspection_also_attend_the_meeting():
    text = ("本报讯 7月30日，省直媒体采访团来到我县，开展主题采访活动。市委书记刘刚会见采访团一行。"
            "市委常委王磊，副县长张琪陪同考察并参加会见。")
    ents = [("7月30日", "DATE", D("2024-07-30")), ("刘刚", "PER"), ("王磊", "PER"), ("张琪", "PER")]
    events = run(text, ents, dateline="2024-07-30")
    assert texts(only(events, "inspection"), "accompanying") == ["王磊", "张琪"]
    assert texts(only(events, "meeting"), "attendee") == ["王磊", "张琪"]
