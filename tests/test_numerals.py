"""Chinese numerals and the folding of a text with the way back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.numerals import chinese_integer, fold

DIGITS = "零一二三四五六七八九"


def in_words(n: int) -> str:
    """A count below 10 万 as it is written: 十二, 一百一十, 一千零五, 一万零一十."""
    if n == 0:
        return "零"
    out, zero, started = "", False, False
    for value, name in ((10_000, "万"), (1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero else "") + DIGITS[digit] + name
            started, zero = True, False
        elif started:
            zero = True
    if n:
        out += ("零" if zero else "") + DIGITS[n]
    return out[1:] if out.startswith("一十") else out


@given(st.integers(min_value=0, max_value=99_999))
def test_counts_in_words_round_trip(n: int) -> None:
    assert chinese_integer(in_words(n)) == n


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三十一", 31),
        ("两千", 2000),
        ("一千二", 1200),
        ("一百二", 120),
        ("一万二", 12000),
        ("一万零二", 10002),
        ("一千零五", 1005),
        ("三万五千", 35000),
        ("一百二十万", 1_200_000),
        ("二亿", 200_000_000),
    ],
)
def test_numerals(words: str, number: int) -> None:
    assert chinese_integer(words) == number


@pytest.mark.parametrize(
    "words",
    ["", "三八", "二〇二二", "百", "千", "十百", "百百", "一二", "十二三", "零百", "万", "二十余"],
)
def test_not_numerals(words: str) -> None:
    assert chinese_integer(words) is None


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("二〇二二年三月八日", "2022年3月8日"),
        ("二零二二年十二月三十一日", "2022年12月31日"),
        ("２０２２年３月８日", "2022年3月8日"),
        ("（二〇二二年三月八号）", "(2022年3月8号)"),
        ("下午三点半", "下午3点半"),
        ("星期日", "星期日"),  # 日 after 期 is a weekday, not a day of the month
        ("三八节", "三八节"),
        ("第十二次会议", "第十二次会议"),
        ("一九九九年", "1999年"),
        ("二〇二二年度", "2022年度"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text).text == folded


@given(st.text(alphabet="二〇零一三八十年月日号（）２０ abc", max_size=30))
def test_fold_keeps_the_way_back(text: str) -> None:
    folded = fold(text)
    assert len(folded.origin) == len(folded.text) + 1
    assert folded.origin[-1] == len(text)
    assert folded.origin == sorted(folded.origin)
    assert all(0 <= place < len(text) for place in folded.origin[:-1])
    # characters left as they were map back to themselves
    for index, char in enumerate(folded.text):
        if char in "年月日号abc ":
            assert text[folded.origin[index]] == char
