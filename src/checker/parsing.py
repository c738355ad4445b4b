"""The date and number forms office staff actually write, as SPEC lists them.

Dates: ``2022-03-08``, ``2022/3/8``, ``2022.3.8``, ``2022年3月8日`` (or 号),
``20220308``, in full-width digits or Chinese numerals (``二〇二二年三月八日``),
followed by a time (``14:30``, ``14时30分``), 上午/下午/晚上 or a weekday
(``（星期二）``, ``周二``, ``礼拜二``). Spans (:func:`parse_span`) add a range
(``2022.7.5-7.7``, ``2022年7月5日至7日``, ``2022/12/30-2023/1/2``), a month
(``2022年9月``, ``2022.9``) and a day without a year (``3月8日``) when the caller
knows the year (:func:`year_in`). In a file name the date may stand anywhere
(:func:`date_in_name`).
Numbers: ``2000``, ``2,000``, ``１２００``, ``2000余份``, ``约30人``, ``50多次``,
``1.2万份``, ``二百余份``, ``三十人`` (the leading quantity); :func:`count_in_words`
also finds the count in ``班子成员7人``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
import unicodedata
from typing import NamedTuple

from checker.numerals import NUMERAL_CHARS, chinese_integer, fold, fold_text

# Where a date may be read. A start always has its month; the end of a range may leave out
# what it shares with the start (2022.7.5-7.7, 2022年7月5日至7日).
_SEPARATED = re.compile(r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)")
# 2022年3月8日, 3月8日, 2022年9月(份); a day without 日 must not run into a word (2022年3月8个)
_CHINESE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月"
    r"(?:\s*份|\s*(?P<d>\d{1,2})(?!\d)(?:\s*[日号]|(?![^\W\d_])))?"
)
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")
_YEAR_MONTH = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?!\d)")
_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_DAY = re.compile(r"(?P<d>\d{1,2})\s*[日号]")
_STARTS = (_SEPARATED, _CHINESE, _COMPACT, _YEAR_MONTH)
_ENDS = (*_STARTS, _MONTH_DAY, _DAY)
_TO = re.compile(r"\s*(?:-|~|〜|—{1,2}|–|―|至|到)\s*")

# What may follow a day and says nothing about which day: a weekday, a part of the day, a time.
_WEEKDAY = r"(?:星期|周|礼拜)[一二三四五六日天七]"
_CLOCK = (
    r"(?:[01]?\d|2[0-4])"
    r"(?::[0-5]\d(?::[0-5]\d(?:\.\d+)?)?|\s*[时点](?:\s*[0-5]?\d\s*分(?:\s*[0-5]?\d\s*秒)?|半|整)?)"
)
_TAIL = re.compile(
    rf"(?:\s*(?:\(\s*{_WEEKDAY}\s*\)|【{_WEEKDAY}】|{_WEEKDAY}"
    r"|上午|下午|中午|晚上|早上|早晨|傍晚|凌晨|晚"
    rf"|T?{_CLOCK}(?:{_TO.pattern}{_CLOCK})?))*"
)

_FORMS_HINT = "2022-03-08、2022/3/8、2022.3.8、2022年3月8日 或 20220308"


class DateError(ValueError):
    """A value that is not a date, with a message fit for the user."""


class _Point(NamedTuple):
    year: int | None
    month: int | None  # None only at the end of a range (…-7日)
    day: int | None  # None for a whole month


class _Span(NamedTuple):
    start: _Point
    end: _Point | None  # None when one day or one month is written
    stop: int  # where the written span ends in the text
    start_stop: int  # where its start ends


def _point(text: str, pos: int, forms: tuple[re.Pattern[str], ...]) -> tuple[_Point, int] | None:
    for form in forms:
        match = form.match(text, pos)
        if match:
            found = match.groupdict()
            year, month, day = (found.get(key) for key in ("y", "m", "d"))
            point = _Point(
                int(year) if year else None,
                int(month) if month else None,
                int(day) if day else None,
            )
            stop = match.end()
            tail = _TAIL.match(text, stop) if point.day is not None else None
            # a time or weekday after the day says nothing more about the day
            return point, tail.end() if tail else stop
    return None


def _read(text: str, pos: int = 0) -> _Span | None:
    """The span written at ``pos``: a start, and an end when a range follows."""
    found = _point(text, pos, _STARTS)
    if found is None:
        return None
    start, stop = found
    to = _TO.match(text, stop)
    if to:
        end = _point(text, to.end(), _ENDS)
        if end is not None:
            return _Span(start, end[0], end[1], stop)
    return _Span(start, None, stop, stop)


def _day(year: int, month: int, day: int, original: object) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"日期 '{original}' 不是有效日期") from None


def _month(year: int, month: int, original: object) -> tuple[dt.date, dt.date]:
    first = _day(year, month, 1, original)
    return first, first.replace(day=calendar.monthrange(year, month)[1])


def _dates(
    span: _Span, year: int | None, original: object, where: str = ""
) -> tuple[dt.date, dt.date]:
    start, end = span.start, span.end
    year = start.year if start.year is not None else year
    month = start.month if start.month is not None else 1
    if year is None:
        example = f"2022年{month}月{start.day}日" if start.day else f"2022年{month}月"
        raise DateError(f"日期 '{original}' 没有年份{where}，请写成 {example} 这样的完整日期")
    if start.day is None:
        first, last = _month(year, month, original)
        if end is not None:
            if end.day is not None or end.month is None:
                raise _unrecognised(original)
            last = _month(end.year or year, end.month, original)[1]
    else:
        first = last = _day(year, month, start.day, original)
        if end is not None:
            if end.day is None:
                raise _unrecognised(original)
            end_month = end.month if end.month is not None else month
            # 12月30日至1月2日: an end month before the start month is in the next year
            crossing = end.year is None and end_month < month
            end_year = end.year if end.year is not None else year + 1 if crossing else year
            last = _day(end_year, end_month, end.day, original)
    if last < first:
        raise DateError(f"日期 '{original}' 的结束日期早于开始日期")
    return first, last


def _unrecognised(value: object) -> DateError:
    return DateError(f"日期 '{value}' 无法识别，应写作 {_FORMS_HINT}")


def _whole(value: object) -> _Span:
    """The span a cell or a YAML value holds, all of it."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"日期应为文本，如 2022-03-08，而不是 '{value}'")
    text = fold_text(str(value))
    span = _read(text)
    if span is None or span.stop != len(text):
        raise _unrecognised(value)
    return span


def parse_date(value: object) -> dt.date:
    """Parse one of SPEC's date forms (one day, with its year); raise :class:`DateError` with a
    Chinese message that says what is wrong (impossible, a span, no year, not a date)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    span = _whole(value)
    first, last = _dates(span, None, value)
    if span.start.day is None and span.end is None:
        raise DateError(f"日期 '{value}' 只写到月份，应写到日，如 {first.year}年{first.month}月8日")
    if span.end is not None:
        raise DateError(
            f"日期 '{value}' 是一段时间（{first} 至 {last}），这里应为一天；"
            "跨天的活动请分别写开始日期和结束日期"
        )
    return first


def parse_span(
    value: object, year: int | None = None, month: int | None = None
) -> tuple[dt.date, dt.date]:
    """The first and last day a value speaks of: one day (start == end), a range
    (``2022.7.5-7.7``, ``12月30日至1月2日`` crossing the year), or a month (``2022年9月``).

    ``year`` is the year the ledger's title, sheet or file name gives (:func:`year_in`); a date
    without a year and no ``year`` raises :class:`DateError` saying the year is missing. With a
    year, a month and day written short (``3.8``, ``2/15``) is a day too; with a ``month`` as
    well (a sheet named ``3月``, :func:`month_in`), so is a day alone (``8日``, ``8号``, ``8``).
    """
    if isinstance(value, dt.datetime):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    plain = _PLAIN_DAY.fullmatch(value) if isinstance(value, str) else None
    if plain:  # fast path: the commonest forms, read as the full reading reads them
        try:
            read = dt.date(
                int(plain["y"]), int(plain["m"] or plain["m2"]), int(plain["d"] or plain["d2"])
            )
            return read, read
        except ValueError:
            pass  # an impossible day: the full reading says why
    try:
        return _dates(_whole(value), year, value, _NO_YEAR)
    except DateError:
        day = _short_day(value, year, month)
        if day is None:
            raise
        return day, day


_NO_YEAR = "（文件名中也没有写明年份；台账看标题和工作表名）"
_NO_YEAR = "（文件名中也没有写明年份；台账看标题和工作表名）"
# 2022-03-08, 2022/3/8, 2022.3.8, 2022年3月8日: a day in ASCII digits and nothing more
_PLAIN_DAY = re.compile(
    r"(?P<y>\d{4})(?:(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
    r"|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日)"
)
_MONTH_AND_DAY = re.compile(r"(?P<m>\d{1,2})[.．/](?P<d>\d{1,2})")  # 3.8, 2/15
_DAY_ALONE = re.compile(r"(?P<d>\d{1,2})\s*[日号]?")  # 8日, 8号, 8
_MONTH = re.compile(r"(?<![\d—\-~～至])(?P<m>1[0-2]|[1-9])\s*月(?!\d)")


def _short_day(value: object, year: int | None, month: int | None) -> dt.date | None:
    """A day written short in a ledger whose title or sheet gives the year (and month)."""
    if year is None or isinstance(value, bool):
        return None
    text = fold_text(str(value)).strip()
    found = _MONTH_AND_DAY.fullmatch(text)
    if found:
        parts = (int(found["m"]), int(found["d"]))
    elif month is not None and (alone := _DAY_ALONE.fullmatch(text)):
        parts = (month, int(alone["d"]))
    else:
        return None
    try:
        return dt.date(year, *parts)
    except ValueError:
        raise DateError(f"日期 '{value}' 不是有效日期") from None


def month_in(text: str) -> int | None:
    """The one month a sheet's name or a title speaks of (``3月``, ``三月份``, ``2022年3月``),
    or None when it names none or several (``一季度``, ``1—3月``)."""
    months = {int(match["m"]) for match in _MONTH.finditer(fold_text(text))}
    return months.pop() if len(months) == 1 else None


# A year alone: not inside a longer digit run, not a count (2000余份, 1998人)
_YEAR = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))?"
    r"(?![\d余多人份个次元万千百名册场户件张本位])"
)


def year_in(text: str) -> int | None:
    """The one year a ledger's title, sheet name or file name speaks of (``2022年志愿服务活动台账``,
    ``二〇二二年度学习记录``, ``〔2022〕3号``), or ``None`` when it names none or several."""
    years = {int(match["y"]) for match in _YEAR.finditer(fold_text(text))}
    return years.pop() if len(years) == 1 else None


_NAME_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}")
_BRACKETS = {"(": ")", "[": "]", "【": "】", "〔": "〕", "「": "」", "『": "』", "{": "}", "<": ">"}
_TITLE_SEPARATORS = " _-—–―.、·・:：~～\t\u3000＿－"


def date_in_name(name: str) -> tuple[dt.date | None, str]:
    """Find the date wherever it stands in a file name; return it and the title without it.

    ``（2022年3月8日）学习会记录``, ``学习会记录_20220308`` and ``三八节活动 2022.03.08`` all give
    (2022-03-08, ``…学习会记录``/``三八节活动``): the date, its brackets and the separators around
    it are not the title. A range (``2022.3.1-2022.3.5 培训``) or any name holding several dates
    gives the first (the start). A 文号 (``〔2022〕3号``), a year or a month alone
    (``2022年9月志愿服务照片``), a phone number or a long digit run are not dates: ``(None, name)``.
    Raises :class:`DateError` for an impossible date that clearly is one (``2022-02-30 会议``).
    """
    text, origin = fold(name)
    stamp = _camera_stamp(text)
    if stamp is not None:
        day, begin, stop = stamp
        return day, _title(name, origin, text, begin, stop)
    for candidate in _NAME_YEAR.finditer(text):
        begin = candidate.start()
        span = _read(text, begin)
        if span is None or span.start.day is None or span.start.year is None:
            continue
        if not _plausible(text, begin, span.start):
            continue
        try:
            first = _dates(span, None, name[origin[begin] : origin[span.stop]])[0]
        except DateError:
            # a range whose end does not read (a photo's number: 20220308-1) is its start alone
            span = _Span(span.start, None, span.start_stop, span.start_stop)
            first = _dates(span, None, name[origin[begin] : origin[span.stop]])[0]
        return first, _title(name, origin, text, begin, span.stop)
    return None, name.strip()


# What phones, cameras and WeChat name photos by: 微信图片_20220506101112,
# IMG_20220506_101112, mmexport… excepted (those are not dates): the day and the time of day.
_STAMP = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})[_\-T ]?"
    r"(?:[01]\d|2[0-3])[0-5]\d[0-5]\d(?:\d{1,3})?(?!\d)"
)


def _camera_stamp(text: str) -> tuple[dt.date, int, int] | None:
    """A photo's timestamp in its name: the day, and where the stamp stands."""
    for match in _STAMP.finditer(text):
        try:
            day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue  # fourteen digits that are not a moment: an archive number
        return day, match.start(), match.end()
    return None


def _plausible(text: str, pos: int, start: _Point) -> bool:
    """Eight digits are a date only when they read as one (not 20221340, an archive number)."""
    if not text[pos + 4].isdigit():
        return True
    return 1 <= (start.month or 0) <= 12 and 1 <= (start.day or 0) <= 31


def _title(name: str, origin: list[int], text: str, begin: int, stop: int) -> str:
    """The name without the date found at ``text[begin:stop]``, its brackets and separators."""
    left, right = begin, stop
    while left and text[left - 1] == " ":
        left -= 1
    while right < len(text) and text[right] == " ":
        right += 1
    if left and right < len(text) and _BRACKETS.get(text[left - 1]) == text[right]:
        begin, stop = left - 1, right + 1
    before, after = name[: origin[begin]], name[origin[stop] :]
    head, tail = before.rstrip(_TITLE_SEPARATORS), after.lstrip(_TITLE_SEPARATORS)
    spaced = head and tail and (head != before or tail != after)
    return f"{head} {tail}".strip() if spaced else f"{head}{tail}".strip()


# Each optional space belongs to the word after it: two optional runs of spaces side by side
# make a regex try every split of a long run of spaces (minutes on a cell of blanks).
_BEFORE = r"(?:(?:共计|合计|总计|累计|超过|约|近|共|计|逾|达)\s*)?"
_AFTER = r"(?:\s*(?:余|多|来|以上|左右))?\s*"
_ARABIC = r"(?P<n>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<times>[百千万亿]{1,2}))?"
_NUMBER = re.compile(rf"^{_BEFORE}{_ARABIC}{_AFTER}(?P<unit>[^\d\s,.]{{0,3}})$")
_WORDS = rf"(?P<cn>[{NUMERAL_CHARS}]+)"
_CHINESE_NUMBER = re.compile(rf"^{_BEFORE}{_WORDS}{_AFTER}(?P<unit>[^\d\s]{{0,4}})$")
# After a numeral in words only a measure word may follow: 一般, 一线干部, 三楼 are not counts.
_MEASURES = (
    *"人名位个次份册本张场期件套户家篇条项元块批天处",
    *"幅株棵袋箱台辆座间所支队组轮堂节课",
    "小时",
    "学时",
)
# A search: each try starts where a number starts, so a long cell is read once, not once a char.
_PEOPLE = re.compile(
    rf"(?:(?<![\d,.]){_ARABIC}|(?<![{NUMERAL_CHARS}]){_WORDS}){_AFTER}(?:人|名|位)"
)
_TIMES = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# what a number-like value may start with: a digit (any script), a numeral or a qualifier
_NUMBER_OPENINGS = frozenset("约近共计合总累超逾达〇零一二两三四五六七八九十")


def parse_number(value: object) -> float | None:
    """The leading quantity of a number-like value (``2000余份``, ``1.2万份``, ``二百余份``), or
    ``None`` when it is not one (``全体干部职工``, ``栗坪社区1网格``; NaN and infinities)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    head = value.lstrip()[:1]
    if not head or not (head.isdigit() or head in _NUMBER_OPENINGS):
        return None  # most text fields (a grid, a name) are not numbers: skip the patterns
    return _number_text(value)


@functools.lru_cache(maxsize=8192)
def _number_text(value: str) -> float | None:
    """A text's leading quantity, worked out once per text: record files repeat a few
    (43余份), and the loader's notice and the engine's sum both ask."""
    text = unicodedata.normalize("NFKC", value).strip()  # not fold: 十分重视 is no 10分
    match = _NUMBER.match(text)
    if match:
        return _quantity(match)
    match = _CHINESE_NUMBER.match(text)
    if match and (not match["unit"] or match["unit"].startswith(_MEASURES)):
        return _quantity(match)
    return None


def count_in_words(value: object) -> float | None:
    """The number of people in a count written with words before it (``班子成员7人`` → 7,
    ``机关干部职工三十余人`` → 30); ``None`` when it holds no number (``全体干部职工``)."""
    number = parse_number(value)
    if number is not None or not isinstance(value, str):
        return number
    for match in _PEOPLE.finditer(unicodedata.normalize("NFKC", value)):
        number = _quantity(match)
        if number is not None:
            return number
    return None


def _quantity(match: re.Match[str]) -> float | None:
    words = match["cn"] if "cn" in match.re.groupindex else None
    if words:
        whole = chinese_integer(words)
        return None if whole is None else float(whole)
    number = float(match["n"].replace(",", ""))
    for char in match["times"] or "":
        number *= _TIMES[char]
    return number


def format_number(value: float) -> str:
    """``2000.0`` → ``2000``, ``83.456`` → ``83.46``: what a person writes."""
    rounded = round(value, 2)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.2f}".rstrip("0").rstrip(".")


_AT_LEAST = re.compile(r"余|多|以上|超过|逾")
_ABOUT = re.compile(r"约|近|左右")


def claim_kind(value: object) -> str:
    """How a stated number is meant: ``at_least`` (2000余份), ``about`` (约30人) or ``exact``."""
    text = unicodedata.normalize("NFKC", value) if isinstance(value, str) else ""
    if _AT_LEAST.search(text):
        return "at_least"
    if _ABOUT.search(text):
        return "about"
    return "exact"
