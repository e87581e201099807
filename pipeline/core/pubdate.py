"""A page's publication date when the caller gives none: from its masthead line or its path.

Without ``--pub-date`` every year-less date on a page (``10月14日``) has no year to resolve
against. Yet an archive usually says the date twice: the page starts with its masthead
(``晋中日报 2025年10月15日 星期三``, which otherwise reads as the first headline), and the file
sits in a dated folder or carries the date in its name (``2025-10-15/page1.txt``,
``jzrb_20251015_03.txt``). Pure functions, no spaCy:

>>> masthead_date("晋中日报 2025年10月15日 星期三").date
datetime.date(2025, 10, 15)
>>> path_date("archive/2025-10-15/page1.txt").date
datetime.date(2025, 10, 15)
>>> masthead_date("2025年10月15日，太谷区召开项目推进会。") is None   # a sentence, not a masthead
True

Each returns a :class:`FoundDate` saying where the date was read (``source``: ``masthead`` or
``path``, and the span in the line, page or path), so a caller can set ``pub_date`` with
``pub_date_source`` and keep the masthead out of the first article.

Leaf module: imports only :mod:`pipeline.dates` (which builds its pattern once per process).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

import regex

from .dates import find_dates

__all__ = ["FoundDate", "masthead_date", "page_date", "path_date"]

YEAR_MIN, YEAR_MAX = 1900, 2100


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    source: Literal["masthead", "path"]
    text: str   # the masthead line, or the part of the path the date was read from
    start: int  # span of ``text`` in what was searched (the line or page; the path, with / separators)
    end: int


# What a masthead line holds besides its date: the paper's name, the edition, the weekday, the
# lunar date, separators. Every repetition is bounded.
_WEEKDAYS = "一二三四五六日天"
_MASTHEAD_PART = (
    r"\p{Han}{1,12}(?:报|報|刊)(?:社)?"                                   # 晋中日报, 人民日報, 科学导报社
    r"|第\s?[A-Za-z]?\s?[0-9０-９一二三四五六七八九十]{1,3}\s?版"          # 第3版, 第A3版, 第十二版
    r"|[A-Za-z][0-9]{1,2}\s?版?"                                           # A3, B12版
    r"|今日\s?[0-9]{1,3}\s?版"                                             # 今日16版
    r"|(?:星期|礼拜|禮拜|周|週)[" + _WEEKDAYS + r"]"                       # 星期三
    r"|[（(](?:星期|礼拜|禮拜|周|週)[" + _WEEKDAYS + r"][)）]"              # （星期三）
    r"|(?:农历|農曆)\p{Han}{2,12}"                                         # 农历乙巳年八月廿四
)
_MASTHEAD_REST = regex.compile(r"(?:[\s|｜·•/／—\-]{1,10}|(?:" + _MASTHEAD_PART + r")){0,12}")
_WEEKDAY = regex.compile(r"(?:星期|礼拜|禮拜|周|週)([" + _WEEKDAYS + r"])")
_WEEKDAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}  # date.weekday()
_FULL_DAY = regex.compile(r"^\d{4}-\d{2}-\d{2}$")
#: a masthead is a short line; a sentence that starts with a date is longer and punctuated
_MASTHEAD_MAX = 60


def masthead_date(line: str) -> FoundDate | None:
    """The date of a masthead line: one full date (year, month and day, in any form the date
    parser reads) with nothing else on the line but the paper's name, the edition, the weekday,
    the lunar date and separators. A weekday that contradicts the date (an OCR error in a
    digit, most likely) gives None rather than a wrong date.

    >>> masthead_date("人民日报 2025年10月15日 星期三 第3版").text
    '人民日报 2025年10月15日 星期三 第3版'
    >>> masthead_date("2025年10月15日 星期一") is None   # the 15th was a Wednesday
    True
    """
    stripped = line.strip()
    if not stripped or len(stripped) > _MASTHEAD_MAX:
        return None
    found = [m for m in find_dates(stripped) if _FULL_DAY.match(m.value["iso"])]
    if len(found) != 1:
        return None
    m = found[0]
    try:
        date = dt.date.fromisoformat(m.value["iso"])
    except ValueError:
        return None
    if not YEAR_MIN <= date.year <= YEAR_MAX:
        return None
    rest = stripped[:m.start] + " " + stripped[m.end:]
    if not _MASTHEAD_REST.fullmatch(rest):
        return None
    weekday = _WEEKDAY.search(rest)
    if weekday and _WEEKDAY_NUMBER[weekday.group(1)] != date.weekday():
        return None
    offset = line.index(stripped)
    return FoundDate(date, "masthead", stripped, offset, offset + len(stripped))


def page_date(text: str, *, first_lines: int = 3) -> FoundDate | None:
    """The masthead date among the first ``first_lines`` non-blank lines of a page, with the
    masthead's span in ``text``.

    >>> found = page_date("\\n晋中日报 2025年10月15日 星期三\\n太谷区物流园开工\\n科学导报讯 10月14日，…")
    >>> found.date.isoformat(), found.start, found.end
    ('2025-10-15', 1, 21)
    """
    seen = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            found = masthead_date(line)
            if found is not None:
                return FoundDate(found.date, found.source, found.text, pos + found.start, pos + found.end)
            seen += 1
            if seen >= first_lines:
                return None
        pos += len(line)
    return None


_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)[0-9]{2}"
_PATH_DATE = regex.compile(
    # 2025-10-15, 2025_10_15, 2025.10.15, 2025年10月15日, and across folders 2025/10/15, 2025-10/15
    rf"(?<![0-9])(?P<y>{_YEAR})(?:[-_.年/]|(?=[0-9]{{2}}/))(?P<m>{_MONTH})[-_.月/](?P<d>{_DAY})日?(?![0-9])"
    # 20251015 standing alone (not part of a longer number)
    rf"|(?<![0-9])(?P<y8>{_YEAR})(?P<m8>0[1-9]|1[0-2])(?P<d8>0[1-9]|[12][0-9]|3[01])(?![0-9])"
)


def path_date(path: str | PurePath) -> FoundDate | None:
    """The date a file's path gives, read in its folders and name; where several are found,
    the one nearest the file name wins (the most specific). Eight digits count only standing
    alone, so an id like ``2025101503`` is not a date.

    >>> path_date("jzrb/jzrb_20251015_03.txt").text, path_date("2025/10/15/page1.txt").text
    ('20251015', '2025/10/15')
    >>> path_date("2025-10/15/nw.D110000renmrb_20251016_1-01.htm").date.isoformat()
    '2025-10-16'
    >>> path_date("scans/page_2025101503.txt") is None, path_date("2025-02-30/p1.txt") is None
    (True, True)
    """
    s = PurePath(path).as_posix() if isinstance(path, PurePath) else str(path).replace("\\", "/")
    best: FoundDate | None = None
    for m in _PATH_DATE.finditer(s, overlapped=True):
        y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (
            m.group("y8"), m.group("m8"), m.group("d8"))
        try:
            date = dt.date(int(y), int(mo), int(d))
        except ValueError:
            continue
        if best is None or m.start() >= best.start:
            best = FoundDate(date, "path", m.group(), m.start(), m.end())
    return best
