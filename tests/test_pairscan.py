"""pipeline.core.pairscan: candidate starts of dictionary words, numpy path vs the plain loop."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.pairscan import PairIndex


def loop_starts(longest: dict[str, int], text: str) -> list[tuple[int, int]]:
    return [(i, longest[text[i:i + 2]]) for i in range(len(text) - 1) if text[i:i + 2] in longest]


def test_hand_case_long_text_takes_the_numpy_path():
    index = PairIndex.of_words(["北京", "北京市", "上海", "上海市浦东新区"])
    text = "他从北京市出发，" * 4 + "到上海。" * 10  # 72 characters: the numpy path
    starts = index.starts(text)
    assert starts[:2] == [(2, 3), (10, 3)]  # 北京 at 2 and 10; the longest word is 北京市
    assert (33, 7) in starts  # 上海 at 33 (after four times 8 characters and 到)
    assert len(starts) == 4 + 10


def test_non_bmp_characters_are_one_character_each():
    index = PairIndex.of_words(["𠀋村", "村委"])
    text = "在𠀋村委会" * 20
    assert index.starts(text)[:2] == [(1, 2), (2, 2)]


def test_keys_must_be_pairs():
    with pytest.raises(ValueError):
        PairIndex({"北京市": 3})


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text(alphabet="甲乙丙丁a", min_size=2, max_size=5), max_size=12),
       text=st.text(alphabet="甲乙丙丁a \n", max_size=200))
def test_starts_equal_the_plain_loop(words, text):
    index = PairIndex.of_words(words)
    assert index.starts(text) == loop_starts(index.longest, text)
