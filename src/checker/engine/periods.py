"""The assessment window and the calendar periods a requirement is judged over.

Periods run from the window start (the later of the cycle start and the unit's ``since``) and
are calendar periods (ISO weeks for ``week``), clipped to the window. Each carries its share:
the days of the calendar period that count (inside the window, and up to the assessment date)
over all its days. A period cut short by the window is judged against its ``min`` scaled by
that share, rounded half up; the period holding the assessment date is in progress, scaled by
its elapsed share, rounded down (see judge.threshold).

``cycle`` is not a calendar period but the whole window so far: a requirement "in the cycle"
(a leading-group document, 50 publicity events) is judged in full against what exists by the
assessment date. Scaling it would leave every ``min: 1`` cycle requirement unjudged until the
cycle ends (floor of a share below one is zero), which no unit would expect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import repeat

from checker.engine.signals import day as written_day
from checker.evidence.model import Record

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date  # the assessment date, or the cycle end when that came first
    cycle_end: dt.date
    as_of: dt.date

    def current(self, records: Iterable[Record]) -> list[bool]:
        """Whether each record falls (at least partly) in the window."""
        return list(map(Record.overlaps, records, repeat(self.start), repeat(self.end)))


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date  # the calendar period clipped to the window start
    end: dt.date  # … and to the cycle end
    share: Fraction = Fraction(1)  # its days that count, over all its calendar days
    in_progress: bool = False  # it holds the assessment date: the share is what has elapsed


def _year(day: dt.date) -> tuple[dt.date, dt.date, str]:
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), f"{day.year}"


def _quarter(day: dt.date) -> tuple[dt.date, dt.date, str]:
    quarter = (day.month - 1) // 3
    start = dt.date(day.year, quarter * 3 + 1, 1)
    end = _month(dt.date(day.year, quarter * 3 + 3, 1))[1]
    return start, end, f"{day.year}-Q{quarter + 1}"


def _month(day: dt.date) -> tuple[dt.date, dt.date, str]:
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - ONE_DAY, f"{day.year}-{day.month:02d}"


def _week(day: dt.date) -> tuple[dt.date, dt.date, str]:
    year, week, weekday = day.isocalendar()
    start = day - dt.timedelta(days=weekday - 1)
    return start, start + dt.timedelta(days=6), f"{year}-W{week:02d}"


Calendar = Callable[[dt.date], tuple[dt.date, dt.date, str]]
CALENDARS: dict[str, Calendar] = {
    "year": _year,
    "quarter": _quarter,
    "month": _month,
    "week": _week,
}


def _days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


def periods(kind: str, window: Window) -> list[Period]:
    """The periods of ``kind`` from the window start up to the assessment date."""
    if kind == "cycle":
        return [Period(f"{window.start}~{window.end}", window.start, window.end)]
    calendar = CALENDARS[kind]
    return [_clip(label, start, end, window) for start, end, label in _walk(calendar, window)]


def _walk(calendar: Calendar, window: Window) -> Iterator[tuple[dt.date, dt.date, str]]:
    day = window.start
    while day <= window.end:
        start, end, label = calendar(day)
        yield start, end, label
        day = end + ONE_DAY


def _clip(label: str, start: dt.date, end: dt.date, window: Window) -> Period:
    """The calendar period ``start``..``end`` inside the window, with its share of days."""
    days = _days(start, end)
    first, last = max(start, window.start), min(end, window.cycle_end)
    if window.as_of < last:  # in progress: the days so far
        return Period(label, first, last, Fraction(_days(first, window.as_of), days), True)
    return Period(label, first, last, Fraction(_days(first, last), days))


def bounds(label: str) -> tuple[str, dt.date, dt.date] | None:
    """(kind, first day, last day) of a machine label: 2022, 2022-Q3, 2022-07, 2022-W05, or
    ``start~end`` for the cycle; None for a label that is none of these."""
    try:
        if "~" in label:
            first, last = label.split("~")
            return "cycle", dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        if "-W" in label:
            year, week = label.split("-W")
            start = dt.date.fromisocalendar(int(year), int(week), 1)
            return "week", start, start + dt.timedelta(days=6)
        if "-Q" in label:
            year, quarter = label.split("-Q")
            start, end, _ = _quarter(dt.date(int(year), int(quarter) * 3, 1))
            return "quarter", start, end
        if "-" in label:
            year, month = label.split("-")
            start, end, _ = _month(dt.date(int(year), int(month), 1))
            return "month", start, end
        start, end, _ = _year(dt.date(int(label), 1, 1))
        return "year", start, end
    except ValueError:
        return None


def week_words(start: dt.date, end: dt.date, year: int | None = None) -> str:
    """A week as people write it: 1月10日—16日, 1月31日—2月6日, 2022年12月26日—2023年1月1日;
    the year is left out when it is ``year`` (the report's own year)."""
    head = "" if start.year == year else f"{start.year}年"
    if end.year != start.year:  # a week across the year end: both years, so neither misleads
        return f"{head}{start.month}月{start.day}日—{end.year}年{end.month}月{end.day}日"
    if end.month != start.month:
        return f"{head}{start.month}月{start.day}日—{end.month}月{end.day}日"
    return f"{head}{start.month}月{start.day}日—{end.day}日"


CYCLE_WORDS = "创建周期内"  # the whole window, as a gap opens: 创建周期内未见…


def spoken(label: str, year: int | None = None) -> str:
    """A machine label as a person names the period: 2022年, 2022年第3季度, 2022年3月,
    1月10日—16日 (a week; the year written when it is not ``year``). Unknown labels are kept."""
    found = bounds(label)
    if found is None:
        return label
    kind, start, end = found
    if kind == "cycle":
        return CYCLE_WORDS
    if kind == "week":
        return week_words(start, end, year)
    if kind == "quarter":
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    if kind == "month":
        return f"{start.year}年{start.month}月"
    return f"{start.year}年"


def describe(period: Period) -> str:
    """How a period reads in a Chinese sentence: 2022年, 2022年第1季度, 2022年3月, 1月10日—16日."""
    return spoken(period.label)


def starting(kind: str, day: dt.date) -> str:
    """The period of ``kind`` holding ``day`` as “自××起” names it: 2023年1月, 2023年第1季度,
    2023年, 2023年1月2日 (a week: its Monday)."""
    if kind not in CALENDARS:
        return written_day(day)
    start, _, label = CALENDARS[kind](day)
    if kind == "week":
        return written_day(start)
    return spoken(label)


UNIT_WORDS = {"cycle": "个周期", "year": "年", "quarter": "个季度", "month": "个月", "week": "周"}
