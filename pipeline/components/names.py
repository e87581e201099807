"""``name_ruler``: organizations, places and people found by grammar and lexicon.

Runs before ``entity_resolver`` and only proposes (``doc._.candidates``); the resolver decides
against the statistical model (longest span first, then ``priority``; the model's is 3).

One pass per kind over the page, each a compiled alternation or the gazetteer scan:

1. **Places** from the gazetteer (:mod:`pipeline.places`): full division names anywhere
   (two-character ones like ``盂县`` only after a stop, so ``相应县级`` is no 应县); province and
   city short forms (``山西``, ``阳泉``) anywhere; county short forms (``太谷``) only when the
   article also names the full division; regions (``京津冀``, ``晋东``); cities abroad
   (``rules/places/abroad.txt``) at a priority below the model's, so a club (``利物浦``) stays ORG.
2. **Organizations** by suffix grammar (``rules/names/org.toml``): where the name begins is the
   hard part. The body runs back to the nearest *stop* (punctuation, a stop word from
   ``rules/names/stopwords.txt``, an earlier entity), is capped in length, and depending on the
   suffix must start at a place (zones: ``阳泉高新区``), attach to the place or organization right
   before it (``阳泉市生态环境局``, ``娲石集团党委``, ``上党区委``) or hold a proper-name part
   (companies: ``东方旭能(山东)科技发展有限公司``). Of a chain of divisions only the last joins
   an organization: ``长治市上党区委`` gives LOC ``长治市`` + ORG ``上党区委``.
3. **Places** by suffix grammar (``rules/places/loc.toml``): roads, bridges, parks, villages,
   industrial parks (``洪城北路``, ``207国道``, ``北山公园``, ``平坦垴村``).
4. **People** after a title (``rules/names/titles.toml``): ``区委书记张驰``, lists after one title
   (``班子成员侯剑虹、孙星鹏``), and every other mention of those names in the same article.
5. **Short forms** that only make sense beside a full name in the same article: bare zone words
   (``高新区`` where the article names ``阳泉高新区``) and clipped company names (``东方旭能``).
6. **Counted lists**: the items of ``昌鑫铸造、天雨消防、华海建材等5家企业`` are organizations
   (trade names without a suffix, which the suffix grammar cannot see).
7. **Known names**: two one-character countries before a relation word (``中印边界``), papers
   between title marks (``《费加罗报》``), and organisations known by a name no suffix marks
   (``rules/names/known_orgs.txt``: ``邯钢``, ``共同社``), the last below any longer span.

Offsets are characters of ``doc.text``; every candidate satisfies ``text[start:end] == text``.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .. import places
from ..document import ArticleInfo, Mention, doc_list, doc_text, register_extensions
from ..rules import RuleError, alternation, compile_pattern, load_lexicon, load_table, numeral_class
from .titles import grammar as title_grammar
from .titles import name_after

register_extensions()

_HARD_OK = regex.compile(r"[\p{Han}A-Za-z0-9]")
_HARD_BREAK = regex.compile(r"[^\p{Han}A-Za-z0-9·]")
_OPEN_BRACKET = regex.compile(r"[(（]")
_ALL_HAN = regex.compile(r"\p{Han}+$")
#: Bodies of the state's own organs: 国家统计局, 中央生态环境保护督察组 need no place.
_NATIONAL = regex.compile(r"国家|中央|国务院|全国")
#: One-character stop words that also occur inside names often enough to read past (华为).
_STOPS_IN_NAMES = frozenset("为")
#: ... and inside place names (魏都大道, 东于镇, 人和路)
_STOPS_IN_LOC_NAMES = frozenset("为都于和同向将")
#: First characters of 2-character words ending in 江/河 that are no river (入河, 跨江, 过河)
_NOT_RIVER = frozenset("入出沿跨过渡临大小内界运护天开拔银星冰山爱江河湖进下上到")
@functools.cache
def _count_pattern() -> regex.Pattern:
    """A body that is a count (2个合作社, 36家企业, 第三届), not a name."""
    return regex.compile(
        r"[0-9０-９]|" + numeral_class("to_ten_thousands", "几多数余")
        + "[个家项批类所座栋条户名位支只站届次场轮张段]|第" + numeral_class("one_to_ten") + "+[大名个条批次届]")


# -- rule tables ---------------------------------------------------------------------------------

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
    party_prefixes: tuple[str, ...] = ()  # 中共, 共青团: join a place's committee (中共河北省委)
    org_suffix_lengths: tuple[int, ...] = ()  # distinct lengths of org_suffix, longest first

    def org_endings(self, text: str) -> list[str]:
        """The organization suffixes ``text`` ends with, longest first (one dict lookup per
        suffix length instead of ``endswith`` against each of the table's suffixes)."""
        n = len(text)
        return [text[n - k:] for k in self.org_suffix_lengths if k <= n and text[n - k:] in self.org_suffix]


def literal_pattern(words) -> re.Pattern:
    """A longest-first alternation of plain words. The standard ``re`` engine scans literal
    alternations several times faster than ``regex``; patterns with classes use ``regex``."""
    return re.compile(alternation(words))


@functools.cache
def rules() -> Rules:
    org_classes = _classes(load_table("names/org.toml"), "names/org.toml")
    loc_classes = _classes(load_table("places/loc.toml"), "places/loc.toml", "loc")
    org_suffix: dict[str, SuffixClass] = {}
    for c in org_classes:
        for s in c.suffixes:
            org_suffix.setdefault(s, c)
    loc_suffix: dict[str, SuffixClass] = {}
    for c in loc_classes:
        for s in c.suffixes:
            loc_suffix.setdefault(s, c)
    entries = load_lexicon("names/stopwords.txt")
    stops = [w for w in entries if not w.startswith("!")]
    unstops = [w[1:] for w in entries if w.startswith("!") and len(w) > 1]
    generic = load_lexicon("names/generic.txt")
    zone = [c for c in org_classes if c.anchor == "place" or c.short_forms]
    shorts = [s for c in zone for s in c.short_forms]
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
        zone_families={k: tuple(v) for k, v in load_table("names/org.toml").get("zone_families", {}).items()},
        body_final=frozenset(load_table("names/org.toml").get("model_body", {}).get("final_chars", "")),
        org_suffix_lengths=tuple(sorted({len(x) for x in org_suffix}, reverse=True)),
        party_prefixes=tuple(sorted(load_table("names/org.toml").get("party_prefix", {}).get("prefixes", ()),
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
    r = rules()
    endings = r.org_endings(text) + [s for s in _COMMITTEE_ENDINGS if text.endswith(s)]
    if not endings:
        return False
    rest = text[: len(text) - max(map(len, endings))]
    return not rest or is_generic(rest)


def is_generic(body: str, singles: bool = True) -> bool:
    """True when ``body`` is made of generic words only (科技, 生态环境, 区, 招商…).

    >>> is_generic("区科技"), is_generic("生态环境"), is_generic("路达市政园林养护")
    (True, True, False)
    >>> is_generic("区科技"), is_generic("区科技", singles=False)
    (True, False)
    """
    r = rules()
    n = len(body)
    if n == 0:
        return True
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if not ok[i]:
            continue
        for L in range(1, min(r.generic_max, n - i) + 1):
            if L == 1 and not singles and body[i] not in _LOC_SINGLES:
                continue
            if body[i:i + L] in r.generic:
                ok[i + L] = True
    return ok[n]


# -- per-document state --------------------------------------------------------------------------

@dataclass
class _Org:
    start: int
    end: int
    cls: SuffixClass
    generic: bool = False
    bare_zone: bool = False  # a zone short form with no place before it (高新区)
    body_start: int = 0  # where the proper body begins (after a leading place), for clipping


class _Page:
    """Barriers and place matches of one document."""

    def __init__(self, text: str):
        self.text = text
        self.places: list[places.Match] = []  # accepted gazetteer places (set by _places)
        self.single_stop_ends: set[int] = set()  # ends of one-character stop words (为, 和)
        self.place_starts: set[int] = set()
        n = len(text)
        g = places.gazetteer()
        r = rules()
        self.anchors = g.find_all(text)  # every gazetteer key occurrence (overlapping)
        self.anchor_starts = [m.start for m in self.anchors]
        self.anchor_ends: dict[int, list[places.Match]] = {}
        for m in self.anchors:
            self.anchor_ends.setdefault(m.end, []).append(m)
        protected = bytearray(n + 1)  # inside a full place name: stop words there do not count
        for m in self.anchors:
            if m.kind != "short" or m.level in ("province", "city"):
                protected[m.start:m.end] = b"\x01" * (m.end - m.start)
        # marks: positions a name's body cannot reach back across (after punctuation, after a
        # stop word); barrier(k) is the last of them at or before k
        marks = {m.start() + 1 for m in _HARD_BREAK.finditer(text)}
        for m in _OPEN_BRACKET.finditer(text):  # 东方旭能(山东)科技…: a bracketed place is no break
            close = _bracket_place(text, m.start())
            if close:
                marks.difference_update(range(m.start() + 1, close + 1))
        stop_words = r.stop_words
        strong = set(marks)  # punctuation and stop words of two characters or more
        for m in r.stop_re.finditer(text):
            a, z = m.span()
            if 1 in protected[a:z] or m.group() not in stop_words:
                continue
            marks.add(z)
            if z - a > 1:
                strong.add(z)
            else:
                self.single_stop_ends.add(z)
        self.marks = marks
        self._sorted_marks = sorted(marks)
        self._sorted_strong = sorted(strong)

    def barrier_before_stop(self, b: int) -> int | None:
        """When ``b`` ends a one-character stop word glued to characters before it (华为: 为),
        the barrier before that stop word, for a second reading of the name; else None."""
        if b in self.single_stop_ends and b >= 2 and self.text[b - 1] in _STOPS_IN_NAMES \
                and places.is_han(self.text[b - 2]) and (b - 1) not in self.marks:
            return self.barrier(b - 1)
        return None

    def barrier(self, k: int, extra: int = 0, strong: bool = False) -> int:
        """The last stop at or before ``k``; ``strong`` ignores one-character stop words
        (为, 和), which also occur inside names (华为)."""
        marks = self._sorted_strong if strong else self._sorted_marks
        i = bisect.bisect_right(marks, k) - 1
        return max(marks[i] if i >= 0 else 0, extra)

    def is_mark(self, k: int) -> bool:
        return k in self.marks


def _bracket_place(text: str, i: int) -> int | None:
    """End (after the closing bracket) of ``(山东)`` when the bracket holds a gazetteer place."""
    close = "）" if text[i] == "（" else ")"
    j = text.find(close, i + 1, i + 8)
    if j < 0:
        return None
    inner = text[i + 1:j]
    if 2 <= len(inner) <= 6 and places.gazetteer().is_key(inner):
        return j + 1
    return None


def _last_at_or_before(sorted_positions: list[int], k: int) -> int:
    i = bisect.bisect_right(sorted_positions, k) - 1
    return sorted_positions[i] if i >= 0 else 0


def _not_word_hit(text: str, start: int, end: int, suffix: str, not_words: frozenset[str]) -> bool:
    """The suffix belongs to another word ending here (发展格局, 农村) or the name is such a word."""
    for L in range(len(suffix), min(_NOT_WORD_MAX, end) + 1):
        if text[end - L:end] in not_words:
            if L > len(suffix) or start >= end - L:
                return True
    return False


_NOT_WORD_MAX = 8


# -- the component -------------------------------------------------------------------------------

@Language.factory(
    "name_ruler",
    assigns=["doc._.candidates"],
    requires=["doc._.articles"],
    default_config={},
)
def make_name_ruler(nlp: Language, name: str) -> "NameRuler":
    return NameRuler()


class NameRuler:
    def __init__(self) -> None:
        rules()
        places.gazetteer()
        title_grammar()

    def __call__(self, doc: Doc) -> Doc:
        doc_list(doc, "candidates").extend(find_names(doc_text(doc), doc._.articles))
        return doc


def find_names(text: str, articles: list[ArticleInfo] | None = None) -> list[Mention]:
    """All name candidates of a page (see the module docstring)."""
    if not text:
        return []
    page = _Page(text)
    arts = _article_bounds(articles, len(text))
    out: list[Mention] = []
    place_cands = _places(page, arts)
    out.extend(place_cands)
    orgs = _orgs(page)
    out.extend(_org_mentions(page, orgs, arts))
    ends = sorted({m.end for m in place_cands} | {o.end for o in orgs if not o.generic})
    locs = _locs(page, ends)
    out.extend(locs)
    taken = [(m.start, m.end) for m in out if m.priority >= 5]
    people = _people(page, arts, taken)
    out.extend(people)
    out.extend(_clipped_companies(page, orgs, arts))
    out.extend(_enumerated_orgs(page))
    out.extend(_country_pairs(text))
    out.extend(_mastheads(text))
    out.extend(_known_orgs(text))
    out.extend(_team_lists(page))
    return [m for m in out if text[m.start:m.end] == m.text and m.end > m.start]


@functools.cache
def _country_pair_rules() -> tuple[regex.Pattern, frozenset[str], frozenset[str]]:
    """The pair pattern, the false pairs, and the full names behind the one-character countries
    (中国 among them, which no place list holds: the model reads it, and it opens too many
    organisation names; the team-list rule counts them as countries)."""
    table = load_table("places/country_pairs.toml")
    chars = "".join(sorted(table["countries"]))
    pattern = compile_pattern(r"[%s][%s](?=%s)" % (chars, chars, alternation(table["followed_by"])),
                              "places/country_pairs.toml")
    return pattern, frozenset(table["not_pairs"]["words"]), frozenset(table["countries"].values())


def _country_pairs(text: str) -> list[Mention]:
    """中美两国, 中印边界: two countries of one character each (rules/places/country_pairs.toml),
    each its own LOC, as pd_ner.dev writes coordinated one-character places."""
    pattern, not_pairs, _ = _country_pair_rules()
    out = []
    for m in pattern.finditer(text):
        a, b = m.start(), m.start() + 1
        if text[a:a + 2] in not_pairs:
            continue  # 加以合作: a word, not two countries
        out.append(Mention("LOC", a, a + 1, text[a], source="rule", priority=6))
        out.append(Mention("LOC", b, b + 1, text[b], source="rule", priority=6))
    return out


@functools.cache
def _known_org_pattern() -> re.Pattern:
    return literal_pattern(load_lexicon("names/known_orgs.txt"))


#: Among the model's spans, not before them (the resolver's confident rules start at 5): a
#: known name beats a model span of its length or shorter (亚/LOC), never a longer one
#: (邯钢集团公司), nor a place or suffix rule.
KNOWN_ORG_PRIORITY = 4


def _known_orgs(text: str) -> list[Mention]:
    """微软, 邯钢, 共同社: organisations by a name no suffix marks (rules/names/known_orgs.txt)."""
    return [Mention("ORG", m.start(), m.end(), m.group(), source="rule", priority=KNOWN_ORG_PRIORITY)
            for m in _known_org_pattern().finditer(text)]


@functools.cache
def _masthead_rules() -> tuple[regex.Pattern, frozenset[str]]:
    table = load_table("names/org.toml")["masthead"]
    pattern = r"《([^《》\s]{1,%d}?%s)》" % (int(table["max_name"]) - 1, alternation(table["suffixes"]))
    return compile_pattern(pattern, "names/org.toml [masthead]"), frozenset(table["not_before_bao"])


def _mastheads(text: str) -> list[Mention]:
    """《费加罗报》, 《经济周刊》: a paper or magazine between title marks, the name without them."""
    pattern, not_before_bao = _masthead_rules()
    out = []
    for m in pattern.finditer(text):
        name = m.group(1)
        if name.endswith("报") and len(name) >= 2 and name[-2] in not_before_bao:
            continue  # 《情况通报》, 《联合公报》: a document, not a paper
        out.append(Mention("ORG", m.start(1), m.end(1), name, source="rule", priority=5))
    return out


def _article_bounds(articles: list[ArticleInfo] | None, n: int) -> list[tuple[int, int]]:
    if not articles:
        return [(0, n)]
    bounds = []
    for i, a in enumerate(articles):
        lo = 0 if i == 0 else a.start
        hi = articles[i + 1].start if i + 1 < len(articles) else n
        bounds.append((lo, hi))
    return bounds


def _article_of(arts: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for lo, hi in arts:
        if lo <= pos < hi:
            return lo, hi
    return arts[-1]


# -- 1. places from the gazetteer ----------------------------------------------------------------

def _places(page: _Page, arts: list[tuple[int, int]]) -> list[Mention]:
    text = page.text
    g = places.gazetteer()
    # full names present per article: evidence for county short forms
    full_by_art: dict[tuple[int, int], set[str]] = {}
    city_by_art: dict[tuple[int, int], set[str]] = {}  # 4-digit codes of cities named
    for m in page.anchors:
        if m.kind == "full":
            for d in m.divisions:
                full_by_art.setdefault(_article_of(arts, m.start), set()).add(d.code)
        divs = m.divisions
        if divs and len({d.code for d in divs}) == 1 and divs[0].level == "city" and m.kind != "region":
            city_by_art.setdefault(_article_of(arts, m.start), set()).add(divs[0].code[:4])
    accepted: list[places.Match] = []
    vetoed = bytearray(len(text) + 1)
    for v in g.veto_re.finditer(text) if g.veto_re is not None else ():
        vetoed[v.start():v.end()] = b"\x01" * (v.end() - v.start())
    for m in page.anchors:
        if 1 in vetoed[m.start:m.end]:
            continue
        if m.kind == "full":
            if len(m.text) == 2 and not _left_ok(page, m.start):
                continue
            if len(m.text) == 2 and m.end < len(text) and text[m.end] in "城域级长":
                continue
            accepted.append(m)
        elif m.kind == "region":
            accepted.append(m)
        else:  # short form
            divs = m.divisions
            if any(d.level in ("province", "city") for d in divs):
                accepted.append(m)
            else:
                art = _article_of(arts, m.start)
                codes = full_by_art.get(art, set())
                cities = city_by_art.get(art, set())
                if any(d.code in codes or d.code[:4] in cities for d in divs) or _in_zone_name(page, m):
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
    page.places = chosen
    page.place_starts = {m.start for m in chosen}
    return [Mention("LOC", m.start, m.end, m.text, source="lexicon",
                    priority=ABROAD_PRIORITY if m.text in g.abroad else 6 if m.kind in ("full", "region") else 4)
            for m in chosen]


#: Below the model's spans (3): a city abroad fills a gap or takes a longer span than the
#: model's (维也纳市 over 维也纳), but a model ORG of the same span stays (利物浦 the club).
ABROAD_PRIORITY = 2


def _left_ok(page: _Page, start: int) -> bool:
    """A stop (punctuation, stop word) or another place ends right before ``start``."""
    if start == 0:
        return True
    if page.is_mark(start):
        return True
    return start in page.anchor_ends


def _in_zone_name(page: _Page, m: places.Match) -> bool:
    """A county short form right before a zone suffix (太谷经开区): the zone confirms it."""
    r = rules()
    text = page.text
    for s in r.zone_suffixes:
        if text.startswith(s, m.end):
            return True
    return False


# -- 2. organizations ----------------------------------------------------------------------------

def _orgs(page: _Page) -> list[_Org]:
    text = page.text
    r = rules()
    found: list[_Org] = []
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


def _with_party_prefix(page: _Page, org: _Org, floor: int) -> _Org:
    """``org`` started where a place starts and ends in 委: a party written right before it
    (中共|河北省委, 共青团|衡阳市委) is part of the committee's name."""
    text = page.text
    if not text.endswith("委", 0, org.end) or org.start not in page.place_starts:
        return org
    for prefix in rules().party_prefixes:
        start = org.start - len(prefix)
        if start >= floor and text.startswith(prefix, start):
            return replace(org, start=start)
    return org


_COMMITTEE_CLS = SuffixClass("committee", "ORG", "attach", ("委",), 1, 12, 0, 5, 2, False,
                             frozenset(), frozenset())


def _committee(page: _Page, s: int, e: int) -> _Org | None:
    """``上党区委``: a full division name ending in its level character, then 委."""
    best = None
    for m in page.anchor_ends.get(s, ()):  # place ends at the level character 区
        if m.kind == "full" and m.text[-1] == page.text[s - 1] and (best is None or m.start < best.start):
            best = m
    if best is None:
        return None
    return _Org(best.start, e, _COMMITTEE_CLS, body_start=best.start)


def _org_at(page: _Page, s: int, e: int, suffix: str, cls: SuffixClass, found: list[_Org]) -> _Org | None:
    text = page.text
    if e < len(text) and text[e] in cls.not_before:
        return None
    prev = found[-1] if found else None
    b = page.barrier(s)
    b = max(b, s - max(cls.max_body, cls.max_gap) - 8)
    if cls.anchor == "place":
        anchor = _place_anchor(page, b, s, cls.max_gap)
        if anchor is None:
            if suffix in cls.short_forms:
                return _Org(s, e, cls, bare_zone=True, body_start=s)
            return None
        start = anchor.start
        if anchor.end == s and suffix in cls.not_after_province and anchor.level == "province":
            return None  # 山西省开发区: the province's zones, not one zone
        if _not_word_hit(text, start, e, suffix, cls.not_words):
            return None
        return _Org(start, e, cls, body_start=start)
    if cls.anchor == "attach" or cls.free_if_proper:
        # the gap is generic words, which may hold a one-character stop word (文化和旅游局)
        bs = max(page.barrier(s, strong=True), s - cls.max_gap - 12)
        # right after an organization: merge (高新区生态环境分局, 娲石集团党委)
        if prev is not None and prev.end >= bs and prev.end <= s and s - prev.end <= cls.max_gap:
            gap = text[prev.end:s]
            if is_generic(gap) and not _not_word_hit(text, prev.end, e, suffix, cls.not_words):
                return _Org(prev.start, e, cls, body_start=prev.body_start)
        # right after a place: the last division of a chain joins (阳泉市生态环境局)
        for p in range(s, max(bs, s - cls.max_gap) - 1, -1):
            cands = [m for m in page.anchor_ends.get(p, ()) if m.kind == "full" and m.start >= bs]
            if not cands:
                continue
            gap = text[p:s]
            if is_generic(gap):
                m = min(cands, key=lambda m: m.start)
                if not _not_word_hit(text, m.start, e, suffix, cls.not_words):
                    return _Org(m.start, e, cls, body_start=m.start)
            break
    body = text[b:s]
    national = _NATIONAL.match(body)
    if national and is_generic(body[national.end():]) and cls.name not in ("subbody", "center"):
        return _Org(b, e, cls, body_start=b)  # 国家发展改革委, 国家统计局: one of a kind
    if body and body[0] in "省市县区镇乡" and is_generic(body[1:]) and len(body) <= 8:
        return _generic_body(page, b, s, e, cls)  # 区科技局, 省发展改革委
    if len(body) < cls.min_body and cls.anchor != "attach":
        return None
    if _not_word_hit(text, b, e, suffix, cls.not_words):
        return None
    if cls.anchor == "attach" and not cls.free_if_proper:
        return _generic_body(page, b, s, e, cls)
    if len(body) > cls.max_body:
        anchor = _place_anchor(page, max(b, s - cls.max_body), s, cls.max_body)
        if anchor is None:
            return None
        return _Org(anchor.start, e, cls, body_start=anchor.start)
    lead = _generic_lead(page, b, s)  # 建设单位山西大同交通建设集团: the name starts at the place
    if lead is not None:
        b, body = lead, text[lead:s]
    if len(body) < cls.min_body or is_generic(body):
        b2 = page.barrier_before_stop(b)  # 在华为技术有限公司: 为 is inside the name
        if b2 is not None and 2 <= s - b2 <= 8 and not is_generic(text[b2:s]):
            b, body = b2, text[b2:s]
    if len(body) < cls.min_body:
        return None
    if is_generic(body):
        return _generic_body(page, b, s, e, cls)
    if _count_pattern().search(body):
        return None
    if suffix in cls.weak and not _place_starts_at(page, b) and (
            len(body) < cls.weak_min_body or any(body[:L] in rules().generic for L in (2, 3, 4))):
        return None  # 食品厂, 职业中学, 项目配套建设幼儿园: a plain noun, not a name
    return _Org(b, e, cls, body_start=b)


def _place_starts_at(page: _Page, b: int) -> bool:
    return b in page.place_starts


def _division_word(name: str, suffix: str) -> bool:
    """A water name that the gazetteer also knows as a division (太湖县, 浙江省): leave it to
    the gazetteer, except rivers named like a county (七里河)."""
    entries = places.gazetteer().entries(name)
    if not entries:
        return False
    if suffix in ("江", "河") and all(x.kind == "short" and x.division and x.division.level == "county"
                                     for x in entries):
        return False
    return True


def _skip_generic_lead(text: str, b: int, s: int, keep: int = 2) -> int:
    """``b`` moved past generic words (two characters or more) that open a place body, leaving
    ``keep`` characters at least (境内汉江, 园区纵三路)."""
    r = rules()
    moved = True
    while moved:
        moved = False
        for L in range(min(r.generic_max, s - b - max(keep, 1)), 1, -1):
            if text[b:b + L] in r.generic:
                b, moved = b + L, True
                break
    return b


def _generic_lead(page: _Page, b: int, s: int) -> int | None:
    """Start of a place inside ``[b, s)`` when only generic words stand before it."""
    for p in sorted(page.place_starts):
        if b < p < s:
            return p if is_generic(page.text[b:p]) else None
        if p >= s:
            break
    return None


def _generic_body(page: _Page, b: int, s: int, e: int, cls: SuffixClass) -> _Org | None:
    """``区科技局``, ``县政府``: a level word and generic words; an optional ORG at low priority."""
    text = page.text
    body = text[b:s]
    if not body or body[0] not in "省市县区镇乡" or not is_generic(body[1:]) or len(body) > 8:
        return None
    if cls.name in ("subbody", "committee", "center"):
        return None
    if e - b <= 2 or (len(body) == 1 and e - s <= 2 and cls.name != "government"):
        return None  # 市局, 市公司: too bare to be a name (区政府 is one)
    tg = title_grammar()
    if text[b:e] in tg.bodies and tg.chain_any.match(text, e) is not None:
        return None  # 区委办主任, 区政府副区长: a title, not an organization
    if text[e:e + 1] in ("委", "长"):
        return None
    return _Org(b, e, cls, generic=True, body_start=b)


def _place_anchor(page: _Page, b: int, s: int, max_gap: int) -> places.Match | None:
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

def _org_mentions(page: _Page, orgs: list[_Org], arts: list[tuple[int, int]]) -> list[Mention]:
    text = page.text
    r = rules()
    out: list[Mention] = []
    full_zone_arts: dict[tuple[int, int], set[str]] = {}  # zone suffixes of full names per article
    for o in orgs:
        if not o.bare_zone and not o.generic:
            for z in r.zone_suffix_re.finditer(text, o.start, o.end):
                if z.start() > o.start:  # a head before the suffix: 阳泉 + 高新区
                    full_zone_arts.setdefault(_article_of(arts, o.start), set()).add(z.group())
    for o in orgs:
        if o.bare_zone:
            continue
        out.append(Mention("ORG", o.start, o.end, text[o.start:o.end], source="rule",
                           priority=o.cls.generic_priority if o.generic else o.cls.priority))
    # bare zone short forms (高新区, 开发区) where the article names a full zone
    if r.zone_short_re is not None and full_zone_arts:
        for m in r.zone_short_re.finditer(text):
            fulls = full_zone_arts.get(_article_of(arts, m.start()))
            if fulls and any(f in fulls for f in r.zone_families.get(m.group(), (m.group(),))):
                if m.end() < len(text) and text[m.end()] in "域内外":
                    continue
                out.append(Mention("ORG", m.start(), m.end(), m.group(), source="rule", priority=4))
    # sub-bodies after a bare zone (高新区生态环境分局) were merged into one _Org already
    return out


# -- 3. places by suffix -------------------------------------------------------------------------

def _locs(page: _Page, entity_ends: list[int]) -> list[Mention]:
    text = page.text
    r = rules()
    ends = sorted(entity_ends)
    place_end = {m.end: m for m in page.places}
    # ends of complete names only: a bare place glued to a park name stays inside it
    # (太原晋阳湖数字经济产业园), a complete division is a name of its own (胡村镇 + 玛钢产业园)
    short_ends = {m.end for m in page.places if m.kind == "short" or m.text[-1] not in "省市县区州盟旗"}
    full_ends = sorted(k for k in ends if k not in short_ends)
    out: list[Mention] = []
    prev: Mention | None = None
    for m in r.loc_re.finditer(text):
        suffix = m.group(1)
        s, e = m.start(), m.start() + len(suffix)
        cls = r.loc_suffix[suffix]
        if e < len(text) and (text[e] in cls.not_before or any(
                suffix == k and text[e] in v for k, v in cls.not_before_suffix)):
            continue
        b = max(page.barrier(s), _last_at_or_before(full_ends if cls.through_short_places else ends, s))
        alt = None  # a second reading: the name includes the previous one (杨家庄 + 智慧城市物流园)
        if prev is not None and prev.end <= s:
            if prev.end == s:
                b = min(b, prev.start)  # 杨家庄 + 乡
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
                    and cls.name in ("road", "bridge", "park"):  # 大连 + 街 (but not 上城区 + 湖)
                start = place_end[s].start
            else:
                retry = None
                if s - b <= 1:  # 魏都大道, 东于镇: a one-character stop word inside the name
                    b0 = page.barrier(b - 1) if b in page.single_stop_ends and b >= 2 else None
                    if b0 is not None and text[b - 1] in _STOPS_IN_LOC_NAMES and places.is_han(text[b - 2]) \
                            and b0 >= _last_at_or_before(ends, s):
                        retry = b0
                for cand in (b, alt, retry):
                    if cand is None:
                        continue
                    cand = _skip_generic_lead(text, cand, s, cls.min_body)  # 园区纵三路
                    body = text[cand:s]
                    if len(body) == 1 and body in "东西南北中" and suffix in ("大街", "街", "路", "大道"):
                        start = cand  # 西大街
                        break
                    min_body = (cls.min_body_for or {}).get(suffix, cls.min_body)
                    if min_body <= len(body) <= cls.max_body and not is_generic(body, False) \
                            and not _count_pattern().search(body):
                        start = cand
                        break
                if start is None:
                    continue
        if _not_word_hit(text, start, e, suffix, cls.not_words):
            continue
        if text.endswith(r.zone_suffixes, start, e):
            continue  # 航空港区 (landmark 港区): a zone, and zones are ORG in every use (GUIDELINES.md)
        if cls.name == "road" and suffix.startswith("高速") and places.gazetteer().is_key(text[start:s]):
            continue  # 大同至浑源高速公路: a road between places, not a road's name
        if cls.name == "water" and (text[start] in _NOT_RIVER or _division_word(text[start:e], suffix)):
            continue  # 入淀; 太湖 is also a county: the gazetteer decides (七里河 stays a river)
        if not all(_HARD_OK.match(c) for c in text[start:e]):
            continue
        if not cls.digits and not _ALL_HAN.match(text, start, e):
            continue  # USG石村: a place name here is written in characters
        cand = Mention("LOC", start, e, text[start:e], source="rule", priority=cls.priority)
        out.append(cand)
        prev = cand
    return out


# -- 4. people -----------------------------------------------------------------------------------

def _people(page: _Page, arts: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Mention]:
    text = page.text
    tg = title_grammar()
    out: list[Mention] = []
    names_by_art: dict[tuple[int, int], set[str]] = {}
    title_ends: set[int] = set()
    for m in tg.core_any.finditer(text):
        pos = m.end()
        title_ends.add(pos)
        while True:
            end = name_after(text, pos)
            if end is None:
                break
            out.append(Mention("PER", pos, end, text[pos:end], source="rule", priority=6))
            names_by_art.setdefault(_article_of(arts, pos), set()).add(text[pos:end])
            if end < len(text) and text[end] == "、":
                pos = end + 1
                continue
            break
    # honorifics: 王大爷, 王女士 (an unnamed person; optional)
    for m in tg.honorific.finditer(text):
        if m.start() == 0 or page.is_mark(m.start()) or not places.is_han(text[m.start() - 1]) \
                or m.start() in title_ends:
            out.append(Mention("PER", m.start(), m.end(), m.group(), source="rule", priority=2))
    # every other mention of those names in the article
    seen = {(p.start, p.end) for p in out}
    occupied = bytearray(len(text) + 1)
    for s, e in taken:
        occupied[s:e] = b"\x01" * (e - s)
    for art, names in names_by_art.items():
        pat = re.compile(alternation(names))
        for m in pat.finditer(text, art[0], art[1]):
            if (m.start(), m.end()) in seen:
                continue
            if any(occupied[m.start():m.end()]):
                continue
            out.append(Mention("PER", m.start(), m.end(), m.group(), source="rule", priority=4))
    return out


# -- 5. organizations counted in a list: 昌鑫铸造、天雨消防、华海建材等5家企业 ------------------------

@functools.cache
def _counted_pattern() -> regex.Pattern:
    """等5家企业, 十家单位: a count of organizations closing a list."""
    return regex.compile(
        r"(等)?" + numeral_class("to_hundreds", "0-9几多余") + "{1,4}家"
        r"(?:企业|公司|单位|银行|金融机构|机构|医院|学校|商户|门店|工厂|合作社|协会|商会|平台)")


def _enumerated_orgs(page: _Page) -> list[Mention]:
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
            if not (2 <= len(body) <= 10) or not _ALL_HAN.match(body) or is_generic(body) \
                    or _count_pattern().search(body) or places.gazetteer().is_key(body):
                continue
            out.append(Mention("ORG", s, e, body, source="rule", priority=4))
    return out


# A list of countries (or cities abroad) that the sentence itself calls teams: a group of a
# tournament before it (e组的美国、俄罗斯、立陶宛、西班牙) or 等强队 after it (对中国、丹麦、韩国、
# 马来西亚等强队). Each is the team, an ORG, as pd_ner.dev tags them (12 of 12 there).
_GROUP_BEFORE = regex.compile(r"(?:(?<![A-Za-z])[A-Ha-h]组|小组)(?:的|[:：])")
_TEAMS_AFTER = regex.compile(r"等(?:强队|球队|队)")
#: Above a place's priority (6), so that the team wins over the country of the same span.
TEAM_PRIORITY = 7


def _team_lists(page: _Page) -> list[Mention]:
    """The countries of a 、-list that a group name opens or 等强队 closes, each an ORG."""
    text = page.text
    out: list[Mention] = []
    for pattern, forward in ((_GROUP_BEFORE, True), (_TEAMS_AFTER, False)):
        for m in pattern.finditer(text):
            items = _country_list(text, m.end() if forward else m.start(), forward)
            if len(items) >= 2:
                out += [Mention("ORG", s, e, text[s:e], source="rule", priority=TEAM_PRIORITY)
                        for s, e in items]
    return out


def _country_list(text: str, pos: int, forward: bool) -> list[tuple[int, int]]:
    """Countries separated by 、 that start at ``pos`` (``forward``) or end there (reading back)."""
    items: list[tuple[int, int]] = []
    while True:
        span = _country_at(text, pos, forward)
        if span is None:
            return items
        items.append(span)
        sep = span[1] if forward else span[0] - 1
        if not (0 <= sep < len(text)) or text[sep] != "、":
            return items
        pos = sep + 1 if forward else sep


def _country_at(text: str, pos: int, forward: bool) -> tuple[int, int] | None:
    """The longest country (a region of the place lists, or a country of country_pairs.toml)
    starting or ending at ``pos``."""
    g, named = places.gazetteer(), _country_pair_rules()[2]
    for length in range(8, 1, -1):
        s, e = (pos, pos + length) if forward else (pos - length, pos)
        if s < 0 or e > len(text):
            continue
        name = text[s:e]
        if name in named or any(x.kind == "region" for x in g.entries(name)):
            return s, e
    return None


# -- 6. clipped company names --------------------------------------------------------------------

def _clipped_companies(page: _Page, orgs: list[_Org], arts: list[tuple[int, int]]) -> list[Mention]:
    text = page.text
    out: list[Mention] = []
    for o in orgs:
        if o.cls.name != "company" or o.generic:
            continue
        for short in clipped_forms(text[o.start:o.end]):
            lo, hi = _article_of(arts, o.start)
            i = text.find(short, lo, hi)
            while i >= 0:
                if not (o.start <= i < o.end):
                    out.append(Mention("ORG", i, i + len(short), short, source="rule", priority=4))
                i = text.find(short, i + 1, hi)
    return out


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
    out: list[str] = []
    for br in ("(", "（"):
        if br in name:
            head = name.split(br, 1)[0]
            if 2 <= len(head) <= 8 and not is_generic(head):
                out.append(head)
            return out
    r = rules()
    body = name
    for suf in r.org_endings(body):
        if r.org_suffix[suf].name == "company":
            if not suf.endswith(("公司", "集团")):
                return out  # 济南污水处理厂: no legal form, no trade name to clip
            body = body[: -len(suf)]
            break
    else:
        return out
    g = places.gazetteer()
    trade = _strip_generic(_strip_places(body))
    if 3 <= len(trade) <= 5 and trade != body and _ALL_HAN.match(trade) and not g.is_key(trade):
        out.append(trade)
    return out


def _strip_places(body: str) -> str:
    g = places.gazetteer()
    pos = 0
    for m in g.find(body):
        if m.start != pos:
            break
        pos = m.end
    return body[pos:]


def _strip_generic(body: str) -> str:
    """``body`` without generic words (two characters or more) at either end."""
    r = rules()
    changed = True
    while changed and body:
        changed = False
        for L in range(min(r.generic_max, len(body) - 1), 1, -1):
            if body[-L:] in r.generic:
                body, changed = body[:-L], True
                break
            if body[:L] in r.generic:
                body, changed = body[L:], True
                break
    return body
