"""Date forms and spans (SPEC "Evidence folder"), with property tests over open-ended input.

File-name dates and the year of a title are in test_parsing_names.py, numbers in
test_parsing_numbers.py, Chinese numerals on their own in test_numerals.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.parsing import DateError, month_in, parse_date, parse_span

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))
WEEKDAYS = "一二三四五六日"
DIGITS = "〇一二三四五六七八九"


def chinese_small(n: int) -> str:
    """1..31 as a month or day is written in words: 八, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    if not tens:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def chinese_date(d: dt.date, zero: str = "〇", day: str = "日") -> str:
    year = "".join(DIGITS[int(c)] for c in str(d.year)).replace("〇", zero)
    return f"{year}年{chinese_small(d.month)}月{chinese_small(d.day)}{day}"


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


Form = Callable[[dt.date], str]
FORMS: list[Form] = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
]
# the forms above as offices also write them: in words, full-width, with a time or weekday
DAY_FORMS: list[Form] = [
    *FORMS,
    chinese_date,
    lambda d: chinese_date(d, zero="零"),
    lambda d: chinese_date(d, day="号"),
    lambda d: f"{d.year}年{chinese_small(d.month)}月{chinese_small(d.day)}日",
    lambda d: full_width(d.isoformat()),
    lambda d: full_width(f"{d.year}年{d.month}月{d.day}日"),
    lambda d: f"{d.isoformat()} 14:30",
    lambda d: f"{d.year}/{d.month}/{d.day} 9:00:00",
    lambda d: f"{d.isoformat()}T08:05:00",
    lambda d: f"{d.year}年{d.month}月{d.day}日14时30分",
    lambda d: f"{d.year}年{d.month}月{d.day}日下午",
    lambda d: f"{d.year}年{d.month}月{d.day}日 下午3:00",
    lambda d: f"{d.year}年{d.month}月{d.day}日上午9点半",
    lambda d: f"{d.year}.{d.month}.{d.day} 9:00-11:30",
    lambda d: f"{d.year}年{d.month}月{d.day}日（星期{WEEKDAYS[d.weekday()]}）",
    lambda d: f"{d.isoformat()} 周{WEEKDAYS[d.weekday()]}",
    lambda d: f"{d.year}.{d.month}.{d.day} 星期{WEEKDAYS[d.weekday()]}",
    lambda d: f"{d.year}年{d.month}月{d.day}日 礼拜{WEEKDAYS[d.weekday()]}",
    lambda d: f"{d.year}年{d.month}月{d.day}日晚上",
]


@given(dates, st.sampled_from(DAY_FORMS))
def test_every_date_form_round_trips(day: dt.date, form: Form) -> None:
    assert parse_date(form(day)) == day
    assert parse_span(form(day)) == (day, day)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("二〇二二年三月八日", dt.date(2022, 3, 8)),
        ("二零二二年十二月三十一日", dt.date(2022, 12, 31)),
        ("2022年三月八日", dt.date(2022, 3, 8)),
        ("二〇二二年三月八号", dt.date(2022, 3, 8)),
        ("二〇二二年二月二十日", dt.date(2022, 2, 20)),
        ("２０２２－０３－０８", dt.date(2022, 3, 8)),
        ("2022-03-08 14:30", dt.date(2022, 3, 8)),
        ("2022/3/8 9:00:00", dt.date(2022, 3, 8)),
        ("2022年3月8日14时30分", dt.date(2022, 3, 8)),
        ("2022年3月8日下午", dt.date(2022, 3, 8)),
        ("2022年3月8日 下午3:00", dt.date(2022, 3, 8)),
        ("2022年3月8日（星期二）", dt.date(2022, 3, 8)),
        ("2022-03-08 周二", dt.date(2022, 3, 8)),
        ("2022.3.8 星期二", dt.date(2022, 3, 8)),
        ("2022年3月8日 礼拜二", dt.date(2022, 3, 8)),
        ("  2022年3月8日  ", dt.date(2022, 3, 8)),
        (20220308, dt.date(2022, 3, 8)),
        (dt.datetime(2022, 3, 8, 14, 30), dt.date(2022, 3, 8)),
    ],
)
def test_day_forms(text: object, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022-02-30", "'2022-02-30' 不是有效日期"),
        ("二〇二二年二月三十日", "不是有效日期"),
        ("2022年3月32日", "不是有效日期"),
        ("2022-03-08 25:00", "无法识别"),
        ("2022.3.8 星期八", "无法识别"),
        ("2022/3-8", "无法识别"),
        ("2022年3月8日 学习会", "无法识别"),
        ("2022年3月8个", "无法识别"),
        ("三月八日", "没有年份"),
        ("3月8日", "请写成 2022年3月8日"),
        ("2022年9月", "只写到月份"),
        ("2022.7.5-7.7", "是一段时间（2022-07-05 至 2022-07-07）"),
        ("", "无法识别"),
        (3.5, "应为文本"),
        (True, "应为文本"),
    ],
)
def test_what_is_not_one_day_is_said(text: object, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    "text", ["2022-02-30", "2022/2/29", "2023.2.29", "2022年13月1日", "20220230", "2022-04-31"]
)
def test_impossible_dates_are_named(text: str) -> None:
    with pytest.raises(DateError, match=f"'{text}' 不是有效日期"):
        parse_date(text)


@given(st.text(max_size=20))
def test_any_text_either_parses_or_raises_date_error(text: str) -> None:
    try:
        first, last = parse_span(text, 2022)
    except DateError:
        return
    assert first <= last


@given(
    st.text(alphabet="0123456789年月日号.-/至~—周星期一二三四五六七八九十〇上下午: ", max_size=24)
)
def test_date_like_text_either_parses_or_raises_date_error(text: str) -> None:
    for year in (None, 2022):
        try:
            first, last = parse_span(text, year)
        except DateError as exc:
            assert str(exc).startswith("日期")
        else:
            assert first <= last


def test_leap_day() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_span("2024年2月") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


D = dt.date
SPANS = [
    ("2022.7.5-7.7", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022.7.5—7.7", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022.7.5～7.7", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022.7.5 ~ 7.7", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022年7月5日-7日", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022年7月5日至7日", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022年7月5-7日", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("7月5-7日", 2022, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022年7月5日至7月7日", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022.7.5-2022.7.7", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022/12/30-2023/1/2", None, D(2022, 12, 30), D(2023, 1, 2)),
    ("2022年12月30日—2023年1月2日", None, D(2022, 12, 30), D(2023, 1, 2)),
    ("2022年7月5日（周二）至7日（周四）", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022年7月5日上午至7日下午", None, D(2022, 7, 5), D(2022, 7, 7)),
    ("2022年9月", None, D(2022, 9, 1), D(2022, 9, 30)),
    ("2022年9月份", None, D(2022, 9, 1), D(2022, 9, 30)),
    ("2022.9", None, D(2022, 9, 1), D(2022, 9, 30)),
    ("2022-09", None, D(2022, 9, 1), D(2022, 9, 30)),
    ("二〇二二年九月", None, D(2022, 9, 1), D(2022, 9, 30)),
    ("2022年2月", None, D(2022, 2, 1), D(2022, 2, 28)),
    ("2022年9月-12月", None, D(2022, 9, 1), D(2022, 12, 31)),
    ("3月8日", 2022, D(2022, 3, 8), D(2022, 3, 8)),
    ("三月八日", 2022, D(2022, 3, 8), D(2022, 3, 8)),
    ("3月8日下午", 2022, D(2022, 3, 8), D(2022, 3, 8)),
    ("3月8日-9日", 2022, D(2022, 3, 8), D(2022, 3, 9)),
    ("12月30日至1月2日", 2022, D(2022, 12, 30), D(2023, 1, 2)),
    ("9月", 2022, D(2022, 9, 1), D(2022, 9, 30)),
    ("2021年3月8日", 2022, D(2021, 3, 8), D(2021, 3, 8)),  # a written year wins
    (D(2022, 3, 8), None, D(2022, 3, 8), D(2022, 3, 8)),
    (dt.datetime(2022, 3, 8, 9), None, D(2022, 3, 8), D(2022, 3, 8)),
]


@pytest.mark.parametrize(("text", "year", "first", "last"), SPANS)
def test_span_forms(text: object, year: int | None, first: dt.date, last: dt.date) -> None:
    assert parse_span(text, year) == (first, last)


@pytest.mark.parametrize(
    ("text", "year", "message"),
    [
        ("2022.7.7-7.5", None, "'2022.7.7-7.5' 的结束日期早于开始日期"),
        ("2022年7月7日至5日", None, "结束日期早于开始日期"),
        ("2022年3月8日-3月1日", None, "结束日期早于开始日期"),
        ("2022.7.5-7.32", None, "不是有效日期"),
        ("2022年13月", None, "不是有效日期"),
        ("2022年9月-15日", None, "无法识别"),
        ("2022年9月1日-10月", None, "无法识别"),
        ("2022.7.5-", None, "无法识别"),
        ("2022.7.5-7", None, "无法识别"),
        ("3.8", None, "无法识别"),  # a month and day written short need the year
        ("8日", 2022, "无法识别"),  # a day alone needs the month too
        ("3月8日", None, "'3月8日' 没有年份"),
        ("3月8日", None, "请写成 2022年3月8日"),
        ("12月30日至1月2日", None, "没有年份"),
        ("9月", None, "请写成 2022年9月"),
    ],
)
def test_span_near_misses(text: str, year: int | None, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_span(text, year)


SPAN_FORMS: list[Callable[[dt.date, dt.date], str]] = [
    lambda a, b: f"{a.year}.{a.month}.{a.day}-{b.year}.{b.month}.{b.day}",
    lambda a, b: f"{a.year}/{a.month}/{a.day}—{b.year}/{b.month}/{b.day}",
    lambda a, b: f"{a.year}年{a.month}月{a.day}日至{b.year}年{b.month}月{b.day}日",
    lambda a, b: f"{a.isoformat()}～{b.isoformat()}",
    lambda a, b: f"{chinese_date(a)}至{chinese_date(b)}",
]
# forms that leave out the end's year: only for spans within one year
SHORT_SPAN_FORMS: list[Callable[[dt.date, dt.date], str]] = [
    lambda a, b: f"{a.year}.{a.month}.{a.day}-{b.month}.{b.day}",
    lambda a, b: f"{a.year}年{a.month}月{a.day}日至{b.month}月{b.day}日",
]


@given(
    dates, st.integers(min_value=0, max_value=60), st.sampled_from(SPAN_FORMS + SHORT_SPAN_FORMS)
)
def test_ranges_round_trip(first: dt.date, length: int, form: Callable[..., str]) -> None:
    last = first + dt.timedelta(days=length)
    if form in SHORT_SPAN_FORMS and last.year != first.year:
        last = first
    assert parse_span(form(first, last)) == (first, last)


@given(dates, st.integers(min_value=1, max_value=27))
def test_ranges_within_a_month_leave_out_the_month(first: dt.date, length: int) -> None:
    last = first + dt.timedelta(days=length)
    if last.month != first.month:
        return
    assert parse_span(f"{first.year}年{first.month}月{first.day}日-{last.day}日") == (first, last)
    assert parse_span(f"{first.month}月{first.day}日至{last.day}日", first.year) == (first, last)


@given(dates, st.integers(min_value=0, max_value=40))
def test_yearless_ranges_take_the_given_year_and_cross_it(first: dt.date, length: int) -> None:
    last = first + dt.timedelta(days=length)
    text = f"{first.month}月{first.day}日至{last.month}月{last.day}日"
    assert parse_span(text, first.year) == (first, last)


@given(dates, st.sampled_from(["{y}年{m}月", "{y}年{m}月份", "{y}.{m}", "{y}-{m:02d}"]))
def test_months_are_their_first_to_last_day(day: dt.date, form: str) -> None:
    first, last = parse_span(form.format(y=day.year, m=day.month))
    assert first == day.replace(day=1)
    assert last.month == day.month and (last + dt.timedelta(days=1)).day == 1


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [
        ("3.8", 2022, None, dt.date(2022, 3, 8)),
        ("2/15", 2022, None, dt.date(2022, 2, 15)),
        ("８日", 2022, 3, dt.date(2022, 3, 8)),
        ("8号", 2022, 3, dt.date(2022, 3, 8)),
        ("8", 2022, 1, dt.date(2022, 1, 8)),
        (8, 2022, 1, dt.date(2022, 1, 8)),
    ],
)
def test_days_written_short_in_a_sheet_of_a_year_and_month(
    text: object, year: int, month: int | None, day: dt.date
) -> None:
    """A sheet per month (3月) in a workbook of a year: 8日, 8号, 3.8 as offices type them."""
    assert parse_span(text, year, month) == (day, day)


def test_a_short_day_that_cannot_be_is_not_a_date() -> None:
    with pytest.raises(DateError, match="不是有效日期"):
        parse_span("2.30", 2022)
    with pytest.raises(DateError, match="不是有效日期"):
        parse_span("31日", 2022, 4)


@pytest.mark.parametrize(
    ("text", "month"),
    [("1月", 1), ("三月份", 3), ("2022年3月", 3), ("12月", 12), ("一季度", None), ("1—3月", None)],
)
def test_month_in(text: str, month: int | None) -> None:
    assert month_in(text) == month


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_the_plain_day_fast_path_reads_as_the_full_reading(day: dt.date) -> None:
    """parse_span reads 2022-03-08, 2022/3/8, 2022.3.8 and 2022年3月8日 by a fast path; the full
    reader (used for every other form) must give the same day."""
    from checker.parsing import _NO_YEAR, _dates, _whole

    for text in (
        f"{day.year}-{day.month:02d}-{day.day:02d}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
    ):
        assert parse_span(text) == _dates(_whole(text), None, text, _NO_YEAR) == (day, day)
