"""``canonical_names``: the full name a short mention stands for in its article (OUTPUT.md).

- Zone short forms: ``高新区`` → ``阳泉高新区``, ``综改区`` → ``山西转型综改示范区``,
  ``太谷经开区``/``经开区``/``开发区`` → ``太谷经济技术开发区``, by the suffix families of
  ``rules/names/org.toml`` (``[zone_families]``); a short form with a head (``太谷经开区``) only
  maps to a full name with the same head.
- Clipped company names (:func:`pipeline.components.names.clipped_forms`): ``东方旭能`` →
  ``东方旭能(山东)科技发展有限公司``, ``华鑫源`` → ``山西华鑫源新材料科技有限公司``.
- Bodies without a proper name (``区科技局``, ``区政府``): the division of that level the article
  names (``太谷区``) is put in front: ``太谷区科技局``.

No canonical when the full name never appears in the article.
"""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc

from .. import places
from ..document import ArticleInfo, Mention, register_extensions
from ..rules import load_table
from .names import clipped_forms, is_generic

register_extensions()


@functools.cache
def _families() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    table = load_table("names/org.toml")
    fam = {k: tuple(v) for k, v in table.get("zone_families", {}).items()}
    suffixes: set[str] = set(fam)
    for v in fam.values():
        suffixes.update(v)
    for c in table.get("class", ()):
        if c.get("anchor") == "place":
            suffixes.update(c["suffixes"])
    return fam, tuple(sorted(suffixes, key=len, reverse=True))


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
        text = doc.text
        articles = doc._.articles or [ArticleInfo(index=0, start=0, end=len(text))]
        for lo, hi in _bounds(articles, len(text)):
            ents = [m for m in entities if lo <= m.start < hi]
            if ents:
                assign_canonical(ents)
        return doc


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
    zone_fulls = [n for n in names if (sp := split_zone(n)) and sp[0]]
    clipped = {}
    for n in names:
        for short in clipped_forms(n):
            clipped.setdefault(short, n)
    g = places.gazetteer()
    for m in orgs:
        if m.canonical:
            continue
        full = zone_canonical(m.text, zone_fulls)
        if full is None:
            full = clipped.get(m.text)
        if full is None and m.text[:1] in "省市县区" and is_generic(m.text[1:3] or "x") is not None:
            if not g.is_key(m.text[:2]) and _generic_body(m.text):
                div = _division_for_level(ents, m, m.text[0])
                if div:
                    full = div + m.text[1:]
        if full and full != m.text:
            m.canonical = full


def _generic_body(name: str) -> bool:
    from .names import rules
    r = rules()
    for suf in sorted(r.org_suffix, key=len, reverse=True):
        if name.endswith(suf) and len(name) > len(suf):
            return is_generic(name[1:-len(suf)]) if len(name) - len(suf) > 1 else True
    return False


def _division_for_level(ents: list[Mention], m: Mention, level: str) -> str | None:
    """The full division name of that level the article names (the last before, else the first)."""
    g = places.gazetteer()
    before = after = None
    for e in ents:
        if e.label != "LOC" or not e.text.endswith(level):
            continue
        if not any(x.kind == "full" for x in g.entries(e.text)):
            continue
        if e.start < m.start:
            before = e.text
        elif after is None:
            after = e.text
    return before or after
