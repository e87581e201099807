"""One page as the name grammar reads it: the text with its stops, places and article bounds
found once, and the organization matches being built."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ...core import places
from .rules import HARD_BREAK, OPEN_BRACKET, STOPS_IN_NAMES, Rules, SuffixClass


@dataclass
class OrgMatch:
    start: int
    end: int
    cls: SuffixClass
    generic: bool = False
    bare_zone: bool = False  # a zone short form with no place before it (高新区)
    body_start: int = 0  # where the proper body begins (after a leading place), for clipping


class Page:
    """Barriers and place matches of one document, read with the name rules ``rules``."""

    def __init__(self, text: str, rules: Rules):
        self.text = text
        self.rules = rules
        self.places: list[places.Match] = []  # accepted gazetteer places (set by gazetteer_places)
        self.single_stop_ends: set[int] = set()  # ends of one-character stop words (为, 和)
        self.place_starts: set[int] = set()
        self.place_starts_sorted: list[int] = []  # the same, in text order (for bisection)
        n = len(text)
        g = rules.gazetteer
        r = rules
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
        marks = {m.start() + 1 for m in HARD_BREAK.finditer(text)}
        for m in OPEN_BRACKET.finditer(text):  # 东方旭能(山东)科技…: a bracketed place is no break
            close = _bracket_place(text, m.start(), g)
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
        if b in self.single_stop_ends and b >= 2 and self.text[b - 1] in STOPS_IN_NAMES \
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


def _bracket_place(text: str, i: int, g: places.Gazetteer) -> int | None:
    """End (after the closing bracket) of ``(山东)`` when the bracket holds a gazetteer place."""
    close = "）" if text[i] == "（" else ")"
    j = text.find(close, i + 1, i + 8)
    if j < 0:
        return None
    inner = text[i + 1:j]
    if 2 <= len(inner) <= 6 and g.is_key(inner):
        return j + 1
    return None


def last_at_or_before(sorted_positions: list[int], k: int) -> int:
    i = bisect.bisect_right(sorted_positions, k) - 1
    return sorted_positions[i] if i >= 0 else 0


def not_word_hit(text: str, start: int, end: int, suffix: str, not_words: frozenset[str]) -> bool:
    """The suffix belongs to another word ending here (发展格局, 农村) or the name is such a word."""
    for L in range(len(suffix), min(_NOT_WORD_MAX, end) + 1):
        if text[end - L:end] in not_words:
            if L > len(suffix) or start >= end - L:
                return True
    return False


_NOT_WORD_MAX = 8




def article_of(arts: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The bounds holding ``pos`` (else the last): a bisection, as a file may hold thousands."""
    i = bisect.bisect_right(arts, pos, key=_first) - 1
    if i >= 0 and pos < arts[i][1]:
        return arts[i]
    return arts[-1]


def _first(bounds: tuple[int, int]) -> int:
    return bounds[0]
