"""疑似凑数: one activity written down again and again in a month, to make up a count.

A title repeated in a month is not suspicious by itself: a volunteer team out every Saturday
writes 周末志愿服务 four or five times a month, with different places and numbers of people.
What an inspector questions is records that differ in nothing but the date: at least
``minimum`` records of one type in one calendar month whose titles agree once dates, numbers
and punctuation are taken out, and whose details (every field but row numbers, and the body)
agree too. Each title and month is one signal, naming the largest set of such records.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import islice

from checker.engine.signals import Signal, day
from checker.evidence.headers import header_label
from checker.evidence.model import Record
from checker.evidence.photos import is_photo

_DIGITS = "0-9０-９〇零一二三四五六七八九十两"
# Numbers with what they count (2022年, 3月, 5日, 第3次, 第十二期) and punctuation. One
# alternation whose branches open on a character class, so the engine skips ahead in C.
_NOISE = re.compile(rf"[第{_DIGITS}][{_DIGITS}]*(?:年度?|月份?|[日号次期场批轮个天周])?|[\W_]+")
_ROW_NUMBERS = ("序号", "编号")
_SHOWN = 8  # records named in one signal


def normalise(title: str) -> str:
    """The title without dates, numbers and punctuation: 第3次周末志愿服务（2022年3月5日）
    → 周末志愿服务."""
    return _NOISE.sub("", title)


def _synthetic(record: Record) -> bool:
    """A ledger row without a title column is titled after its sheet and row number."""
    line = record.source.line
    return bool(line) and record.title.endswith(f" 第 {line} 行")


Details = tuple[str, str]


def _details(record: Record) -> Details:
    """Every field but row numbers, and the body; as text, made
    in C (a hundred thousand ledger rows are compared)."""
    fields = record.fields
    if any(name in fields for name in _ROW_NUMBERS):
        fields = {k: v for k, v in fields.items() if k not in _ROW_NUMBERS}
    return repr(sorted(fields.items())), record.text


def _detail_names(record: Record) -> list[str]:
    return sorted(
        header_label(k) for k, v in record.fields.items() if v is not None and k not in _ROW_NUMBERS
    )


def _candidates(records: Iterable[Record], excluded: set[str | None]) -> Iterable[Record]:
    for record in records:
        if record.type in excluded or record.start is None or _synthetic(record):
            continue
        if is_photo(record.source.file):  # a photo file is titled after its activity
            continue
        yield record


def _where(record: Record) -> str:
    assert record.start is not None
    return f"{record.source.cited}（{day(record.start)}）"


def _signal(group: Sequence[Record]) -> Signal:
    first = group[0]
    assert first.start is not None
    names = _detail_names(first)
    same = f"“{'”“'.join(names)}”各项也相同" if names else "除日期外没有其他内容"
    shown = "、".join(map(_where, islice(group, _SHOWN)))
    more = f"等 {len(group)} 条" if len(group) > _SHOWN else ""
    return Signal(
        "repeated_title",
        f"{first.start.year}年{first.start.month}月有 {len(group)} 条{first.type}记录标题同为"
        f"“{first.title}”，内容相同（{same}）：{shown}{more}；请核实是否确为不同的活动",
        sorted({record.source.file for record in group}),
    )


def repeated_titles(
    records: Iterable[Record], excluded: set[str | None], minimum: int
) -> list[Signal]:
    """Sets of at least ``minimum`` records of one type, month and title that agree in all
    else; records of the ``excluded`` types (photos, official documents) are not counted."""
    titles: dict[str, str] = {}  # a ledger repeats its titles: normalise each once
    groups: dict[tuple[object, ...], list[Record]] = defaultdict(list)
    for record in _candidates(records, excluded):
        title = titles.get(record.title)
        if title is None:
            title = titles[record.title] = normalise(record.title)
        if title:
            assert record.start is not None
            groups[record.type, record.start.year, record.start.month, title].append(record)
    signals = []
    for group in groups.values():
        if len(group) < minimum:
            continue
        alike: dict[Details, list[Record]] = defaultdict(list)
        for record in group:
            alike[_details(record)].append(record)
        largest = max(alike.values(), key=len)
        if len(largest) >= minimum:
            signals.append(_signal(largest))
    return signals
