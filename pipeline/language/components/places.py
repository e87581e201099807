"""``place_resolver``: LOC ``value`` = ``{"province", "city", "county"}`` (OUTPUT.md).

- A division (``阳泉市``, ``太谷``, ``上党区``) takes its own place in the gazetteer
  (:mod:`pipeline.core.places`), with standard full names (``{"province": "山西省", "city": "阳泉市",
  "county": None}``). A name shared by several divisions (``朝阳区``) is decided by the other
  places of the article, then of the page; a short form takes the full form the article uses.
- A street, park, village or industrial park inherits the place of the nearest division named
  before it in the article; without one, the place at the head of the article's zone
  (``阳泉高新区`` → 阳泉市); without that, the first division named after it.
- Regions (``京津冀``) and national highways (``207国道``) are null; a region inside one province
  (``晋东``) gives that province.

Config: ``rules_dir`` (default ``None``: the shipped rules), whose ``places/`` lists the
gazetteer is built with, once per directory, and kept.
"""

from __future__ import annotations

from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ...core import places
from ..document import ArticleInfo, Mention, article_bounds, doc_text, group_by_bounds, register_extensions

register_extensions()

_HIGHWAY = regex.compile(r"^[A-Za-z]?\d+")
#: Rivers cross divisions: 涪江, 汉江, 七里河 take no place value.
_RIVER = regex.compile(r"\p{Han}{1,4}[江河]$")
#: names often taken from a place elsewhere: a short form at their start says where they are only
#: when the article names that place's city (大连街 in a 阳泉 article; 曲江新区 of 西安, not 韶关's 曲江)
_NAMED_AFTER_ELSEWHERE = regex.compile(r"(?:路|街|大道|巷|胡同|桥|新区)$")


@Language.factory(
    "place_resolver",
    assigns=["doc._.entities"],
    requires=["doc._.entities", "doc._.articles"],
    default_config={"rules_dir": None},
)
def make_place_resolver(nlp: Language, name: str, rules_dir: str | None) -> "PlaceResolver":
    return PlaceResolver(rules_dir)


class PlaceResolver:
    def __init__(self, rules_dir: str | None = None) -> None:
        self.gazetteer = places.load_gazetteer(Path(rules_dir) if rules_dir else None)

    def __call__(self, doc: Doc) -> Doc:
        entities: list[Mention] = doc._.entities or []
        if not any(m.label == "LOC" for m in entities):
            return doc
        text = doc_text(doc)
        articles = doc._.articles or [ArticleInfo(index=0, start=0, end=len(text))]
        page_divs = DivisionCounts(_unambiguous(entities, self.gazetteer))
        for ents in group_by_bounds(entities, article_bounds(articles, len(text))):
            if any(m.label == "LOC" for m in ents):
                resolve_article(ents, page_divs, self.gazetteer)
        return doc


def _unambiguous(ents: list[Mention], g: places.Gazetteer) -> list[places.Division]:
    out = []
    for m in ents:
        if m.label in ("LOC", "ORG"):
            divs = g.lookup(m.text) if m.label == "LOC" else _head_divisions(m.text, g)
            if len({d.code for d in divs}) == 1:
                out.append(divs[0])
    return out


def _head_divisions(name: str, g: places.Gazetteer) -> list[places.Division]:
    """Divisions named at the head of an organization's name (阳泉高新区 → 阳泉市)."""
    for L in range(min(len(name) - 1, 10), 1, -1):
        divs = g.lookup(name[:L])
        if divs:
            return divs
    return []


class DivisionCounts:
    """How many divisions of a context list share a city (code[:4]) or a province (code[:2])
    with a candidate: what :func:`_pick` scores. The page's divisions are part of every
    article's context, so walking the list for every candidate made a file of thousands of
    articles quadratic; counts in dicts cost the same per candidate at any length. ``parent``
    adds the counts of a larger context without copying them."""

    def __init__(self, divs: list[places.Division], parent: "DivisionCounts | None" = None):
        self.parent = parent
        self.city: dict[str, int] = {}
        self.city_below_province: dict[str, int] = {}
        self.province: dict[str, int] = {}
        for c in divs:
            _add(self.city, c.code[:4])
            _add(self.province, c.code[:2])
            if c.level != "province":
                _add(self.city_below_province, c.code[:4])

    def count(self, table: str, key: str) -> int:
        n = getattr(self, table).get(key, 0)
        return n if self.parent is None else n + self.parent.count(table, key)


def _add(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


def _pick(divs: list[places.Division], context: DivisionCounts) -> places.Division | None:
    if not divs:
        return None
    codes = {d.code for d in divs}
    if len(codes) == 1:
        return divs[0]

    def score(d: places.Division) -> tuple[int, int, int]:
        same_city = context.count("city", d.code[:4]) if d.level != "province" else 0
        same_prov = context.count("province", d.code[:2])
        level = {"province": 2, "city": 1, "county": 0}[d.level]
        return same_city, same_prov, level

    # without context, the higher level (吉林 the province), then table order (朝阳区 of 北京)
    return max(divs, key=score)


def resolve_article(ents: list[Mention], page_divs: "list[places.Division] | DivisionCounts",
                    g: places.Gazetteer | None = None) -> None:
    """Set the LOC values of one article's entities ``ents``, with the divisions named anywhere on
    the page ``page_divs`` (counted once per page by the caller, or a list), by the gazetteer
    ``g`` (default: the shipped rules')."""
    g = g or places.gazetteer()
    if not isinstance(page_divs, DivisionCounts):
        page_divs = DivisionCounts(page_divs)
    context = DivisionCounts(_unambiguous(ents, g), page_divs)
    full_names = {m.text for m in ents if m.label == "LOC"}
    resolved: list[tuple[int, places.Division]] = []  # (start, division) of division mentions
    zone_divs: list[tuple[int, places.Division]] = []
    for m in ents:
        if m.label == "ORG":
            d = _pick(_head_divisions(m.text, g), context)
            if d is not None:
                zone_divs.append((m.start, d))
    for m in ents:
        if m.label != "LOC":
            continue
        key = _lexicon_key(m.text, g)
        entries = g.entries(key)
        if not entries:
            continue
        if _RIVER.match(m.text) and all(x.kind == "short" for x in entries):
            continue  # 七里河 the river, not 七里河区
        divs = g.lookup(key)
        if not divs:
            region = next((e for e in entries if e.kind == "region"), None)
            m.value = ({"province": region.province, "city": None, "county": None}
                       if region and region.province else None)
            continue
        if all(e.kind == "short" for e in entries if e.division):
            # a short form takes the full form the article uses (太谷 -> 太谷区)
            for full in full_names:
                fd = [d for d in g.lookup(full) if full != m.text and full.startswith(m.text)]
                if fd:
                    divs = fd + divs
                    break
        d = _pick(divs, context)
        if d is not None:
            m.value = d.value
            resolved.append((m.start, d))
    for m in ents:
        if m.label != "LOC" or m.value is not None or g.entries(_lexicon_key(m.text, g)):
            continue
        if _HIGHWAY.match(m.text) or _RIVER.match(m.text):
            continue  # 207国道, G5高速, 涪江: they cross divisions
        d = _own_divisions(m, context, g)  # 山西省晋中市 or 阳泉市洪城北路 as one span
        if d is not None:
            resolved.append((m.start, d))
            resolved.sort(key=lambda item: item[0])
        else:
            d = _nearest(resolved, m.start) or _nearest(zone_divs, m.start) or _first_after(resolved, m.start)
        if d is not None:
            m.value = d.value


def _lexicon_key(text: str, g: places.Gazetteer) -> str:
    """The gazetteer key of a LOC: a named region with its 地区 (长三角地区) is the region's."""
    if text.endswith("地区") and not g.entries(text) \
            and any(e.kind == "region" for e in g.entries(text[:-2])):
        return text[:-2]
    return text


def _own_divisions(m: Mention, context: "DivisionCounts", g: places.Gazetteer) -> places.Division | None:
    """The most specific division a mention begins with (a chain the model kept as one span)."""
    best = None
    pos = 0
    for match in g.find(m.text):
        if match.start != pos or match.kind == "region":
            break
        d = _pick(list(match.divisions), DivisionCounts([best], context) if best else context)
        if d is None:
            break
        if match.kind == "short":
            # 霞山港区 in a 湛江 article is in 霞山区, 平遥古城 in 平遥县; but streets are often
            # named after other cities: 大连街 in a 阳泉 article is not in 大连市
            in_context = context.count("city_below_province", d.code[:4]) > 0
            # …unless another place follows it inside the name, which it then locates (西安|曲江新区)
            followed = any(n.start == 0 for n in g.find(m.text[match.end:]))
            if not in_context and not followed and _NAMED_AFTER_ELSEWHERE.search(m.text):
                break
            best = d
            break
        best = d
        pos = match.end
    return best


def _nearest(items: list[tuple[int, places.Division]], pos: int) -> places.Division | None:
    best = None
    for start, d in items:
        if start < pos:
            best = d
    if best is None and items:
        return None
    return best


def _first_after(items: list[tuple[int, places.Division]], pos: int) -> places.Division | None:
    for start, d in items:
        if start > pos:
            return d
    return None
