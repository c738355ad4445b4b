"""Ledgers (台账): CSV files and Excel/WPS workbooks, every data row a record.

Below the header (headers.py) each row is a record, converted column by column (columns.py)
in one ``SheetColumns`` the reading steps share (sheetcolumns.py); blank rows are skipped,
and a totals row (合计/总计/小计) is not a record but a claim checked against the rows above
it.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from functools import partial
from itertools import repeat
from operator import and_, is_not, itemgetter
from pathlib import Path
from typing import Any

from checker.errors import Coded, Problem, code_of
from checker.evidence.columns import (
    BLANK,
    INVALID,
    assemble,
    column_or,
    convert,
    each,
    extra_columns,
    filled_in,
    is_plain,
    present,
    tags_column,
)
from checker.evidence.context import LoadContext
from checker.evidence.fields import Dating, Notice, bounds, not_a_number
from checker.evidence.fields import normalise_fields as check_fields
from checker.evidence.headers import Header, blank, plain_text, table_header
from checker.evidence.model import DATE_FIELDS, Record, Source
from checker.evidence.sheetcolumns import SheetColumns, notice_lines
from checker.evidence.sheetcolumns import row_ranges as row_ranges  # where it was
from checker.evidence.sheets import HIDDEN_NOTICE, Neighbours, neighbours, undated_notice
from checker.evidence.tablecontext import roster_notice, table_context
from checker.evidence.tables import Table, read_csv, read_workbook, table_body
from checker.evidence.totals import claims, totals_rows
from checker.evidence.workbooks import WORKBOOK_SUFFIXES
from checker.evidence.workbooks import refused as refused_reason
from checker.parsing import DateError, date_in_name, month_in, year_in

LEDGER_SUFFIXES = (".csv", *WORKBOOK_SUFFIXES)

_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _cell(value: Any, field: str) -> Any:
    """A cell as a record value: whole floats become ints; an Excel serial number in a date
    column (a date cell formatted as a number) becomes the date. calamine gives a .xls/.et
    number cell as an int and a .xlsx one as a float: both are serials."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if field in DATE_FIELDS and 20000 <= value <= 80000:  # 1954-10-03 … 2119-01-10
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return int(value) if isinstance(value, float) and value.is_integer() else value
    return value


def _given(value: Any) -> Any:
    """A converted cell's value, or None for a blank or unusable one."""
    return None if value is BLANK or value is INVALID else value


def _message(
    key: str,
    message: str,
    index: int | None = None,
    *,
    at_key: bool = False,
    code: str = "input-error",
) -> Problem:
    """A locator for checking a distinct cell value: the row is placed later."""
    return Problem("", 0, 0, message, code)


class LedgerReader:
    """Turns one table into records, claims and problems."""

    def __init__(self, path: Path, rel: str, defaults: dict[str, Any], ctx: LoadContext) -> None:
        self.path, self.rel, self.defaults, self.ctx = path, rel, defaults, ctx
        self.named_date, self.named_title = named_date(path.stem)

    def read(self, table: Table, header: Header | None, others: Neighbours) -> list[Record]:
        """The records of one table whose header is ``header``; ``others`` are what the file's
        other tables are (see ``load_ledger``)."""
        if table.hidden:
            self._warn(table, 1, 1, HIDDEN_NOTICE[table.hidden], "ledger-hidden")
            return []
        if header is None:
            if any(not blank(cell) for row in table.rows for cell in row):
                no_header = "找不到表头（应有“日期”“活动名称”等列），未计入"
                self._warn(table, 1, 1, no_header, "ledger-header-missing")
            return []
        columns = header.columns
        above = " ".join(str(c) for row in table.rows[: header.top] for c in row if not blank(c))
        defaults = dict(self.defaults)
        if "type" not in columns.values() and "type" not in defaults:
            for text in (above, table.name, self.path.stem):
                found = self.ctx.vocabulary.mentioned(text)
                if found:
                    defaults["type"] = found
                    break
        named = [str(c) for row in table.rows[header.top : header.last + 1] for c in row]
        if not header.dated:
            unread = undated_notice(table.name, above, self.path.name, self.named_date, others)
            if unread:
                self._warn(
                    table,
                    header.last + 1,
                    1,
                    roster_notice(named, self.path, others.undated) or unread,
                    "ledger-undated",
                )
                return []
        self.ctx.contexts[(self.rel, table.name)] = table_context(
            above, table.name, self.path.stem, () if header.dated else named
        )
        titles = " ".join(
            cell for row in table.rows[: header.top] for cell in row if plain_text(cell)
        )
        dating = Dating(
            self._year(table, titles, above),
            # a sheet per month (3月) whose date column says only 8日
            month_in(table.name) or month_in(titles) or month_in(self.path.stem),
        )
        sheet = self._sheet(table, header.last, columns)
        return self._rows(sheet, defaults, dating) if sheet is not None else []

    def _year(self, table: Table, titles: str, above: str) -> int | None:
        """The year a day written without one (3月8日) takes: the one the title speaks of,
        else the sheet's name, else the file's; a “填报时间：2023年1月” line under the title
        says when the table was filled in, not what year it records, so it comes last."""
        for text in (titles, table.name, self.path.stem, above):
            year = year_in(text)
            if year is not None:
                return year
        return None

    def _sheet(self, table: Table, header: int, columns: dict[int, str]) -> SheetColumns | None:
        """The rows under the header row ``header`` as columns, padded to one width, without
        the lines under the table; None when there are none."""
        body = table.rows[header + 1 :]
        if not body:
            return None
        width = max(map(len, body))
        if min(map(len, body)) < width:  # a CSV row ends at its last value
            body = [row + [None] * (width - len(row)) for row in body]
        cells = [list(map(itemgetter(col), body)) for col in range(width)]
        body, cells = table_body(table, header + 1, body, cells, len(columns))
        totals = totals_rows(body, cells, columns)
        return SheetColumns(table, header + 2, body, cells, columns, totals)

    def _rows(self, sheet: SheetColumns, defaults: dict[str, Any], dating: Dating) -> list[Record]:
        """The sheet's records; its problems, notices and totals rows' claims to the context.
        Each step fills in its part of ``sheet`` for the next."""
        sheet.values, sheet.raw_types = self._convert(sheet, dating)
        sheet.starts, sheet.ends = self._dates(sheet.values, defaults, sheet.count)
        sheet.keep = self._kept(sheet)
        sheet.problems.sort(key=itemgetter(0, 1))  # a cell's in their order
        self._reject(sheet, defaults)
        self._tell(sheet)
        records = self._assemble(sheet, defaults)
        rejected = {sheet.first + offset for offset, *_ in sheet.problems}
        self.ctx.claims.extend(
            claims(
                self.rel,
                sheet.table.name,
                sheet.first,
                sheet.columns,
                sheet.rows,
                sheet.totals,
                records,
                rejected,
            )
        )
        return records

    def _convert(
        self, sheet: SheetColumns, dating: Dating
    ) -> tuple[dict[str, list[Any]], list[Any] | None]:
        """Each column's values, and the type column as written when some type is unknown
        (the rows left out are counted for the type they resemble); the cells' problems and
        notices go to ``sheet``. A totals row's cells are blanked first: it is a claim, never
        checked as a record."""
        values: dict[str, list[Any]] = {}
        raw_types: list[Any] | None = None
        summed = self.ctx.keys.summed
        for order, (col, name) in enumerate(sheet.columns.items()):
            if col >= len(sheet.cells):
                values[name] = [BLANK] * sheet.count
                continue
            raw = sheet.cells[col]
            for offset in sheet.totals:
                raw[offset] = None
            values[name], bad = convert(raw, name, partial(self._check, name, dating))
            if name == "type" and bad:
                raw_types = list(raw)
            if name in summed and is_plain(name):
                bad = dict(bad)  # its lists are shared by equal cells: never extended in place
                for offset, (_, notices) in enumerate(each(partial(self._summed, name), raw)):
                    if notices:
                        bad[offset] = [*bad.get(offset, []), *notices]
            for offset, messages in bad.items():
                for message in messages:
                    if isinstance(message, Notice):
                        sheet.notices.setdefault((col + 1, message), []).append(offset)
                    else:
                        sheet.problems.append((offset, order, col + 1, message))
        return values, raw_types

    def _check(self, field: str, dating: Dating, raw: Any) -> tuple[Any, list[str]]:
        """One distinct cell value of a column: as the record holds it, and its problems."""
        if blank(raw):
            return BLANK, []
        value = _cell(raw, field)
        found: list[Problem] = []
        told: list[Problem] = []
        own, _ = check_fields(
            {field: value},
            _message,
            self.rel,
            self.ctx,
            canonical=True,
            problems=found,
            notices=told,
            dating=dating,
        )
        messages: list[str] = [Coded(problem.message, problem.code) for problem in found]
        return own.get(field, INVALID), messages + [Notice(n.message, n.code) for n in told]

    def _summed(self, field: str, raw: Any) -> tuple[Any, list[str]]:
        """A cell of a column the rules add up: a value that is not a number is a notice."""
        notice = not_a_number(field, raw) if isinstance(raw, str) and raw.strip() else None
        return raw, [Notice(notice, "number-not-counted")] if notice else []

    def _dates(
        self, values: dict[str, list[Any]], defaults: dict[str, Any], count: int
    ) -> tuple[list[Any], list[Any]]:
        """Each row's first and last day: its own dates over the folder's, else the date in
        the file name."""
        own_start, own_date, own_end = (values.get(name) for name in ("start", "date", "end"))
        if own_start is None and own_end is None and not DATE_FIELDS & defaults.keys():
            days = filled_in(own_date, self.named_date) if own_date else [self.named_date] * count
            if not any(isinstance(day, tuple) for day in days):
                return days, days
            pairs = list(map(bounds, days))  # some rows hold a range or a month
            return [pair[0] for pair in pairs], [pair[1] for pair in pairs]
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
                first, last = bounds(day)
                start, end = start or first, end or last
            starts.append(start)
            ends.append(end or start)
        return starts, ends

    def _kept(self, sheet: SheetColumns) -> list[bool]:
        """Which rows are records before their problems are looked at: those with a value
        and a day, not totals. A row with values but no day is told about (one notice)."""
        filled = present(sheet.values.values())
        dated = list(map(is_not, sheet.starts, repeat(None)))
        keep = list(map(and_, filled, dated))
        if not all(dated):
            skipped = sheet.skipped()
            undated = [
                offset
                for offset in range(sheet.count)
                if filled[offset] and not dated[offset] and offset not in skipped
            ]
            if undated:
                items = sheet.columns.items()
                column = next((c + 1 for c, name in items if name in DATE_FIELDS), 1)
                sheet.notices[(column, Notice("没有日期，未计入", "row-undated"))] = undated
        for offset in sheet.totals:
            keep[offset] = False
        return keep

    def _reject(self, sheet: SheetColumns, defaults: dict[str, Any]) -> None:
        """Report the rows that cannot be records (a cell's problems in their order) and take
        them out of ``sheet.keep``; the rules that would count them say how many were left
        out."""
        table, first, keep, raw_types = sheet.table, sheet.first, sheet.keep, sheet.raw_types
        types, titles = sheet.values.get("type"), sheet.values.get("title")
        for offset, _, column, message in sheet.problems:
            self._problem(table, first + offset, column, message)
            if not keep[offset]:
                continue  # left out already (a row with several problems)
            keep[offset] = False
            own = types[offset] if types is not None else BLANK
            title = titles[offset] if titles is not None else BLANK
            self.ctx.leave_out(
                Source(self.rel, first + offset, table.name),
                defaults,
                raw_types[offset] if own is INVALID and raw_types else _given(own),
                _given(title),
            )

    def _tell(self, sheet: SheetColumns) -> None:
        """The cells' notices, one line per column and wording (see ``notice_lines``)."""
        for line, column, message in notice_lines(sheet):
            self._warn(sheet.table, line, column, message)

    def _assemble(self, sheet: SheetColumns, defaults: dict[str, Any]) -> list[Record]:
        """The kept rows' records, column by column."""
        table, values, count = sheet.table, sheet.values, sheet.count
        lines = range(sheet.first, sheet.first + count)
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
        return assemble(
            sheet.keep,
            map(tuple.__new__, repeat(Source), sources),  # in C; Source is (file, line, sheet)
            column_or(values, "type", defaults.get("type")),
            titles,
            sheet.starts,
            sheet.ends,
            tags_column(values, defaults),
            extra_columns(values, defaults, count),
            column_or(values, "attachments", defaults.get("attachments", ())),
        )

    def _make(self, table: Table, line: int, column: int, message: str, code: str) -> Problem:
        prefix = f"工作表“{table.name}”：" if table.name else ""
        shown = self.ctx.shown(self.rel)
        return Problem(shown, line, column, prefix + message, code or code_of(message))

    def _problem(self, table: Table, line: int, column: int, message: str) -> None:
        self.ctx.problems.append(self._make(table, line, column, message, ""))

    def _warn(self, table: Table, line: int, column: int, message: str, code: str = "") -> None:
        """A notice; without ``code``, the one ``message`` carries (a cell's, ``Coded``)."""
        self.ctx.warnings.append(self._make(table, line, column, message, code))


def named_date(stem: str) -> tuple[dt.date | None, str]:
    """The date a ledger's file name gives its rows without one, and its title. “汇总表
    （截至2022年12月31日）” is as of that day, not a day the rows happened: no date."""
    try:
        day, title = date_in_name(stem)
    except DateError:
        return None, stem
    return (None, stem) if _AS_OF.search(stem) else (day, title)


_AS_OF = re.compile("截[至止]|截止到")


def load_ledger(path: Path, rel: str, defaults: dict[str, Any], ctx: LoadContext) -> list[Record]:
    suffix = path.suffix.lower()
    refused = refused_reason(path)
    if refused:
        ctx.problem(rel, 1, 1, refused, "ledger-unreadable")
        ctx.leave_out(Source(rel), defaults)
        return []
    try:
        tables = read_csv(path) if suffix == ".csv" else read_workbook(path, ctx.workbooks)
    except Exception as exc:  # calamine raises its own error types for broken files
        readable_error = isinstance(exc, (OSError, ValueError, RuntimeError, csv.Error))
        if not readable_error and not type(exc).__module__.startswith("python_calamine"):
            raise
        ctx.problem(rel, 1, 1, "表格文件已损坏或不是 Excel/WPS 表格，无法打开", "ledger-unreadable")
        ctx.leave_out(Source(rel), defaults)
        return []
    reader = LedgerReader(path, rel, defaults, ctx)
    headers = [None if table.hidden else table_header(table.rows) for table in tables]
    records = []
    for table, header, others in zip(tables, headers, neighbours(headers), strict=True):
        records.extend(reader.read(table, header, others))
    return records
