"""Places: the gazetteer's divisions, short forms and regions, cities abroad, and places by
suffix grammar (roads, bridges, parks, villages, industrial parks)."""

from __future__ import annotations

import re

import regex

from ...core import places
from ...core.records import Mention
from ...core.rules import alternation
from .orgs import division_word, skip_generic_lead
from .page import Page, article_of, last_at_or_before, not_word_hit
from .rules import ALL_HAN, HARD_OK, NOT_RIVER, STOPS_IN_LOC_NAMES, count_pattern
from .words import function_word_at, one_character_verbs, skip_function_words


def gazetteer_places(page: Page, arts: list[tuple[int, int]]) -> list[Mention]:
    text = page.text
    g = page.rules.gazetteer
    # full names present per article: evidence for county short forms
    full_by_art: dict[tuple[int, int], set[str]] = {}
    city_by_art: dict[tuple[int, int], set[str]] = {}  # 4-digit codes of cities named
    for m in page.anchors:
        if m.kind == "full":
            for d in m.divisions:
                full_by_art.setdefault(article_of(arts, m.start), set()).add(d.code)
        divs = m.divisions
        if divs and len({d.code for d in divs}) == 1 and divs[0].level == "city" and m.kind != "region":
            city_by_art.setdefault(article_of(arts, m.start), set()).add(divs[0].code[:4])
    accepted: list[places.Match] = []
    starts: dict[int, list[places.Match]] = {}
    for m in page.anchors:
        starts.setdefault(m.start, []).append(m)
    vetoed = bytearray(len(text) + 1)
    for v in g.veto_re.finditer(text) if g.veto_re is not None else ():
        vetoed[v.start():v.end()] = b"\x01" * (v.end() - v.start())
    for m in page.anchors:
        if 1 in vetoed[m.start:m.end]:
            continue
        if m.kind == "full":
            if len(m.text) == 2 and not _left_ok(page, m.start):
                continue
            if len(m.text) == 2 and m.end < len(text) and text[m.end] in "城域级长" \
                    and not text.startswith("城乡", m.end):  # 随县城乡融合: 城乡 is its own word
                continue
            accepted.append(m)
        elif m.kind == "region":
            accepted.append(m)
        else:  # short form
            divs = m.divisions
            if any(d.level in ("province", "city") for d in divs):
                accepted.append(m)
            else:
                art = article_of(arts, m.start)
                codes = full_by_art.get(art, set())
                cities = city_by_art.get(art, set())
                if any(d.code in codes or d.code[:4] in cities for d in divs) or _in_zone_name(page, m) \
                        or (any(d.level == "county" for d in divs)
                            and (_COUNTY_LIST.match(text, m.end) or _listed_beside_sibling(page, m, starts))):
                    accepted.append(m)  # 太谷 beside 太谷区; 浑源 in an article naming 大同
    # longest first, no overlaps
    chosen: list[places.Match] = []
    occupied = bytearray(len(text) + 1)
    for m in sorted(accepted, key=lambda m: (-(m.end - m.start), m.start)):
        if any(occupied[i] for i in range(m.start, m.end)):
            continue
        for i in range(m.start, m.end):
            occupied[i] = 1
        chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    qualified = _qualified_districts(page, chosen, occupied, arts)
    page.places = chosen
    page.place_starts = {m.start for m in chosen}
    page.place_starts_sorted = sorted(page.place_starts)
    out = []
    for m in chosen:
        end = _region_area_end(page, m)
        out.append(Mention("LOC", m.start, end, text[m.start:end], source="lexicon",
                           priority=ABROAD_PRIORITY if m.text in g.abroad else 6 if m.kind in ("full", "region") else 4))
    return out + qualified


def _region_area_end(page: Page, m: places.Match) -> int:
    """Where a region's mention ends: over a following 地区 for China's named regions (长三角地区,
    港澳地区, 华中地区: the real pages' convention), not for regions abroad (亚洲地区 -> 亚洲) nor
    before a part of the region (东北地区北部 -> 东北, People's Daily's forecasts)."""
    text, r = page.text, page.rules
    if m.kind != "region" or not text.startswith("地区", m.end) or m.text in r.regions_abroad \
            or m.text in r.gazetteer.abroad or m.text.endswith("地区"):
        return m.end
    if any(text.startswith(p, m.end + 2) for p in r.region_parts):
        return m.end
    return m.end + 2


def _qualified_districts(page: Page, chosen: list[places.Match], occupied: bytearray,
                         arts: list[tuple[int, int]]) -> list[Mention]:
    """A district named by an ordinary word right after its own city (西安新城区, 济南市中区),
    then its other mentions in the article (下一步新城区还将…): no place without the city."""
    text = page.text
    g = page.rules.gazetteer
    out: list[Mention] = []
    names: dict[tuple[int, int], set[str]] = {}
    for m in chosen:
        cities = {d.name for d in m.divisions if d.level == "city"} | \
                 {d.city for d in m.divisions if d.level == "province" and d.city}  # 重庆
        if not cities:
            continue
        for L in (4, 3):
            key = text[m.end:m.end + L]
            if any(d.city in cities for d in g.generic_districts.get(key, ())) \
                    and not any(occupied[m.end:m.end + L]):
                out.append(Mention("LOC", m.end, m.end + L, key, source="lexicon", priority=6))
                names.setdefault(article_of(arts, m.end), set()).add(key)
                break
    seen = {(m.start, m.end) for m in out}
    for (lo, hi), keys in names.items():
        for key in keys:
            i = text.find(key, lo, hi)
            while i >= 0:
                if (i, i + len(key)) not in seen and not any(occupied[i:i + len(key)]):
                    out.append(Mention("LOC", i, i + len(key), key, source="lexicon", priority=4))
                i = text.find(key, i + 1, hi)
    return out


#: Below the model's spans (3): a city abroad fills a gap or takes a longer span than the
#: model's (维也纳市 over 维也纳), but a model ORG of the same span stays (利物浦 the club).
ABROAD_PRIORITY = 2


#: A list the sentence itself calls counties or places: 肥西、肥东、当涂等11个县, 肥西、舒城两地
#: (each item a county's short form); bounded items, no backtracking across a clause.
_COUNTY_LIST = regex.compile(
    r"(?:、[\p{Han}]{2,4}){0,12}?(?:等(?:[0-9一二三四五六七八九十两]{1,3}个)?(?:县|区县|县区|县市|县（市|县\(市)"
    r"|(?:等[两三四五六七八九十几多]?|[两三四五六七八九十几多])地(?![区方块图域]))")


def _listed_beside_sibling(page: Page, m: places.Match, starts: dict) -> bool:
    """A county's short form in a list (、) right beside a full-form county of the same
    province: 霍邱、寿县、金寨 (寿县 vouches for both neighbours)."""
    text = page.text
    provinces = {d.code[:2] for d in m.divisions if d.level == "county"}
    near = []
    if m.end < len(text) and text[m.end] == "、":
        near += starts.get(m.end + 1, [])
    if m.start >= 1 and text[m.start - 1] == "、":
        near += page.anchor_ends.get(m.start - 1, [])
    return any(n.kind == "full" and any(d.level == "county" and d.code[:2] in provinces for d in n.divisions)
               for n in near)


def _left_ok(page: Page, start: int) -> bool:
    """A stop (punctuation, stop word) or another place ends right before ``start``; or 的
    (投资5亿元的随县…: a two-character county after an attribute); or a highway by number
    (316国道随县尚市至随阳店段: the road runs through the county)."""
    if start == 0:
        return True
    if page.text[start - 1] == "的":
        return True
    if page.is_mark(start):
        return True
    if _ROAD_BEFORE.search(page.text, max(0, start - 8), start):
        return True
    return start in page.anchor_ends


def _in_zone_name(page: Page, m: places.Match) -> bool:
    """A county short form right before a zone suffix (太谷经开区): the zone confirms it."""
    r = page.rules
    text = page.text
    for s in r.zone_suffixes:
        if text.startswith(s, m.end):
            return True
    return False


def suffix_places(page: Page, entity_ends: list[int]) -> list[Mention]:
    text = page.text
    r = page.rules
    ends = sorted(entity_ends)
    place_end = {m.end: m for m in page.places}
    # ends of complete names only: a bare place glued to a park name stays inside it
    # (太原晋阳湖数字经济产业园), a complete division is a name of its own (胡村镇 + 玛钢产业园)
    short_ends = {m.end for m in page.places if m.kind == "short" or m.text[-1] not in "省市县区州盟旗"}
    full_ends = sorted(k for k in ends if k not in short_ends)
    out: list[Mention] = []
    prev: Mention | None = None
    division_ends: list[int] = []  # ends of the villages, towns and streets read so far
    for m in r.loc_re.finditer(text):
        suffix = m.group(1)
        s, e = m.start(), m.start() + len(suffix)
        cls = r.loc_suffix[suffix]
        if e < len(text) and suffix not in cls.free_before and (text[e] in cls.not_before or any(
                suffix == k and text[e] in v for k, v in cls.not_before_suffix)) \
                and not text.startswith(cls.before_ok, e):
            continue
        b = max(page.barrier(s), last_at_or_before(full_ends if cls.through_short_places else ends, s))
        if cls.through_short_places and division_ends:
            # a complete division the grammar read before splits too (洛城街道|智能温室育苗示范园,
            # 狮山镇|塘头村|工业园: corpus/GUIDELINES.md); a lake or a short form does not (晋阳湖…产业园)
            b = max(b, last_at_or_before(division_ends, s))
        alt = None  # a second reading: the name includes the previous one (杨家庄 + 智慧城市物流园)
        # (a division read just before is the last of division_ends: no scan of the list)
        after_division = bool(division_ends) and prev is not None and division_ends[-1] == prev.end
        if prev is not None and prev.end <= s and not (cls.through_short_places and after_division):
            if prev.end == s:  # 杨家庄 + 乡, 大学路 + 社区 (after 小营街道: no longer body)
                b, alt = prev.start, (b if b < prev.start else None)
            elif prev.end > b:
                alt = prev.start if prev.start >= page.barrier(s) else None
                b = prev.end
        start = None
        if cls.digits:
            j = s
            while j > 0 and j > s - cls.max_body and text[j - 1].isascii() and text[j - 1].isalnum():
                j -= 1
            if j < s and any(c.isdigit() for c in text[j:s]):
                start = j
            elif cls.name == "highway":
                continue
        if start is None:
            if b == s and s in place_end and place_end[s].kind == "short" \
                    and (cls.name in ("road", "bridge", "park") or suffix in TOWN_AFTER_SHORT_FORM):
                start = place_end[s].start  # 大连 + 街, 黄石 + 镇 (but not 上城区 + 湖)
            else:
                retry = None
                if s - b <= 1:  # 魏都大道, 东于镇: a one-character stop word inside the name
                    b0 = page.barrier(b - 1) if b in page.single_stop_ends and b >= 2 else None
                    if b0 is not None and text[b - 1] in STOPS_IN_LOC_NAMES and places.is_han(text[b - 2]) \
                            and b0 >= last_at_or_before(ends, s):
                        retry = b0
                for cand in (b, alt, retry):
                    if cand is None:
                        continue
                    cand = skip_generic_lead(text, cand, s, cls.min_body, r)  # 园区纵三路
                    min_body = (cls.min_body_for or {}).get(suffix, cls.min_body)
                    # 遍布|淦河, 使|湖场村, 一条|淦河: a verb or count word glued in front is no part
                    cand = skip_function_words(text, cand, s, min_body)
                    body = text[cand:s]
                    if len(body) == 1 and body in "东西南北中" and suffix in ("大街", "街", "路", "大道"):
                        start = cand  # 西大街
                        break
                    if min_body <= len(body) <= cls.max_body and not r.is_generic(body, False) \
                            and not count_pattern().search(body):
                        start = cand
                        break
                if start is None:
                    continue
        if not_word_hit(text, start, e, suffix, cls.not_words):
            continue
        if text.endswith(r.zone_suffixes, start, e):
            continue  # 航空港区 (landmark 港区): a zone, and zones are ORG in every use (GUIDELINES.md)
        if cls.name == "road" and suffix.startswith("高速") and r.gazetteer.is_key(text[start:s]):
            continue  # 大同至浑源高速公路: a road between places, not a road's name
        if cls.name not in NAMED_LIKE_WORDS and s - start >= 2 and function_word_at(text, start, s) == s - start:
            continue  # 流入|江, 听取|园区: a body that is one verb names nothing (but 更合镇, 解放路)
        if cls.name == "water" and (text[start] in NOT_RIVER or division_word(text[start:e], suffix, r.gazetteer)):
            continue  # 入淀; 太湖 is also a county: the gazetteer decides (七里河 stays a river)
        if cls.name == "water" and e in place_end and place_end[e].start == start + 1 \
                and text[start] in one_character_verbs():
            continue  # 共治|包河 (包河区's short form): the place stands, a verb is no river's part
        if not all(HARD_OK.match(c) for c in text[start:e]):
            continue
        if not cls.digits and not ALL_HAN.match(text, start, e):
            continue  # USG石村: a place name here is written in characters
        cand = Mention("LOC", start, e, text[start:e], source="rule", priority=cls.priority)
        out.append(cand)
        prev = cand
        if cls.name == "settlement":
            division_ends.append(e)  # in text order: the list stays sorted
    return out


#: Classes whose names are often ordinary words (更合镇, 建新镇, 向阳村, 解放路, 胜利公园, 解放桥):
#: a body that is one verb or adverb still names the place.
NAMED_LIKE_WORDS = frozenset({"settlement", "farmstead", "road", "bridge", "park"})


#: A town or township named like a city or county (黄石镇 in Fujian, not the city 黄石): the
#: short form is the town's body, as a road's (大连街).
TOWN_AFTER_SHORT_FORM = frozenset({"镇", "乡"})


#: Highways by number (a name of its own, no suffix grammar reads it): 国道108线, 省道201线,
#: G312线, G6京藏高速's G6 is not taken alone (G20, 5G are no roads). 107国道 is the
#: suffix grammar's (highway class).
_NUMBERED_ROAD = regex.compile(
    r"(?:国道|省道|县道)[0-9０-９]{1,4}线?|(?<![A-Za-z0-9])[GS][0-9]{2,4}线")


#: A highway by its number right before a place (316国道, 国道316线, G312线): it names no place
#: itself, so what follows starts a name (``_left_ok``). The numbered roads above, or the
#: suffix grammar's 316国道, anchored at the place.
_ROAD_BEFORE = regex.compile(rf"(?:[0-9]{{1,4}}(?:国道|省道|县道)|{_NUMBERED_ROAD.pattern})$")


def numbered_roads(text: str) -> list[Mention]:
    """国道108线, 省道201线, G312线: LOC (confident, as the suffix grammar's roads)."""
    return [Mention("LOC", m.start(), m.end(), m.group(), source="rule", priority=5)
            for m in _NUMBERED_ROAD.finditer(text)]


def repeated_waters(page: Page, locs: list[Mention], arts: list[tuple[int, int]]) -> list[Mention]:
    """Every other mention, in the same article, of a river or lake the suffix grammar read
    (淦河 found at 淦河自南川水库流至…, then 治理淦河岸线, 一条淦河贯穿): the name is known now,
    whatever follows it. Below the grammar's priority, so a longer name still wins."""
    r = page.rules
    waters = tuple(sfx for sfx, cls in r.loc_suffix.items() if cls.name == "water")
    by_art: dict[tuple[int, int], set[str]] = {}
    for m in locs:
        if m.end - m.start >= 2 and m.text.endswith(waters) and places.is_han(m.text[0]):
            by_art.setdefault(article_of(arts, m.start), set()).add(m.text)
    seen = {(m.start, m.end) for m in locs}
    out: list[Mention] = []
    text = page.text
    for (lo, hi), names in by_art.items():
        pat = re.compile(alternation(sorted(names, key=len, reverse=True)))
        for m in pat.finditer(text, lo, hi):
            if (m.start(), m.end()) not in seen:
                out.append(Mention("LOC", m.start(), m.end(), m.group(), source="rule", priority=4))
    return out
