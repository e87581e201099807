"""Where the words of a large dictionary can start in a text, found without a Python loop.

The name lexicon (110 k words) and the gazetteer (~8 k keys) are matched against every page by
trying, at each position, the words that begin with the two characters found there. The test
"do these two characters begin some word" at every character cost more than the matching itself;
:class:`PairIndex` makes it for the whole text at once with numpy (code points of each adjacent
pair, looked up by binary search in the sorted pairs of the dictionary). Short texts keep the
plain loop, which is cheaper below a few dozen characters.
"""

from __future__ import annotations

import numpy

#: below this many characters the per-call cost of numpy is larger than the loop it saves
_NUMPY_FROM = 48


def _pair_codes(text: str) -> numpy.ndarray:
    """One int64 per adjacent pair of characters (code points fit in 21 bits)."""
    points = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32).astype(numpy.int64)
    return points[:-1] << 21 | points[1:]


class PairIndex:
    """Two-character prefixes of a dictionary's words, each with its longest word's length."""

    def __init__(self, longest: dict[str, int]):
        self.longest = longest  # two-character prefix → length of the longest word it begins
        joined = "".join(longest)
        if len(joined) != 2 * len(longest):
            raise ValueError("PairIndex keys must be two characters long")
        codes = _pair_codes(joined)[::2]  # the prefixes laid end to end, two by two
        order = numpy.argsort(codes)
        self._codes = codes[order]
        self._lengths = numpy.fromiter(longest.values(), dtype=numpy.int64, count=len(longest))[order]

    @classmethod
    def of_words(cls, words) -> "PairIndex":
        longest: dict[str, int] = {}
        for w in words:
            if len(w) >= 2 and len(w) > longest.get(w[:2], 0):
                longest[w[:2]] = len(w)
        return cls(longest)

    def starts(self, text: str) -> list[tuple[int, int]]:
        """``(position, longest word length)`` wherever a word of the dictionary may begin,
        in text order."""
        n = len(text)
        if n < _NUMPY_FROM or not len(self._codes):
            longest = self.longest
            out = []
            for i in range(n - 1):
                top = longest.get(text[i:i + 2])
                if top is not None:
                    out.append((i, top))
            return out
        pairs = _pair_codes(text)
        at = numpy.searchsorted(self._codes, pairs)
        at[at == len(self._codes)] = 0
        hit = numpy.flatnonzero(self._codes[at] == pairs)
        return list(zip(hit.tolist(), self._lengths[at[hit]].tolist()))
