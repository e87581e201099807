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


# ------------------------------------------------------------- meeting attendees

def test_meeting_attendees_named_before_the_meeting():
    # a city portal: the sentence that lists the officials names the meeting (并参加会见) before it
    text = ("本报讯 6月4日，在成都举行的两市友好合作协议签约仪式上，我市与河口市正式缔结为友好城市。"
            "副市长张平、李强，市委秘书长王海出席签约仪式并参加会见。\n"
            "当日，赵明在会见河口市代表团时说，两市合作前景广阔。")
    ents = [("6月4日", "DATE", D("2024-06-04")), ("成都", "LOC"), ("河口市", "LOC"), ("张平", "PER"),
            ("李强", "PER"), ("王海", "PER"), ("赵明", "PER"), ("河口市", "LOC")]
    ev = only(run(text, ents, dateline="2024-06-04"), "meeting")
    assert texts(ev, "host") == ["赵明"]
    assert texts(ev, "attendee") == ["张平", "李强", "王海"]


def test_meeting_attendees_in_session_and_closing_the_report():
    # 会见时在座 in the next sentence; …等参加了会见 closing a long report, beyond the usual window
    speech = "".join(f"刘红说，第{i}项工作进展顺利。" for i in range(10))
    text = ("本报讯 7月29日下午，市长刘红在锦江酒店会见了参加经贸合作会议的客商代表。"
            "市开发区管委会主任王杰会见时在座。\n" + speech + "\n"
            "会谈中，客商们发言踊跃。市直相关部门主要负责同志等参加了会见。")
    ents = [("7月29日下午", "DATE", D("2024-07-29")), ("刘红", "PER"), ("锦江酒店", "ORG"), ("王杰", "PER")]
    ents += [("刘红", "PER")] * 10
    ev = only(run(text, ents, dateline="2024-07-29"), "meeting")
    assert texts(ev, "attendee")[0] == "王杰"
    assert any("市直相关部门主要负责同志" in a for a in texts(ev, "attendee"))


# ------------------------------------------------------------- conference organizers and guests

def test_guest_at_another_bodys_conference():
    # a district's delegation attends the city's promotion (city portal): the city holds it
    text = ("本报讯 9月6日至9日，东山区组成由区委书记陈峰带队的招商考察团赴宁波参加了江城市在宁波举行的"
            "江城市(宁波)旅游推介会和江城市——宁波市对口合作交流会等系列活动。")
    ents = [("9月6日至9日", "DATE", D("2024-09-06/2024-09-09")), ("东山区", "LOC"), ("陈峰", "PER"),
            ("宁波", "LOC"), ("江城市", "LOC"), ("宁波", "LOC"), ("江城市", "LOC"), ("宁波", "LOC"),
            ("江城市", "LOC"), ("宁波市", "LOC")]
    events = [e for e in run(text, ents, dateline="2024-09-10") if e.type == "conference"]
    assert len(events) == 2
    for ev in events:
        assert texts(ev, "organizer") == ["江城市"]
        assert texts(ev, "participant") == ["东山区", "陈峰"]


def test_own_conference_keeps_its_subject_as_organizer():
    text = "本报讯 5月8日，东山区在宁波举行招商推介会，区委书记陈峰出席并致辞。"
    ents = [("5月8日", "DATE", D("2024-05-08")), ("东山区", "LOC"), ("宁波", "LOC"), ("陈峰", "PER")]
    ev = only(run(text, ents, dateline="2024-05-08"), "conference")
    assert texts(ev, "organizer") == ["东山区"]


# ------------------------------------------------------------- inspections by bodies

def test_body_review_without_its_own_subject_takes_the_sentence_before():
    # a ministry's report: the office named in the sentence before organizes the review
    text = ("省教育督导委员会办公室建立了均衡发展监测复查制度，对滑坡的县督促整改。"
            "2023年组织对2015—2020年通过认定的96个县进行了年度监测复查。")
    ents = [("省教育督导委员会办公室", "ORG"), ("2023年", "DATE", D("2023"))]
    ev = only(run(text, ents, dateline="2024-03-01"), "inspection")
    assert ev.trigger_text == "复查"
    assert texts(ev, "inspector") == ["省教育督导委员会办公室"]
    assert texts(ev, "site") == ["2015—2020年通过认定的96个县"]


def test_no_body_review_when_the_sentence_names_someone_else():
    text = ("省教育督导委员会办公室建立了监测复查制度。"
            "2023年，张明对辖区96个县进行了年度监测复查。")
    ents = [("省教育督导委员会办公室", "ORG"), ("2023年", "DATE", D("2023")), ("张明", "PER")]
    events = [e for e in run(text, ents, dateline="2024-03-01") if e.type == "inspection"]
    assert all("省教育督导委员会办公室" not in texts(e, "inspector") for e in events)


@pytest.mark.parametrize("text", [
    # a provincial portal, simplified script
    "10月31日上午，全省第四季度重大项目集中开工仪式举行。本次集中开工仪式在成都设主会场，"
    "自贡、攀枝花、泸州等20个市州和第三通道项目现场设分会场。",
    # a city portal: 为分会场, the main venue named after 在 as well
    "10月31日上午，全市第四季度重大项目集中开工仪式举行。仪式在成都设立主会场，"
    "自贡、攀枝花、泸州为分会场。",
], ids=["she_fen_huichang", "wei_fen_huichang"])
def test_main_and_branch_venues_are_the_places(text):
    names = ["成都", "自贡", "攀枝花", "泸州"]
    ents = [("10月31日上午", "DATE", D("2016-10-31"))] + [(n, "LOC") for n in names]
    ev = only(run(text, ents, dateline="2016-10-31"), "conference")
    assert texts(ev, "place") == names


# ------------------------------------------------------------- conference participants on the floor

FLOOR_TEXT = ("本报讯 今日上午，县政协主席王强一行来到河口镇，召开调研座谈会，听取企业家的诉求。"
              "副县长李明参加会议。\n图为会议现场。\n")
FLOOR_ENTS = [("王强", "PER"), ("河口镇", "LOC"), ("李明", "PER")]


@pytest.mark.parametrize("where,tail,ents,expected", [
    ("groups split where one ends, a company name read as a person inside (county portal)",
     "会上，华新水泥、河田白石等企业负责人及县国土局、经信局相关负责人，围绕如何帮助企业解决难题展开交流讨论。",
     [("华新水泥", "ORG"), ("白石", "PER"), ("县国土局", "ORG")],
     ["李明", "华新水泥、河田白石等企业负责人", "县国土局、经信局相关负责人"]),
    ("people speaking in turn",
     "会上，赵刚、孙丽先后发言。",
     [("赵刚", "PER"), ("孙丽", "PER")],
     ["李明", "赵刚", "孙丽"]),
], ids=["groups", "people"])
def test_conference_floor_participants(where, tail, ents, expected):
    ev = only(run(FLOOR_TEXT + tail, FLOOR_ENTS + ents, dateline="2024-03-01"), "conference")
    assert texts(ev, "participant") == expected


def test_floor_sentence_far_after_the_conference_is_not_its():
    far = "".join(f"第{i}项工作进展顺利。" for i in range(6))
    text = FLOOR_TEXT + far + "\n会上，华新水泥等企业负责人展开交流讨论。"
    ev = only(run(text, FLOOR_ENTS + [("华新水泥", "ORG")], dateline="2024-03-01"), "conference")
    assert texts(ev, "participant") == ["李明"]


# ------------------------------------------------------------- agreements

def test_signers_for_both_cities_sign_for_the_pair_named_before():
    # a city portal: the signers act 分别代表两市; the pair is the subject of the sentence before
    text = ("本报讯 6月4日，在成都举行的两省合作签约仪式上，我市与河口市正式缔结为友好城市。"
            "市长赵明，河口市副市长钱亮分别代表两市签署了缔结友好城市协议书。")
    ents = [("6月4日", "DATE", D("2024-06-04")), ("成都", "LOC"), ("河口市", "LOC"), ("赵明", "PER"),
            ("河口市", "LOC"), ("钱亮", "PER")]
    events = [e for e in run(text, ents, dateline="2024-06-04") if e.type == "agreement"]
    ev = next(e for e in events if e.trigger_text == "签署")
    assert texts(ev, "party") == ["我市", "河口市"]
    assert texts(ev, "project") == ["缔结友好城市协议书"]
    assert texts(ev, "place") == ["成都"]


# ------------------------------------------------------------- remediation campaigns

def test_campaign_counts_take_the_counting_bodies_and_the_campaign_fields():
    # a municipal portal: the campaign in one sentence, the counts by 各级…部门 in the next
    text = ("从市应急管理局获悉，从今年5月开始，本市在危险化学品、道路交通等重点领域开展了新一轮"
            "安全生产隐患大排查大整治，现已取得阶段性进展。截至目前，各级安全监管部门共检查企业1806家次，"
            "查出隐患1782项，已完成整改1607项。")
    ents = [("市应急管理局", "ORG"), ("今年5月", "DATE", D("2024-05")), ("截至目前", "DATE", D("2024-06"))]
    ev = only(run(text, ents, dateline="2024-06-01"), "remediation")
    assert ev.trigger_text == "排查"
    assert texts(ev, "org") == ["各级安全监管部门"]
    assert "危险化学品、道路交通等重点领域" in texts(ev, "scope")
    assert texts(ev, "period") == ["今年5月"]


def test_counts_without_a_body_belong_to_the_campaign_of_the_paragraph_before():
    # a sub-district's report: the campaign in the lead paragraph, the counts in the next one
    text = ("本报讯 自8月5日起，文华街道开展为期一个月针对人员密集场所、九小场所及闲置院落安全大排查大整治行动。\n"
            "截至目前此次专项隐患排查闲置院落565家，一般问题隐患33条。")
    ents = [("8月5日", "DATE", D("2024-08-05")), ("文华街道", "LOC"), ("截至目前", "DATE", D("2024-09"))]
    ev = only(run(text, ents, dateline="2024-09-01"), "remediation")
    assert texts(ev, "org") == ["文华街道"]
    assert "人员密集场所、九小场所及闲置院落" in texts(ev, "scope")


# ------------------------------------------------------------- joint meetings without a subject

def test_joint_meeting_opening_with_bing_yu_takes_the_visitor_before():
    # a city portal: the visit's leader in the sentence before, guests named by their companies
    text = ("本报讯 活动期间，陈书记一行还参观考察了柳镇华新集团。"
            "并与特瑞公司余总、浙江鹊山医药有限公司的王总进行了洽谈交流。")
    ents = [("柳镇华新集团", "ORG"), ("特瑞公司", "ORG"), ("浙江鹊山医药有限公司", "ORG")]
    ev = only(run(text, ents, dateline="2024-09-10"), "meeting")
    assert ev.trigger_text == "洽谈交流"
    assert texts(ev, "host") == ["陈书记"]
    assert texts(ev, "guest") == ["余总", "王总"]


def test_no_joint_meeting_without_anyone_before():
    text = "本报讯 并与特瑞公司余总进行了洽谈交流。"
    events = run(text, [("特瑞公司", "ORG")], dateline="2024-09-10")
    assert not [e for e in events if e.type == "meeting"]


def test_joining_another_delegations_visit_is_a_visit_of_its_own():
    # a district portal: the district leader's own visit first, then one with the city's delegation
    text = ("本报讯 8日，陈峰一行考察了宁波港。\n"
            "9日，陈峰书记还随市党政代表团参加了考察鹿城区滨江商务区、宁波生态园、森马集团等活动。")
    ents = [("8日", "DATE", D("2024-09-08")), ("陈峰", "PER"), ("宁波港", "LOC"), ("9日", "DATE", D("2024-09-09")),
            ("陈峰", "PER"), ("鹿城区", "LOC"), ("森马集团", "ORG")]
    events = [e for e in run(text, ents, dateline="2024-09-10") if e.type == "inspection"]
    assert len(events) == 2
    assert texts(events[1], "inspector") == ["陈峰", "市党政代表团"]
    assert texts(events[1], "site") == ["鹿城区滨江商务区", "宁波生态园", "森马集团"]


def test_signing_named_inside_a_conference_name():
    # a news agency's wire: the dateline's place is no party; the name's province signs
    text = ("新华社福州4月26日电（记者秦红）福建省重大投资项目“云签约”26日在福州举行，"
            "涉及签约项目391个，总投资7836亿元。")
    ents = [("新华社", "ORG"), ("福州", "LOC"), ("4月26日", "DATE", D("2020-04-26")), ("秦红", "PER"),
            ("福建省", "LOC"), ("26日", "DATE", D("2020-04-26")), ("福州", "LOC"),
            ("7836亿元", "MONEY", {"amount": 7.836e11, "currency": "CNY", "qualifier": None})]
    ev = only(run(text, ents, dateline="2020-04-26"), "agreement")
    assert texts(ev, "party") == ["福建省"]
    assert texts(ev, "project") == ["签约项目391个"]
    assert texts(ev, "place") == ["福州"]


def test_companions_group_joined_after_the_names():
    text = ("本报讯 8月28日，河口市党政考察团一行来我旗考察。市援兴办有关负责人，我旗领导李明、王强及"
            "旗政府办、教育局、图克镇等相关负责人陪同。")
    ents = [("8月28日", "DATE", D("2024-08-28")), ("河口市", "LOC"), ("李明", "PER"), ("王强", "PER"),
            ("图克镇", "LOC")]
    ev = only(run(text, ents, dateline="2024-08-28"), "inspection")
    assert texts(ev, "accompanying") == ["市援兴办有关负责人", "李明", "王强", "旗政府办、教育局、图克镇等相关负责人"]
