"""Writing numbers out in Chinese: the inverse of :func:`pipeline.core.numbers.parse_number`.

Split from ``numbers.py`` (which reads numbers) so each module keeps to one job; the characters
come from ``[standard]`` of ``rules/values/numerals.toml`` (read here as they are).
"""

from __future__ import annotations

import functools
from decimal import Decimal

from .rules import load_table


@functools.cache
def _standard() -> dict[str, str]:
    """``[standard]`` of the one numeral table: the characters numbers are written out with."""
    return load_table("values/numerals.toml")["standard"]


def _four(g: int) -> str:
    """1..9999 in Chinese, with 零 for inner gaps."""
    std = _standard()
    digits = std["digits"]
    out: list[str] = []
    gap = False
    for place, unit in ((1000, std["thousand"]), (100, std["hundred"]), (10, std["ten"]), (1, "")):
        d = g // place % 10
        if d == 0:
            if out:
                gap = True
        else:
            if gap:
                out.append(digits[0])
                gap = False
            out.append(digits[d] + unit)
    return "".join(out)


def _below_1e8(x: int) -> str:
    std = _standard()
    a, b = divmod(x, 10**4)
    s = _four(a) + std["ten_thousand"] if a else ""
    if b:
        if a and b < 1000:
            s += std["digits"][0]
        s += _four(b)
    return s


def int_to_chinese(n: int) -> str:
    """The standard Chinese numeral of an integer below 10^16 (the inverse of parse_number).

    >>> int_to_chinese(0), int_to_chinese(15), int_to_chinese(105)
    ('零', '十五', '一百零五')
    >>> int_to_chinese(10580000000)
    '一百零五亿八千万'
    >>> int_to_chinese(10**12)
    '一万亿'

    The characters come from ``[standard]`` of ``rules/values/numerals.toml``.
    """
    std = _standard()
    if n < 0:
        return std["minus"] + int_to_chinese(-n)
    if n >= 10**16:
        raise ValueError("int_to_chinese handles integers below 10^16")
    if n == 0:
        return std["digits"][0]
    hi, lo = divmod(n, 10**8)
    s = _below_1e8(hi) + std["hundred_million"] if hi else ""
    if lo:
        if hi and lo < 10**7:
            s += std["digits"][0]
        s += _below_1e8(lo)
    if s.startswith(std["digits"][1] + std["ten"]):  # 十五, not 一十五
        s = s[1:]
    return s


def decimal_to_chinese(d: Decimal) -> str:
    """A decimal as written in words: ``Decimal('105.8')`` -> ``一百零五点八``."""
    std = _standard()
    d = Decimal(d)
    sign = std["minus"] if d < 0 else ""
    d = abs(d)
    text = format(d, "f")
    whole, _, frac = text.partition(".")
    out = sign + int_to_chinese(int(whole))
    if frac:
        out += std["point"] + "".join(std["digits"][int(c)] for c in frac)
    return out
