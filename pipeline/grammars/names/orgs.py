"""Organizations by suffix grammar (where the name begins is the hard part), counted lists of
trade names, and clipped company names beside their full name."""

from __future__ import annotations

import bisect
import functools
from dataclasses import replace

import regex

from ...core import places
from ...core.rules import numeral_class
from ...core.records import Mention
from .page import OrgMatch, Page, article_of, not_word_hit
from .rules import ALL_HAN, NATIONAL, Rules, SuffixClass, count_pattern
from .words import skip_function_words


def suffix_orgs(page: Page) -> list[OrgMatch]:
    text = page.text
    r = page.rules
    found: list[OrgMatch] = []
    matches = [(m.start(), m.end(), m.group(), r.org_suffix[m.group()]) for m in r.org_re.finditer(text)]
    matches += [(m.start(), m.end(), "委", None) for m in r.committee_re.finditer(text)]
    matches.sort(key=lambda t: (t[0], -t[1]))
    last_end = -1
    for s, e, suffix, cls in matches:
        if s < last_end:
            continue
        org = _committee(page, s, e) if cls is None else _org_at(page, s, e, suffix, cls, found)
        if org is None:
            continue
        if suffix in org.cls.not_after_place and org.start in page.place_starts:
            continue  # 张家口市建设部门: the city's departments, no body of their own
        # merge with an organization it attaches to (sub-body, department)
        while found and found[-1].end > org.start and found[-1].start >= org.start:
            found.pop()
        if found and found[-1].end > org.start:
            continue
        org = _with_party_prefix(page, org, found[-1].end if found else 0)
        found.append(org)
        last_end = org.end
    return found


def _with_party_prefix(page: Page, org: OrgMatch, floor: int) -> OrgMatch:
    """``org`` started where a place starts and ends in 委: a party written right before it
    (中共|河北省委, 共青团|衡阳市委) is part of the committee's name."""
    text = page.text
    if not text.endswith("委", 0, org.end) or org.start not in page.place_starts:
        return org
    for prefix in page.rules.party_prefixes:
        start = org.start - len(prefix)
        if start >= floor and text.startswith(prefix, start):
            return replace(org, start=start)
    return org


_COMMITTEE_CLS = SuffixClass("committee", "ORG", "attach", ("委",), 1, 12, 0, 5, 2, False,
                             frozenset(), frozenset())


def _committee(page: Page, s: int, e: int) -> OrgMatch | None:
    """``上党区委``: a full division name ending in its level character, then 委."""
    best = None
    for m in page.anchor_ends.get(s, ()):  # place ends at the level character 区
        if m.kind == "full" and m.text[-1] == page.text[s - 1] and (best is None or m.start < best.start):
            best = m
    if best is None:
        return None
    return OrgMatch(best.start, e, _COMMITTEE_CLS, body_start=best.start)


def _org_at(page: Page, s: int, e: int, suffix: str, cls: SuffixClass, found: list[OrgMatch]) -> OrgMatch | None:
    text = page.text
    if e < len(text) and text[e] in cls.not_before:
        return None
    prev = found[-1] if found else None
    b = page.barrier(s)
    b = max(b, s - max(cls.max_body, cls.max_gap) - 8)
    if cls.anchor == "place":
        anchor = _place_anchor(page, b, s, cls.max_gap)
        if anchor is None:
            head = text[b:s]  # 在空港经济开发区, 在长德开发区: a proper two-character head of its own
            if len(head) == 2 and b > 0 and ALL_HAN.match(head) and not page.rules.is_generic(head) \
                    and not count_pattern().search(head) and not not_word_hit(text, b, e, suffix, cls.not_words):
                return OrgMatch(b, e, cls, body_start=b)
            if suffix in cls.short_forms:
                return OrgMatch(s, e, cls, bare_zone=True, body_start=s)
            return None
        start = anchor.start
        head = text[anchor.end:s]  # 重庆市万盛经开区: a complete division, then the zone's own head
        if anchor.kind == "full" and anchor.text[-1] in "省市县区州盟旗" and 2 <= len(head) <= 4 \
                and ALL_HAN.match(head) and not page.rules.is_generic(head) and not count_pattern().search(head):
            start = anchor.end
        if anchor.end == s and suffix in cls.not_after_province and anchor.level == "province":
            return None  # 山西省开发区: the province's zones, not one zone
        if not_word_hit(text, start, e, suffix, cls.not_words):
            return None
        return OrgMatch(start, e, cls, body_start=start)
    if cls.anchor == "attach" or cls.free_if_proper:
        # the gap is generic words, which may hold a one-character stop word (文化和旅游局)
        bs = max(page.barrier(s, strong=True), s - cls.max_gap - 12)
        # right after an organization: merge (高新区生态环境分局, 娲石集团党委)
        if prev is not None and prev.end >= bs and prev.end <= s and s - prev.end <= cls.max_gap:
            gap = text[prev.end:s]
            # a bare office word glued to the body (…委员会办公室) is that body's office
            glued = gap == "" and text[prev.end:e] == suffix and suffix not in cls.not_after_place
            if page.rules.is_generic(gap) and (glued or not not_word_hit(text, prev.end, e, suffix, cls.not_words)):
                return OrgMatch(prev.start, e, cls, body_start=prev.body_start)
        # right after a place: the last division of a chain joins (阳泉市生态环境局)
        for p in range(s, max(bs, s - cls.max_gap) - 1, -1):
            cands = [m for m in page.anchor_ends.get(p, ()) if m.kind == "full" and m.start >= bs]
            if not cands:
                continue
            gap = text[p:s]
            if page.rules.is_generic(gap):
                m = min(cands, key=lambda m: m.start)
                if not not_word_hit(text, m.start, e, suffix, cls.not_words):
                    return OrgMatch(m.start, e, cls, body_start=m.start)
            break
    body = text[b:s]
    national = NATIONAL.match(body)
    if national and page.rules.is_generic(body[national.end():]) and cls.name not in ("subbody", "center"):
        return OrgMatch(b, e, cls, body_start=b)  # 国家发展改革委, 国家统计局: one of a kind
    if body and body[0] in "省市县区镇乡" and page.rules.is_generic(body[1:]) and len(body) <= 8:
        return _generic_body(page, b, s, e, cls)  # 区科技局, 省发展改革委
    bw = max(page.barrier(s, strong=True), s - 8)  # 省林业和草原局: 和 inside the generic words
    if bw < b and text[bw] in "省市县区" and (bw == 0 or page.is_mark(bw)) \
            and page.rules.is_generic(text[bw + 1:s]) and cls.anchor == "attach":
        return _generic_body(page, bw, s, e, cls)
    if len(body) < cls.min_body and cls.anchor != "attach":
        return None
    if not_word_hit(text, b, e, suffix, cls.not_words):
        return None
    if cls.anchor == "attach" and not cls.free_if_proper:
        if cls.town_body and _TOWN.fullmatch(body) and not page.rules.is_generic(body[:-1]):
            return OrgMatch(b, e, cls, body_start=b)  # 黄石镇人民政府: the town's own government
        return _generic_body(page, b, s, e, cls)
    if len(body) > cls.max_body:
        anchor = _place_anchor(page, max(b, s - cls.max_body), s, cls.max_body)
        if anchor is None:
            return None
        return OrgMatch(anchor.start, e, cls, body_start=anchor.start)
    # 认真学习|某某部门, 在线开放|天文台站: a verb or adverb glued in front is no part of the body
    b = skip_function_words(text, b, s, cls.min_body)
    body = text[b:s]
    lead = _generic_lead(page, b, s)  # 建设单位山西大同交通建设集团: the name starts at the place
    if lead is not None:
        b, body = lead, text[lead:s]
    if len(body) < cls.min_body or page.rules.is_generic(body):
        b2 = page.barrier_before_stop(b)  # 在华为技术有限公司: 为 is inside the name
        if b2 is not None and 2 <= s - b2 <= 8 and not page.rules.is_generic(text[b2:s]):
            b, body = b2, text[b2:s]
    if len(body) < cls.min_body:
        return None
    town = _TOWN.match(body)  # 柳市镇黄华集团: the town is a place, the company its own name
    if cls.name == "company" and town and len(body) - town.end() >= 2 \
            and not page.rules.is_generic(body[town.end():]) and not page.rules.is_generic(body[:town.end() - 1]):
        b, body = b + town.end(), body[town.end():]
    if page.rules.is_generic(body):
        return _generic_body(page, b, s, e, cls)
    if count_pattern().search(body):
        return None
    if suffix in cls.weak and not _place_starts_at(page, b) and (
            len(body) < cls.weak_min_body or any(body[:L] in page.rules.generic for L in (2, 3, 4))):
        return None  # 食品厂, 职业中学, 项目配套建设幼儿园: a plain noun, not a name
    return OrgMatch(b, e, cls, body_start=b)


#: A town or township by name (a gazetteer holds none): two to four characters and its level.
_TOWN = regex.compile(r"[\p{Han}]{2,4}(?<![城乡])(?:镇|乡|街道)")  # not 小城镇, 各乡镇


def _place_starts_at(page: Page, b: int) -> bool:
    return b in page.place_starts


def division_word(name: str, suffix: str, g: places.Gazetteer) -> bool:
    """A water name that the gazetteer also knows as a division (太湖县, 浙江省): leave it to
    the gazetteer, except rivers named like a county (七里河)."""
    entries = g.entries(name)
    if not entries:
        return False
    if suffix in ("江", "河") and all(x.kind == "short" and x.division and x.division.level == "county"
                                     for x in entries):
        return False
    return True


def skip_generic_lead(text: str, b: int, s: int, keep: int, r: Rules) -> int:
    """``b`` moved past generic words (two characters or more) that open a place body, leaving
    ``keep`` characters at least (境内汉江, 园区纵三路)."""
    moved = True
    while moved:
        moved = False
        for L in range(min(r.generic_max, s - b - max(keep, 1)), 1, -1):
            if text[b:b + L] in r.generic:
                b, moved = b + L, True
                break
    return b


def _generic_lead(page: Page, b: int, s: int) -> int | None:
    """Start of a place inside ``[b, s)`` when only generic words stand before it."""
    starts = page.place_starts_sorted
    i = bisect.bisect_right(starts, b)  # the first place after b, found without a page-long sort
    if i < len(starts) and starts[i] < s:
        p = starts[i]
        return p if page.rules.is_generic(page.text[b:p]) else None
    return None


def _generic_body(page: Page, b: int, s: int, e: int, cls: SuffixClass) -> OrgMatch | None:
    """``区科技局``, ``县政府``: a level word and generic words; an optional ORG at low priority."""
    text = page.text
    body = text[b:s]
    if not body or body[0] not in "省市县区镇乡" or not page.rules.is_generic(body[1:]) or len(body) > 8:
        return None
    if cls.name in ("subbody", "committee", "center"):
        return None
    if e - b <= 2 or (len(body) == 1 and e - s <= 2 and cls.name != "government"):
        return None  # 市局, 市公司: too bare to be a name (区政府 is one)
    tg = page.rules.titles
    if text[b:e] in tg.bodies and tg.chain_any.match(text, e) is not None:
        return None  # 区委办主任, 区政府副区长: a title, not an organization
    if text[e:e + 1] in ("委", "长"):
        return None
    return OrgMatch(b, e, cls, generic=True, body_start=b)


def _place_anchor(page: Page, b: int, s: int, max_gap: int) -> places.Match | None:
    """The gazetteer place in [b, s) a zone's name starts at, at most ``max_gap`` characters
    before ``s``. Of a run of places the name starts after the last full division name
    (长治市 + 上党经开区) and otherwise at the run's start (慈溪滨海经济开发区 is one name)."""
    lo = bisect.bisect_left(page.anchor_starts, b)
    hi = bisect.bisect_left(page.anchor_starts, s)
    cands = [m for m in page.anchors[lo:hi] if m.end <= s]
    if not cands:
        return None
    near = [m for m in cands if s - m.end <= max_gap]
    if not near:
        return None
    best = max(near, key=lambda m: (m.start, m.end))
    # walk left over places that end right where the current one starts
    by_end: dict[int, list[places.Match]] = {}
    for m in cands:
        by_end.setdefault(m.end, []).append(m)
    run_start = best
    while run_start.start in by_end:
        prev = max(by_end[run_start.start], key=lambda m: m.end - m.start)
        if prev.kind == "full" and prev.text[-1] in "省市县区州盟旗":
            break  # a complete division before it stays a LOC of its own
        run_start = prev
    return run_start


def org_mentions(page: Page, orgs: list[OrgMatch], arts: list[tuple[int, int]]) -> list[Mention]:
    text = page.text
    r = page.rules
    out: list[Mention] = []
    full_zone_arts: dict[tuple[int, int], set[str]] = {}  # zone suffixes of full names per article
    for o in orgs:
        if not o.bare_zone and not o.generic:
            for z in r.zone_suffix_re.finditer(text, o.start, o.end):
                if z.start() > o.start:  # a head before the suffix: 阳泉 + 高新区
                    full_zone_arts.setdefault(article_of(arts, o.start), set()).add(z.group())
    for o in orgs:
        if o.bare_zone:
            continue
        if o.cls.label == "LOC":
            o = _after_leading_place(page, o)
        # the class's label: a new area (雄安新区) is built like a body, so that its own bodies
        # attach to it, but is a place
        out.append(Mention(o.cls.label, o.start, o.end, text[o.start:o.end], source="rule",
                           priority=o.cls.generic_priority if o.generic else o.cls.priority))
    # bare zone short forms (高新区, 开发区) where the article names a full zone
    if r.zone_short_re is not None and full_zone_arts:
        for m in r.zone_short_re.finditer(text):
            fulls = full_zone_arts.get(article_of(arts, m.start()))
            if fulls and any(f in fulls for f in r.zone_families.get(m.group(), (m.group(),))):
                if m.end() < len(text) and text[m.end()] in "域内外":
                    continue
                out.append(Mention("ORG", m.start(), m.end(), m.group(), source="rule", priority=4))
    # sub-bodies after a bare zone (高新区生态环境分局) were merged into one OrgMatch already
    return out


def _after_leading_place(page: Page, o: OrgMatch) -> OrgMatch:
    """A place named by a suffix class that is a chain of two places the table knows starts at
    the second, as chained divisions are separate places (上海|浦东新区, 重庆|两江新区, 四川|天府新区:
    the new areas of rules/places/regions.txt). A new area the table does not know keeps the
    division before it, which says where it is (西安曲江新区, not 曲江 of 韶关; 成都东部新区)."""
    ends = [m.end for m in page.anchors if m.start == o.start and m.kind != "region" and m.end < o.end
            and page.rules.gazetteer.is_key(page.text[m.end:o.end])]
    return replace(o, start=max(ends), body_start=max(ends)) if ends else o


@functools.cache
def _counted_pattern() -> regex.Pattern:
    """等5家企业, 十家单位: a count of organizations closing a list."""
    return regex.compile(
        r"(等)?" + numeral_class("to_hundreds", "0-9几多余") + "{1,4}家"
        r"(?:企业|公司|单位|银行|金融机构|机构|医院|学校|商户|门店|工厂|合作社|协会|商会|平台)")


def enumerated_orgs(page: Page) -> list[Mention]:
    """Items of a 、-list closed by a count of organizations are organizations (trade names
    without a suffix, which the suffix grammar cannot see)."""
    text = page.text
    out: list[Mention] = []
    for m in _counted_pattern().finditer(text):
        end = m.start()
        items: list[tuple[int, int]] = []
        for _ in range(20):
            start = page.barrier(end)
            if end - start < 2:  # 组织华为: 为 is a stop word, but inside the name
                start = page.barrier_before_stop(start) or start
            items.append((start, end))
            if start >= 1 and text[start - 1] == "、":
                end = start - 1
                continue
            break
        if len(items) < 2 and not m.group(1):
            continue
        for s, e in items:
            body = text[s:e]
            if not (2 <= len(body) <= 10) or not ALL_HAN.match(body) or page.rules.is_generic(body) \
                    or count_pattern().search(body) or page.rules.gazetteer.is_key(body):
                continue
            out.append(Mention("ORG", s, e, body, source="rule", priority=4))
    return out


def clipped_companies(page: Page, orgs: list[OrgMatch], arts: list[tuple[int, int]]) -> list[Mention]:
    text = page.text
    out: list[Mention] = []
    for o in orgs:
        if o.cls.name != "company" or o.generic:
            continue
        for short in page.rules.clipped_forms(text[o.start:o.end]):
            lo, hi = article_of(arts, o.start)
            i = text.find(short, lo, hi)
            while i >= 0:
                if not (o.start <= i < o.end):
                    out.append(Mention("ORG", i, i + len(short), short, source="rule", priority=4))
                i = text.find(short, i + 1, hi)
    return out


def branded_companies(page: Page, arts: list[tuple[int, int]]) -> list[Mention]:
    """A trade name before a company's cue (``房多多旗下``), with its other mentions in the article."""
    cue = page.rules.brand_cue_re
    if cue is None:
        return []
    text = page.text
    out: list[Mention] = []
    names: dict[tuple[int, int], set[str]] = {}
    for m in cue.finditer(text):
        start = max(page.barrier(m.end()), m.start())
        body = text[start:m.end()]
        # a body with its own company word (该公司, 某某集团) is the suffix grammar's
        if len(body) < 2 or page.rules.is_generic(body) or page.rules.gazetteer.is_key(body) \
                or page.rules.org_endings(body):
            continue
        names.setdefault(article_of(arts, start), set()).add(body)
    for (lo, hi), bodies in names.items():
        for body in bodies:
            i = text.find(body, lo, hi)
            while i >= 0:
                out.append(Mention("ORG", i, i + len(body), body, source="rule", priority=4))
                i = text.find(body, i + 1, hi)
    return out
