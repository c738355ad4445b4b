"""Ledgers (台账): CSV files and Excel/WPS workbooks, every data row a record.

Real ledgers have title rows above the header, units in the headers (“发放资料(份)”), merged
cells, blank rows and totals rows; the header row is found by its known column names, merged
cells give their value to every cell they cover, and a totals row (合计/总计/小计) is not a
record but a claim checked against the rows above it.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from operator import and_, is_not, itemgetter
from pathlib import Path
from typing import Any

from checker.errors import Problem
from checker.evidence.columns import (
    BLANK,
    INVALID,
    NOT_EXTRA,
    assemble,
    convert,
    filled_in,
    present,
)
from checker.evidence.context import LoadContext
from checker.evidence.fields import mark_invalid
from checker.evidence.fields import normalise_fields as check_fields
from checker.evidence.model import STANDARD_FIELDS, Claim, Record, Source
from checker.evidence.workbooks import WORKBOOK_SUFFIXES, read_sheets, take
from checker.evidence.workbooks import refused as refused_reason
from checker.limits import LEDGER_FILE_BYTES, LEDGER_ROWS
from checker.parsing import DateError, date_prefix, parse_number

LEDGER_SUFFIXES = (".csv", *WORKBOOK_SUFFIXES)

# The standard fields' column headers, most specific first. Any other header is a field of
# its own name (“发放资料”), usable by rules.
HEADERS: dict[str, tuple[str, ...]] = {
    "date": (
        "日期",
        "date",
        "活动日期",
        "活动时间",
        "时间",
        "开展日期",
        "开展时间",
        "会议日期",
        "会议时间",
        "学习日期",
        "学习时间",
        "走访日期",
        "走访时间",
        "发文日期",
        "印发日期",
        "登记日期",
        "服务日期",
        "服务时间",
    ),
    "start": ("开始日期", "开始时间", "start"),
    "end": ("结束日期", "结束时间", "end"),
    "title": (
        "标题",
        "title",
        "活动名称",
        "名称",
        "会议名称",
        "活动主题",
        "主题",
        "会议主题",
        "活动内容",
        "学习内容",
        "内容",
        "事项",
        "文件名称",
        "服务内容",
    ),
    "type": ("类型", "type", "活动类型", "证据类型"),
    "participants": ("参与人数", "参加人数", "participants"),
    "tags": ("标签", "tags"),
    "attachments": ("附件", "佐证材料", "佐证照片", "照片", "图片", "相关照片", "attachments"),
}
# A date column by another name: “报送日期”, “整治时间”, …
_DATE_ENDINGS = ("日期", "时间")
_HEADER_FIELD = {name: field for field, names in HEADERS.items() for name in names}
_DATE_FIELDS = frozenset({"start", "date", "end"})
_SKIPPED = frozenset({"序号", "编号", "no", "no."})
_TOTALS = frozenset({"合计", "总计", "小计", "共计", "累计", "总数"})
_UNIT_SUFFIX = re.compile(r"[(（\[［【][^)）\]］】]*[)）\]］】]$")
_SPACES = re.compile(r"\s+")
_FILE_SPLIT = re.compile(r"[;；,，、\n]+")
_HEADER_SEARCH = 20  # title rows above the header: at most this many rows are searched
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass
class Table:
    """One sheet (or a CSV file): its rows as read, and merged cells filled in."""

    name: str  # the sheet name; empty for CSV
    rows: list[list[Any]]


def header_name(cell: Any) -> str:
    """“参与人数\\n(人)” → 参与人数: no spaces, no unit in brackets."""
    text = _SPACES.sub("", str(cell or ""))
    return _UNIT_SUFFIX.sub("", text) or text


def _blank(cell: Any) -> bool:
    """An empty cell: nothing, or only spaces (checked without building a stripped copy)."""
    return cell is None or cell == "" or (isinstance(cell, str) and cell.isspace())


def find_header(rows: Sequence[Sequence[Any]]) -> int | None:
    """The header row: the first with a known column name; failing that, the first with two
    or more different text cells that are not “填报单位：…” lines (a merged title row repeats
    one text across its cells)."""
    for index, row in enumerate(rows[:_HEADER_SEARCH]):
        names = [header_name(cell) for cell in row if not _blank(cell)]
        if any(name in _HEADER_FIELD for name in names) or (
            len(names) >= 2 and any(name.endswith(_DATE_ENDINGS) for name in names)
        ):
            return index
    for index, row in enumerate(rows[:_HEADER_SEARCH]):
        cells = {cell for cell in row if not _blank(cell)}
        if len(cells) >= 2 and all(
            isinstance(cell, str) and "：" not in cell and ":" not in cell for cell in cells
        ):
            return index
    return None


def _columns(header: Sequence[Any]) -> dict[int, str]:
    """Column index → field name. Each standard field takes its most specific header (日期
    before 时间, whatever their order in the sheet); other columns are fields of their own."""
    names = {
        index: name
        for index, cell in enumerate(header)
        if (name := header_name(cell)) and name.lower() not in _SKIPPED
    }
    columns: dict[int, str] = {}
    for field, spellings in HEADERS.items():
        for spelling in spellings:
            index = next((i for i, n in names.items() if n == spelling and i not in columns), None)
            if index is not None:
                columns[index] = field
                break
    if "date" not in columns.values() and "start" not in columns.values():
        index = next((i for i, n in names.items() if n.endswith(_DATE_ENDINGS)), None)
        if index is not None and index not in columns:
            columns[index] = "date"
    taken = set(columns.values())
    for index, name in names.items():
        if index not in columns:
            columns[index] = name if name not in taken else f"{name}{index + 1}"
            taken.add(columns[index])
    return dict(sorted(columns.items()))


def _cell(value: Any, field: str) -> Any:
    """A cell as a record value: whole floats become ints; an Excel serial number in a date
    column (a date cell formatted as a number) becomes the date."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float):
        if field in ("date", "start", "end") and 20000 <= value <= 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return int(value) if value.is_integer() else value
    return value


_TOTAL_WORD = re.compile("|".join(r"\s*".join(word) for word in sorted(_TOTALS)))
_TOTAL_WORD_FULL = re.compile(rf"\s*(?:{_TOTAL_WORD.pattern})\s*").fullmatch


def _totals_rows(
    body: list[list[Any]], cells: list[list[Any]], columns: dict[int, str]
) -> list[int]:
    """The offsets of the totals rows: found by their words column by column (``cells``),
    then checked row by row (only rows that say 合计 somewhere are)."""
    candidates: set[int] = set()
    for column in cells:
        kinds = set(map(type, column))
        if str not in kinds:
            continue
        if kinds == {str}:
            text = "\n".join(column)
            if "计" not in text and "数" not in text:  # in every word of _TOTALS
                continue
        words = {v for v in set(column) if isinstance(v, str) and _TOTAL_WORD_FULL(v)}
        if words:
            candidates.update(offset for offset, cell in enumerate(column) if cell in words)
    mapped = list(columns)
    return [
        offset
        for offset in sorted(candidates)
        if any(not _blank(body[offset][col]) for col in mapped if col < len(body[offset]))
        and _is_totals(body[offset])
    ]


def _message(key: str, message: str, index: int | None = None) -> Problem:
    """A locator for checking a distinct cell value: the row is placed later."""
    return Problem("", 0, 0, message)


def _is_totals(row: Sequence[Any]) -> bool:
    """A 合计/总计/小计 row: one of its first three filled cells says so."""
    seen = 0
    for cell in row:
        if _blank(cell):
            continue
        if isinstance(cell, str) and _SPACES.sub("", cell) in _TOTALS:
            return True
        seen += 1
        if seen == 3:
            return False
    return False


class LedgerReader:
    """Turns one table into records, claims and problems."""

    def __init__(self, path: Path, rel: str, defaults: dict[str, Any], ctx: LoadContext) -> None:
        self.path, self.rel, self.defaults, self.ctx = path, rel, defaults, ctx
        self.named_date, self.named_title = date_prefix_or_none(path.stem)

    def read(self, table: Table) -> list[Record]:
        header = find_header(table.rows)
        if header is None:
            if any(not _blank(cell) for row in table.rows for cell in row):
                self._warn(table, 1, 1, "找不到表头（应有“日期”“活动名称”等列），未计入")
            return []
        columns = _columns(table.rows[header])
        defaults = dict(self.defaults)
        if "type" not in columns.values() and "type" not in defaults:
            above = " ".join(str(c) for row in table.rows[:header] for c in row if not _blank(c))
            for text in (above, table.name, self.path.stem):
                found = self.ctx.vocabulary.mentioned(text)
                if found:
                    defaults["type"] = found
                    break
        dated = any(field in ("date", "start") for field in columns.values())
        if not dated and self.named_date is None:
            self._warn(
                table,
                header + 1,
                1,
                "表中没有日期列，文件名中也没有日期，未计入；请加“日期”列或在文件名前加日期",
            )
            return []
        return self._rows(table, header, columns, defaults)

    def _rows(
        self, table: Table, header: int, columns: dict[int, str], defaults: dict[str, Any]
    ) -> list[Record]:
        body = table.rows[header + 1 :]
        if not body:
            return []
        first = header + 2  # the row number people see in Excel, of body[0]
        width = max(map(len, body))
        if min(map(len, body)) < width:  # a CSV row ends at its last value
            body = [row + [None] * (width - len(row)) for row in body]
        cells = [list(map(itemgetter(col), body)) for col in range(width)]
        totals = _totals_rows(body, cells, columns)
        values: dict[str, list[Any]] = {}
        wrong: list[tuple[int, int, int, str]] = []  # row offset, order, column, message
        for order, (col, field) in enumerate(columns.items()):
            if col >= width:
                values[field] = [BLANK] * len(body)
                continue
            raw = cells[col]
            for offset in totals:  # a totals row is a claim, never checked as a record
                raw[offset] = None
            values[field], bad = convert(raw, field, partial(self._check, field))
            for offset, messages in bad.items():
                wrong.extend((offset, order, col + 1, message) for message in messages)
        starts, ends = self._dates(values, defaults, len(body))
        filled = present(values.values())
        dated = list(map(is_not, starts, repeat(None)))
        keep = list(map(and_, filled, dated))
        skipped = {*totals, *(offset for offset, *_ in wrong)}
        undated = [
            (offset, len(columns), 1, "缺少日期")
            for offset in (range(len(body)) if not all(dated) else ())
            if filled[offset] and not dated[offset] and offset not in skipped
        ]
        for offset in totals:
            keep[offset] = False
        self._reject(table, first, sorted([*wrong, *undated]), values, defaults, keep)
        records = self._assemble(table, first, values, defaults, keep, starts, ends)
        self._totals(table, first, columns, body, totals, records)
        return records

    def _check(self, field: str, raw: Any) -> tuple[Any, list[str]]:
        """One distinct cell value of a column: as the record holds it, and its problems."""
        if _blank(raw):
            return BLANK, []
        value = _cell(raw, field)
        if field == "attachments" and isinstance(value, str):
            value = [p for p in _FILE_SPLIT.split(value) if p.strip()]
        found: list[Problem] = []
        own, _ = check_fields(
            {field: value}, _message, self.rel, self.ctx, canonical=True, problems=found
        )
        return own.get(field, INVALID), [problem.message for problem in found]

    def _dates(
        self, values: dict[str, list[Any]], defaults: dict[str, Any], count: int
    ) -> tuple[list[Any], list[Any]]:
        """Each row's first and last day: its own dates over the folder's, else the date in
        the file name."""
        own_start, own_date, own_end = (values.get(name) for name in ("start", "date", "end"))
        if own_start is None and own_end is None and not _DATE_FIELDS & defaults.keys():
            days = filled_in(own_date, self.named_date) if own_date else [self.named_date] * count
            return days, days
        starts, ends = [], []
        for offset in range(count):
            own = {
                name: column[offset]
                for name, column in (("start", own_start), ("date", own_date), ("end", own_end))
                if column is not None and column[offset] is not BLANK
            }
            if "date" not in own and "start" not in own and self.named_date:
                own["date"] = self.named_date
            merged = {**defaults, **own}
            start, day, end = merged.get("start"), merged.get("date"), merged.get("end")
            if day is not None:
                start, end = start or day, end or day
            starts.append(start)
            ends.append(end or start)
        return starts, ends

    def _reject(
        self,
        table: Table,
        first: int,
        problems: list[tuple[int, int, int, str]],
        values: dict[str, list[Any]],
        defaults: dict[str, Any],
        keep: list[bool],
    ) -> None:
        """Report the rows that cannot be records; rules counting their type cannot be judged."""
        types = values.get("type")
        for offset, _, column, message in problems:
            keep[offset] = False
            self._problem(table, first + offset, column, message)
            own = types[offset] if types is not None else BLANK
            mark_invalid(
                {"type": defaults.get("type") if own in (BLANK, INVALID) else own}, self.ctx
            )

    def _assemble(
        self,
        table: Table,
        first: int,
        values: dict[str, list[Any]],
        defaults: dict[str, Any],
        keep: list[bool],
        starts: list[Any],
        ends: list[Any],
    ) -> list[Record]:
        count = len(keep)
        lines = range(first, first + count)
        sources = zip(repeat(self.rel), lines, repeat(table.name))
        base = table.name or self.named_title or self.path.stem
        own_titles = values.get("title")
        titles = (
            [
                t if t is not BLANK and t else f"{base} 第 {n} 行"
                for t, n in zip(own_titles, lines, strict=True)
            ]
            if own_titles is not None
            else [f"{base} 第 {n} 行" for n in lines]
        )
        inherited = tuple(defaults.get("tags", ()))
        tags: Iterable[tuple[str, ...]] = repeat(tuple(dict.fromkeys(inherited)))
        if "tags" in values:
            merged = {
                own: tuple(dict.fromkeys((*inherited, *(() if own in (BLANK, INVALID) else own))))
                for own in set(values["tags"])
            }
            tags = map(merged.__getitem__, values["tags"])
        extras = {
            name: filled_in(values[name], value) if name in values else [value] * count
            for name, value in defaults.items()
            if name not in NOT_EXTRA
        }
        for name, column in values.items():
            if name not in NOT_EXTRA and name not in extras:
                extras[name] = filled_in(column, None)
        return assemble(
            keep,
            map(tuple.__new__, repeat(Source), sources),
            filled_in(values["type"], defaults.get("type"))
            if "type" in values
            else repeat(defaults.get("type")),
            titles,
            starts,
            ends,
            tags,
            extras,
            filled_in(values["attachments"], defaults.get("attachments", ()))
            if "attachments" in values
            else repeat(defaults.get("attachments", ())),
        )

    def _totals(
        self,
        table: Table,
        first: int,
        columns: dict[int, str],
        body: list[list[Any]],
        totals: list[int],
        records: list[Record],
    ) -> None:
        """Each totals row's claims, against the records between it and the one above."""
        lines = [record.source.line for record in records] if totals else []
        first_row = first
        for offset in totals:
            number = first + offset
            since = records[
                bisect.bisect_left(lines, first_row) : bisect.bisect_left(lines, number)
            ]
            self._claims(table, number, columns, body[offset], since, first_row)
            first_row = number + 1

    def _claims(
        self,
        table: Table,
        number: int,
        columns: dict[int, str],
        row: Sequence[Any],
        records: list[Record],
        first_row: int,
    ) -> None:
        for col, field in columns.items():
            if field in STANDARD_FIELDS:  # only other columns hold totals
                continue
            claimed = parse_number(row[col]) if col < len(row) else None
            if claimed is None:
                continue
            itemised = sum(record.number(field) or 0.0 for record in records)
            scope = f"本表第 {first_row}—{number - 1} 行"
            self.ctx.claims.append(
                Claim(
                    Source(self.rel, number, table.name),
                    header_label(field),
                    claimed,
                    itemised,
                    scope,
                )
            )

    def _make(self, table: Table, line: int, column: int, message: str) -> Problem:
        prefix = f"工作表“{table.name}”：" if table.name else ""
        return Problem(self.ctx.shown(self.rel), line, column, prefix + message)

    def _problem(self, table: Table, line: int, column: int, message: str) -> None:
        self.ctx.problems.append(self._make(table, line, column, message))

    def _warn(self, table: Table, line: int, column: int, message: str) -> None:
        self.ctx.warnings.append(self._make(table, line, column, message))


def header_label(field: str) -> str:
    return {"participants": "参与人数"}.get(field, field)


def date_prefix_or_none(stem: str) -> tuple[dt.date | None, str]:
    try:
        return date_prefix(stem)
    except DateError:
        return None, stem


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else GB18030 (a superset of GBK), as
    Excel and WPS on Chinese Windows save CSV; UTF-16 when it says so. Always the same
    answer for the same bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def read_csv(path: Path) -> list[Table]:
    text = decode_csv(path.read_bytes())
    csv.field_size_limit(LEDGER_FILE_BYTES)
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [Table("", [list(row) for row in itertools.islice(reader, LEDGER_ROWS)])]


def read_workbook(path: Path) -> list[Table]:
    sheets = take(path)
    if sheets is None:
        sheets = read_sheets(path)
    tables = []
    for name, rows, merged in sheets:
        for (top, left), (bottom, right) in merged:
            _fill(rows, top, left, bottom, right)
        tables.append(Table(name, rows))
    return tables


def _fill(rows: list[list[Any]], top: int, left: int, bottom: int, right: int) -> None:
    """Give a merged region's value to every cell it covers."""
    if top >= len(rows) or left >= len(rows[top]):
        return
    value = rows[top][left]
    for r in range(top, min(bottom, len(rows) - 1) + 1):
        for c in range(left, min(right, len(rows[r]) - 1) + 1):
            rows[r][c] = value


def load_ledger(path: Path, rel: str, defaults: dict[str, Any], ctx: LoadContext) -> list[Record]:
    suffix = path.suffix.lower()
    refused = refused_reason(path)
    if refused:
        ctx.problem(rel, 1, 1, refused)
        mark_invalid(defaults, ctx)
        return []
    try:
        tables = read_csv(path) if suffix == ".csv" else read_workbook(path)
    except Exception as exc:  # calamine raises its own error types for broken files
        readable_error = isinstance(exc, (OSError, ValueError, RuntimeError, csv.Error))
        if not readable_error and not type(exc).__module__.startswith("python_calamine"):
            raise
        ctx.problem(rel, 1, 1, f"无法读取表格（文件损坏或已加密？）：{exc}")
        mark_invalid(defaults, ctx)
        return []
    reader = LedgerReader(path, rel, defaults, ctx)
    return [record for table in tables for record in reader.read(table)]
