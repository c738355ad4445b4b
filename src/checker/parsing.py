"""The date and number forms office staff actually write, as SPEC lists them.

Dates: ``2022-03-08``, ``2022/3/8``, ``2022.3.8``, ``2022年3月8日``, ``20220308``.
Numbers: ``2000``, ``2,000``, ``2000余份``, ``约30人``, ``50多次`` (the leading quantity).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

_SEPARATED = r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
_CHINESE = r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?"
_COMPACT = r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_FULL_FORMS = [re.compile(rf"^{form}{_TIME}$") for form in (_SEPARATED, _CHINESE, _COMPACT)]
# In a file name the date is followed by the title: "20220308_标题", "2022年3月8日标题".
_PREFIX_FORMS = [
    re.compile(rf"^{_SEPARATED}(?!\d)"),
    re.compile(rf"^{_CHINESE}"),
    re.compile(rf"^{_COMPACT}(?!\d)"),
]
_TITLE_SEPARATORS = " _-—–.、·:：\t"

_NUMBER = re.compile(
    r"^(?:约|近|共|计|合计|总计|累计|超过|逾|达)?\s*"
    r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?:余|多|来|以上|左右)?\s*"
    r"(?P<unit>[^\d\s,.]{0,3})$"
)


# what a number-like value may start with: a digit (ASCII or full-width) or a qualifier
_NUMBER_OPENINGS = frozenset("约近共计合总累超逾达")


class DateError(ValueError):
    """A value that is not a date, with a message fit for the user."""


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _make_date(match: re.Match[str], original: str) -> dt.date:
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise DateError(f"日期 '{original}' 不是有效日期") from None


def parse_date(value: object) -> dt.date:
    """Parse one of SPEC's date forms; raise :class:`DateError` with a Chinese message."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"日期应为文本，如 2022-03-08，而不是 '{value}'")
    text = _normalise(str(value))
    for form in _FULL_FORMS:
        match = form.match(text)
        if match:
            return _make_date(match, str(value))
    raise DateError(
        f"日期 '{value}' 无法识别，应写作 2022-03-08、2022/3/8、2022.3.8、2022年3月8日 或 20220308"
    )


def date_prefix(name: str) -> tuple[dt.date | None, str]:
    """Split a file name into its leading date and the title after it.

    Returns ``(None, name)`` when the name does not start with a date; raises
    :class:`DateError` when it starts with an impossible one (``2022-02-30 …``).
    """
    text = _normalise(name)
    for form in _PREFIX_FORMS:
        match = form.match(text)
        if match:
            day = _make_date(match, match.group(0))
            # the title as written (full-width brackets kept), where normalising kept lengths
            source = name.strip() if len(name.strip()) == len(text) else text
            return day, source[match.end() :].lstrip(_TITLE_SEPARATORS).strip()
    return None, name.strip()


def parse_number(value: object) -> float | None:
    """The leading quantity of a number-like value, or ``None`` when it is not one (NaN and
    infinities are not numbers here)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    head = value.lstrip()[:1]
    if not head or not (head.isdigit() or head in _NUMBER_OPENINGS):
        return None  # most text fields (a grid, a name) are not numbers: skip the pattern
    match = _NUMBER.match(_normalise(value))
    if not match:
        return None
    return float(match["n"].replace(",", ""))


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
    text = _normalise(str(value)) if isinstance(value, str) else ""
    if _AT_LEAST.search(text):
        return "at_least"
    if _ABOUT.search(text):
        return "about"
    return "exact"


_COUNT_AFTER_WORDS = re.compile(r"(\d+)\s*(?:余|多)?\s*(?:人|名|位)")


def count_in_words(value: object) -> float | None:
    """The number in a count written after words (班子成员7人 → 7); None without one."""
    if not isinstance(value, str):
        return None
    match = _COUNT_AFTER_WORDS.search(_normalise(value))
    return float(match[1]) if match else None
