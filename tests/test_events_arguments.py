"""Arguments of meetings, conferences, inspections, remediation, enterprise actions and
agreements on real-page forms (issue 20, second round): tables of made-up sentences in the style
of county and city news portals, entities given by hand (see test_events)."""

from __future__ import annotations

import pytest

from test_events import D, only, run, texts


# ------------------------------------------------------------- deictic subjects

# (where from, text, entities, event type, role, expected texts)
DEICTIC_CASES = [
    ("我市 opening the paragraph's first sentence, counts in the next (city portal)",
     "今年以来，我市通过建立企业培育库，筛选出一批成长性好的企业。截至目前，已培育后备企业30家。",
     [("今年以来", "DATE", D("2024"))], "enterprise_action", "org", ["我市"]),
    ("我县 as the subject of a sweep (county portal)",
     "本报讯 今年以来，我县开展安全隐患大排查，共排查隐患120处，已整改115处。",
     [("今年以来", "DATE", D("2024"))], "remediation", "org", ["我县"]),
    ("我县与X joined (county portal): both are the organizers",
     "本报讯 5月8日，我县与长河集团在县会展中心联合举办招商推介会。",
     [("5月8日", "DATE", D("2024-05-08")), ("长河集团", "ORG"), ("县会展中心", "ORG")],
     "conference", "organizer", ["我县", "长河集团"]),
]


@pytest.mark.parametrize("where,text,ents,etype,role,expected", DEICTIC_CASES,
                         ids=[c[0][:30] for c in DEICTIC_CASES])
def test_deictic_place_is_the_subject(where, text, ents, etype, role, expected):
    ev = only(run(text, ents, dateline="2024-06-01"), etype)
    assert texts(ev, role) == expected


def test_deictic_before_a_body_is_no_subject():
    # 我市发改委 is the body, not the place (no entity given here: nothing is the subject)
    text = "本报讯 今年以来，我市发改委开展安全隐患大排查，共排查隐患120处，已整改115处。"
    ev = only(run(text, [("今年以来", "DATE", D("2024"))], dateline="2024-06-01"), "remediation")
    assert "我市" not in texts(ev, "org")
