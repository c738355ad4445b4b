"""Reading a ledger file into tables: a CSV file in whatever encoding Excel or WPS saved it,
or each sheet of a workbook with its merged cells filled in."""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.evidence.workbooks import read_sheets, take
from checker.limits import LEDGER_FILE_BYTES, LEDGER_ROWS


@dataclass
class Table:
    """One sheet (or a CSV file): its rows as read, and merged cells filled in."""

    name: str  # the sheet name; empty for CSV
    rows: list[list[Any]]


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
