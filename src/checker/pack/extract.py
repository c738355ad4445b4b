"""The extract workbook: just the ledger rows that counted for one item, each with its source.

Inspectors are shown the rows that prove the item, not the year's whole ledger; every row says
where it stands in the original (file, sheet, row) so it can be found there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from checker.engine.signals import day
from checker.evidence.model import Record
from checker.report.office import freeze_zip
from checker.report.sheet import workbook as sheet_workbook

_LEAD = ("来源文件", "工作表", "行号", "类型", "日期", "标题")
# the standard fields under the name a ledger gives them (the loader keeps the English one)
_LABELS = {"participants": "参与人数"}
_FILES = "佐证材料"
# a row with no title is named by the loader after its file and row: not the ledger's words
_INVENTED = re.compile(r" 第 \d+ 行$")


def ranges(lines: Sequence[int]) -> str:
    """Row numbers as people cite them: 第3—15行、第18行."""
    numbers = sorted(set(lines))
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return "、".join(f"第{a}行" if a == b else f"第{a}—{b}行" for a, b in runs)


def _cell(value: object) -> str | float:
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list | tuple):
        return "、".join(str(part) for part in value)
    return "" if value is None else str(value)


def _fields(rows: Sequence[Record]) -> list[str]:
    """The other columns, in the order the ledger's rows first name them."""
    names: dict[str, None] = {}
    for record in rows:
        names.update(dict.fromkeys(name for name in record.fields if name not in ("type", "title")))
    return list(names)


def workbook(title: str, rows: Mapping[tuple[str, str], Sequence[Record]], stamp: dt.date) -> bytes:
    """The extract, byte-identical for the same rows and assessment date."""
    with sheet_workbook(stamp.isoformat(), title) as (book, buffer):
        _fill(book, title, rows)
    return freeze_zip(buffer.getvalue(), stamp.isoformat())


def _fill(book: Any, title: str, rows: Mapping[tuple[str, str], Sequence[Record]]) -> None:
    sheet = book.add_worksheet("台账摘录")
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    bold = book.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "top"})
    plain = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    heading = book.add_format({"bold": True, "font_size": 14})
    sheet.write(0, 0, f"{title}（计入本项的台账行）", heading)
    at = 2
    for (file, sheet_name), records in sorted(rows.items()):
        at = _table(sheet, at, file, sheet_name, records, (bold, plain)) + 1
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 2, 10)
    sheet.set_column(3, 40, 16)
    sheet.repeat_rows(0)


def _table(
    sheet: Any,
    at: int,
    file: str,
    sheet_name: str,
    records: Sequence[Record],
    formats: tuple[Any, Any],
) -> int:
    """One ledger's counted rows from row ``at``; returns the next free row."""
    bold, plain = formats
    extra = _fields(records)
    files = any(record.files for record in records)
    names = [_LABELS.get(name, name) for name in extra] + ([_FILES] if files else [])
    sheet.write_row(at, 0, [*_LEAD, *names], bold)
    for record in sorted(records, key=lambda r: r.source.line):
        at += 1
        when = day(record.start) if record.start else ""
        values: list[Any] = [file, sheet_name, record.source.line, record.type or "", when]
        values.append("" if _INVENTED.search(record.title) else record.title)
        values.extend(_cell(record.fields.get(name)) for name in extra)
        if files:
            values.append("、".join(name.rsplit("/", 1)[-1] for name in record.files))
        sheet.write_row(at, 0, values, plain)
    return at + 1


def extract_text(rows: Mapping[tuple[str, str], Sequence[Record]]) -> list[str]:
    """For the index: each ledger with the rows taken from it (工作表“学习会”第3—15行)."""
    out = []
    for (file, sheet_name), records in sorted(rows.items()):
        where = f"工作表“{sheet_name}”" if sheet_name else ""
        out.append(f"{file}{where}{ranges([r.source.line for r in records])}")
    return out
