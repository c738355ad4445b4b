"""A date wherever it stands in a file name, and the one year a ledger's title speaks of."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from checker.parsing import DateError, date_in_name, year_in
from test_parsing import FORMS, chinese_date, full_width

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))
titles = st.text(alphabet="创建文明单位学习会议记录活动abc", min_size=1, max_size=12)
# the forms a file name can hold (no / or :)
NAME_FORMS: list[Callable[[dt.date], str]] = [
    *(form for form in FORMS if "/" not in form(dt.date(2022, 3, 8))),
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    chinese_date,
    lambda d: full_width(d.isoformat()),
]
PLACES = [
    "{date}{sep}{title}",
    "{title}{sep}{date}",
    "（{date}）{title}",
    "{title}（{date}）",
    "{title}({date})",
    "【{date}】{title}",
    "{title} （{date}）",
]


@given(
    dates,
    st.sampled_from(NAME_FORMS),
    st.sampled_from(PLACES),
    st.sampled_from([" ", "_", "-", "", "—", "　"]),
    titles,
)
def test_a_date_anywhere_in_a_name(
    day: dt.date, form: Callable[[dt.date], str], place: str, sep: str, title: str
) -> None:
    name = place.format(date=form(day), sep=sep, title=title)
    assert date_in_name(name) == (day, title)


@pytest.mark.parametrize(
    ("name", "day", "title"),
    [
        ("（2022年3月8日）学习会记录", dt.date(2022, 3, 8), "学习会记录"),
        ("学习会记录（2022.3.8）", dt.date(2022, 3, 8), "学习会记录"),
        ("学习会记录_20220308", dt.date(2022, 3, 8), "学习会记录"),
        ("关于开展志愿服务的通知(2022-03-08)", dt.date(2022, 3, 8), "关于开展志愿服务的通知"),
        ("2022年3月8日 三八节活动", dt.date(2022, 3, 8), "三八节活动"),
        ("三八节活动 2022.03.08", dt.date(2022, 3, 8), "三八节活动"),
        ("2022-03-08 标题", dt.date(2022, 3, 8), "标题"),
        ("20220308_标题", dt.date(2022, 3, 8), "标题"),
        ("2022年3月8日三八妇女节普法宣传", dt.date(2022, 3, 8), "三八妇女节普法宣传"),
        ("二〇二二年三月八日学习会", dt.date(2022, 3, 8), "学习会"),
        ("学习会（2022年3月8日 星期二）", dt.date(2022, 3, 8), "学习会"),
        ("2022年3月8日（星期二）学习会", dt.date(2022, 3, 8), "学习会"),
        ("2022年3月8日下午学习会", dt.date(2022, 3, 8), "学习会"),
        ("通知_2022-03-08_定稿", dt.date(2022, 3, 8), "通知 定稿"),
        ("2022.3.1-2022.3.5 培训", dt.date(2022, 3, 1), "培训"),
        ("2022.7.5-7.7 培训", dt.date(2022, 7, 5), "培训"),
        ("2022年7月5日至7日培训", dt.date(2022, 7, 5), "培训"),
        ("2022.3.1学习会与2022.3.5座谈会", dt.date(2022, 3, 1), "学习会与2022.3.5座谈会"),
        ("兴人办发〔2022〕3号 2022年3月8日通知", dt.date(2022, 3, 8), "兴人办发〔2022〕3号 通知"),
        ("20220308-1", dt.date(2022, 3, 8), "1"),  # a photo's number is no range's end
        ("2024年2月29日学习会", dt.date(2024, 2, 29), "学习会"),
        ("2022年7月5-7日培训", dt.date(2022, 7, 5), "培训"),
        # what phones and WeChat name photos by: the day and the time of day, not a title
        ("IMG_20220308_143012", dt.date(2022, 3, 8), "IMG"),
        ("微信图片_20220308143012", dt.date(2022, 3, 8), "微信图片"),
        ("VID_20220308_143012123", dt.date(2022, 3, 8), "VID"),
        # the time after a phone's date is no range's end (month 14)
        ("Screenshot_2022-03-08-14-30-12", dt.date(2022, 3, 8), "Screenshot 14-30-12"),
    ],
)
def test_names_with_a_date(name: str, day: dt.date, title: str) -> None:
    assert date_in_name(name) == (day, title)


@pytest.mark.parametrize(
    "name",
    [
        "学习制度",
        "兴人办发〔2022〕3号",
        "关于印发《兴人办发〔2022〕3号》的通知",
        "2022年度工作计划",
        "2022年工作要点",
        "2022年9月志愿服务照片",
        "志愿服务照片2022.9",
        "2022-09 网格分工",
        "3月8日学习会",  # no year: not a date a file can be dated by
        "联系电话13800001234",
        "13800001234",
        "202203081234",
        "微信图片_20221340143012",  # fourteen digits that are no moment
        "mmexport1646721012000",  # a count of milliseconds, not a date
        "档案号20221340",
        "2021-2023年创建规划",
        "2022年3月8个网格",
        "版本1.2.3",
    ],
)
def test_names_without_a_date(name: str) -> None:
    assert date_in_name(name) == (None, name)


@pytest.mark.parametrize(
    "name",
    [
        "2022-02-30 会议",
        "会议（2022.2.30）",
        "2023-02-29 学习会",
        "20220230学习会",
        "2022年13月1日会议",
    ],
)
def test_an_impossible_date_in_a_name_is_an_error(name: str) -> None:
    with pytest.raises(DateError, match="不是有效日期"):
        date_in_name(name)


def test_the_error_quotes_the_date_as_the_name_writes_it() -> None:
    with pytest.raises(DateError, match="日期 '二〇二二年二月三十日' 不是有效日期"):
        date_in_name("（二〇二二年二月三十日）学习会")


@given(
    titles,
    st.sampled_from(
        [
            "兴人办发〔{y}〕{n}号",
            "{y}年度",
            "{y}年",
            "{y}年{m}月",
            "1{n:010d}",
            "{n:09d}{n:03d}",
            "〔{y}〕{n}号",
        ]
    ),
    st.integers(min_value=1990, max_value=2099),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=999),
)
def test_what_only_looks_like_a_date_is_none(title: str, form: str, y: int, m: int, n: int) -> None:
    stamp = form.format(y=y, m=m, n=n)
    for name in (f"{stamp}{title}", f"{title}{stamp}", f"{title}_{stamp}"):
        assert date_in_name(name) == (None, name)


@given(st.text(max_size=24))
def test_any_name_gives_a_date_or_none_or_date_error(name: str) -> None:
    try:
        day, title = date_in_name(name)
    except DateError:
        return
    if day is None:
        assert title == name.strip()
    else:
        assert len(title) < len(name)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2022年志愿服务活动台账", 2022),
        ("二〇二二年度学习记录", 2022),
        ("二零二二年度学习记录", 2022),
        ("志愿服务2022", 2022),
        ("2022", 2022),
        ("兴人办发〔2022〕3号", 2022),
        ("2022年3月8日学习会", 2022),
        ("学习会_20220308", 2022),
        ("２０２２年志愿服务", 2022),
        ("2022年志愿服务台账（2022.1-2022.12）", 2022),
        ("2021—2023年度创建规划", None),
        ("2021年、2022年对比", None),
        ("志愿服务活动台账", None),
        ("共2000份", None),
        ("发放资料2000余份", None),
        ("联系电话13800001234", None),
        ("编号202203081234", None),
        ("", None),
    ],
)
def test_year_in(text: str, year: int | None) -> None:
    assert year_in(text) == year


@given(st.integers(min_value=1990, max_value=2099), titles)
def test_the_year_of_a_title_round_trips(y: int, title: str) -> None:
    in_words = "".join("〇一二三四五六七八九"[int(c)] for c in str(y))
    for text in (f"{y}年{title}", f"{title}{y}", f"{in_words}年度{title}", f"{title}（{y}年）"):
        assert year_in(text) == y


@given(st.integers(min_value=1990, max_value=2098), titles)
def test_several_years_are_none(y: int, title: str) -> None:
    assume(title)
    assert year_in(f"{y}—{y + 1}年度{title}") is None
