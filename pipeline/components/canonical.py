"""``canonical_names``: the full name a short mention stands for in its article (OUTPUT.md).

- Zone short forms: ``高新区`` → ``阳泉高新区``, ``综改区`` → ``山西转型综改示范区``,
  ``太谷经开区``/``经开区``/``开发区`` → ``太谷经济技术开发区``, by the suffix families of
  ``rules/names/org.toml`` (``[zone_families]``); a short form with a head (``太谷经开区``) only
  maps to a full name with the same head.
- Clipped company names (:func:`pipeline.components.names.clipped_forms`): ``东方旭能`` →
  ``东方旭能(山东)科技发展有限公司``, ``华鑫源`` → ``山西华鑫源新材料科技有限公司``.
- Bodies without a proper name (``区科技局``, ``区政府``): the division of that level the article
  names (``太谷区``) is put in front: ``太谷区科技局``.
- Clipped divisions: ``夷陵`` → ``夷陵区`` where the article writes the full name.

No canonical when the full name never appears in the article. A bare government (``市政府``)
that gets none is not emitted (:func:`is_unidentified_government`, applied when the result is
assembled, after the events have used it as an argument).
"""

from __future__ import annotations

import functools

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .. import places
from ..document import ArticleInfo, Mention, doc_text, group_by_bounds, register_extensions
from .names import clipped_forms, is_generic, rules

register_extensions()


@functools.cache
def _families() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The zone families of ``rules/names/org.toml`` and every zone suffix, longest first."""
    r = rules()
    suffixes: set[str] = set(r.zone_families) | set(r.zone_suffixes)
    for v in r.zone_families.values():
        suffixes.update(v)
    return r.zone_families, tuple(sorted(suffixes, key=len, reverse=True))


def split_zone(name: str) -> tuple[str, str] | None:
    """(head, zone suffix) of a zone name, longest suffix first.

    >>> split_zone("太谷经济技术开发区"), split_zone("高新区"), split_zone("天成公司")
    (('太谷', '经济技术开发区'), ('', '高新区'), None)
    """
    _, suffixes = _families()
    for s in suffixes:
        if name.endswith(s):
            return name[: -len(s)], s
    return None


def zone_canonical(short: str, fulls: list[str]) -> str | None:
    """The full zone name among ``fulls`` that ``short`` abbreviates, if any.

    >>> zone_canonical("高新区", ["阳泉高新区"]), zone_canonical("太谷经开区", ["太谷经济技术开发区"])
    ('阳泉高新区', '太谷经济技术开发区')
    >>> zone_canonical("综改区", ["山西转型综改示范区"]), zone_canonical("上党经开区", ["太谷经济技术开发区"])
    ('山西转型综改示范区', None)
    """
    fam, _ = _families()
    sp = split_zone(short)
    if sp is None:
        return None
    head, suf = sp
    allowed = fam.get(suf, (suf,))
    best = None
    for full in fulls:
        if full == short or len(full) <= len(short) and head:
            continue
        fp = split_zone(full)
        if fp is None or not fp[0]:
            continue
        fhead, fsuf = fp
        if fsuf not in allowed:
            continue
        if head and not (fhead == head or fhead.startswith(head) or _same_place(head, fhead)):
            continue
        if head and fhead == head and fsuf == suf:
            continue
        if best is None or len(full) > len(best):
            best = full
    return best


def _same_place(a: str, b: str) -> bool:
    g = places.gazetteer()
    da = {d.code for d in g.lookup(a)}
    return bool(da) and bool(da & {d.code for d in g.lookup(b)})


@Language.factory(
    "canonical_names",
    assigns=["doc._.entities"],
    requires=["doc._.entities", "doc._.articles"],
    default_config={},
)
def make_canonical_names(nlp: Language, name: str) -> "CanonicalNames":
    return CanonicalNames()


class CanonicalNames:
    def __init__(self) -> None:
        _families()

    def __call__(self, doc: Doc) -> Doc:
        entities: list[Mention] = doc._.entities or []
        if not entities:
            return doc
        text = doc_text(doc)
        articles = doc._.articles or [ArticleInfo(index=0, start=0, end=len(text))]
        for ents in group_by_bounds(entities, _bounds(articles, len(text))):
            if ents:
                assign_canonical(ents)
        return doc


#: A level word and 政府 alone: 市政府, 县人民政府 (not 中央政府, which names one body).
_BARE_GOVERNMENT = regex.compile(r"[省市县区州旗盟镇乡](?:人民)?政府")


def is_unidentified_government(m: Mention) -> bool:
    """A bare government (市政府, 县政府) whose article names no division of its level.

    OUTPUT.md makes such a body an optional ORG ("neither required nor wrong") for the canonical
    name the article gives it (区政府 → 太谷区政府). Without one it says nothing the level word
    does not, and People's Daily NER never tags it (pd_ner.dev: 市委、市政府决定 has ORG 市委
    only), so it is left out of the result; an event may still name it as an argument.

    >>> is_unidentified_government(Mention("ORG", 0, 3, "市政府"))
    True
    >>> is_unidentified_government(Mention("ORG", 0, 3, "区政府", canonical="太谷区政府"))
    False
    """
    return m.label == "ORG" and not m.canonical and _BARE_GOVERNMENT.fullmatch(m.text) is not None


def _bounds(articles: list[ArticleInfo], n: int) -> list[tuple[int, int]]:
    out = []
    for i, a in enumerate(articles):
        lo = 0 if i == 0 else a.start
        hi = articles[i + 1].start if i + 1 < len(articles) else n
        out.append((lo, hi))
    return out


def assign_canonical(ents: list[Mention]) -> None:
    orgs = [m for m in ents if m.label == "ORG"]
    names = list(dict.fromkeys(m.text for m in orgs))
    zone_fulls = []  # full zone names, also where a sub-body follows (合肥高新技术产业开发区管委会)
    for n in names:
        z = zone_prefix(n)
        if z and (sp := split_zone(z)) and sp[0]:
            zone_fulls.append(z)
    clipped: dict[str, str] = {}
    for n in names:
        for short in clipped_forms(n):
            clipped.setdefault(short, n)
    _loc_canonical(ents)
    for m in orgs:
        if m.canonical:
            continue
        full = short_for(m.text, names, zone_fulls, clipped)
        if full is None and m.text[:1] in "省市县区":
            g = places.gazetteer()
            if not g.is_key(m.text[:2]) and _generic_body(m.text):
                div = _division_for_level(ents, m, m.text[0])
                if div:
                    full = div + m.text[1:]
        if full and full != m.text:
            m.canonical = full


def _loc_canonical(ents: list[Mention]) -> None:
    """A clipped division (夷陵) stands for the full name the article uses (夷陵区)."""
    g = places.gazetteer()
    fulls: dict[str, str] = {}  # division code -> full name written in the article
    for e in ents:
        if e.label == "LOC":
            for x in g.entries(e.text):
                if x.kind == "full" and x.division is not None:
                    fulls.setdefault(x.division.code, e.text)
    for e in ents:
        if e.label != "LOC" or e.canonical:
            continue
        entries = g.entries(e.text)
        if entries and all(x.kind == "short" for x in entries):
            for x in entries:
                if x.division is not None and x.division.code in fulls:
                    e.canonical = fulls[x.division.code]
                    break


def zone_prefix(name: str) -> str | None:
    """The zone part of an organization's name (合肥高新区 of 合肥高新区管委会), if any."""
    _, suffixes = _families()
    best = None
    for suf in suffixes:
        i = name.find(suf)
        if i >= 0 and (best is None or i + len(suf) > best):
            best = i + len(suf)
    return name[:best] if best else None


def short_for(name: str, names: list[str], zone_fulls: list[str], clipped: dict[str, str]) -> str | None:
    """The full name among the article's ``names`` that ``name`` stands for.

    >>> short_for("高新区管委会", ["合肥高新技术产业开发区管委会"], ["合肥高新技术产业开发区"], {})
    '合肥高新技术产业开发区管委会'
    >>> short_for("曲江新区", ["西安曲江新区"], [], {}), short_for("谷丰公司", ["山西谷丰智能农机装备有限公司"], [], {})
    ('西安曲江新区', '山西谷丰智能农机装备有限公司')
    >>> short_for("新乡东区污水处理厂", ["新乡市东区污水处理厂"], [], {})
    '新乡市东区污水处理厂'
    """
    full = zone_canonical(name, zone_fulls)
    if full is not None:
        return full
    z = zone_prefix(name)
    if z and z != name:  # 高新区管委会 -> 合肥高新技术产业开发区管委会, when the article writes it
        zf = zone_canonical(z, zone_fulls)
        if zf and zf + name[len(z):] in names:
            return zf + name[len(z):]
        return None  # 高新区生态环境分局: its full name is not in the article
    if name in clipped:
        return clipped[name]
    longer = [n for n in names if len(n) > len(name)]
    for n in longer:  # 西安曲江新区 for 曲江新区, 吴江区东太湖实验学校 for 东太湖实验学校
        if n.endswith(name) and places.gazetteer().find(n[: len(n) - len(name)]):
            return n
    key = _division_key(name)
    for n in longer:  # 新乡市东区污水处理厂 for 新乡东区污水处理厂
        if _division_key(n) == key:
            return n
    head = _company_head(name)
    if head:
        for n in sorted(longer, key=len, reverse=True):  # 谷丰公司, 粤海湾港投集团
            if n.endswith(("公司", "集团")) and head[:2] in n and _subsequence(head, n):
                return n
    return None


def _division_key(name: str) -> str:
    """``name`` with division names at its head in short form (新乡市东区… -> 新乡东区…)."""
    g = places.gazetteer()
    out, pos = [], 0
    for m in g.find(name):
        if m.start != pos:
            break
        divs = g.lookup(m.text)
        short = None
        if divs and m.kind == "full":
            short = places.short_form(divs[0].name, divs[0].level)
        out.append(short or m.text)
        pos = m.end
    return "".join(out) + name[pos:]


def _company_head(name: str) -> str | None:
    for suf in ("公司", "集团"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return None


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def _generic_body(name: str) -> bool:
    r = rules()
    for suf in r.org_endings(name):
        if len(name) > len(suf):
            return is_generic(name[1:-len(suf)]) if len(name) - len(suf) > 1 else True
    return False


_COUNTY_LEVEL = "县区旗"


def _division_for_level(ents: list[Mention], m: Mention, level: str) -> str | None:
    """The full division name of that level the article names (the last before, else the
    first); 县 and 区 are one level (县政府 in a 太谷区 article is 太谷区政府)."""
    g = places.gazetteer()
    levels = _COUNTY_LEVEL if level in _COUNTY_LEVEL else level
    before = after = None
    for e in ents:
        if e.label != "LOC" or not e.text or e.text[-1] not in levels:
            continue
        if not any(x.kind == "full" for x in g.entries(e.text)):
            continue
        if e.start < m.start:
            before = e.text
        elif after is None:
            after = e.text
    return before or after
