"""Numbers as offices write them (SPEC "Evidence folder"): the leading quantity, numbers in
words, the count in a 参与人数 written with words before it, and what a stated number claims."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.parsing import (
    DateError,
    claim_kind,
    count_in_words,
    date_in_name,
    format_number,
    parse_number,
    parse_span,
)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("2000", 2000),
        ("2,000", 2000),
        ("2000余份", 2000),
        ("约30人", 30),
        ("共计 15 人", 15),
        ("合计2000份", 2000),
        ("50多次", 50),
        ("1000余册", 1000),
        ("３００人", 300),
        ("１２００", 1200),
        ("12.5", 12.5),
        ("二百余份", 200),
        ("三十人", 30),
        ("一千二百", 1200),
        ("一千二", 1200),
        ("一千零五十", 1050),
        ("两千", 2000),
        ("十二", 12),
        ("二十余次", 20),
        ("二十来人", 20),
        ("约三十人", 30),
        ("共十二场", 12),
        ("1.2万份", 12000),
        ("3万余人", 30000),
        ("三万", 30000),
        ("三万余册", 30000),
        ("两人", 2),
        ("五小时", 5),
        (7, 7),
        (3.5, 3.5),
    ],
)
def test_number_forms(text: object, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "text",
    [
        "很多",
        "栗坪社区1网格",
        "",
        "全体干部职工",
        "张三",
        "一般",
        "一线干部",
        "三楼会议室",
        "三八节",
        "五四青年节",
        "十分重视",
        "二〇二二",
        "共青团员",
        "近期",
        True,
        None,
        [1],
        float("nan"),
    ],
)
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


@given(st.text(max_size=12))
def test_any_text_is_a_finite_number_or_none(text: str) -> None:
    number = parse_number(text)
    assert number is None or number >= 0


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("班子成员7人", 7),
        ("全体党员共32人", 32),
        ("机关干部职工三十余人", 30),
        ("第3网格居民20人", 20),
        ("全体党员32人（其中预备党员2人）", 32),
        ("志愿者约15名", 15),
        ("30人", 30),
        ("约40", 40),
        (25, 25),
    ],
)
def test_counts_in_words(text: object, number: float) -> None:
    assert count_in_words(text) == number


@pytest.mark.parametrize(
    "text", ["全体干部职工", "全体人员", "栗坪社区1网格", "三八红旗手代表", None]
)
def test_counts_in_words_without_a_number(text: object) -> None:
    assert count_in_words(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("二百余份", "at_least"),
        ("2000余份", "at_least"),
        ("约三十人", "about"),
        ("三十人", "exact"),
    ],
)
def test_claim_kind(text: str, kind: str) -> None:
    assert claim_kind(text) == kind


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_format_number_is_what_people_write(value: float) -> None:
    text = format_number(value)
    assert float(text) == pytest.approx(round(value, 2), abs=0.005)
    assert not text.endswith(".0")


@pytest.mark.parametrize(
    "text",
    [
        "2022-3-8 9:00" + " " * 5000 + "-",
        "2022年3月8日" + " " * 5000 + "x",
        " " * 5000 + "x",
        "1 " * 3000 + "x",
        "一" * 5000,
    ],
)
def test_long_cells_are_read_in_linear_time(text: str) -> None:
    """A run of blanks once cost minutes: two optional space runs side by side in a pattern."""
    started = time.perf_counter()
    assert count_in_words(text) is None
    assert parse_number(text) is None
    with pytest.raises(DateError):
        parse_span(text, 2022)
    assert date_in_name(text)[0] in (None, dt.date(2022, 3, 8))
    assert time.perf_counter() - started < 2
