"""Where a name's body must not begin: a verb, adverb, preposition, pronoun or count word glued
in front of it (遍布|淦河, 使|湖场村, 听取|江背镇, 认真学习|某某部门, 一条|淦河).

The suffix grammars read a body back to the nearest stop, and the model sometimes starts a name
a word early; neither knows words. jieba's dictionary (already a dependency, read by
:mod:`pipeline.core.lexicon` for the NER's features) tags ~350 k words; here it answers one
question: is the longest dictionary word at a position a function word? The longest word
decides, so 向阳 (a name) keeps 向阳村 whole while 使 (no word 使湖) is cut from 使湖场村.
Read once per process (~0.3 s).
"""

from __future__ import annotations

import functools
from typing import Collection

from ...core.lexicon import jieba_dict_path
from ...core.places import gazetteer

#: jieba's tags of words that open no name: verbs, adverbs, prepositions, conjunctions,
#: pronouns, numerals and measure words, time words, distinguishing words (整个, 在线),
#: auxiliaries. Not ``vn`` (发展, 建设 open 建设银行, 建设路) nor nouns.
FUNCTION_TAGS = frozenset({"v", "vd", "d", "ad", "p", "c", "r", "m", "mq", "q", "t", "b", "u", "ud", "uj", "ul",
                           "uv", "uz", "ug"})
MAX_WORD = 4
#: One character opens many names (三垟, 关埠桥镇, 盘溪槽村): alone, only a preposition,
#: conjunction or adverb is cut (同, 与, 在, 也).
SINGLE_TAGS = frozenset({"p", "c", "d"})

@functools.cache
def word_kinds() -> dict[str, bool]:
    """Every dictionary word of up to ``MAX_WORD`` characters -> whether it is a function word."""
    return _read_dictionary()[0]


@functools.cache
def one_character_verbs() -> frozenset[str]:
    """Characters jieba tags as verbs alone (治, 建, 入). Too many open names to be cut
    everywhere (建湖县, 治多县); :func:`verb_before_place` cuts one only before a known place."""
    return _read_dictionary()[1]


@functools.cache
def _read_dictionary() -> tuple[dict[str, bool], frozenset[str]]:
    kinds: dict[str, bool] = {}
    verbs: set[str] = set()
    with jieba_dict_path().open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()  # word, frequency, tag
            if len(parts) == 3 and len(parts[0]) <= MAX_WORD:
                w, tag = parts[0], parts[2]
                if len(w) == 1:
                    kinds[w] = tag in SINGLE_TAGS
                    if tag == "v":
                        verbs.add(w)
                elif tag in ("m", "mq"):
                    kinds[w] = w[-1] in COUNTED  # 一条|淦河, but 七里河, 三垟 are names
                else:
                    kinds[w] = tag in FUNCTION_TAGS
    # jieba tags some places as function words (大连/d, 保定/v, 也门/d); a place opens a name
    # (大连|化工集团公司 is no glued adverb), except the few that are ordinary words as well
    places = gazetteer()
    for w, is_function in kinds.items():
        if is_function and len(w) >= 2 and places.is_key(w) and w not in places.function_homographs:
            kinds[w] = False
    return kinds, frozenset(verbs)


def verb_before_place(text: str, start: int, place_starts: Collection[int]) -> bool:
    """``text[start]`` is a one-character verb and a known place begins right after it
    (共治|包河, 建|包河区): the verb is no part of the name the place opens."""
    return (start + 1) in place_starts and text[start] in one_character_verbs()


def function_word_at(text: str, i: int, end: int) -> int:
    """Length of the function word that opens ``text[i:end]`` (the longest dictionary word
    there is one), else 0."""
    kinds = word_kinds()
    for L in range(min(MAX_WORD, end - i), 0, -1):
        kind = kinds.get(text[i:i + L])
        if kind is not None:
            return L if kind else 0
    return 0


#: Measure words: a numeral word is cut only when it counts (一条, 八家), never 七里, 三垟.
COUNTED = frozenset("个条座家项名位批次件只台片栋幢辆艘")

#: A verb before one of these heads names a body (巡察|组, 考察|团, 监察|委): no word to cut.
BODY_HEADS = frozenset("组团队员会局部处室站所厂院办委")


def skip_function_words(text: str, i: int, end: int, keep: int) -> int:
    """``i`` moved past the function words that open ``text[i:end]``, leaving ``keep``
    characters at least (使湖场村 -> 湖场村; 振兴路 stays: nothing would be left of its body)."""
    while True:
        L = function_word_at(text, i, end)
        if L == 0 or end - (i + L) < keep or text[i + L] in BODY_HEADS:
            return i
        i += L
