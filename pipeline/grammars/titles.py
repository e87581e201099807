"""Titles before a person's name: the title grammar (the name grammar and the resolver read it too)
and the values of PER mentions that ``person_titles`` fills.

``person_titles`` runs after ``entity_resolver`` and fills each PER mention's ``value``
(OUTPUT.md) from the words before the name::

    临汾经济开发区党工委书记、管委会主任白建成  ->  {"titles": ["党工委书记", "管委会主任"],
                                                  "org": "临汾经济开发区"}
    长治市上党区委书记张驰                     ->  {"titles": ["区委书记"], "org": "长治市上党区"}

``org`` is the organization or division the text names before the titles; without one it is
inherited: a name listed after another (``副总经理钱波，开发总监姜岩``, ``侯剑虹、孙星鹏``) takes
the previous one's, and a title of a division's body (``区委常委``, ``常务副区长``) takes the
division of that level the article named last (``长治市上党区``). Every mention of a name in an
article gets the value found for it anywhere in that article (the headline included).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import regex

from ..core import places
from ..core.records import Mention
from ..core.rules import alternation, compile_pattern, load_lexicon, load_table


#: Characters that end the stretch of text in which a title chain is looked for.
_CLAUSE_BREAK = "，,。；;：:！？!?\n“”\"‘’《》()（）【】[]"


@dataclass(frozen=True)
class TitleGrammar:
    chain: regex.Pattern  # a chain of titles, anchored at the end of the searched window
    chain_any: regex.Pattern  # the same, unanchored
    core_any: re.Pattern  # the last word of a title (name_ruler scans the page with it)
    part: regex.Pattern  # one title (to split a chain at 、)
    bodies: frozenset[str]
    sub_bodies: frozenset[str]  # departments that stay with the org before them (组织部, 办公室)
    surnames: tuple[str, ...]
    double_surnames: frozenset[str]
    single_surnames: frozenset[str]
    followers: re.Pattern
    one_char_followers: frozenset[str]
    not_names: frozenset[str]
    not_name_chars: frozenset[str]
    word_surnames: frozenset[str]
    honorifics: frozenset[str]
    honorific: regex.Pattern
    surname_follower: re.Pattern  # a title or honorific that makes a bare surname a person (汤局长)
    gazetteer: places.Gazetteer  # which LOC and ORG mentions are divisions (the org of a title)


@functools.cache
def grammar() -> TitleGrammar:
    """The title grammar of the default rules directory, built once: for callers outside a
    component (a component builds its own with :func:`load_grammar` and passes it on)."""
    return load_grammar()


def load_grammar(directory: Path | None = None) -> TitleGrammar:
    """Compile ``names/titles.toml`` and ``names/surnames.txt`` of ``directory`` (default: the
    shipped rules)."""
    table = load_table("names/titles.toml", directory)
    cores = alternation(table["cores"])
    free_cores = alternation(table["free_cores"])
    mods = alternation(table["modifiers"])
    bodies = alternation(table["bodies"])
    part = (rf"(?:(?:{bodies}(?:、{bodies}){{0,3}})?{mods}{{0,2}}{cores}"
            rf"|[\p{{Han}}--[该这此其各本我]]{{1,4}}?{free_cores})")
    chain = rf"{part}(?:、{part}){{0,4}}"
    surnames = load_lexicon("names/surnames.txt", directory)
    followers = table["followers"]
    return TitleGrammar(
        chain=compile_pattern(rf"(?:{chain})$", "names/titles.toml: chain"),
        chain_any=compile_pattern(chain, "names/titles.toml: chain"),
        core_any=re.compile(alternation(list(table["cores"]) + list(table["free_cores"]))),
        part=compile_pattern(part, "names/titles.toml: part"),
        bodies=frozenset(table["bodies"]),
        sub_bodies=frozenset(table.get("sub_bodies", ())),
        surnames=surnames,
        double_surnames=frozenset(s for s in surnames if len(s) == 2),
        single_surnames=frozenset(s for s in surnames if len(s) == 1),
        followers=re.compile(alternation(followers)),
        one_char_followers=frozenset(f for f in followers if len(f) == 1),
        not_names=frozenset(table["not_names"]),
        not_name_chars=frozenset(table["not_name_chars"]),
        word_surnames=frozenset(table.get("word_surnames", "")),
        honorifics=frozenset(table["honorifics"]),
        honorific=compile_pattern(
            rf"(?:{alternation(s for s in surnames if len(s) == 1)}){alternation(table['honorifics'])}",
            "names/titles.toml: honorifics"),
        surname_follower=re.compile(alternation(
            [c for c in table["cores"] if len(c) > 1] + list(table["honorifics"])
            + list(table.get("after_surname", ())))),
        gazetteer=places.load_gazetteer(directory),
    )


def is_honorific_reference(m, g: TitleGrammar | None = None) -> bool:
    """A person named only by surname and honorific (王大爷, 李老师, 周先生): ``m`` a Mention.

    OUTPUT.md's seed makes such a reference an optional PER over the whole string ("neither
    required nor wrong"); People's Daily NER tags the surname alone (李 of 李老师), so the whole
    string is a false hit there. The rules propose the surname alone
    (:func:`is_surname_reference`); a whole string found otherwise is left out of the result.

    >>> from pipeline.core.records import Mention
    >>> is_honorific_reference(Mention("PER", 0, 3, "王大爷")), is_honorific_reference(Mention("PER", 0, 3, "王大明"))
    (True, False)
    """
    return m.label == "PER" and (g or grammar()).honorific.fullmatch(m.text) is not None


def is_surname_reference(text: str, start: int, end: int, g: TitleGrammar | None = None) -> bool:
    """``text[start:end]`` is a bare surname that a title or honorific right after it makes a
    person (汤局长, 李老师, 唐外长): the one kind of one-character name.

    People's Daily NER tags the surname alone (李 of 李老师); OUTPUT.md keeps titles out of
    the name, and real pages take 吕书记 or 王大爷 as an optional PER, which the surname inside
    does not contradict.

    >>> is_surname_reference("当汤局长为西藏", 1, 2), is_surname_reference("李老师看了", 0, 1)
    (True, True)
    >>> is_surname_reference("在汤河边", 1, 2), is_surname_reference("的局长说", 0, 1), is_surname_reference("汤局长", 0, 3)
    (False, False, False)
    """
    g = g or grammar()
    return end - start == 1 and text[start] in g.single_surnames \
        and g.surname_follower.match(text, end) is not None


def split_titles(chain: str, g: TitleGrammar | None = None) -> list[str]:
    """A title chain cut at 、 where every piece is a title of its own.

    >>> split_titles("党工委书记、管委会主任")
    ['党工委书记', '管委会主任']
    >>> split_titles("党工委、管委会班子成员")
    ['党工委、管委会班子成员']
    """
    g = g or grammar()
    parts: list[str] = []
    pos = 0
    while pos < len(chain):
        m = g.part.match(chain, pos)
        if m is None or m.end() == pos:
            return [chain]
        # the longest part ending at a 、 or at the end
        end = m.end()
        parts.append(chain[pos:end])
        pos = end
        if pos < len(chain):
            if chain[pos] != "、":
                return [chain]
            pos += 1
    return parts or [chain]


def title_chain_before(text: str, end: int, floor: int = 0,
                       g: TitleGrammar | None = None) -> tuple[int, str] | None:
    """The title chain that ends at ``end`` (``(start, chain)``), read within its clause."""
    lo = max(floor, end - 40)
    k = end - 1
    while k >= lo and text[k] not in _CLAUSE_BREAK:
        k -= 1
    window = text[k + 1:end]
    if not window:
        return None
    m = (g or grammar()).chain.search(window)
    if m is None:
        return None
    return k + 1 + m.start(), m.group()


def _is_han(ch: str) -> bool:
    return places.is_han(ch)


def name_after(text: str, pos: int, g: TitleGrammar | None = None) -> int | None:
    """End of a person's name starting at ``pos`` (surname + one or two characters), if the
    characters after it end a name (punctuation, a line end or a follower word like 一行, 表示).

    >>> t = "书记张驰调研"; t[2:name_after(t, 2)]
    '张驰'
    >>> t = "主任白建成与"; t[2:name_after(t, 2)]
    '白建成'
    >>> name_after("书记强调，", 2) is None
    True
    """
    g = g or grammar()
    n = len(text)
    options: list[int] = []
    for slen in (2, 1):
        sur = text[pos:pos + slen]
        if (slen == 2 and sur not in g.double_surnames) or (slen == 1 and sur not in g.single_surnames):
            continue
        for glen in (2, 1):
            end = pos + slen + glen
            if end > n:
                continue
            given = text[pos + slen:end]
            if not all(_is_han(c) and c not in g.not_name_chars for c in given):
                continue
            name = text[pos:end]
            if name in g.not_names or text[pos:pos + 2] in g.not_names or given in g.not_names:
                continue
            if given in g.honorifics:
                continue  # 李先生: an honorific, found (with no value) by name_ruler
            if slen == 1 and sur in g.not_name_chars and sur not in g.word_surnames:
                continue  # 都, 和: a word, not a surname, after a title
            if _ends_name(text, end, g):
                options.append(end)
        if options:
            break
    if not options:
        return None
    if len(options) == 2:
        long_end, short_end = options
        if text[short_end] in g.one_char_followers:
            return short_end
        f = g.followers.match(text, short_end)
        if f is not None and len(f.group()) >= 2 and long_end < n and _is_han(text[long_end]):
            return short_end  # 李明陪同: 陪同 follows 李明
        return long_end
    return options[0]


#: Separators of a transliterated name's parts (罗朗·雷斯, 安吉拉・克里斯亚蒂诺): the name goes on.
NAME_PART_SEPARATORS = "·・•‧"


def _ends_name(text: str, end: int, g: TitleGrammar) -> bool:
    if end >= len(text):
        return True
    ch = text[end]
    if ch in NAME_PART_SEPARATORS:
        return False  # 市长罗朗·雷斯: not the Chinese name 罗朗, a foreign one the model reads whole
    if not _is_han(ch):
        return True
    return g.followers.match(text, end) is not None


_LEVEL_TITLE = regex.compile(r"([省市县区镇乡旗])(?:委|政府|人大|政协|长|领导)")


def division_org(text: str, ents: list[Mention], idx: int, end: int) -> str:
    """``text[ents[idx].start:end]`` extended left over the adjacent divisions (长治市 + 上党区)."""
    start = ents[idx].start
    j = idx - 1
    while j >= 0 and ents[j].end == start and ents[j].label == "LOC":
        start = ents[j].start
        j -= 1
    return text[start:end]


def _division_of(m: Mention, g: places.Gazetteer) -> tuple[str, int] | None:
    """(level char, end of the division name) when ``m`` is a division or a division's body."""
    t = m.text
    for L in range(min(len(t), 12), 1, -1):
        head = t[:L]
        if head[-1] in "省市县区州盟旗" and any(e.kind == "full" for e in g.entries(head)):
            rest = t[L:]
            if m.label == "LOC" and rest == "":
                return head[-1], m.start + L
            if m.label == "ORG" and (rest == "委" or rest in ("人民政府", "政府")):
                return head[-1], m.start + L
            return None
    return None


def fill_values(text: str, ents: list[Mention], g: TitleGrammar | None = None,
                bounds: tuple[int, int] | None = None) -> None:
    """Set the ``value`` (titles, org) of the PER mentions of one article's entities ``ents``, by
    the title grammar ``g`` (default: the shipped rules); ``bounds``: the article's span."""
    g = g or grammar()
    by_level: dict[str, str] = {}
    later = _divisions_named(ents, g.gazetteer)
    home = _home_divisions(text, ents, g.gazetteer, bounds)
    outlet = _outlet_divisions(text, g.gazetteer, bounds or (ents[0].start, ents[-1].end))
    with_city = _counties_with_city(ents, g.gazetteer)
    found: dict[str, dict] = {}
    prev_per: Mention | None = None
    for i, m in enumerate(ents):
        if m.label in ("LOC", "ORG"):
            div = _division_of(m, g.gazetteer)
            if div:
                by_level[div[0]] = division_org(text, ents, i, div[1])
            continue
        if m.label != "PER":
            continue
        # 市长肖超英 … 安庆: a level title before any division of its level is named takes the
        # article's one division of that level, named later (only when it names one alone)
        levels = {**outlet, **later, **by_level, **home}
        value = _value_for(text, ents, i, prev_per, levels, g)
        if value is not None and value.get("org"):
            value["org"] = _with_city(value["org"], with_city, g.gazetteer)
        if value is not None:
            m.value = value
            if m.text not in found or _richer(value, found[m.text]):
                found[m.text] = value
            org = value.get("org")
            if org:
                for ch in "省市县区":
                    if org.endswith(ch) and _division_name_end(org, g.gazetteer):
                        by_level.setdefault(ch, org)
        prev_per = m
    for m in ents:  # the headline's 常务副县长 and the body's 县委常委、常务副县长: the fuller one
        if m.label == "PER" and m.text in found and (m.value is None or _richer(found[m.text], m.value)):
            m.value = dict(found[m.text], titles=list(found[m.text]["titles"]))


def _richer(a: dict, b: dict) -> bool:
    """Value ``a`` says more than ``b``: more titles, or as many and an org where ``b`` has none."""
    return (len(a["titles"]), a.get("org") is not None) > (len(b["titles"]), b.get("org") is not None)


def fill_page_values(ents: list[Mention]) -> None:
    """A name that got no value in its own article takes the one it got in another article of
    the page (a page cut into more articles than it has, a sidebar quoting the same official)."""
    best: dict[str, dict] = {}
    for m in ents:
        if m.label == "PER" and m.value and len(m.text) >= 2:
            if m.text not in best or _richer(m.value, best[m.text]):
                best[m.text] = m.value
    for m in ents:
        if m.label == "PER" and m.value is None and m.text in best:
            m.value = dict(best[m.text], titles=list(best[m.text]["titles"]))


_LEVEL_OF = {"省": "province", "市": "city", "县": "county", "区": "county", "旗": "county"}


def _divisions_named(ents: list[Mention], gz: places.Gazetteer) -> dict[str, str]:
    """Level character -> the full name of the one division of that level the article's places
    name (安庆 -> 市: 安庆市); a level with two divisions named gives none."""
    named: dict[str, set[str]] = {}
    for m in ents:
        if m.label != "LOC":
            continue
        divs = {(e.division.name, e.division.level) for e in gz.entries(m.text)
                if e.division is not None and e.kind != "region"}
        if len(divs) != 1:
            continue
        name, level = divs.pop()
        if name[-1] in _LEVEL:
            named.setdefault(name[-1], set()).add((name, level))
    # a 市 title is a prefecture's: with a county-level city named too (项城市 beside 周口市,
    # 长垣市 alone) whose 市长 it is stays unsure
    return {ch: name for ch, names in named.items() if len(names) == 1
            for name, level in names if _LEVEL_OF.get(ch, level) == level}


_HOME = regex.compile(r"(?:我|本)([省市县区旗])(?![场域间别分])")  # not 本市场, 本区域


def _home_divisions(text: str, ents: list[Mention], gz: places.Gazetteer,
                    bounds: tuple[int, int] | None) -> dict[str, str]:
    """Level character -> the article's own division when it speaks of ``我市`` / ``本县``: the
    first division of that level its places name before it (the headline's 张掖市 of 张掖市与安徽宣城市, the
    visited 项城 of 来到项城 … 我市市委书记). A local paper's 市委书记 is its own city's, not the
    other city named last before him (宣城市, 温州市)."""
    lo, hi = bounds if bounds is not None else (ents[0].start, ents[-1].end)
    said: dict[str, int] = {}
    for m in _HOME.finditer(text, lo, hi):
        said.setdefault(m.group(1), m.start())
    home: dict[str, str] = {}
    for m in ents:
        if m.label != "LOC" or not said.keys() - home.keys():
            continue
        divs = {e.division.name for e in gz.entries(m.text)
                if e.division is not None and e.kind != "region"}
        if len(divs) == 1:
            name = divs.pop()
            # named before the first 我市: 王春林介绍了我市… 长垣县 is another county's
            if name[-1] in said and m.start < said[name[-1]] and name[-1] not in home:
                home[name[-1]] = name
    return home


def _full_level(name: str, gz: places.Gazetteer) -> str | None:
    levels = {e.division.level for e in gz.entries(name) if e.kind == "full" and e.division is not None}
    return levels.pop() if len(levels) == 1 else None


def _counties_with_city(ents: list[Mention], gz: places.Gazetteer) -> dict[str, str]:
    """County-level division -> its name with the city, where the article names them together
    (合肥市包河区, 宜昌市夷陵区): the org of the county's officials, however they are written."""
    out: dict[str, str] = {}
    for a, b in zip(ents, ents[1:]):
        # a city, not a long 自治州 (红河哈尼族彝族自治州元阳县: the pages' gold keeps 元阳县)
        if a.label == "LOC" and b.label == "LOC" and a.end == b.start and b.text[-1] in "区县旗" \
                and a.text[-1] == "市" \
                and _full_level(a.text, gz) == "city" and _full_level(b.text, gz) == "county":
            out.setdefault(b.text, a.text + b.text)
    return out


def _with_city(org: str, with_city: dict[str, str], gz: places.Gazetteer) -> str:
    """``org`` as the article's city + county when it is that county (包河区 -> 合肥市包河区) or
    that pair under its province (安徽省合肥市包河区 -> 合肥市包河区, as the pages' gold writes it)."""
    if org in with_city:
        return with_city[org]
    for county, full in with_city.items():
        if org.endswith(full) and _full_level(org[:-len(full)], gz) == "province":
            return full
    return org


_OUTLET = regex.compile(r"来源[:：]\s*(\p{Han}{2,3})网")


def _outlet_divisions(text: str, gz: places.Gazetteer, bounds: tuple[int, int]) -> dict[str, str]:
    """Level character -> the division a county or city news site is named after (文章来源:民权网:
    县 -> 民权县), for the titles of an article that never names its own division (县委书记 …
    全县): the weakest source, below any division the article names."""
    m = _OUTLET.search(text, *bounds)
    if m is None:
        return {}
    divs = {e.division.name for e in gz.entries(m.group(1))
            if e.division is not None and e.kind in ("short", "full")}
    if len(divs) != 1:
        return {}
    name = divs.pop()
    return {name[-1]: name} if name[-1] in _LEVEL else {}


def _division_name_end(org: str, g: places.Gazetteer) -> bool:
    return any(org.endswith(k) and any(e.kind == "full" for e in g.entries(k))
               for k in (org[-L:] for L in range(2, min(len(org), 10) + 1)))


def _value_for(text: str, ents: list[Mention], i: int, prev_per: Mention | None,
               by_level: dict[str, str], g: TitleGrammar) -> dict | None:
    m = ents[i]
    k = m.start
    # a list of names after one title: 侯剑虹、孙星鹏
    if prev_per is not None and prev_per.end == k - 1 and text[k - 1] == "、" and prev_per.value:
        return {"titles": list(prev_per.value["titles"]), "org": prev_per.value.get("org")}
    ls = _list_start(text, ents, i)
    if ls < k:  # a list after one title whose middle names were missed: the first name's value
        first = next((e for e in ents[:i] if e.label == "PER" and e.start == ls), None)
        if first is not None and first.value:
            return {"titles": list(first.value["titles"]), "org": first.value.get("org")}
    floor = max((e.end for e in ents[:i] if e.label == "PER" and e.end <= k), default=0)
    if k - 1 > floor and text[k - 1] in " \u3000":
        k -= 1  # 澄城县委书记 高成文: a caption's space between title and name
    found = title_chain_before(text, k, floor, g)
    if found is None:
        return None
    cs, chain, org = _org_before(text, ents, i, found, g, k)
    titles = split_titles(chain, g)
    earlier = _chain_before_body(text, ents, i, cs, org, floor, g)
    if earlier is not None:  # …办公室主任、教育部教育督导局局长田祖荫: the first body is the org
        titles = earlier[1] + titles
        if earlier[2] and org and earlier[2][-1] in _LEVEL and org[-1] in _LEVEL and earlier[3] != "、":
            org = earlier[2] + org  # 来宾市…副主任,兴宾区委书记: the district with its city
        else:
            org = earlier[2] or org
    if org is None:  # 区委常委, 常务副区长: the division of that level named last
        lv = _LEVEL_TITLE.search(titles[0])
        if lv and lv.start() <= 2:
            org = by_level.get(lv.group(1))
    if org is None and prev_per is not None and prev_per.value and prev_per.value.get("org"):
        between = text[prev_per.end:cs]  # 副总经理钱波，开发总监姜岩: the list goes on
        if len(between) == 1 and between in "，,、；;":
            org = prev_per.value["org"]
    return {"titles": titles, "org": org}


_LEVEL = "省市县区州盟旗"


def _completes_division(place: str, chain: str, g: TitleGrammar) -> bool:
    """The chain opens with the level character that makes ``place`` a full division (长沙 +
    县政协主席) and is no committee's title (上党区委书记 keeps 区委书记, OUTPUT.md)."""
    return (chain[:1] in _LEVEL and chain[1:2] != "委" and len(chain) > 2
            and any(x.kind == "full" for x in g.gazetteer.entries(place + chain[0])))


def _list_start(text: str, ents: list[Mention], i: int) -> int:
    """Where a list of names that ends with mention ``i`` begins: 旗领导伊达木、宝音满都呼、王力平
    (a name missed in the middle still separates the last one from the first). The start of
    the earlier PER the list reaches, or mention ``i``'s own start when it follows none."""
    k = start = ents[i].start
    per_at = {e.end: e.start for e in ents[:i] if e.label == "PER"}
    for _ in range(8):
        if start < 2 or text[start - 1] != "、":
            break
        if start - 1 in per_at:
            return per_at[start - 1]
        j = start - 1
        while j > 0 and places.is_han(text[j - 1]) and start - j <= 6:
            j -= 1
        if j == 0 or text[j - 1] != "、" or not 2 <= start - 1 - j <= 5:
            break
        start = j
    return k


def _chain_before_body(text: str, ents: list[Mention], i: int, cs: int, org: str | None,
                       floor: int, g: TitleGrammar) -> tuple[int, list[str], str | None, str] | None:
    """The titles of another body listed before this one with 、 (``A办公室主任、B局局长``):
    (start, titles, org, separator), when an organization named right before the chain ``cs`` follows a 、
    that ends a title chain."""
    if org is None:
        return None
    head = next((e.start for e in ents[:i] if e.label == "ORG" and e.start < cs <= e.end), None)
    if head is None or head - 1 <= floor or text[head - 1] not in "、,，":
        return None
    found = _whole_chain_before(text, head - 1, floor, g)
    if found is None or found[0] + len(found[1]) != head - 1:
        return None
    j = next((n for n in range(i) if ents[n].start >= head), i)
    cs2, chain2, org2 = _org_before(text, ents, j, found, g, head - 1)
    if text[head - 1] != "、" and not _opens_clause(text, ents, cs2):
        return None  # 来宾市人大常委会副主任,兴宾区委书记周灵: only a clause of titles alone
    return cs2, split_titles(chain2, g), org2, text[head - 1]


def _whole_chain_before(text: str, end: int, floor: int, g: TitleGrammar) -> tuple[int, str] | None:
    """title_chain_before over a comma, whose window stops at it."""
    lo = max(floor, end - 40)
    k = end - 1
    while k >= lo and text[k] not in _CLAUSE_BREAK:
        k -= 1
    m = g.chain.search(text[k + 1:end])
    return None if m is None else (k + 1 + m.start(), m.group())


def _opens_clause(text: str, ents: list[Mention], pos: int) -> bool:
    """Only places and organizations stand between the clause's start and ``pos``."""
    moved = True
    while moved and pos > 0 and text[pos - 1] not in _CLAUSE_BREAK:
        moved = False
        for e in ents:
            if e.label in ("LOC", "ORG") and e.start < pos <= e.end:
                pos, moved = e.start, True
                break
    return pos == 0 or text[pos - 1] in _CLAUSE_BREAK


def _org_before(text: str, ents: list[Mention], i: int,
                found: tuple[int, str], g: TitleGrammar, k: int | None = None) -> tuple[int, str, str | None]:
    """(chain start, chain, org named right before the chain or None); ``k`` where the chain
    ends (default: where mention ``i`` begins)."""
    cs, chain = found
    k = ents[i].start if k is None else k
    over = adj = None
    for j in range(i):
        e = ents[j]
        if e.label not in ("ORG", "LOC"):
            continue
        if e.start < cs < e.end and e.label == "ORG":
            over = j
        elif e.end == cs:
            adj = j
    if over is not None:
        e = ents[over]
        if text[cs] in _LEVEL and text[cs + 1:cs + 2] == "委":  # 上党区委 + 书记: org 长治市上党区
            if cs > e.start and text[cs - 1] == text[cs]:
                return cs, chain, division_org(text, ents, over, cs)  # 元阳县 + 县委书记
            return cs, chain, division_org(text, ents, over, cs + 1)
        sub = text[cs:e.end]
        if (text[cs] in _LEVEL and sub[1:] in g.bodies and cs > e.start
                and any(x.kind == "full" for x in g.gazetteer.entries(text[e.start:cs + 1]))):
            return cs + 1, chain[1:], text[e.start:cs + 1]  # 来宾市 + 人大常委会副主任
        if sub in g.sub_bodies and len(chain) > len(sub):  # 新城区委组织部 + 副部长
            return e.end, chain[len(sub):], e.text
        if sub in g.bodies:  # 临汾经济开发区党工委 + 书记
            if _completes_division(text[e.start:cs], chain, g):
                return cs + 1, chain[1:], text[e.start:cs + 1]  # 长沙 + 县政协主席
            return cs, chain, text[e.start:cs]
        again = title_chain_before(text, k, e.end, g)  # …有限公司总经理: the chain begins after it
        if again is not None and again[0] == e.end:
            return again[0], again[1], e.text
        return cs, chain, None
    for j in range(i):
        e = ents[j]
        if e.label == "LOC" and e.start < cs < e.end and text[cs] == e.text[-1] and e.end == cs + 1:
            return cs, chain, division_org(text, ents, j, e.end)  # 常平村 + 村党支部书记
        if e.label == "LOC" and e.start < cs < e.end:
            again = title_chain_before(text, k, e.end, g)  # 龙潭村 + 退休干部: no title 潭村退休干部
            if again is not None and again[0] == e.end:
                return again[0], again[1], division_org(text, ents, j, e.end)
    if adj is not None:
        e = ents[adj]
        if e.label == "LOC" and _completes_division(e.text, chain, g):
            # 长沙 + 县政协主席: the level character completes the division (长沙县), the
            # title is 政协主席; a committee keeps it (上党区委书记 -> 区委书记, OUTPUT.md)
            return cs + 1, chain[1:], division_org(text, ents, adj, e.end + 1)
        if e.label == "ORG":
            sub = next((b for b in g.sub_bodies if chain.startswith(b) and len(chain) > len(b)
                        and chain[len(b)] != "、"), None)
            if sub is not None and e.text.endswith("委"):  # 周口市委 + 宣传部副部长
                return cs + len(sub), chain[len(sub):], e.text + sub
        return cs, chain, division_org(text, ents, adj, e.end) if e.label == "LOC" else e.text
    if cs > 0 and text[cs - 1] in ")）":  # 大众报业集团(大众日报社)党委书记: the body before the brackets
        ob = text.rfind("（" if text[cs - 1] == "）" else "(", max(0, cs - 20), cs - 1)
        named = next((e for e in ents[:i] if e.label == "ORG" and e.end == ob), None) if ob > 0 else None
        if named is not None:
            return cs, chain, named.text
    return cs, chain, None
