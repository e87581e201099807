"""pipeline.core.pubdate: publication dates from masthead lines and from paths.

Weekdays checked by hand against a calendar: 2025-10-15 was a Wednesday, 2025-10-19 a Sunday,
2025-10-20 a Monday.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

import pytest

from pipeline.core.pubdate import masthead_date, page_date, path_date


@pytest.mark.parametrize("origin, line, iso", [
    ("issue 22's example", "晋中日报 2025年10月15日 星期三", "2025-10-15"),
    ("a national daily's masthead with the edition", "人民日报 2025年10月15日 星期三 第3版", "2025-10-15"),
    ("full-width spaces and the lunar date", "晋中日报\u30002025年10月15日\u3000星期三\u3000农历乙巳年八月廿四", "2025-10-15"),
    ("ISO date and a lettered edition", "科学导报 2025-10-15 第A3版", "2025-10-15"),
    ("date in Chinese numerals", "二〇二五年十月十五日 星期三", "2025-10-15"),
    ("traditional script, Sunday as 星期日", "中國時報 2025年10月19日 星期日", "2025-10-19"),
    ("Sunday as 星期天", "2025年10月19日 星期天", "2025-10-19"),
    ("weekday in brackets", "2025年10月15日（星期三）", "2025-10-15"),
    ("separators between the parts", "晋中日报 | 2025年10月15日 | 星期三", "2025-10-15"),
    ("the date alone on its line", "2025年10月15日", "2025-10-15"),
    ("a weekday that contradicts the date (misread digit)", "2025年10月15日 星期一", None),
    ("星期天 on a Monday", "2025年10月20日 星期天", None),
    ("a body sentence opening with a date", "2025年10月15日，太谷区召开项目推进会。", None),
    ("a headline glued to a date", "2025年10月15日太谷区物流园开工", None),
    ("a dateline: no year", "科学导报讯 10月14日", None),
    ("a masthead without the year", "晋中日报 10月15日 星期三", None),
    ("two dates on the line", "2025年10月15日 2025年10月16日", None),
    ("a month only", "晋中日报 2025年10月", None),
    ("a day that does not exist", "晋中日报 2025年2月30日", None),
    ("too long for a masthead", "晋中日报 2025年10月15日 星期三 " + "本期导读" * 15, None),
    ("empty line", "   ", None),
])
def test_masthead_date(origin, line, iso):
    found = masthead_date(line)
    assert (found.date.isoformat() if found else None) == iso
    if found:
        assert found.source == "masthead" and found.text == line.strip()


def test_page_date_gives_the_masthead_span():
    page = "\n  晋中日报 2025年10月15日 星期三\n太谷区物流园开工\n科学导报讯 10月14日，太谷区物流园项目开工。\n"
    found = page_date(page)
    assert found.date.isoformat() == "2025-10-15"
    assert page[found.start:found.end] == "晋中日报 2025年10月15日 星期三"


@pytest.mark.parametrize("origin, page", [
    ("masthead after three lines", "太谷区物流园开工\n科学导报讯 10月14日，项目开工。\n二期在建。\n晋中日报 2025年10月15日 星期三"),
    ("no masthead", "太谷区物流园开工\n科学导报讯 10月14日，太谷区物流园项目开工。"),
    ("empty page", ""),
])
def test_page_date_none(origin, page):
    assert page_date(page) is None


@pytest.mark.parametrize("origin, path, iso, text", [
    ("issue 22: a dated folder", "archive/2025-10-15/page1.txt", "2025-10-15", "2025-10-15"),
    ("issue 22: the date in the name", "jzrb/jzrb_20251015_03.txt", "2025-10-15", "20251015"),
    ("year/month/day folders", "2025/10/15/page1.txt", "2025-10-15", "2025/10/15"),
    ("year-month/day folders of an e-paper site", "rmrb/html/2025-10/15/nw.D110000renmrb_20251015_1-01.htm",
     "2025-10-15", "20251015"),
    ("Chinese date as folder", "2025年10月15日/第3版.txt", "2025-10-15", "2025年10月15日"),
    ("dots, Windows separators", "D:\\archive\\2025.10.15\\p1.txt", "2025-10-15", "2025.10.15"),
    ("folder and name disagree: the name wins", "2024-12-31/20250101.txt", "2025-01-01", "20250101"),
    ("ten digits are an id, not a date", "scans/page_2025101503.txt", None, None),
    ("an impossible day", "2025-02-30/p1.txt", None, None),
    ("a month that does not exist", "id_20251340.txt", None, None),
    ("no date at all", "corpus/p01_taigu_yuci.txt", None, None),
])
def test_path_date(origin, path, iso, text):
    found = path_date(path)
    assert (found.date.isoformat() if found else None) == iso
    if found:
        assert found.source == "path" and found.text == text


def test_path_objects_are_read_with_forward_slashes():
    assert path_date(PureWindowsPath(r"D:\archive\2025\10\15\p1.txt")).text == "2025/10/15"
    assert path_date(PurePosixPath("archive/2025-10-15/page1.txt")).start == len("archive/")
