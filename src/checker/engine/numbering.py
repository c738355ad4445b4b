"""文号 of official documents: found in a document, and checked for order.

An office numbers its documents of one 机关代字 in one year as it issues them (兴人常机党〔2022〕
3号, 4号, 5号…), so a higher number dated before a lower one, or one number on two different
documents, is what an inspector asks about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from itertools import pairwise
from typing import NamedTuple

from checker.engine.signals import Signal, day
from checker.evidence.model import Record

_NUMBER = (
    r"([\u4e00-\u9fff]{1,12})\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]"
    r"\s*第?\s*(\d{1,4})\s*号"
)
DOCUMENT_NUMBER = re.compile(_NUMBER)
# The document's own number stands on a line of the 版头 by itself (or with 签发人); a number
# inside a sentence is usually one the document cites (根据市文明〔2021〕6号文件精神).
_HEADER_LINE = re.compile(rf"(?m)^[ \t\u3000]*{_NUMBER}[ \t\u3000]*(?:签发人.*)?$")
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH = re.compile("[０-９]")


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits made ASCII. Most texts have none, and translating a
    long document char by char is slow (a 1,000-document folder spent seconds in it), so the
    search for one comes first."""
    return text.translate(FULL_WIDTH_DIGITS) if _FULL_WIDTH.search(text) else text


_NOT_WORD = re.compile(r"[\W_]+")


class Numbered(NamedTuple):
    code: str  # 机关代字: 兴人常机党
    year: int
    number: int
    record: Record

    def __str__(self) -> str:
        return f"{self.code}〔{self.year}〕{self.number}号"

    def cited(self) -> str:
        record = self.record
        return f"{self}“{record.title}”（{record.source.cited}，{day(_dated(self))}）"


def _parse(match: re.Match[str] | None, record: Record) -> Numbered | None:
    if match is None:
        return None
    code, year, number = match.groups()
    return Numbered(code, int(year), int(number), record)


def number_of(record: Record, text_of: Callable[[str], str | None]) -> Numbered | None:
    """The document's own 文号: a field named for it, else a line of the document that opens
    with one, else one in the title, else the first anywhere in the document."""
    for name, value in record.fields.items():
        if "文号" in name and isinstance(value, str):
            found = _parse(DOCUMENT_NUMBER.search(ascii_digits(value)), record)
            if found:
                return found
    bodies = [record.text, *(text_of(name) or "" for name in record.files)]
    bodies = [ascii_digits(text) for text in bodies if text]
    for text in bodies:
        found = _parse(_HEADER_LINE.search(text), record)
        if found:
            return found
    for text in (ascii_digits(record.title), *bodies):
        found = _parse(DOCUMENT_NUMBER.search(text), record)
        if found:
            return found
    return None


def _dated(document: Numbered) -> dt.date:
    assert document.record.start is not None  # records in the window have dates
    return document.record.start


def _same_number(documents: Sequence[Numbered]) -> Signal | None:
    """One number on documents with different titles (a copy of one document in two formats
    has the same title and is not a second document)."""
    distinct = {_NOT_WORD.sub("", d.record.title): d for d in documents}
    if len(distinct) < 2:
        return None
    named = "、".join(d.cited() for d in distinct.values())
    return Signal(
        "document_order",
        f"文号 {documents[0]} 用在了 {len(distinct)} 份不同的文件上：{named}；"
        "同一机关代字同一年的文号不应重复",
        sorted({d.record.source.file for d in distinct.values()}),
    )


def _backwards(lower: Numbered, higher: Numbered) -> Signal:
    return Signal(
        "document_order",
        f"{lower.cited()} 的文号较小，日期却晚于文号较大的 {higher.cited()}："
        "同一机关代字同一年的文号应按发文先后编号",
        sorted({lower.record.source.file, higher.record.source.file}),
    )


def _in_group(documents: list[Numbered]) -> Iterator[Signal]:
    by_number: dict[int, list[Numbered]] = defaultdict(list)
    for document in documents:
        by_number[document.number].append(document)
    earliest: list[Numbered] = []
    for number in sorted(by_number):
        same = sorted(by_number[number], key=_dated)
        repeated = _same_number(same)
        if repeated:
            yield repeated
        earliest.append(same[0])
    # Numbers need not be consecutive (not every document is evidence); any inversion shows
    # up between neighbours in number order, so comparing neighbours names each once.
    for lower, higher in pairwise(earliest):
        if _dated(lower) > _dated(higher):
            yield _backwards(lower, higher)


def document_order(
    records: Iterable[Record], text_of: Callable[[str], str | None], official: Container[str | None]
) -> list[Signal]:
    """文号 of one 机关代字 and year running backwards against their dates, or repeated."""
    groups: dict[tuple[str, int], list[Numbered]] = defaultdict(list)
    for record in records:
        if record.type in official and record.start is not None:
            found = number_of(record, text_of)
            if found:
                groups[found.code, found.year].append(found)
    return [signal for key in sorted(groups) for signal in _in_group(groups[key])]
