"""The record: one piece of evidence, whatever file it came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from typing import Any, NamedTuple

from checker.parsing import parse_number

# How offices head a count of people: one list for record keys and ledger columns alike.
PARTICIPANTS = (
    "参与人数",
    "参加人数",
    "参会人数",
    "出席人数",
    "实到人数",
    "参学人数",
    "参训人数",
    "人数",
)

# Every field a record or a rule names may be written in English or Chinese; the engine sees
# the English name of the standard fields and the author's own name for any other field.
FIELD_ALIASES: dict[str, str] = {
    "类型": "type",
    "标题": "title",
    "名称": "title",
    "活动名称": "title",
    "日期": "date",
    "开始日期": "start",
    "结束日期": "end",
    "标签": "tags",
    "附件": "attachments",
    "佐证材料": "attachments",
    **dict.fromkeys(PARTICIPANTS, "participants"),
}
# The fields a record holds outside ``fields``; the dates among them; those that may not be
# empty. Everything else a record says is a field of its own.
DATE_FIELDS = frozenset({"date", "start", "end"})
STANDARD_FIELDS = frozenset({"type", "title", "tags", "attachments", *DATE_FIELDS})
REQUIRED_FIELDS = frozenset({"type", *DATE_FIELDS})


# Numeric fields every record has without writing them: its attachments, and its photos among
# them (a plain file counts itself), so a rule can ask for “at least 2 photos per activity”.
PHOTO_ENDINGS = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic")
COUNTED_FILES: dict[str, tuple[str, ...] | None] = {"附件数": None, "照片数": PHOTO_ENDINGS}


def suffix(name: str) -> str:
    """``a/b/2022 通知.DOCX`` → ``.docx`` (as os.path.splitext, without its overhead)."""
    dot = name.rfind(".")
    if dot <= name.rfind("/") + 1:
        return ""
    return name[dot:].lower()


def canonical_field(name: str) -> str:
    name = name.strip()
    return FIELD_ALIASES.get(name, name)


class Source(NamedTuple):
    """Where a record was written: evidence-relative file, 1-based line or spreadsheet row
    (0: the whole file), and the worksheet for a workbook row. A tuple, so hashing and
    sorting a hundred thousand citations stays in C."""

    file: str
    line: int = 0
    sheet: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}（工作表 {self.sheet}）" if self.sheet else where

    @property
    def cited(self) -> str:
        """The place as reports cite it to people: 台账.xlsx第31行（工作表“志愿服务”）."""
        where = f"{self.file}第{self.line}行" if self.line else self.file
        return f"{where}（工作表“{self.sheet}”）" if self.sheet else where

    def as_dict(self) -> dict[str, object]:
        place: dict[str, object] = {"file": self.file, "line": self.line}
        if self.sheet:
            place["sheet"] = self.sheet
        return place

    @staticmethod
    def as_dicts(sources: Sequence[Source]) -> list[dict[str, object]]:
        """``as_dict`` of each, built in C when all or none name a sheet (a ledger's rows)."""
        sheets = set(map(_SHEET, sources))
        if "" not in sheets:
            return list(map(dict, map(zip, repeat(_PLACE_KEYS), sources)))
        if sheets == {""}:
            return list(map(dict, map(zip, repeat(_PLACE_KEYS[:2]), sources)))
        return [source.as_dict() for source in sources]


_SHEET = attrgetter("sheet")
_PLACE_KEYS = ("file", "line", "sheet")


class Record(NamedTuple):
    """One piece of evidence. A tuple, so a ledger's hundred thousand rows are built column by
    column in C; ``fields`` may hold None for a blank ledger cell, as if it were absent."""

    source: Source
    type: str | None = None
    title: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    tags: tuple[str, ...] = ()
    fields: Mapping[str, object] = {}  # raw values, canonical names (never mutated)
    text: str = ""  # the record's own text (a Markdown body, a text file)
    files: tuple[str, ...] = ()  # the files it rests on: attachments, or the file itself

    @classmethod
    def rows(cls, rows: Iterable[tuple[Any, ...]]) -> list[Record]:
        """Many records at once, each row holding the fields in ``_fields`` order: what
        ``_make`` does for one, without its Python call a row (7% of loading a 100,000-row
        ledger). tests/test_columns.py holds it to ``_make``."""
        return list(map(tuple.__new__, repeat(cls), rows))

    def value(self, name: str) -> object | None:
        name = canonical_field(name)
        if name == "type":
            return self.type
        if name == "title":
            return self.title
        if name == "tags":
            return list(self.tags)
        if name in ("date", "start"):
            return self.start
        if name == "end":
            return self.end
        return self.fields.get(name)

    def number(self, name: str) -> float | None:
        name = canonical_field(name)
        number = parse_number(self.fields.get(name))
        if number is not None:
            return number
        if name in COUNTED_FILES:  # derived: how many files back the record
            wanted = COUNTED_FILES[name]
            return float(sum(1 for f in self.files if wanted is None or f.lower().endswith(wanted)))
        return None

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start is not None and self.start <= end and (self.end or self.start) >= start


class Unusable(NamedTuple):
    """A record that a problem keeps out of the assessment. The rules that would have counted
    it are judged on the rest and say how many such records there were."""

    source: Source
    type: str | None  # its own type, the known type it misspells, or its folder's type
    title: str = ""


@dataclass(frozen=True)
class Claim:
    """A total the evidence states (a ledger's 合计 row, a summary's claimed number) beside
    the sum of the itemised records it should equal."""

    source: Source
    field: str
    claimed: float
    itemised: float
    scope: str  # what was summed, in words: “本表第 4—9 行”
    kind: str = "exact"  # exact (a totals row), at_least (2000余份) or about (约2000份)

    @property
    def consistent(self) -> bool:
        if self.kind == "at_least":
            return self.itemised >= self.claimed
        if self.kind == "about":
            return abs(self.itemised - self.claimed) <= 0.1 * self.claimed
        return abs(self.itemised - self.claimed) < 0.005

    def as_dict(self) -> dict[str, object]:
        return {
            **self.source.as_dict(),
            "field": self.field,
            "claimed": self.claimed,
            "itemised": self.itemised,
            "scope": self.scope,
            "kind": self.kind,
            "consistent": self.consistent,
        }
