"""Chinese numerals as offices write them (二百余份, 二〇二二年三月八日), and the folding of a text
into the plain form the date and number patterns read, keeping the way back to the original."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
_UNITS = {**_SMALL_UNITS, **_LARGE_UNITS}
NUMERAL_CHARS = "".join(DIGITS) + "".join(_SMALL_UNITS) + "".join(_LARGE_UNITS)


def chinese_integer(text: str) -> int | None:
    """``二百`` → 200, ``一千零五`` → 1005, ``一千二`` → 1200, ``三万`` → 30000.

    ``None`` unless the text is one well-formed numeral: ``三八`` (a festival), ``二〇二二``
    (a year read digit by digit) and ``百`` alone are not counts.
    """
    total = section = 0
    digit: int | None = None
    unit = 0  # the last small unit written: units must fall (千 before 百 before 十)
    place = 1  # what a last digit is worth: 一千二 is 1200, 一万二 is 12000
    previous = ""
    for char in text:
        if char in DIGITS:
            if digit:  # two digits in a row; only 零 may stand before another digit
                return None
            place = _UNITS.get(previous, 10) // 10 if digit is None else 1
            digit = DIGITS[char]
        elif char in _SMALL_UNITS:
            value = _SMALL_UNITS[char]
            if unit and value >= unit:
                return None
            if digit is None and value != 10:  # 十二 is 12, but 百 needs its digit
                return None
            factor = 1 if digit is None else digit
            if factor == 0:
                return None
            section, digit, unit = section + factor * value, None, value
        elif char in _LARGE_UNITS:
            section += digit or 0
            if not section:
                return None
            total, section, digit, unit = total + section * _LARGE_UNITS[char], 0, None, 0
        else:
            return None
        previous = char
    if digit is not None:
        section += digit * place
    return total + section if text else None


class Folded(NamedTuple):
    """A text in the form the patterns read, and where each of its characters came from."""

    text: str
    origin: list[int]  # origin[i]: index in the original of text[i]; one more entry for the end


# A year is read digit by digit (二〇二二年); months, days and clock times as numerals (三十一日).
_CHINESE_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*年)")
_CHINESE_DATE_PART = re.compile(
    r"(?<![〇○零一二两三四五六七八九十百千万])[一二两三四五六七八九十]{1,3}(?=\s*[月日号时点分])"
)


def fold(original: str) -> Folded:
    """Full-width forms made plain (NFKC) and the numerals of dates and times made Arabic."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(original):
        plain = unicodedata.normalize("NFKC", char) if not char.isascii() else char
        pieces.append(plain)
        origin.extend([index] * len(plain))
    origin.append(len(original))
    folded = Folded("".join(pieces), origin)
    if not any(char in DIGITS or char == "十" for char in folded.text):
        return folded
    folded = _replace(folded, _CHINESE_YEAR, lambda run: "".join(str(DIGITS[c]) for c in run))
    return _replace(folded, _CHINESE_DATE_PART, _date_part)


def fold_text(original: str) -> str:
    """:func:`fold` without positions, stripped; plain ASCII comes back as it is."""
    if original.isascii():
        return original.strip()
    return fold(original).text.strip()


def _date_part(run: str) -> str | None:
    value = chinese_integer(run)
    return str(value) if value is not None and value < 60 else None


def _replace(
    folded: Folded, pattern: re.Pattern[str], rewrite: Callable[[str], str | None]
) -> Folded:
    """Rewrite each match of ``pattern``, keeping every character's origin (a rewritten run's
    characters all come from where the run started)."""
    text, origin = folded
    pieces: list[str] = []
    places: list[int] = []
    done = 0
    for match in pattern.finditer(text):
        new = rewrite(match.group(0))
        if new is None:
            continue
        pieces.append(text[done : match.start()])
        places.extend(origin[done : match.start()])
        pieces.append(new)
        places.extend([origin[match.start()]] * len(new))
        done = match.end()
    if not done:
        return folded
    pieces.append(text[done:])
    places.extend(origin[done:])
    return Folded("".join(pieces), places)
