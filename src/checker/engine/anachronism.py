"""疑似时间倒置: a record that names a topic before the topic could exist (二十大精神 studied in
February 2022), or whose title names a festival it is dated far from (中秋 in August).

The dated anchors are data (``anchors.yaml`` beside this module), read once. Every text is
searched once with one alternation per table, so a ledger of a hundred thousand rows costs a
regular-expression search per row; findings of one file and anchor make one signal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from checker.engine.signals import Signal, day, span
from checker.evidence.model import Record

ANCHORS_FILE = Path(__file__).with_name("anchors.yaml")
_NUMERALS = "〇零一二三四五六七八九十百两0123456789"
_CONTEXT = 12  # characters of a quotation either side of the mention
_CLAUSE_END = re.compile(r"[。；;，,、\n\r\t]")
_SHOWN = 5  # records named in a signal about several rows of one file


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per table entry
class Anchor:
    """A topic (dated ``first``) or a festival (dated per year by ``on``)."""

    name: str
    event: str  # what happened on the date: 党的二十大开幕
    first: dt.date | None  # topics: the first day the topic can be named
    fixed: tuple[int, int] | None  # festivals on one calendar day: (month, day)
    dates: dict[int, dt.date]  # festivals on the lunar calendar or a solar term, per year
    days_before: int
    days_after: int
    allowed_before: tuple[str, ...]  # 迎接党的二十大: still to come
    allowed_after: tuple[str, ...]  # 二十大召开前, 七一勋章

    def on(self, year: int) -> dt.date | None:
        if self.fixed is not None:
            return dt.date(year, *self.fixed)
        return self.dates.get(year)

    def allows(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is no mention: part of a longer numeral (五一 in 二十五一),
        or with words around it that say the event is still to come (迎接党的二十大)."""
        if (start and text[start] in _NUMERALS and text[start - 1] in _NUMERALS) or (
            end < len(text) and text[end - 1] in _NUMERALS and text[end] in _NUMERALS
        ):
            return True
        before = text[max(0, start - 8) : start]
        after = text[end : end + 8]
        return any(map(before.endswith, self.allowed_before)) or any(
            map(after.startswith, self.allowed_after)
        )


class Table(NamedTuple):
    pattern: re.Pattern[str]
    by_spelling: dict[str, Anchor]

    def mentions(self, text: str) -> Iterator[tuple[Anchor, re.Match[str]]]:
        for match in self.pattern.finditer(text):
            anchor = self.by_spelling[match.group()]
            if not anchor.allows(text, match.start(), match.end()):
                yield anchor, match


@dataclass(frozen=True)
class Anchors:
    topics: Table
    festivals: Table
    not_activities: tuple[str, ...]
    repeat_minimum: int


def _table(anchors: list[tuple[Anchor, list[str]]]) -> Table:
    """One alternation of plain spellings, longest first: the regular-expression engine
    scans for their first characters at C speed (a look-behind per spelling made the search
    thirty times slower, so :meth:`Anchor.allows` checks the numerals around a match)."""
    by_spelling = {spelling: anchor for anchor, spellings in anchors for spelling in spellings}
    longest_first = sorted(by_spelling, key=len, reverse=True)
    return Table(re.compile("|".join(map(re.escape, longest_first))), by_spelling)


def _anchor(entry: dict[str, Any], window: dict[str, int]) -> tuple[Anchor, list[str]]:
    own = {**window, **entry.get("window", {})}
    month_day = entry.get("month_day")
    fixed = tuple(map(int, str(month_day).split("-"))) if month_day else None
    dates = {date.year: date for date in entry.get("dates", [])}
    anchor = Anchor(
        name=entry["name"],
        event=entry.get("event", entry["name"]),
        first=entry.get("date"),
        fixed=(fixed[0], fixed[1]) if fixed else None,
        dates=dates,
        days_before=int(own.get("before", 0)),
        days_after=int(own.get("after", 0)),
        allowed_before=tuple(entry.get("before", ())),
        allowed_after=tuple(entry.get("after", ())),
    )
    return anchor, [str(s) for s in entry["spellings"]]


@cache
def anchors() -> Anchors:
    """The bundled table, read once per process."""
    data = yaml.safe_load(ANCHORS_FILE.read_text(encoding="utf-8"))
    window = data["window"]
    return Anchors(
        topics=_table([_anchor(entry, {}) for entry in data["topics"]]),
        festivals=_table([_anchor(entry, window) for entry in data["festivals"]]),
        not_activities=tuple(data["not_activities"]),
        repeat_minimum=int(data["repeated_title"]["minimum"]),
    )


class Finding(NamedTuple):
    record: Record
    anchor: Anchor
    says: str  # where and what: 正文写有“将党的二十大精神……”


def _quote(text: str, start: int, end: int) -> str:
    """The clause around text[start:end], at most _CONTEXT characters either side."""
    left = text[max(0, start - _CONTEXT) : start]
    right = text[end : end + _CONTEXT]
    left = _CLAUSE_END.split(left)[-1]
    right = _CLAUSE_END.split(right)[0]
    return f"{left}{text[start:end]}{right}".strip()


def _texts(record: Record, text_of: Callable[[str], str | None]) -> Iterator[tuple[str, str]]:
    """Each text of the record with where it is: title, tags, fields, body, documents."""
    yield "标题", record.title
    for tag in record.tags:
        yield "标签", tag
    for name, value in record.fields.items():
        if isinstance(value, str):
            yield f"“{name}”", value
    if record.text:
        yield "正文", record.text
    for name in record.files:
        text = text_of(name)
        if text:  # a document that is its own record has only its own body
            own = name == record.source.file
            yield ("正文" if own else f"{name.rsplit('/', 1)[-1]} 的正文"), text


def _mentions_any(record: Record, search: Callable[[str], object]) -> bool:
    """Whether any of the record's own texts may mention a topic: one search over them joined,
    built in C, so the rows that mention none (nearly all) cost no more."""
    texts = (record.title, *record.tags, *map(str, record.fields.values()), record.text)
    return bool(search("\n".join(texts)))


def _topics(
    records: Iterable[Record], text_of: Callable[[str], str | None], table: Table
) -> Iterator[Finding]:
    search = table.pattern.search
    for record in records:
        if not record.files and not _mentions_any(record, search):
            continue
        assert record.start is not None
        last = record.end or record.start
        named: set[str] = set()
        for place, text in _texts(record, text_of):
            for anchor, match in table.mentions(text):
                first = anchor.first
                if first is None or first <= last or anchor.name in named:
                    continue
                named.add(anchor.name)
                quote = _quote(text, match.start(), match.end())
                yield Finding(record, anchor, f"{place}写有“{quote}”")


def _nearest(anchor: Anchor, start: dt.date, end: dt.date) -> tuple[dt.date, int] | None:
    """The festival's date nearest the record with the days between (0: the record is inside
    the festival's window); None when the festival's date is not known for those years."""
    best: tuple[dt.date, int] | None = None
    for year in range(start.year - 1, end.year + 2):
        festival = anchor.on(year)
        if festival is None:
            continue
        opens = festival - dt.timedelta(days=anchor.days_before)
        closes = festival + dt.timedelta(days=anchor.days_after)
        if start <= closes and end >= opens:
            return festival, 0
        days = (festival - end).days if end < festival else (start - festival).days
        if best is None or days < best[1]:
            best = (festival, days)
    return best


def _festivals(records: Iterable[Record], anchors: Anchors) -> Iterator[Finding]:
    for record in records:
        named = {anchor: m.group() for anchor, m in anchors.festivals.mentions(record.title)}
        if not named or any(word in record.title for word in anchors.not_activities):
            continue
        assert record.start is not None
        start, end = record.start, record.end or record.start
        found = [
            (nearest, anchor)
            for anchor in named
            if (nearest := _nearest(anchor, start, end)) is not None
        ]
        if not found or any(days == 0 for (_, days), _ in found):
            continue  # near one of the festivals it names (元旦春节慰问), or dates unknown
        (festival, days), anchor = min(found, key=lambda pair: pair[0][1])
        side = f"还有 {days} 天" if end < festival else f"已过 {days} 天"
        says = f"标题写有“{named[anchor]}”，离{anchor.name}（{day(festival)}）{side}"
        yield Finding(record, anchor, says)


def _place(record: Record) -> str:
    """“标题”（文件第几行）, or the citation alone for a ledger row with no title of its own."""
    source = record.source
    if source.line and record.title.endswith(f" 第 {source.line} 行"):
        return source.cited
    return f"“{record.title}”（{source.cited}）"


def _message(findings: Sequence[Finding]) -> str:
    first = findings[0]
    anchor, record = first.anchor, first.record
    assert record.start is not None
    if anchor.first is None:  # a festival
        lead = f"{_place(record)}日期为 {span(record.start, record.end)}，{first.says}"
    else:
        lead = (
            f"{_place(record)}日期为 {span(record.start, record.end)}，{first.says}，"
            f"而{anchor.event}是在 {day(anchor.first)}"
        )
    if len(findings) == 1:
        return lead
    shown = "、".join(
        f"第 {f.record.source.line} 行（{day(f.record.start)}）"
        for f in findings[1:_SHOWN]
        if f.record.start is not None
    )
    more = f"等 {len(findings) - 1} 条" if len(findings) > _SHOWN else ""
    return f"{lead}；同一文件中还有{shown}{more}"


def anachronisms(
    records: Sequence[Record],
    text_of: Callable[[str], str | None],
    official: Container[str | None],
) -> list[Signal]:
    """Topics named before they existed, and festival activities far from their festival;
    official documents are not activities, so only their topics are checked."""
    table = anchors()
    activities = [r for r in records if r.type not in official]
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    found = [*_topics(records, text_of, table.topics), *_festivals(activities, table)]
    for finding in found:
        groups[finding.record.source.file, finding.anchor.name].append(finding)
    return [Signal("anachronism", _message(group), [file]) for (file, _), group in groups.items()]
