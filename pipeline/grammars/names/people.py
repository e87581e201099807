"""People after a title (``区委书记张驰``), lists after one title, and their other mentions."""

from __future__ import annotations

import re

from ...core import places
from ...core.records import Mention
from ...core.rules import alternation
from ..titles import name_after
from .page import Page, article_of


_COMRADE = re.compile("同志")


def people_after_titles(page: Page, arts: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Mention]:
    text = page.text
    tg = page.rules.titles
    out: list[Mention] = []
    names_by_art: dict[tuple[int, int], set[str]] = {}
    title_ends: set[int] = set()
    for m in tg.core_any.finditer(text):
        pos = m.end()
        title_ends.add(pos)
        if pos + 1 < len(text) and text[pos] in " \u3000":  # 县委书记 高成文：a caption's name
            end = name_after(text, pos + 1, tg)
            if end is not None and (end == len(text) or not places.is_han(text[end])):
                pos += 1
        while True:
            end = name_after(text, pos, tg)
            if end is None:
                break
            out.append(Mention("PER", pos, end, text[pos:end], source="rule", priority=6))
            names_by_art.setdefault(article_of(arts, pos), set()).add(text[pos:end])
            if end < len(text) and text[end] == "、":
                pos = end + 1
                continue
            break
    # a full name before 同志 at the start of a clause (周华山同志: not 周 + the mountain 华山)
    for m in _COMRADE.finditer(text):
        pos = m.start() - 3
        if pos < 0 or not (pos == 0 or page.is_mark(pos) or not places.is_han(text[pos - 1])) \
                or pos + 1 in page.single_stop_ends:  # 向黄河同志学习: 向 is the preposition
            continue
        if name_after(text, pos, tg) == m.start():
            out.append(Mention("PER", pos, m.start(), text[pos:m.start()], source="rule", priority=6))
            names_by_art.setdefault(article_of(arts, pos), set()).add(text[pos:m.start()])
    # honorifics: 王大爷, 王女士: the surname is the name the text gives (People's Daily NER tags
    # 王 alone; the seed takes the whole 王大爷 as an optional PER, which 王 does not contradict)
    for m in tg.honorific.finditer(text):
        if m.start() == 0 or page.is_mark(m.start()) or not places.is_han(text[m.start() - 1]) \
                or m.start() in title_ends:
            out.append(Mention("PER", m.start(), m.start() + 1, text[m.start()], source="rule", priority=2))
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
