"""The place lexicon (pipeline.core.places) and place_resolver's LOC values.

Cases are named by where they came from: ``output_md`` (the contract), ``own`` (sentences
written for these tests in the style of Shanxi local news), ``table`` (facts of the division
table and its supplement, rules/places/divisions.toml).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from names_pipeline import build, run

from pipeline.core.places import gazetteer, short_form

SX = "山西省"


def V(province=None, city=None, county=None):
    return {"province": province, "city": city, "county": county}


# -- the lexicon ---------------------------------------------------------------------------------

LOOKUPS = {
    "table:province_full": ("山西省", V(SX)),
    "table:province_short": ("山西", V(SX)),
    "table:autonomous_region_short": ("广西", V("广西壮族自治区")),
    "table:city_full": ("阳泉市", V(SX, "阳泉市")),
    "table:city_short": ("阳泉", V(SX, "阳泉市")),
    "table:county": ("盂县", V(SX, "阳泉市", "盂县")),
    "table:renamed_county": ("太谷区", V(SX, "晋中市", "太谷区")),
    "table:renamed_short_is_current": ("太谷", V(SX, "晋中市", "太谷区")),
    "table:new_district": ("上党区", V(SX, "长治市", "上党区")),
    "table:municipality_district": ("海淀区", V("北京市", "北京市", "海淀区")),
    "table:province_administered_city": ("仙桃市", V("湖北省", None, "仙桃市")),
    "table:ethnic_prefecture_short": ("延边", V("吉林省", "延边朝鲜族自治州")),
}


@pytest.mark.parametrize("case", sorted(LOOKUPS))
def test_lookup(case):
    name, value = LOOKUPS[case]
    divs = gazetteer().lookup(name)
    assert divs, name
    assert divs[0].value == value


@pytest.mark.parametrize("name", ["市辖区", "城区", "朝阳", "东方", "大庆", "和平", "县"])
def test_not_keys(name):
    """Table rows that are no place name, and short forms that are ordinary words."""
    assert not gazetteer().is_key(name)


def test_county_stem_alias():
    """A county that became a district keeps its stem (X县 -> X区) without a table entry."""
    g = gazetteer()
    county = next(d for d in g.divisions if d.name == "平遥县")
    alias = g.lookup("平遥区")
    assert alias and alias[0].code == county.code


def test_short_form():
    assert short_form("内蒙古自治区", "province") == "内蒙古"
    assert short_form("黔东南苗族侗族自治州", "city", ("苗族", "侗族")) == "黔东南"
    assert short_form("盂县", "county") is None


def test_find_is_leftmost_longest():
    g = gazetteer()
    assert [m.text for m in g.find("山西省阳泉市盂县")] == ["山西省", "阳泉市", "盂县"]


def test_table_read_without_importing_cpca():
    code = ("import sys; from pipeline.core.places import gazetteer; gazetteer(); "
            "print('cpca' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# -- LOC values through the pipeline -------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    return build()



YQ = V(SX, "阳泉市")
TG = V(SX, "晋中市", "太谷区")

VALUES = {
    "output_md:division_chain": (
        "长治市上党区委书记张驰调研。杭州市上城区区长王敏来访。",
        [("长治市", V(SX, "长治市")), ("杭州市", V("浙江省", "杭州市")),
         ("上城区", V("浙江省", "杭州市", "上城区"))]),
    "own:streets_inherit_zone_place": (  # no division before: the zone's head place (阳泉)
        "阳泉高新区道路建设提速。大连街下五渡桥西延至207国道道路拓宽工程正火热进行。",
        [("大连街", YQ), ("下五渡桥", YQ), ("207国道", None)]),
    "own:street_after_city": (
        "完成阳泉市洪城北路东地块（平坦垴村）棚户区改造项目。",
        [("阳泉市", YQ), ("洪城北路", YQ), ("平坦垴村", YQ)]),
    "own:renamed_county_places": (
        "太谷经济技术开发区持续优化服务。胡村玛钢铸造园区铸造北路已建成通车，助力太谷区经济发展。",
        [("胡村玛钢铸造园区", TG), ("铸造北路", TG), ("太谷区", TG)]),
    "own:province_only_zone": (
        "走进山西转型综改示范区潇河新兴产业园区，项目位于真武路西。",
        [("潇河新兴产业园区", V(SX)), ("真武路", V(SX))]),
    "own:regions": (
        "在晋东大地上描绘画卷。赴京津冀、长三角地区对接企业。",
        [("晋东", V(SX)), ("京津冀", None), ("长三角地区", None)]),
    "pages:state_level_new_areas": (  # a03: 雄安新区 LOC, value 河北省; regions.txt lists the others
        "雄安新区与四川天府新区签约。西安曲江新区文旅项目开工。",
        [("雄安新区", V("河北省")), ("四川", V("四川省")), ("天府新区", V("四川省")),
         ("西安曲江新区", V("陕西省", "西安市"))]),
    "pages:named_region_keeps_diqu": (  # a01, a08, b01: the real pages' convention since 2026-12-06
        "把港澳地区打造成科技开放合作先导区，华中地区降雨减少，从珠三角地区引进项目，皖江地区新兴的基地。",
        [("港澳地区", None), ("华中地区", None), ("珠三角地区", V("广东省")), ("皖江地区", V("安徽省"))]),
    "pd:region_abroad_leaves_diqu_out": (  # People's Daily: 亚洲地区 -> 亚洲, 中东地区 -> 中东
        "维护亚洲地区和平，致力于在中东地区实现和平。",
        [("亚洲", None), ("中东", None)]),
    "pages:named_regions": (  # a01, a04, e04, e10: regions of several provinces, or of one
        "聚焦汾渭平原、苏皖鲁豫交界地区，促进闽东北协调发展，中西部省份和川渝两地同步推进。",
        [("汾渭平原", None), ("苏皖鲁豫交界地区", None), ("闽东北", V("福建省")), ("中西部", None),
         ("川渝", None)]),
    "own:nearest_division_wins": (
        "晋城市泽州县南村镇冶底村位于太行山南麓。",
        [("晋城市", V(SX, "晋城市")), ("泽州县", V(SX, "晋城市", "泽州县")),
         ("南村镇", V(SX, "晋城市", "泽州县")), ("冶底村", V(SX, "晋城市", "泽州县")), ("太行山", None)]),
    "own:county_short_needs_full_form": (  # 太谷 alone is a LOC only because 太谷区 is named
        "邀请太谷9家金融机构参与对接。助力太谷区经济高质量发展。",
        [("太谷", TG), ("太谷区", TG)]),
    "own:rivers_and_lakes": (  # rivers cross divisions: no value; 白洋淀 inherits 雄安's 保定
        "保定市安新县白洋淀生态修复持续推进，沿汉江、七里河开展巡查。",
        [("保定市", V("河北省", "保定市")), ("安新县", V("河北省", "保定市", "安新县")),
         ("白洋淀", V("河北省", "保定市", "安新县")), ("汉江", None), ("七里河", None)]),
    "own:numbered_highways": (  # issue 20: roads by number on real pages
        "国道108线与省道201线、G312线交汇处设检查站。",
        [("国道108线", None), ("省道201线", None), ("G312线", None)]),
    "own:landmarks": (
        "嵩山脚下的登封市，少林寺游客量创新高；平遥古城迎来客流高峰。",
        [("嵩山", None), ("登封市", V("河南省", "郑州市", "登封市")), ("少林寺", V("河南省", "郑州市", "登封市")),
         ("平遥古城", V("山西省", "晋中市", "平遥县"))]),
    "own:short_head_within_context": (  # 霞山 of 湛江 in a 湛江 article; not so 大连 in 大连街
        "湛江市加快港口建设，霞山港区吞吐量增长。",
        [("湛江市", V("广东省", "湛江市")), ("霞山港区", V("广东省", "湛江市", "霞山区"))]),
    "own:countries": (
        "企业产品远销韩国、新加坡等地。",
        [("韩国", None), ("新加坡", None)]),
    "own:county_short_in_city_article": (  # 浑源 is a county of 大同, named in the article
        "大同市加快交通建设，大同至浑源高速公路建成通车。",
        [("大同市", V(SX, "大同市")), ("大同", V(SX, "大同市")), ("浑源", V(SX, "大同市", "浑源县"))]),
    "own:ambiguous_district_by_context": (  # 朝阳区 of Beijing, not of Changchun
        "北京市朝阳区与长治市签署合作协议。",
        [("北京市", V("北京市", "北京市")), ("朝阳区", V("北京市", "北京市", "朝阳区")),
         ("长治市", V(SX, "长治市"))]),
}


@pytest.mark.parametrize("case", sorted(VALUES))
def test_loc_values(nlp, case):
    text, expected = VALUES[case]
    doc = run(nlp, text)
    got = [(m.text, m.value) for m in doc._.entities if m.label == "LOC"]
    assert got == expected


def test_values_do_not_cross_articles(nlp):
    a = "阳泉市加快城市更新。"
    b = "北山公园开展花卉补栽。"
    doc = run(nlp, a + b, breaks=(len(a),))
    park = next(m for m in doc._.entities if m.text == "北山公园")
    assert park.value is None


@pytest.mark.parametrize("text", [
    "相应县级部门要落实责任。",  # 应县 is a county, but not here
    "现代县域经济加快发展。",  # 代县 likewise
    "新县城建设全面提速。",
])
def test_two_character_counties_need_a_stop(nlp, text):
    doc = run(nlp, text)
    assert [m.text for m in doc._.entities if m.label == "LOC"] == []


#: How the place grammar reads a sentence: (text, its LOCs in order), by origin and what it shows.
PLACE_READINGS = {
    # a highway by number names no place; the county after it starts a name
    "pages:e09_county_after_numbered_highway": ("投资10.6亿元的316国道随县尚市至随阳店段改建工程开工。", ["316国道", "随县"]),
    "own:county_after_lettered_highway": ("G316线随县段改建。", ["G316线", "随县"]),
    "own:no_number_no_road": ("沿国道随县城延伸。", []),  # 国道 is a word before 随, 随县城 no county
    # a one-character verb before a known place is no part of a river
    "pages:a05_verb_before_district": ("包河区依托“共治包河”客户端。", ["包河区", "包河"]),
    # 水库 ends its word whatever follows; the river's not_before (河流, 河口) still holds for 河
    "pages:a06_reservoir": ("淦河自南川水库流至斧头湖。", ["淦河", "南川水库", "斧头湖"]),
    "own:river_words": ("沿河流至淦河口。", []),
    # named parks, project zones, attraction towns, markets, business districts
    "pages:b02_agricultural_park": ("先后来到龙古现代农业示范园、第二中学。", ["龙古现代农业示范园"]),
    "pages:b08_project_zone": ("深入图克工业项目区考察。", ["图克工业项目区"]),
    "pages:e12_attraction_town": ("投资15.3亿元的松鸣风情小镇综合开发。", ["松鸣风情小镇"]),
    "pages:e09_science_park": ("投资5.6亿元的长江新投钾长石科创园等项目。", ["长江新投钾长石科创园"]),
    "pages:b04_business_district": ("考察鹿城区滨江商务区规划建设。", ["鹿城区", "滨江商务区"]),
    "pd_ner.dev:goods_market": ("高升镇建起大型蔬菜批发市场。", ["高升镇"]),  # goods and sizes name nothing
    "own:bare_park_words": ("全县建成农业示范园3个、批发市场两个。", []),
    # a town named like a city takes the short form as its body (the model had read a person)
    "pages:c02_town_named_like_a_city": ("根据黄石镇申请，专家对黄石镇屏山等3个村验收。", ["黄石镇", "黄石镇"]),
    "own:the_city_stays_the_city": ("湖北黄石市长张三来访。", ["湖北", "黄石市"]),
    # a farmland project's roads are kinds of road; a named road still is one
    "pages:c12_farm_roads": ("整治机耕路5.6公里，新建生产路3公里、田间道路2条。", []),
    "own:named_road_beside_farm_roads": ("修建通组路和入户路。道路改造后，解放路全线通车。", ["解放路"]),
    # 民营 and 企业 after a town leave it a place (not_before 民, 企 is for 村民, 村企)
    "pages:b03_town_before_enterprises": ("召开座谈会，听取江背镇民营企业家的诉求。", ["江背镇"]),
    "own:village_before_enterprises": ("张家村企业发展良好。", ["张家村"]),
    "own:villagers_and_village_firms": ("全镇企业家座谈，推进村企共建，召开村民代表大会。", []),
    # split at complete division names, those the grammar reads too (corpus/GUIDELINES.md)
    "corpus:p28_park_after_street": ("洛城街道智能温室育苗示范园建成投用。", ["洛城街道"]),
    "corpus:p05_park_after_village": ("狮山镇塘头村工业园整治。", ["狮山镇", "塘头村"]),
    "guidelines:park_after_town": ("胡村镇玛钢产业园", ["胡村镇", "玛钢产业园"]),
    "guidelines:bare_name_stays_inside": ("杨家庄物流园", ["杨家庄物流园"]),
    "corpus:p03_community_named_by_road": ("先后来到小营街道大学路社区、紫阳街道。", ["小营街道", "大学路社区", "紫阳街道"]),
    # a body that is one verb names no park or river; towns and roads may be named like verbs
    "corpus:p10_verb_before_park": ("听取园区企业意见。", []),
    "own:verb_before_river": ("流入江中。", []),
    "corpus:p05_town_named_like_a_verb": ("来到更合镇调研。", ["更合镇"]),
    "own:road_named_like_a_verb": ("道路改造后，解放路全线通车。", ["解放路"]),
}


@pytest.mark.parametrize("case", sorted(PLACE_READINGS))
def test_place_readings(nlp, case):
    text, expected = PLACE_READINGS[case]
    doc = run(nlp, text)
    assert [m.text for m in doc._.entities if m.label == "LOC"] == expected


@pytest.mark.parametrize("text, start, place_starts, cut", [
    ("共治包河", 1, {2}, True),  # pages:a05
    ("大凌河", 0, {1}, False),  # 大 is no verb: the river keeps it
    ("治包河", 0, set(), False),  # no known place after the verb
    ("建湖县", 0, {0}, False),  # the place starts at the verb itself
])
def test_verb_before_place(text, start, place_starts, cut):
    from pipeline.grammars.names.words import verb_before_place
    assert verb_before_place(text, start, place_starts) is cut


COUNTY_SHORT_MISSES = {
    # 和顺 is a county of 晋中, and an ordinary word: its short form is never matched bare,
    # even where the article names 和顺县.
    "own:stoplisted_short_form": ("和顺今年接待游客300万人次。和顺县全力推进文旅融合。", ["和顺", "和顺县"]),
}


@pytest.mark.parametrize("case", sorted(COUNTY_SHORT_MISSES))
@pytest.mark.xfail(strict=True, reason="known miss: short forms that are words are stoplisted")
def test_county_short_misses(nlp, case):
    text, expected = COUNTY_SHORT_MISSES[case]
    doc = run(nlp, text)
    assert [m.text for m in doc._.entities if m.label == "LOC"] == expected


def test_model_span_with_division_chain():
    """A LOC the model keeps whole (阳泉市洪城北路) takes the divisions it begins with; a street
    named after a city (大连街) does not."""
    from pipeline.language.components.places import resolve_article
    from pipeline.language.document import Mention

    ents = [Mention("LOC", 0, 7, "阳泉市洪城北路", source="model"),
            Mention("LOC", 8, 11, "大连街", source="model")]
    resolve_article(ents, [])
    assert ents[0].value == YQ
    assert ents[1].value == YQ  # inherits the nearest division before it, not 大连市
