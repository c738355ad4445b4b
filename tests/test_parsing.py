"""Date and number forms (SPEC "Evidence folder"), with property tests over open-ended input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.parsing import DateError, date_in_name, format_number, parse_date, parse_number

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))
FORMS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
]


@given(dates, st.sampled_from(FORMS))
def test_every_date_form_round_trips(day: dt.date, form: object) -> None:
    assert parse_date(form(day)) == day  # type: ignore[operator]


@given(
    dates,
    st.sampled_from(FORMS),
    st.sampled_from([" ", "_", "-", "", "—"]),
    st.text(alphabet="创建文明单位学习会议abc", min_size=1, max_size=12),
)
def test_file_names_give_date_and_title(day: dt.date, form: object, sep: str, title: str) -> None:
    stamp = form(day)  # type: ignore[operator]
    if sep == "" and stamp[-1].isdigit() and title[0].isdigit():
        return
    found, rest = date_in_name(f"{stamp}{sep}{title}")
    assert found == day
    assert rest == title


@pytest.mark.parametrize(
    "text", ["2022-02-30", "2022/2/29", "2023.2.29", "2022年13月1日", "20220230", "2022-04-31"]
)
def test_impossible_dates_are_named(text: str) -> None:
    with pytest.raises(DateError, match=f"'{text}' 不是有效日期"):
        parse_date(text)


@given(st.text(max_size=20))
def test_any_text_either_parses_or_raises_date_error(text: str) -> None:
    try:
        result = parse_date(text)
    except DateError:
        return
    assert isinstance(result, dt.date)


def test_leap_day() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert date_in_name("2024年2月29日学习会")[0] == dt.date(2024, 2, 29)
    with pytest.raises(DateError):
        date_in_name("2023-02-29 学习会")


def test_names_without_a_date() -> None:
    assert date_in_name("学习制度") == (None, "学习制度")
    assert date_in_name("2022年工作要点")[0] is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("2000", 2000),
        ("2,000", 2000),
        ("2000余份", 2000),
        ("约30人", 30),
        ("50多次", 50),
        ("1000余册", 1000),
        ("３００人", 300),
        ("12.5", 12.5),
        (7, 7),
        (3.5, 3.5),
    ],
)
def test_number_forms(text: object, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["很多", "栗坪社区1网格", "", "全体干部职工", True, None, [1]])
def test_not_numbers(text: object) -> None:
    assert parse_number(text) is None


@given(
    st.integers(min_value=0, max_value=10**9),
    st.sampled_from(["", "约", "近", "共"]),
    st.sampled_from(["", "余", "多"]),
    st.sampled_from(["", "份", "人", "次", "个", "册"]),
    st.booleans(),
)
def test_leading_quantity(n: int, before: str, after: str, unit: str, commas: bool) -> None:
    digits = f"{n:,}" if commas else str(n)
    assert parse_number(f"{before}{digits}{after}{unit}") == n


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_format_number_is_what_people_write(value: float) -> None:
    text = format_number(value)
    assert float(text) == pytest.approx(round(value, 2), abs=0.005)
    assert not text.endswith(".0")
