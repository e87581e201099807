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


# ---------------------------------------------------------------------- remediation

# (where from, text, entities, trigger, found, rectified)
REMEDIATION_CASES = [
    ("grid platform: 上报案件N件，结案M件 (district portal)",
     "截至去年10月底，平台共上报案件8496件，结案8131件。",
     [("去年10月底", "DATE", D("2023-10"))], "结案", [8496], [8131]),
    ("发现 alone names the event (ministry press release)",
     "国家督学和专家共81人次参加督导检查，累计发现各类问题204个。",
     [], "发现", [204], []),
    ("发现…，已整改…: 整改 names it (county news)",
     "5月以来，全区共检查各类生产经营单位1860家，发现安全隐患2137处，已整改2015处。",
     [("5月以来", "DATE", D("2024-05"))], "整改", [2137], [2015]),
    ("查出…整改…: the campaign of the sentence before names it (city news)",
     "从今年5月开始，本市开展了新一轮安全生产隐患大排查大整治。截至目前，各级安全监管部门共检查企业1663家次，"
     "查出隐患1768项，已完成整改1607项。",
     [("今年5月", "DATE", D("2024-05"))], "排查", [1768], [1607]),
]


@pytest.mark.parametrize("where,text,ents,trigger,found,rectified", REMEDIATION_CASES,
                         ids=[c[0][:30] for c in REMEDIATION_CASES])
def test_remediation_real_page_forms(where, text, ents, trigger, found, rectified):
    ev = only(run(text, ents), "remediation")
    assert ev.trigger_text == trigger
    assert [a.value for a in ev.args.get("found", [])] == found
    assert [a.value for a in ev.args.get("rectified", [])] == rectified


def test_remediation_subheading_repeating_the_body_is_one_event():
    text = ("本报讯 淦河流域环境综合治理项目今年完工。\n从根源上截污，龙潭河排查出140个排污口\n"
            "2018年年初，项目技术负责人丁磊带领团队历时2个月，在淦河沿线排查出了140个排污口。")
    events = run(text, [("龙潭河", "LOC"), ("2018年年初", "DATE", D("2018-01", True)), ("丁磊", "PER"),
                        ("淦河", "LOC")])
    ev = only(events, "remediation")
    assert ev.args["period"][0].text == "2018年年初"


def test_no_remediation_for_a_list_after_faxian_de():
    text = "对排查中发现的华丰食品有限公司、城南镇两家养殖场等5家单位超标排放问题，执法人员依法立案查处。"
    assert [e for e in run(text, [("华丰食品有限公司", "ORG"), ("城南镇", "LOC")]) if e.type == "remediation"] == []


# ---------------------------------------------------------------------- enterprise_action

# (where from, text, entities, trigger, action, count)
ENTERPRISE_CASES = [
    ("pivot verb is the trigger: 支持N家企业设立… (city portal)",
     "截至目前，已培育高新技术企业后备企业30家，支持20家企业设立研发机构。",
     [], "支持", "设立研发机构", 20),
    ("pivot 推荐N家企业申报… (county news)",
     "今年，全市推荐24家企业申报省级“专精特新”中小企业。",
     [("今年", "DATE", D("2024"))], "推荐", "申报省级“专精特新”中小企业", 24),
    ("compound verb: the trigger is its base verb (结对帮扶 → 帮扶)",
     "今年以来，城关街道选派38名机关干部，结对帮扶辖区120家小微企业。",
     [("今年以来", "DATE", D("2024")), ("城关街道", "ORG")], "帮扶", "结对帮扶", 120),
    ("compound verb 走访服务 → 走访",
     "全年走访服务企业812家，协调解决问题96个。",
     [], "走访", "走访服务", 812),
    ("申报 with the count after its noun (city portal)",
     "今年以来，首批申报高新技术企业23家。",
     [("今年以来", "DATE", D("2024"))], "申报", "申报", 23),
    ("对 far before the count (county portal)",
     "江背镇对除市统一帮扶企业外的15家规上工业企业开展帮扶行动。",
     [("江背镇", "LOC")], "帮扶", "帮扶行动", 15),
]


@pytest.mark.parametrize("where,text,ents,trigger,action,count", ENTERPRISE_CASES,
                         ids=[c[0][:30] for c in ENTERPRISE_CASES])
def test_enterprise_action_real_page_forms(where, text, ents, trigger, action, count):
    found = [e for e in run(text, ents) if e.type == "enterprise_action" and e.trigger_text == trigger]
    assert len(found) == 1, [(e.type, e.trigger_text) for e in run(text, ents)]
    ev = found[0]
    assert texts(ev, "action") == [action]
    assert [a.value for a in ev.args["count"]] == [count]


def test_no_enterprise_action_for_units_attending_a_fair():
    text = "这是新区设立以来首次举办的招才引智活动，共组织新区66家重点企事业单位参会。"
    assert [e for e in run(text, []) if e.type == "enterprise_action"] == []


# ---------------------------------------------------------------------- conference, meeting

def test_visit_convening_a_forum_named_by_a_quoted_campaign():
    """A visit that convenes a 座谈会 (county news): the leader organizes it, the place is where the
    visit arrived, the people attending are the conference's participants, not the visit's."""
    text = ("本报讯 今日上午，县政协主席王一平一行来到城关镇，召开“千人帮千企”调研座谈会，听取企业家诉求。\n"
            "县政协副主席李刚、镇党委书记赵云参加座谈。")
    ents = [("王一平", "PER"), ("城关镇", "LOC"), ("李刚", "PER"), ("赵云", "PER")]
    events = run(text, ents)
    conf = only(events, "conference")
    assert conf.trigger_text == "召开"
    assert texts(conf, "name") == ["“千人帮千企”调研座谈会"]
    assert texts(conf, "organizer") == ["王一平"]
    assert texts(conf, "place") == ["城关镇"]
    assert texts(conf, "participant") == ["李刚", "赵云"]
    assert texts(only(events, "inspection"), "accompanying") == []


def test_conference_name_stops_before_a_person():
    text = "本报讯 我县举行2020年第一批重点项目集中开工仪式县委书记李明出席仪式并宣布开工。"
    ev = only(run(text, [("李明", "PER")]), "conference")
    assert texts(ev, "name") == ["2020年第一批重点项目集中开工仪式"]


def test_meeting_guest_group_before_shi():
    text = "本报讯 当日，张明在会见宣城市代表团时说，两市合作前景广阔。"
    ev = only(run(text, [("张明", "PER"), ("宣城市", "LOC")]), "meeting")
    assert texts(ev, "host") == ["张明"] and texts(ev, "guest") == ["宣城市代表团"]


def test_conference_joined_name_organizers_after_you_and_one_event():
    """People's Daily style: 由A、B联合举办的《…》发布会暨…交流会日前成功举办 is one conference."""
    text = ("本报雄安10月20日电 由人社部人力资源流动管理司、雄安新区管理委员会联合举办的《2019年急需人才目录》"
            "发布会暨雄安新区人才智力交流会日前成功举办。")
    ents = [("人社部人力资源流动管理司", "ORG"), ("雄安新区管理委员会", "ORG")]
    ev = only(run(text, ents), "conference")
    assert ev.trigger_text == "举办"
    assert texts(ev, "name") == ["《2019年急需人才目录》发布会暨雄安新区人才智力交流会"]
    assert texts(ev, "organizer") == ["人社部人力资源流动管理司", "雄安新区管理委员会"]


def test_conference_quoted_name_with_day_and_place_before_the_verb():
    text = "新华社福州4月26日电（记者秦红）福建省重大投资项目“云签约”26日在福州举行。"
    ev = only(run(text, [("福州", "LOC"), ("4月26日", "DATE", D("2020-04-26")), ("秦红", "PER"),
                         ("福建省", "LOC"), ("26日", "DATE", D("2020-04-26")), ("福州", "LOC")]), "conference")
    assert ev.trigger_text == "举行"
    assert texts(ev, "name") == ["福建省重大投资项目“云签约”"]
    assert texts(ev, "place") == ["福州"]


# (where from, text, entities, inspector, site) — a body inspecting places (county portals)
BODY_INSPECTION_CASES = [
    ("按照…要求，对N个乡镇开展专项督查: not reported speech",
     "近日，城南县生态环境局按照《企业整治工作专项督查方案》要求，分3个组对全县19个乡镇开展企业整治专项督查。",
     [("城南县生态环境局", "ORG")], "专项督查", ["城南县生态环境局"], ["全县19个乡镇"]),
    ("会同…对各乡镇…进行了督查",
     "县政府督查室会同县工信局对各乡镇5月帮扶企业工作情况进行了督查。",
     [("县政府督查室", "ORG"), ("县工信局", "ORG")], "督查", ["县政府督查室", "县工信局"],
     ["各乡镇5月帮扶企业工作情况"]),
]


@pytest.mark.parametrize("where,text,ents,trigger,inspectors,sites", BODY_INSPECTION_CASES,
                         ids=[c[0][:30] for c in BODY_INSPECTION_CASES])
def test_body_inspecting_places(where, text, ents, trigger, inspectors, sites):
    ev = only(run(text, ents), "inspection")
    assert ev.trigger_text == trigger
    assert texts(ev, "inspector") == inspectors and texts(ev, "site") == sites


@pytest.mark.parametrize("text", [
    "市委成立3个督查组，对本轮专项巡察中的重点项目整改情况开展督查。",
    "同时，区应急管理局聘请第三方机构对32家重点企业开展复核检查。",
])
def test_no_inspection_for_checks_of_rectification_or_enterprises(text):
    ents = [("区应急管理局", "ORG")] if "区应急管理局" in text else []
    assert [e for e in run(text, ents) if e.type == "inspection"] == []


@pytest.mark.parametrize("text,ents,organizer,participants", [
    ("本报北京5月19日电 （记者赵永新）科技部部长王志刚在国务院新闻办公室19日举行的新闻发布会上介绍，研发支出增长。",
     [("北京", "LOC"), ("赵永新", "PER"), ("科技部", "ORG"), ("王志刚", "PER"), ("国务院新闻办公室", "ORG"),
      ("19日", "DATE", D("2020-05-19"))],
     ["国务院新闻办公室"], ["王志刚"]),
    ("验收组实地查看工程质量。在项目工程验收会上，单祥忠、何彦平分别向验收小组汇报了项目建设情况。",
     [("单祥忠", "PER"), ("何彦平", "PER")], [], ["单祥忠", "何彦平"]),
], ids=["speaker before 在…会上介绍 (People's Daily)", "speakers after 会上， (farm news)"])
def test_conference_speakers_are_participants(text, ents, organizer, participants):
    ev = only(run(text, ents), "conference")
    assert texts(ev, "organizer") == organizer
    assert texts(ev, "participant") == participants


def test_inspection_sites_listed_before_the_verb_and_place_with_zai():
    text = ("本报讯 11月28日，区委书记周明率队到蒙村、陶邓等乡镇分别就糖厂开榨等工作情况开展调研。\n"
            "副县长王平在城区周边督察检查重点项目。")
    ents = [("11月28日", "DATE", D("2024-11-28")), ("周明", "PER"), ("蒙村", "LOC"), ("陶邓", "PER"),
            ("王平", "PER")]
    first, second = [e for e in run(text, ents) if e.type == "inspection"]
    assert texts(first, "inspector") == ["周明"]
    assert texts(first, "site")[:2] == ["蒙村", "陶邓"]
    assert texts(second, "place") == ["城区周边"]


def test_exhibition_opening_is_a_conference():
    text = "本报杭州5月19日电 “众志赞歌——致敬抗疫英雄线上教学展览”近日在杭州开幕。"
    ev = only(run(text, [("杭州", "LOC"), ("5月19日", "DATE", D("2020-05-19")), ("杭州", "LOC")]), "conference")
    assert ev.trigger_text == "开幕"
    assert texts(ev, "name") == ["“众志赞歌——致敬抗疫英雄线上教学展览”"]
    assert texts(ev, "place") == ["杭州"]


def test_remediation_problem_counts_named_by_their_noun_in_one_paragraph():
    """Street-office report: places checked N家, problems 一般问题隐患M条, over two sentences."""
    text = ("截至目前，此次专项隐患排查“四闲院落”565家，一般问题隐患33条；人员密集场所2586家，一般问题隐患442条。"
            "院落瓶装液化气排查777家，问题隐患238条。")
    ev = only(run(text, []), "remediation")
    assert ev.trigger_text == "排查"
    assert [a.value for a in ev.args["found"]] == [33, 442, 238]
    assert "“四闲院落”565家" in texts(ev, "scope")
