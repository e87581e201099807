"""Date expressions as the Chinese press writes them, resolved to ISO/TIMEX-like values.

Pure functions, no spaCy.

>>> from datetime import date
>>> parse_date("2025年10月14日")
{'iso': '2025-10-14', 'approx': False}
>>> parse_date("10月14日上午", anchor=date(2025, 10, 16))
{'iso': '2025-10-14', 'approx': False}
>>> parse_date("今年以来", anchor=date(2025, 10, 16))
{'iso': '2025', 'approx': False}
>>> parse_date("前三季度", year_hint=2025)
{'iso': '2025-Q1/2025-Q3', 'approx': False}
>>> parse_date("4月11日至12日", year_hint=2025)
{'iso': '2025-04-11/2025-04-12', 'approx': False}
>>> parse_date("12月20日", anchor=date(2026, 1, 5))
{'iso': '2025-12-20', 'approx': False}
>>> parse_date("10月14日")
{'iso': 'XXXX-10-14', 'approx': False}
>>> parse_date("年底", anchor=date(2025, 3, 1))
{'iso': '2025-12', 'approx': True}
>>> parse_date("十四五")
{'iso': '2021/2025', 'approx': False}
>>> parse_date("近20年") is None, parse_date("60日内") is None
(True, True)

Year-less expressions resolve against ``anchor`` (the article's dateline date, else the
paper's publication date), else ``year_hint`` (the year the page states most often, see
:func:`infer_year`), else the year stays ``XXXX``.  A year-less month more than six months after
the anchor's month belongs to the year before (a December date in a January paper).

The date pattern is built once per process from ``rules/values/dates.toml``; repetition in it
is bounded, so scanning is linear in the length of the text.

Leaf module: imports only :mod:`pipeline.core.rules` and :mod:`pipeline.core.numbers`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

import regex

from . import numbers
from .numbers import Scanner, groups, lead, parse_number, triggers
from .rules import RuleError, alternation, compile_pattern, load_table

__all__ = ["parse_date", "infer_year", "resolve_year", "find_dates", "DateMatch"]

YEAR_MIN, YEAR_MAX = 1000, 2100
INFER_MIN, INFER_MAX = 1949, 2100


def resolve_year(month: int, anchor: dt.date | None) -> int | None:
    """The year of a year-less month, given the anchor date.

    A month more than six months after the anchor's month belongs to the year before:

    >>> resolve_year(12, dt.date(2026, 1, 8)), resolve_year(10, dt.date(2025, 10, 16))
    (2025, 2025)
    >>> resolve_year(3, None) is None
    True
    """
    if anchor is None:
        return None
    return anchor.year - 1 if month - anchor.month > 6 else anchor.year


# --------------------------------------------------------------------------- pattern


@dataclass(frozen=True)
class _DateRules:
    pattern: Scanner
    separators: tuple[str, ...]
    relative_years: dict[str, int]
    anaphoric_years: dict[str, int]
    relative_months: dict[str, int]
    relative_days: dict[str, int]
    relative_weeks: dict[str, int]
    halves: dict[str, str]
    seasons: dict[str, str]
    year_parts: dict[str, int]
    year_parts_after_year: dict[str, int]
    vague: dict[str, str]
    lunar_new_year: dict[int, tuple[int, int]]
    #: the 五一 holiday's days off by year, ("MM-DD", "MM-DD")
    labour_day: dict[int, tuple[str, str]]
    #: parts of a month that name days: 上中旬 -> ("01", "20"); "end" is the month's last day
    month_part_days: dict[str, tuple[str, str]]
    year_pattern: regex.Pattern
    dateline_tail: regex.Pattern
    future_cue: regex.Pattern


def _cls(chars: str) -> str:
    return "[" + "".join(regex.escape(c) for c in chars) + "]"


@functools.cache
def _rules() -> _DateRules:
    t = load_table("values/dates.toml")
    where = "values/dates.toml"
    try:
        rel_years = {k: int(v) for k, v in t["relative_years"].items()}
        anaphoric = {k: int(v) for k, v in t["anaphoric_years"].items()}
        rel_months = {k: int(v) for k, v in t["relative_months"].items()}
        rel_days = {k: int(v) for k, v in t["relative_days"].items()}
        rel_weeks = {k: int(v) for k, v in t["relative_weeks"].items()}
        halves = dict(t["halves"])
        seasons = dict(t["seasons"])
        year_parts = {k: int(v) for k, v in t["year_parts"].items()}
        yp_after = {k: int(v) for k, v in t["year_parts_after_year"].items()}
        vague_tables = t["vague"]
        seps = tuple(t["range"]["separators"])
        month_parts_alone = list(t["month_parts_alone"])
        same_day = list(t["same_day"]["words"])
        labour_day = {int(y): tuple(v.split("/")) for y, v in t["labour_day"].items()}
        month_part_days = {k: tuple(v.split("/")) for k, v in t["month_parts"].items() if v != "month"}
        lunar_new_year = {int(y): (int(md[:2]), int(md[3:])) for y, md in t["lunar_new_year"].items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleError(f"{where}: {exc!r}") from exc

    vague = {word: iso for iso, words in vague_tables.items() for word in words}
    # the grammar is the [patterns] of dates.toml, its fragments expanded at load; here only
    # the gate every match start must pass is added, made from the words and numeral sets
    grammar, pieces = t["patterns"], t["fragments"]
    words = [*rel_years, *anaphoric, *rel_months, *rel_weeks, *rel_days, *halves, *seasons, *year_parts,
             *month_parts_alone, *vague, *same_day]
    digits = "0123456789０１２３４５６７８９"
    numerals = digits + numbers.numerals().classes["date_numerals"]
    first = digits + numbers.numerals().classes["year_digits"] + "".join(
        sorted({w[0] for w in words} | set(t["start_chars"])))
    # a numeral starts a date only if a date word follows it (2025年, 10月, 14日, 一季度), or it
    # is an ISO date or a five-year plan: one possessive look-ahead rejects all other numbers
    numberish = _cls(numerals + "".join(seps) + " ")
    # a word starts a date only if it is one of the date words (近日, 今年, 上半年, 第一季度…)
    start_words = alternation(words) + "|" + pieces["start_words_extra"]
    numeral_gate = (
        f"(?:(?!{_cls(numerals)})(?={start_words})|(?={numberish}{{0,24}}+{pieces['date_mark']})"
        f"|{pieces['numeral_start']})"
    )
    pattern = lead(first, numerals) + numeral_gate + "(?:" + grammar["date"] + ")"
    year_pattern = compile_pattern(grammar["infer_year"], f"{where} [patterns.infer_year]")
    return _DateRules(
        pattern=Scanner(
            compile_pattern(pattern, f"{where} [patterns.date]"),
            triggers(numerals, start_words, f"{where} [trigger]"),
        ),
        separators=seps,
        relative_years=rel_years,
        anaphoric_years=anaphoric,
        relative_months=rel_months,
        relative_days=rel_days,
        relative_weeks=rel_weeks,
        halves=halves,
        seasons=seasons,
        year_parts=year_parts,
        year_parts_after_year=yp_after,
        vague=vague,
        lunar_new_year=lunar_new_year,
        labour_day=labour_day,  # type: ignore[arg-type]
        month_part_days=month_part_days,  # type: ignore[arg-type]
        year_pattern=year_pattern,
        dateline_tail=compile_pattern(grammar["dateline_tail"], f"{where} [patterns.dateline_tail]"),
        future_cue=compile_pattern(grammar["future_cue"], f"{where} [patterns.future_cue]"),
    )


# --------------------------------------------------------------------------- values


def _num(t: str | None) -> int | None:
    if not t:
        return None
    try:
        v = parse_number(t)
    except ValueError:
        return None
    return int(v) if v == int(v) else None


def _year_num(t: str) -> int | None:
    # 二〇二五 is read digit by digit; parse_number does that for runs of digits
    return _num(t)


def _five_year_plan(k: int) -> tuple[int, int] | None:
    if k == 1:
        return 1953, 1957
    if k == 2:
        return 1958, 1962
    if 3 <= k <= 19:
        start = 5 * k + 1951  # 三五 1966-1970 … 十四五 2021-2025
        return start, start + 4
    return None


def _days_in(year: int | None, month: int) -> int:
    return calendar.monthrange(year if year else 2000, month)[1]


@dataclass
class _Parts:
    """What one date expression says, before resolution."""

    year: int | None = None  # explicit
    year_rel: int | None = None  # 今年 0, 去年 -1 …
    year2: int | None = None
    month: int | None = None
    month2: int | None = None
    day: int | None = None
    day2: int | None = None
    half: str | None = None
    q1: int | None = None
    q2: int | None = None
    season: str | None = None
    yp_month: int | None = None
    month_part: bool = False
    quarter_part: bool = False  # 三季度末
    month_alone: bool = False
    first_n: int | None = None
    rel_month: int | None = None
    rel_week: int | None = None
    rel_day: int | None = None
    vague: str | None = None
    plan: tuple[int, int] | None = None
    lunar_day: int | None = None  # 正月初九 -> 9
    anaphor: int | None = None  # 当年 0, 次年 1: years after the year named before it
    since: bool = False
    same_day: bool = False  # 当日: the day of the date named before it
    holiday: bool = False  # “五一”
    mp_days: tuple[str, str] | None = None  # 上中旬 -> ("01", "20")

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.year_rel is not None

    @property
    def simple(self) -> bool:
        """A point (year, month or day) that can be one end of an `A至B` range."""
        return (
            self.vague is None and self.plan is None and self.year2 is None
            and self.month2 is None and self.day2 is None and self.q2 is None
            and not self.same_day and not self.holiday
            and self.first_n is None and not self.since and self.rel_day is None
            and self.rel_month is None and self.rel_week is None and not self.month_alone and self.lunar_day is None
            and (self.has_year or self.month is not None or self.day is not None)
            and self.half is None and self.q1 is None and self.season is None
            and self.yp_month is None and not self.month_part and not self.quarter_part
        )


def _parts(m: regex.Match) -> _Parts | None:
    r = _rules()
    g = groups(m)
    p = _Parts()
    if g.get("iy"):
        p.year, p.month, p.day = int(g["iy"]), int(g["im"]), int(g["id"])
        return p if p.day <= _days_in(p.year, p.month) else None
    if g.get("fy"):
        p.plan = _five_year_plan(_num(g["fy"]) or 0)
        return p if p.plan else None
    if g.get("vague"):
        p.vague = r.vague[g["vague"]]
        return p
    if g.get("rd"):
        p.rel_day = r.relative_days[g["rd"]]
        return p
    if g.get("sd"):
        p.same_day = True
        return p
    if g.get("ld"):
        # 初九, 十五, 廿三: the numeral after 初/廿 (廿 is twenty)
        ld = g["ld"]
        p.lunar_day = 20 + (_num(ld[1:]) or 0) if ld[0] == "廿" else _num(ld.removeprefix("初"))
        return p if p.lunar_day and 1 <= p.lunar_day <= 30 else None
    if g.get("y"):
        p.year = _year_num(g["y"])
        if p.year is None or not YEAR_MIN <= p.year <= YEAR_MAX:
            return None
    if g.get("y2"):
        p.year2 = _year_num(g["y2"])
        if p.year2 is None or p.year is None or not p.year < p.year2 <= YEAR_MAX:
            return None
    if g.get("ry"):
        p.year_rel = r.relative_years[g["ry"]]
    if g.get("ay"):  # 当年, 次年: resolved against the anchor here, re-based in find_dates
        p.year_rel = 0
        p.anaphor = r.anaphoric_years[g["ay"]]
    if g.get("cmp"):  # 上年同期: the year before
        p.year_rel = -1
    if g.get("half"):
        p.half = r.halves[g["half"]]
    p.quarter_part = bool(g.get("qp"))
    if g.get("qn"):
        p.q1, p.q2 = 1, _num(g["qn"])
    elif g.get("q"):
        p.q1 = _num(g["q"])
        if g.get("q2"):
            p.q2 = _num(g["q2"])
            if p.q2 is None or p.q1 is None or p.q2 <= p.q1:
                return None
    if g.get("fn"):
        p.first_n = _num(g["fn"])
        if p.first_n is None or not 2 <= p.first_n <= 11:
            return None
    if g.get("yp"):
        table = r.year_parts_after_year if p.has_year else r.year_parts
        p.yp_month = table.get(g["yp"]) or r.year_parts.get(g["yp"])
    if g.get("se"):
        p.season = r.seasons[g["se"]]
    if g.get("m"):
        p.month = 1 if g["m"] == "元" else _num(g["m"])
        if p.month is None or not 1 <= p.month <= 12:
            return None
    if g.get("m2"):
        p.month2 = _num(g["m2"])
        if p.month2 is None or not 1 <= p.month2 <= 12 or p.month2 <= (p.month or 0):
            return None
    if g.get("d"):
        p.day = _num(g["d"])
        if p.day is None or not 1 <= p.day <= 31:
            return None
        if p.month and p.day > _days_in(p.year, p.month):
            return None
    if g.get("d2"):
        p.day2 = _num(g["d2"])
        if p.day2 is None or not (p.day or 0) < p.day2 <= 31:
            return None
    if g.get("mp"):
        p.month_part = True
        p.mp_days = r.month_part_days.get(g["mp"])
    p.holiday = bool(g.get("hol"))
    if g.get("rm"):
        p.rel_month = r.relative_months[g["rm"]]
    if g.get("rw"):
        p.rel_week = r.relative_weeks[g["rw"]]
    if g.get("mpa"):
        p.month_alone = True
    p.since = bool(g.get("since"))
    return p


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _lunar_new_year(year: int | None) -> dt.date | None:
    """The first day of the lunar year ``year`` (春节), if the table has it."""
    md = _rules().lunar_new_year.get(year) if year else None
    return dt.date(year, *md) if md and year else None


def _resolve(p: _Parts, anchor: dt.date | None, year_hint: int | None) -> dict[str, Any] | None:
    """{"iso", "approx"} for parsed parts, or None when the expression needs an anchor it lacks."""
    if p.vague:
        return {"iso": p.vague, "approx": True}
    if p.plan:
        return {"iso": f"{p.plan[0]}/{p.plan[1]}", "approx": False}
    if p.rel_day is not None or p.same_day:
        if anchor is None:
            return None
        return {"iso": (anchor + dt.timedelta(days=p.rel_day or 0)).isoformat(), "approx": False}
    if p.rel_week is not None:
        if anchor is None:
            return None
        year, week, _ = (anchor + dt.timedelta(weeks=p.rel_week)).isocalendar()
        return {"iso": f"{year:04d}-W{week:02d}", "approx": False}
    if p.rel_month is not None or p.month_alone:
        if anchor is None:
            return None
        y, mo = _shift_month(anchor.year, anchor.month, p.rel_month or 0)
        return {"iso": f"{y:04d}-{mo:02d}", "approx": p.month_part or p.month_alone}

    base = anchor.year if anchor else year_hint
    if p.lunar_day is not None:
        new_year = _lunar_new_year(base)
        if new_year is None:
            return None
        return {"iso": (new_year + dt.timedelta(days=p.lunar_day - 1)).isoformat(), "approx": False}
    if p.year is not None:
        year: int | None = p.year
    elif p.year_rel is not None:
        year = base + p.year_rel if base else None
    elif p.month is not None:
        year = resolve_year(p.month, anchor) if anchor else year_hint
    else:
        year = base

    def Y(y: int | None) -> str:
        return f"{y:04d}" if y else "XXXX"

    ys = Y(year)
    approx = False
    if p.year2 is not None:
        iso = f"{ys}/{p.year2:04d}"
    elif p.half:
        iso = f"{ys}-{p.half}"
    elif p.q1 is not None:
        iso = f"{ys}-Q{p.q1}" + (f"/{ys}-Q{p.q2}" if p.q2 else "")
        approx = p.quarter_part
    elif p.first_n:
        iso = f"{ys}-01/{ys}-{p.first_n:02d}"
    elif p.season:
        iso = f"{ys}-{p.season}"
    elif p.holiday:
        days = _rules().labour_day.get(year) if year else None
        if days is None:
            iso, approx = f"{ys}-05-01", True
        else:
            iso = f"{ys}-{days[0]}/{ys}-{days[1]}"
    elif p.yp_month == 1 and p.since:
        iso = ys  # 年初以来: the year so far
    elif p.yp_month:
        iso, approx = f"{ys}-{p.yp_month:02d}", True
    elif p.month is not None and p.month2 is not None:
        y2 = year + 1 if (year and p.month2 < p.month) else year
        iso = f"{ys}-{p.month:02d}/{Y(y2)}-{p.month2:02d}"
    elif p.month is not None and p.day is not None:
        if year and p.day > _days_in(year, p.month):
            return None  # 2月29日 in a common year
        iso = f"{ys}-{p.month:02d}-{p.day:02d}"
        if p.day2:
            iso += f"/{ys}-{p.month:02d}-{p.day2:02d}"
    elif p.month is not None and p.mp_days:
        first, last = p.mp_days
        last = f"{_days_in(year, p.month):02d}" if last == "end" else last
        iso, approx = f"{ys}-{p.month:02d}-{first}/{ys}-{p.month:02d}-{last}", True
    elif p.month is not None:
        iso, approx = f"{ys}-{p.month:02d}", p.month_part
    elif p.day is not None:
        if anchor is None:
            iso = f"XXXX-XX-{p.day:02d}"
        else:
            y, mo = anchor.year, anchor.month
            if p.day - anchor.day > 15:  # 30日 in a paper of the 2nd: last month
                y, mo = _shift_month(y, mo, -1)
            if p.day > _days_in(y, mo):
                return None
            iso = f"{y:04d}-{mo:02d}-{p.day:02d}"
    elif p.has_year:
        iso = ys
    else:
        return None
    return {"iso": iso, "approx": approx}


def _merge_parts(a: _Parts, b: _Parts) -> _Parts:
    """The second end of `A至B` inherits what it leaves out (4月11日至12日)."""
    b = _Parts(**b.__dict__)
    if not b.has_year:
        b.year, b.year_rel = a.year, a.year_rel
        if b.month is None and b.day is not None:
            b.month = a.month
    return b


# --------------------------------------------------------------------------- scanning


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: dict[str, Any]


def _expressions(text: str) -> list[tuple[int, int, _Parts, _Parts | None]]:
    """(start, end, parts, second parts of a range or None) for every date expression."""
    r = _rules()
    items: list[tuple[int, int, _Parts]] = []
    for m in r.pattern.finditer(text):
        p = _parts(m)
        if p is not None:
            items.append((m.start(), m.end(), p))
    out: list[tuple[int, int, _Parts, _Parts | None]] = []
    i = 0
    while i < len(items):
        s, e, p = items[i]
        if i + 1 < len(items) and _range_end(p):
            s2, e2, p2 = items[i + 1]
            if text[e:s2] in r.separators and _range_end(p2):
                q = _merge_parts(p, p2)
                if _granularity(p) == _granularity(q) or (p.day is not None and q.day is not None):
                    out.append((s, e2, p, q))
                    i += 2
                    continue
        out.append((s, e, p, None))
        i += 1
    return out


def _range_end(p: _Parts) -> bool:
    """One end of `A至B`: a simple point, or a month with its part (4月初至5月中旬)."""
    if p.simple:
        return True
    bare = _Parts(**{**p.__dict__, "month_part": False, "mp_days": None})
    return p.month_part and p.mp_days is None and p.day is None and bare.simple


def _granularity(p: _Parts) -> int:
    return 3 if p.day is not None else 2 if p.month is not None else 1


def _value(p: _Parts, q: _Parts | None, anchor: dt.date | None, year_hint: int | None):
    v = _resolve(p, anchor, year_hint)
    if v is None or q is None:
        return v
    w = _resolve(q, anchor, year_hint)
    if w is None:
        return None
    if "XXXX" not in v["iso"] and "XXXX" not in w["iso"] and w["iso"] < v["iso"]:
        return None  # 2025年至2023年 is not a range
    return {"iso": f"{v['iso']}/{w['iso']}", "approx": v["approx"] or w["approx"]}


def find_dates(
    text: str,
    anchor_at: Callable[[int], dt.date | None] | None = None,
    year_hint: int | None | Callable[[], int | None] = None,
) -> list[DateMatch]:
    """Every date expression in ``text`` with its value.

    ``anchor_at(offset)`` gives the anchor date for an expression starting at ``offset`` (the
    article's dateline, else the publication date); ``year_hint`` (or a callable computing it
    lazily) is used where there is no anchor.

    >>> [(m.start, m.end, m.value["iso"]) for m in find_dates("今年上半年，1-5月", year_hint=2025)]
    [(0, 5, '2025-H1'), (6, 10, '2025-01/2025-05')]
    """
    hint_cache: list[int | None] = []

    def hint() -> int | None:
        if callable(year_hint):
            if not hint_cache:
                hint_cache.append(year_hint())
            return hint_cache[0]
        return year_hint

    out: list[DateMatch] = []
    for s, e, p, q in _expressions(text):
        anchor = anchor_at(s) if anchor_at else None
        value = _value(p, q, anchor, hint() if anchor is None else None)
        if p.same_day and out:
            value = _day_before(out, s) or value
        if value is not None and p.yp_month and not p.has_year and out:
            value = _framed_year_part(text, out[-1], s, value) or value
        if value is not None and text.endswith("同期", s, e) and out:
            value = _same_period_before(text, out[-1], s) or value
        elif value is not None and e - s == 2 and text.startswith("上年", s) and out:
            value = _year_before_statistic(text, out[-1], s) or value
        if value is not None and p.anaphor is not None:
            # without a year before it, 当年3月 is still 3月 (of the anchor's year); 当年 alone is none
            based = _anaphoric_year(text, out[-1], s, value, p.anaphor) if out else None
            value = based if based is not None else (value if e - s > 2 else None)
        if value is not None:
            out.append(DateMatch(s, e, value))
    return out


#: how far back (characters) 当日 looks for the date it refers to
_SAME_DAY_REACH = 300


def _day_before(found: list[DateMatch], start: int) -> dict[str, Any] | None:
    """当日 after 10月20日 (other dates, 第四季度, may stand between) is that day: the last single
    day named within reach; None when there is none."""
    for previous in reversed(found):
        if start - previous.end > _SAME_DAY_REACH:
            return None
        if _FULL_DAY.fullmatch(previous.value["iso"]):
            return {"iso": previous.value["iso"], "approx": False}
    return None


_FULL_DAY = regex.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _framed_year_part(text: str, previous: DateMatch, start: int, value: dict[str, Any]) -> dict[str, Any] | None:
    """年末 in a paragraph of statistics framed by an explicit year (2008年，全县…，年末存款余额…)
    is that year's end, not the page's; None when no explicit year precedes in the paragraph."""
    if start - previous.end > _SAME_DAY_REACH or "\n" in text[previous.end:start]:
        return None
    framing = _EXPLICIT_YEAR.match(text, previous.start, previous.end)
    if not framing:
        return None
    return {**value, "iso": framing.group(1) + value["iso"][4:]}


#: a date that states its year: 2008年, 2008年1-6月
_EXPLICIT_YEAR = regex.compile(r"((?:19|20)[0-9]{2})年")


def _same_period_before(text: str, previous: DateMatch, start: int) -> dict[str, Any] | None:
    """去年同期 after 1-9月 in the same sentence is 1-9月 of the year before (the comparison's
    base period), not the whole year; None when no such period precedes."""
    iso = previous.value["iso"]
    if start - previous.end > 80 or not regex.match(r"[0-9]{4}", iso):
        return None
    if any(ch in text[previous.end:start] for ch in "。！？\n"):
        return None
    shifted = regex.sub(r"(?<![0-9])([0-9]{4})(?![0-9])", lambda m: f"{int(m[1]) - 1:04d}", iso)
    return {"iso": shifted, "approx": previous.value.get("approx", False)}


def _year_before_statistic(text: str, previous: DateMatch, start: int) -> dict[str, Any] | None:
    """上年 in a statistic framed by a year named just before it in the paragraph (2017年，…比上年
    提高…) is the year before that one, not before the page's; None when no year precedes."""
    if start - previous.end > _SAME_DAY_REACH or "\n" in text[previous.end:start]:
        return None
    if text.endswith("同期", previous.start, previous.end):
        return None  # 比去年同期增长…，增速比上年提高…: both count back from the anchor's year
    year = regex.match(r"[0-9]{4}", previous.value["iso"])
    if not year:
        return None
    return {"iso": f"{int(year.group()) - 1:04d}", "approx": False}


def _anaphoric_year(text: str, previous: DateMatch, start: int, value: dict[str, Any],
                    delta: int) -> dict[str, Any] | None:
    """当年 / 同年12月 / 次年 after a date that states its year in the same paragraph (2019年…，
    当年…) count from that year; None without one (a bare 当年 is "back then")."""
    if start - previous.end > _SAME_DAY_REACH or "\n" in text[previous.end:start]:
        return None
    framing = _EXPLICIT_YEAR.match(text, previous.start, previous.end)
    if framing:
        base = int(framing.group(1))
    elif text.startswith(tuple(_rules().anaphoric_years), previous.start):
        base = int(previous.value["iso"][:4])  # 同年12月，次年3月: a chain of them
    else:
        return None
    year = f"{base + delta:04d}"
    return {**value, "iso": regex.sub(r"(?<![0-9])[0-9]{4}(?![0-9])", year, value["iso"])}


def parse_date(
    text: str, *, anchor: dt.date | None = None, year_hint: int | None = None
) -> dict[str, Any] | None:
    """The value {"iso", "approx"} of one date expression (the whole of ``text``), else None.

    >>> parse_date("2025-10-14"), parse_date("二〇二五年十月十四日")["iso"]
    ({'iso': '2025-10-14', 'approx': False}, '2025-10-14')
    >>> parse_date("去年", anchor=dt.date(2025, 5, 1))["iso"], parse_date("4月份", year_hint=2025)["iso"]
    ('2024', '2025-04')
    >>> parse_date("2025年10月14日 星期二")["iso"], parse_date("10月14日电", year_hint=2025)["iso"]
    ('2025-10-14', '2025-10-14')
    """
    if isinstance(anchor, str):
        try:
            anchor = dt.date.fromisoformat(anchor)
        except ValueError:
            anchor = None
    # a dateline may carry a weekday or the agency's 电/讯 after the date, and stray spaces
    s = _rules().dateline_tail.sub("", regex.sub(r"\s+", "", text))
    for candidate, lo in ((s, 0), (f"“{s}”", 1)):  # a five-year plan is written in quotes
        exprs = _expressions(candidate)
        if len(exprs) == 1:
            start, end, p, q = exprs[0]
            if start == lo and end == lo + len(s):
                return _value(p, q, anchor, year_hint if anchor is None else None)
    return None


def infer_year(text: str) -> int | None:
    """The year the page states most often (1949–2100; ties go to the latest), else None.

    Target years of plans (``计划于2024年底建成``, ``预计2019年``, ``到2030年``) say nothing about
    when the page was written, so they are not counted.

    >>> infer_year("2024年全年…2025年上半年…2025年10月")
    2025
    >>> infer_year("2017年完成投资…召开2018年重点项目推进会…预计2019年底建成")
    2018
    >>> infer_year("无年份") is None
    True
    """
    counts: Counter[int] = Counter()
    for m in _rules().year_pattern.finditer(text):
        y = _num(m.group("y") or m.group("c"))
        if y is None or not INFER_MIN <= y <= INFER_MAX:
            continue
        if _rules().future_cue.search(text, max(0, m.start() - 5), m.start()):
            continue
        counts[y] += 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
