"""train.add_pd_dev: the two halves of pd_ner.dev are disjoint and cover it."""

from __future__ import annotations

import pytest

from train.add_pd_dev import split


@pytest.mark.parametrize("n, half, used, held", [
    (5, "A", [0, 2, 4], [1, 3]),
    (5, "B", [1, 3], [0, 2, 4]),
    (3, "all", [0, 1, 2], []),
    (0, "A", [], []),
])
def test_split(n, half, used, held):
    assert split(n, half) == (used, held)


def test_the_two_folds_hold_out_complementary_halves():
    used_a, held_a = split(2318, "A")
    used_b, held_b = split(2318, "B")
    assert held_a == used_b and held_b == used_a
    assert sorted(held_a + held_b) == list(range(2318))
