"""Filters of the model's place and body spans, before the resolver decides (``resolver.py``).

Each one says why a span the model proposes is no name as OUTPUT.md and the real pages' gold
count names, or where its edges are: a kind of road after generic words (通村产业路), a division
and its own committee before a title (元阳县县委书记), the dots at a name's edges (中国·吴江), a
place run on into generic words (咸宁综合), places glued end to end or by a joining character
(咸宁淦河, 龙潭河是淦河).
"""

from __future__ import annotations

from ...core.records import Mention
from ...grammars.names import Rules
from ...grammars.names.words import verb_before_place
from ...grammars.titles import NAME_PART_SEPARATORS


#: Generic words that may still name a region the model reads (东部, 中部 of a country).
COMPASS_PARTS = ("部",)


def names_no_place(text: str, r: Rules) -> bool:
    """A model LOC that is no place's name: generic words (街镇, 园区; not a compass part such as
    东部, which may name a region) or a kind of road (:func:`kind_of_place`), and no division
    either (a gazetteer key stays whatever it is made of)."""
    if r.gazetteer.is_key(text):
        return False
    return (r.is_generic(text, False) and not text.endswith(COMPASS_PARTS)) or kind_of_place(text, r)


def kind_of_place(text: str, r: Rules) -> bool:
    """``text`` is a word the road grammar lists as a kind of road, with nothing but generic
    words before it (通村|产业路, 乡村|旅游公路, 归乡路): the model's copy is no road's name.
    A proper word before it keeps the name (京沪|铁路, 韶|山路).

    >>> from pipeline.grammars.names import rules
    >>> [kind_of_place(t, rules()) for t in ("通村产业路", "归乡路", "京沪铁路", "韶山路", "建设路")]
    [True, True, False, False, False]
    """
    road = r.loc_suffix.get("路")  # the road class
    road_words = road.not_words if road is not None else frozenset()
    for k in range(len(text) - 1):
        if text[k:] in road_words:
            return r.is_generic(text[:k], False)
    return False


def repeats_level_before_title(text: str, start: int, end: int, r: Rules) -> bool:
    """``text[start:end]`` is a division's full name and its own bare committee, the level
    repeated (元阳县县委, 太原市市委), and a title follows: the real pages' gold takes the place
    and puts the committee in the person's title (县委书记), unlike a committee named in one word
    with its division (上党区委书记: the ORG 上党区委, OUTPUT.md's example)."""
    name = text[start:end]
    if not name.endswith("委") or r.titles.chain_any.match(text, end) is None:
        return False
    for m in r.gazetteer.find(name):
        if m.start == 0 and m.kind == "full" and m.end < len(name) and name[m.end] == name[m.end - 1] \
                and r.is_generic_org(name[m.end:]):
            return True
    return False


def without_separators(text: str, start: int, end: int) -> tuple[int, int]:
    """A place's or body's span without the name-part dots at its edges (中国·吴江 read as
    ·吴江): a dot joins the parts of a transliterated name or a 中国·X heading, it opens no name.

    >>> t = "中国·吴江投资"; without_separators(t, 2, 5)
    (3, 5)
    """
    while start < end and text[start] in NAME_PART_SEPARATORS:
        start += 1
    while end > start and text[end - 1] in NAME_PART_SEPARATORS:
        end -= 1
    return start, end


#: One character that joins two places in a clause, never inside one name: 龙潭河是淦河的支流,
#: 龙潭河入淦河, 北京至上海. (安提瓜和巴布达 is one country: the country list reads it whole.)
PLACE_JOINERS = frozenset("是入至到与及和")


def drop_model_places_into_generic_words(candidates: list[Mention], r: Rules) -> list[Mention]:
    """A model LOC that is a rule's place run on into generic words (湖北咸宁综合施策 read as
    咸宁综合): the place is the name, what follows it names nothing, so the model's span goes
    and the place stands."""
    starts: dict[int, list[int]] = {}
    for m in candidates:
        if m.label == "LOC" and m.source != "model":
            starts.setdefault(m.start, []).append(m.end)
    return [m for m in candidates
            if not (m.source == "model" and m.label == "LOC"
                    and any(e < m.end and r.is_generic(m.text[e - m.start:], False) for e in starts.get(m.start, ())))]


def drop_model_places_tiled_by_rules(candidates: list[Mention], text: str) -> list[Mention]:
    """A model LOC that the rules' places cover exactly, two or more of them end to end
    (咸宁淦河 = 咸宁 + 淦河, 山西太原 = 山西 + 太原), or with one joining character between them
    (龙潭河是淦河: ``PLACE_JOINERS``), is those places glued: OUTPUT.md keeps each its own LOC
    (杭州市 + 上城区), so the model's span goes. So does a model LOC that is a one-character verb
    and one rule place (龙潭河入|淦河 read 入淦河: ``verb_before_place``)."""
    ends_at: dict[int, set[int]] = {}
    for m in candidates:
        if m.label == "LOC" and m.source != "model":
            ends_at.setdefault(m.start, set()).add(m.end)
    if not ends_at:
        return candidates

    def tiled(start: int, end: int) -> bool:
        reach, frontier = set(), {start}
        if verb_before_place(text, start, ends_at.keys()) and end in ends_at[start + 1]:
            return True
        while frontier:
            pos = frontier.pop()
            for e in ends_at.get(pos, ()):
                if e == end and pos != start:
                    return True
                if e < end and e not in reach:
                    reach.add(e)
                    frontier.add(e)
                    if e + 1 < end and text[e:e + 1] in PLACE_JOINERS:
                        frontier.add(e + 1)  # pos != start there, so a place after it closes
        return False

    return [m for m in candidates
            if not (m.source == "model" and m.label == "LOC" and tiled(m.start, m.end))]
