"""Names no suffix marks: one-character country pairs (``中印边界``), papers between title marks,
known organisations (``rules/names/known_orgs.txt``) and national teams in a list."""

from __future__ import annotations

import regex

from ...core.records import Mention
from .page import Page
from .rules import Rules


def country_pairs(text: str, r: Rules) -> list[Mention]:
    """中美两国, 中印边界: two countries of one character each (rules/places/country_pairs.toml),
    each its own LOC, as pd_ner.dev writes coordinated one-character places."""
    out = []
    for m in r.country_pair_re.finditer(text):
        a, b = m.start(), m.start() + 1
        if text[a:a + 2] in r.not_country_pairs:
            continue  # 加以合作: a word, not two countries
        out.append(Mention("LOC", a, a + 1, text[a], source="rule", priority=6))
        out.append(Mention("LOC", b, b + 1, text[b], source="rule", priority=6))
    return out


#: Among the model's spans, not before them (the resolver's confident rules start at 5): a
#: known name beats a model span of its length or shorter (亚/LOC), never a longer one
#: (邯钢集团公司), nor a place or suffix rule.
KNOWN_ORG_PRIORITY = 4


def known_orgs(text: str, r: Rules) -> list[Mention]:
    """微软, 邯钢, 共同社: organisations by a name no suffix marks (rules/names/known_orgs.txt)."""
    return [Mention("ORG", m.start(), m.end(), m.group(), source="rule", priority=KNOWN_ORG_PRIORITY)
            for m in r.known_org_re.finditer(text)]


#: A department written right after a central body is part of its name: 生态环境部|大气环境管理司,
#: 生态环境部|办公厅, 中科院|科技创新发展中心. The department's own words hold no function word
#: or punctuation (生态环境部将…, 生态环境部拟于近期对…司 are no department); lazy and
#: bounded, so it cannot backtrack far.
_CENTRAL_DEPARTMENT = regex.compile(
    r"办公厅|办公室|[^\P{Han}的在将对与了是为把被从向于等及并也都还又已拟称会]{2,10}?"
    r"(?:司|局|中心|委员会|领导小组)(?:办公室)?(?![机面势长])")


_LEVEL_BEFORE = frozenset("省市县区州盟旗镇乡")


def central_bodies(text: str, r: Rules) -> list[Mention]:
    """生态环境部, 应急管理部, 人社部人力资源流动管理司: bodies of China's centre that today's
    pages name and the model (trained on 1998's papers) does not know, with a department of
    their own written right after them; confident, so the model's cut (气环境管理司) yields, and
    a word list (source ``lexicon``), so no start is trimmed to the model's (环境部办公厅)."""
    if r.central_body_re is None:
        return []
    out = []
    for m in r.central_body_re.finditer(text):
        end = m.end()
        if text.startswith("门", end):
            continue  # 水利部门, 各级住建部门: the trade's departments, not the ministry
        if m.start() > 0 and text[m.start() - 1] in _LEVEL_BEFORE:
            continue  # 省科技部…: a province's or city's own body, the suffix grammar's to read
        dep = _CENTRAL_DEPARTMENT.match(text, end)
        if dep is not None:
            end = dep.end()
        out.append(Mention("ORG", m.start(), end, text[m.start():end], source="lexicon", priority=5))
    return out


def mastheads(text: str, r: Rules) -> list[Mention]:
    """《费加罗报》, 《经济周刊》: a paper or magazine between title marks, the name without them."""
    out = []
    for m in r.masthead_re.finditer(text):
        name = m.group(1)
        if name.endswith("报") and len(name) >= 2 and name[-2] in r.masthead_not_before_bao:
            continue  # 《情况通报》, 《联合公报》: a document, not a paper
        out.append(Mention("ORG", m.start(1), m.end(1), name, source="rule", priority=5))
    return out


# A list of countries (or cities abroad) that the sentence itself calls teams: a group of a
# tournament before it (e组的美国、俄罗斯、立陶宛、西班牙) or 等强队 after it (对中国、丹麦、韩国、
# 马来西亚等强队). Each is the team, an ORG, as pd_ner.dev tags them (12 of 12 there).
_GROUP_BEFORE = regex.compile(r"(?:(?<![A-Za-z])[A-Ha-h]组|小组)(?:的|[:：])")


_TEAMS_AFTER = regex.compile(r"等(?:强队|球队|队)")


#: Above a place's priority (6), so that the team wins over the country of the same span.
TEAM_PRIORITY = 7


def team_lists(page: Page) -> list[Mention]:
    """The countries of a 、-list that a group name opens or 等强队 closes, each an ORG."""
    text = page.text
    out: list[Mention] = []
    for pattern, forward in ((_GROUP_BEFORE, True), (_TEAMS_AFTER, False)):
        for m in pattern.finditer(text):
            items = _country_list(text, m.end() if forward else m.start(), forward, page.rules)
            if len(items) >= 2:
                out += [Mention("ORG", s, e, text[s:e], source="rule", priority=TEAM_PRIORITY)
                        for s, e in items]
    return out


def _country_list(text: str, pos: int, forward: bool, r: Rules) -> list[tuple[int, int]]:
    """Countries separated by 、 that start at ``pos`` (``forward``) or end there (reading back)."""
    items: list[tuple[int, int]] = []
    while True:
        span = _country_at(text, pos, forward, r)
        if span is None:
            return items
        items.append(span)
        sep = span[1] if forward else span[0] - 1
        if not (0 <= sep < len(text)) or text[sep] != "、":
            return items
        pos = sep + 1 if forward else sep


def _country_at(text: str, pos: int, forward: bool, r: Rules) -> tuple[int, int] | None:
    """The longest country (a region of the place lists, or a country of country_pairs.toml)
    starting or ending at ``pos``."""
    g, named = r.gazetteer, r.pair_countries
    for length in range(8, 1, -1):
        s, e = (pos, pos + length) if forward else (pos - length, pos)
        if s < 0 or e > len(text):
            continue
        name = text[s:e]
        if name in named or any(x.kind == "region" for x in g.entries(name)):
            return s, e
    return None
