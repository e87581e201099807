"""Hostile input for the value patterns: no catastrophic backtracking, linear time.

These are not speed claims.  Each case checks *scaling*: the time for an input ten times larger
must stay within a generous multiple of the time for the smaller one (linear is 10x, quadratic
100x; we allow 30x plus slack for a loaded machine), and a ``signal.alarm`` watchdog stops a
runaway match instead of hanging the suite.
"""

from __future__ import annotations

import random
import signal
import time

import pytest

from pipeline.core import dates, numbers
from pipeline.language.components.values import find_values
from pipeline.language.document import Mention

#: the watchdog per case, in seconds (a catastrophic pattern would take hours)
WATCHDOG = 120


def _mixed(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    chars = "0123456789一二三四五六七八九十百千万亿点零两〇,.%-至年月日元亩个余多约近"
    return "".join(rng.choice(chars) for _ in range(n))


def _news(n: int) -> str:
    para = (
        "科学导报讯 10月14日，阳泉高新区召开座谈会。今年以来，高新区36家企业实现营收105.8亿元，"
        "同比增长12.5%，占地100亩，建筑面积近9.3万平方米，悬挂国旗700余面。1-9月，全市完成投资"
        "3000至5000万元，“十四五”以来累计建成4栋厂房。党工委书记主持会议并讲话，要求各部门认真贯彻"
        "落实上级决策部署，持续优化营商环境，推动经济高质量发展。\n"
    )
    return (para * (n // len(para) + 1))[:n]


# name -> (generator, small size, factor): the large input is small * factor characters
HOSTILE = {
    "megabyte_of_digits": (lambda n: "7" * n, 100_000, 10),
    "wan_repeated": (lambda n: "万" * n, 10_000, 10),
    "chinese_digits": (lambda n: ("一二三四五六七八九〇" * (n // 10 + 1))[:n], 100_000, 10),
    "mixed_numerals_line": (_mixed, 10_000, 10),
    "range_separators": (lambda n: ("1-" * (n // 2 + 1))[:n], 10_000, 10),
    "percent_chain": (lambda n: ("5%-" * (n // 3 + 1))[:n], 10_000, 10),
    "year_chain": (lambda n: ("2025年" * (n // 5 + 1))[:n], 10_000, 10),
    "thousands_separators": (lambda n: ("1,000," * (n // 6 + 1))[:n], 10_000, 10),
    "decimal_points": (lambda n: ("1." * (n // 2 + 1))[:n], 10_000, 10),
    "qualifier_words": (lambda n: ("约近超过不足" * (n // 6 + 1))[:n], 100_000, 10),
    "dense_news": (_news, 10_000, 10),
}


class _Timeout(Exception):
    pass


def _alarm(signum, frame):  # pragma: no cover - only on a runaway match
    raise _Timeout("value patterns did not finish: catastrophic backtracking?")


@pytest.fixture
def watchdog():
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - Windows
        yield
        return
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(WATCHDOG)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _time(text: str) -> tuple[float, list[Mention]]:
    t0 = time.perf_counter()
    out = find_values(text, pub_date="2025-10-16")
    return time.perf_counter() - t0, out


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_linear_scaling(name, watchdog):
    gen, small, factor = HOSTILE[name]
    numbers.patterns()
    dates.parse_date("2025年")  # compile outside the timing
    small_text, big_text = gen(small), gen(small * factor)
    t_small = min(_time(small_text)[0] for _ in range(2))
    t_big, mentions = _time(big_text)
    # linear: ~factor; catastrophic: factor**2 or worse.  Slack for timer noise on tiny runs.
    assert t_big <= 3 * factor * t_small + 0.5, (name, t_small, t_big)
    for m in mentions:
        assert big_text[m.start:m.end] == m.text


def test_megabyte_of_digits_finds_nothing(watchdog):
    text = "7" * 1_000_000
    assert find_values(text) == []


def test_long_numbers_are_bounded():
    # a 17-digit run is no number we read (numerals are bounded to 16 digits)
    assert find_values("12345678901234567元") == []
    assert [m.text for m in find_values("1234567890123456元")] == ["1234567890123456元"]


def _strip_classes(src: str) -> str:
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            j = i + 1
            if j < n and src[j] == "^":
                j += 1
            if j < n and src[j] == "]":
                j += 1
            while j < n and src[j] != "]":
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def test_no_unbounded_quantifiers():
    """Every repetition in the value patterns is bounded ({m,n}); ``}+`` is possessive."""
    p = numbers.patterns()
    sources = [s.pattern.pattern for s in (p.money, p.area, p.percent, p.quantity, p.bare)]
    sources.append(dates._rules().pattern.pattern.pattern)
    for src in sources:
        bare = _strip_classes(src).replace("}+", "}")
        assert "*" not in bare
        assert "+" not in bare
