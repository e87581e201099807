"""The name grammar's rules, loaded once from ``rules/names/`` and ``rules/places/``: suffix classes
of organizations and places, stop words, titles' neighbours; and the predicates other steps share
(:func:`is_generic_org`, :func:`is_generic`, :func:`clipped_forms`)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import regex

from ...core import places
from ...core.rules import RuleError, alternation, compile_pattern, load_lexicon, load_table, numeral_class
from ..titles import TitleGrammar, load_grammar


HARD_OK = regex.compile(r"[\p{Han}A-Za-z0-9]")


HARD_BREAK = regex.compile(r"[^\p{Han}A-Za-z0-9·]")


OPEN_BRACKET = regex.compile(r"[(（]")


ALL_HAN = regex.compile(r"\p{Han}+$")


#: Bodies of the state's own organs: 国家统计局, 中央生态环境保护督察组 need no place.
NATIONAL = regex.compile(r"国家|中央|国务院|全国")


#: One-character stop words that also occur inside names often enough to read past (华为).
STOPS_IN_NAMES = frozenset("为")


#: ... and inside place names (魏都大道, 东于镇, 人和路)
STOPS_IN_LOC_NAMES = frozenset("为都于和同向将")


#: First characters of 2-character words ending in 江/河 that are no river (入河, 跨江, 过河)
NOT_RIVER = frozenset("入出沿跨过渡临大小内界运护天开拔银星冰山爱江河湖进下上到")


#: A body that is a count (2个合作社, 36家企业), not a name.
@functools.cache
def count_pattern() -> regex.Pattern:
    """A body that is a count (2个合作社, 36家企业, 第三届), not a name; numerals from the one
    numeral table."""
    return regex.compile(
        r"[0-9０-９]|" + numeral_class("to_ten_thousands", "几多数余")
        + "[个家项批类所座栋条户名位支只站届次场轮张段]|第" + numeral_class("one_to_ten") + "+[大名个条批次届]")


@dataclass(frozen=True)
class SuffixClass:
    name: str
    label: str
    anchor: str  # free | place | attach | loc
    suffixes: tuple[str, ...]
    min_body: int
    max_body: int
    max_gap: int
    priority: int
    generic_priority: int
    free_if_proper: bool
    not_before: frozenset[str]
    not_words: frozenset[str]
    digits: bool = False
    short_forms: tuple[str, ...] = ()
    weak: frozenset[str] = frozenset()
    weak_min_body: int = 4
    not_after_province: frozenset[str] = frozenset()
    not_before_suffix: tuple[tuple[str, frozenset[str]], ...] = ()
    before_ok: tuple[str, ...] = ()  # 淦河|流域: a word after the suffix that not_before lets pass
    free_before: frozenset[str] = frozenset()  # suffixes not_before does not hold for (水库|流至)
    town_body: bool = False  # 黄石镇|人民政府: a town the suffix grammar reads later is the body
    min_body_for: dict[str, int] | None = None  # per-suffix minimum body (湖: 2)
    through_short_places: bool = False
    not_after_place: frozenset[str] = frozenset()  # suffixes naming no body after a place (部门)


def _classes(table: dict, where: str, anchor_default: str | None = None) -> list[SuffixClass]:
    d = table.get("defaults", {})
    out = []
    for c in table.get("class", ()):
        try:
            anchor = c.get("anchor", anchor_default)
            if anchor not in ("free", "place", "attach", "loc"):
                raise RuleError(f"{where}: class {c.get('name')!r}: unknown anchor {anchor!r}")
            out.append(SuffixClass(
                name=c["name"], label=c.get("label", "LOC"), anchor=anchor,
                suffixes=tuple(c["suffixes"]),
                min_body=int(c.get("min_body", d.get("min_body", 2))),
                max_body=int(c.get("max_body", d.get("max_body", 16))),
                max_gap=int(c.get("max_gap", d.get("max_gap", 6))),
                priority=int(c.get("priority", d.get("priority", 5))),
                generic_priority=int(c.get("generic_priority", d.get("generic_priority", 2))),
                free_if_proper=bool(c.get("free_if_proper", False)),
                not_before=frozenset(c.get("not_before", "")),
                not_words=frozenset(c.get("not_words", ())),
                digits=bool(c.get("digits", False)),
                short_forms=tuple(c.get("short_forms", ())),
                weak=frozenset(c.get("weak", ())),
                weak_min_body=int(c.get("weak_min_body", d.get("weak_min_body", 4))),
                not_after_province=frozenset(c.get("not_after_province", ())),
                not_before_suffix=tuple((k, frozenset(v)) for k, v in c.get("not_before_suffix", {}).items()),
                before_ok=tuple(c.get("before_ok", ())),
                free_before=frozenset(c.get("free_before", ())),
                town_body=bool(c.get("town_body", False)),
                through_short_places=bool(c.get("through_short_places", False)),
                not_after_place=frozenset(c.get("not_after_place", ())),
                min_body_for={k: int(v) for k, v in c.get("min_body_for", {}).items()},
            ))
        except KeyError as exc:
            raise RuleError(f"{where}: class {c.get('name')!r} lacks {exc}") from exc
    return out


@dataclass
class Rules:
    org_classes: list[SuffixClass]
    loc_classes: list[SuffixClass]
    org_suffix: dict[str, SuffixClass]
    loc_suffix: dict[str, SuffixClass]
    org_re: re.Pattern
    loc_re: re.Pattern
    committee_re: regex.Pattern
    stop_re: re.Pattern
    stop_words: frozenset[str]
    generic: frozenset[str]
    generic_max: int
    zone_short_re: re.Pattern | None
    zone_suffixes: tuple[str, ...]
    zone_suffix_re: re.Pattern
    zone_families: dict[str, tuple[str, ...]]
    body_final: frozenset[str]  # last characters of a body name (the resolver's model ORGs)
    zone_family_suffixes: tuple[str, ...]  # every zone suffix and family member, longest first
    titles: TitleGrammar  # the titles before a person's name (names/titles.toml)
    gazetteer: places.Gazetteer  # divisions, regions, places abroad (places/)
    country_pair_re: regex.Pattern  # 中美, 中印 before a relation word (places/country_pairs.toml)
    not_country_pairs: frozenset[str]  # words that look like a pair (加以)
    pair_countries: frozenset[str]  # the full names behind the one-character countries
    one_char_places: frozenset[str]  # characters that may be a place alone (美, 粤, 华: one_character.txt)
    country_characters: frozenset[str]  # the one-character countries of country_pairs.toml (中, 美, 俄)
    known_org_re: re.Pattern  # names/known_orgs.txt
    masthead_re: regex.Pattern  # 《…报》 (names/org.toml [masthead])
    masthead_not_before_bao: frozenset[str]  # 《情况通报》: a document, not a paper
    brand_cue_re: re.Pattern | None = None  # 房多多旗下: a trade name before a company's cue word
    party_prefixes: tuple[str, ...] = ()  # 中共, 共青团: join a place's committee (中共河北省委)
    org_suffix_lengths: tuple[int, ...] = ()  # distinct lengths of org_suffix, longest first
    central_body_re: re.Pattern | None = None  # names/central_bodies.txt: 生态环境部, 人社部
    regions_abroad: frozenset[str] = frozenset()  # places/regions_abroad.txt: 亚洲地区 -> 亚洲
    region_parts: tuple[str, ...] = ()  # places/region_parts.txt: 东北地区北部 -> 东北

    def org_endings(self, text: str) -> list[str]:
        """The organization suffixes ``text`` ends with, longest first (one dict lookup per
        suffix length instead of ``endswith`` against each of the table's suffixes)."""
        n = len(text)
        return [text[n - k:] for k in self.org_suffix_lengths if k <= n and text[n - k:] in self.org_suffix]

    def is_generic_org(self, text: str) -> bool:
        """See :func:`is_generic_org`."""
        endings = self.org_endings(text) + [s for s in _COMMITTEE_ENDINGS if text.endswith(s)]
        if not endings:
            return False
        rest = text[: len(text) - max(map(len, endings))]
        return not rest or self.is_generic(rest)

    def is_generic(self, body: str, singles: bool = True) -> bool:
        """See :func:`is_generic`."""
        n = len(body)
        if n == 0:
            return True
        ok = [False] * (n + 1)
        ok[0] = True
        for i in range(n):
            if not ok[i]:
                continue
            for L in range(1, min(self.generic_max, n - i) + 1):
                if L == 1 and not singles and body[i] not in _LOC_SINGLES:
                    continue
                if body[i:i + L] in self.generic:
                    ok[i + L] = True
        return ok[n]

    def clipped_forms(self, name: str) -> list[str]:
        """See :func:`clipped_forms`."""
        out: list[str] = []
        for br in ("(", "（"):
            if br in name:
                head = name.split(br, 1)[0]
                if 2 <= len(head) <= 8 and not self.is_generic(head):
                    out.append(head)
                return out
        body = name
        for suf in self.org_endings(body):
            if self.org_suffix[suf].name == "company":
                if not suf.endswith(("公司", "集团")):
                    return out  # 济南污水处理厂: no legal form, no trade name to clip
                body = body[: -len(suf)]
                break
        else:
            return out
        g = self.gazetteer
        trade = self.strip_generic(_strip_places(body, g))
        if 3 <= len(trade) <= 5 and trade != body and ALL_HAN.match(trade) and not g.is_key(trade):
            out.append(trade)
        return out

    def strip_generic(self, body: str) -> str:
        """``body`` without generic words (two characters or more) at either end."""
        changed = True
        while changed and body:
            changed = False
            for L in range(min(self.generic_max, len(body) - 1), 1, -1):
                if body[-L:] in self.generic:
                    body, changed = body[:-L], True
                    break
                if body[:L] in self.generic:
                    body, changed = body[L:], True
                    break
        return body


def literal_pattern(words) -> re.Pattern:
    """A longest-first alternation of plain words. The standard ``re`` engine scans literal
    alternations several times faster than ``regex``; patterns with classes use ``regex``."""
    return re.compile(alternation(words))


@functools.cache
def rules() -> Rules:
    """The name rules of the default rules directory, built once: for callers outside a
    component (``name_ruler`` and the others build their own with :func:`load_rules`)."""
    return load_rules()


def load_rules(directory: Path | None = None) -> Rules:
    """Compile the name rules of ``directory`` (default: the shipped rules): ``names/org.toml``,
    ``places/loc.toml``, the stop, generic and known-organisation lists, the title grammar and
    the country pairs."""
    org_table = load_table("names/org.toml", directory)
    org_classes = _classes(org_table, "names/org.toml")
    loc_classes = _classes(load_table("places/loc.toml", directory), "places/loc.toml", "loc")
    org_suffix: dict[str, SuffixClass] = {}
    for c in org_classes:
        for s in c.suffixes:
            org_suffix.setdefault(s, c)
    loc_suffix: dict[str, SuffixClass] = {}
    for c in loc_classes:
        for s in c.suffixes:
            loc_suffix.setdefault(s, c)
    entries = load_lexicon("names/stopwords.txt", directory)
    stops = [w for w in entries if not w.startswith("!")]
    unstops = [w[1:] for w in entries if w.startswith("!") and len(w) > 1]
    generic = load_lexicon("names/generic.txt", directory)
    zone = [c for c in org_classes if c.anchor == "place" or c.short_forms]
    shorts = [s for c in zone for s in c.short_forms]
    zone_families = {k: tuple(v) for k, v in org_table.get("zone_families", {}).items()}
    family_suffixes: set[str] = set(zone_families) | {s for c in zone for s in c.suffixes}
    for members in zone_families.values():
        family_suffixes.update(members)
    pairs = load_table("places/country_pairs.toml", directory)
    pair_chars = "".join(sorted(pairs["countries"]))
    masthead = org_table["masthead"]
    return Rules(
        org_classes=org_classes,
        loc_classes=loc_classes,
        org_suffix=org_suffix,
        loc_suffix=loc_suffix,
        org_re=literal_pattern(org_suffix),
        loc_re=re.compile("(?=(" + alternation(loc_suffix) + "))"),  # every start: suffixes overlap
        committee_re=compile_pattern(r"(?<=[省市县区州盟旗])委(?![员托])", "committee"),
        stop_re=literal_pattern(stops + unstops),
        stop_words=frozenset(stops),
        generic=frozenset(generic),
        generic_max=max(len(w) for w in generic),
        zone_short_re=literal_pattern(shorts) if shorts else None,
        zone_suffixes=tuple(s for c in zone for s in c.suffixes),
        zone_suffix_re=literal_pattern([s for c in zone for s in c.suffixes]),
        zone_families=zone_families,
        body_final=frozenset(org_table.get("model_body", {}).get("final_chars", "")),
        zone_family_suffixes=tuple(sorted(family_suffixes, key=len, reverse=True)),
        titles=load_grammar(directory),
        gazetteer=places.load_gazetteer(directory),
        # 中国 is among the full names, which no place list holds: the model reads it, and it
        # opens too many organisation names; the team-list rule counts them as countries
        country_pair_re=compile_pattern(
            r"[%s][%s](?=%s)" % (pair_chars, pair_chars, alternation(pairs["followed_by"])),
            "places/country_pairs.toml"),
        not_country_pairs=frozenset(pairs["not_pairs"]["words"]),
        pair_countries=frozenset(pairs["countries"].values()),
        country_characters=frozenset(pairs["countries"]),
        one_char_places=frozenset(pairs["countries"]) | frozenset(
            line.split("\t", 1)[0] for line in load_lexicon("places/province_abbreviations.txt", directory))
        | frozenset(load_lexicon("places/one_character.txt", directory)),
        known_org_re=literal_pattern(load_lexicon("names/known_orgs.txt", directory)),
        central_body_re=literal_pattern(load_lexicon("names/central_bodies.txt", directory)),
        regions_abroad=frozenset(load_lexicon("places/regions_abroad.txt", directory)),
        region_parts=tuple(load_lexicon("places/region_parts.txt", directory)),
        masthead_re=compile_pattern(
            r"《([^《》\s]{1,%d}?%s)》" % (int(masthead["max_name"]) - 1, alternation(masthead["suffixes"])),
            "names/org.toml [masthead]"),
        masthead_not_before_bao=frozenset(masthead["not_before_bao"]),
        brand_cue_re=_brand_cue_re(org_table.get("brand_cue", {})),
        org_suffix_lengths=tuple(sorted({len(x) for x in org_suffix}, reverse=True)),
        party_prefixes=tuple(sorted(org_table.get("party_prefix", {}).get("prefixes", ()),
                                    key=len, reverse=True)),
    )


#: Single characters that count as generic in place bodies (生态性园区); other single generic
#: characters (区, 各, 一…) only in organization bodies, since 区, 村 end place names.
_LOC_SINGLES = frozenset("性")


#: Committee endings that make a body of a bare level word (市委, 区委, 县委常委会).
_COMMITTEE_ENDINGS = ("委员会", "常委会", "党工委", "党委", "党组", "工委", "委")


def is_generic_org(text: str) -> bool:
    """True when ``text`` is an organization word without a proper name (市委, 县政府, 区科技局).

    OUTPUT.md makes such bodies optional ORGs that the rules emit where they stand alone; the
    model's copies (it learned 市委 as ORG from People's Daily) would also fire inside titles.

    >>> is_generic_org("市委"), is_generic_org("县政府"), is_generic_org("上党区委")
    (True, True, False)
    >>> is_generic_org("世界银行"), is_generic_org("国家中心")
    (True, True)
    """
    return rules().is_generic_org(text)


def is_generic(body: str, singles: bool = True) -> bool:
    """True when ``body`` is made of generic words only (科技, 生态环境, 区, 招商…).

    >>> is_generic("区科技"), is_generic("生态环境"), is_generic("路达市政园林养护")
    (True, True, False)
    >>> is_generic("区科技"), is_generic("区科技", singles=False)
    (True, False)
    """
    return rules().is_generic(body, singles)


def clipped_forms(name: str) -> list[str]:
    """Short forms a company goes by in the same article: the trade name before a bracketed
    place (two characters or more), or the name without its places, trade words (generic.txt)
    and legal form (three characters or more: two-character ones are too often plain words,
    开创, 天成).

    >>> clipped_forms("东方旭能(山东)科技发展有限公司")
    ['东方旭能']
    >>> clipped_forms("山西华鑫源新材料科技有限公司"), clipped_forms("阳泉煤业华益机械有限公司")
    (['华鑫源'], [])
    """
    return rules().clipped_forms(name)


def _strip_places(body: str, g: places.Gazetteer) -> str:
    pos = 0
    for m in g.find(body):
        if m.start != pos:
            break
        pos = m.end
    return body[pos:]


def _brand_cue_re(table: dict) -> re.Pattern | None:
    """``房多多旗下``: up to ``max_name`` Han characters right before a cue word."""
    if not table.get("after"):
        return None
    return re.compile(r"[\u4e00-\u9fff]{2,%d}(?=%s)" % (int(table.get("max_name", 6)), alternation(table["after"])))
