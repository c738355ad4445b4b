"""Reading a ledger file into tables: a CSV file in whatever encoding Excel or WPS saved it,
or each sheet of a workbook with its merged cells filled in; and where a table's body ends,
above the sign-off and note lines offices put under it."""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.evidence.headers import blank
from checker.evidence.workbooks import ReadAhead, exported_text, read_sheets
from checker.limits import LEDGER_FILE_BYTES, LEDGER_ROWS

Region = tuple[tuple[int, int], tuple[int, int]]  # ((top, left), (bottom, right)), 0-based


@dataclass
class Table:
    """One sheet (or a CSV file): its rows as read, and merged cells filled in."""

    name: str  # the sheet name; empty for CSV
    rows: list[list[Any]]
    merged: list[Region] = field(default_factory=list)
    hidden: str = ""  # workbooks.HIDDEN or VERY_HIDDEN: not read, rows empty


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


def csv_encoding(path: Path) -> str | None:
    """The encoding ``decode_csv`` reads a CSV file in when it is not UTF-8 (``GB18030``,
    ``UTF-16``), for reports that must say how a file's lines were read; None for UTF-8 or
    a file that cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "GB18030"
    return None


def read_csv(path: Path) -> list[Table]:
    text = decode_csv(path.read_bytes())
    csv.field_size_limit(LEDGER_FILE_BYTES)
    # the separator most used in the first lines: a title line above the header has none
    head = text[:65536].split("\n", 20)[:20]
    delimiter = max(",\t;", key=lambda sep: sum(line.count(sep) for line in head))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [Table("", [list(row) for row in itertools.islice(reader, LEDGER_ROWS)])]


def read_workbook(path: Path, ahead: ReadAhead) -> list[Table]:
    """The sheets of a workbook: as read ahead on the run's thread, else read now."""
    if exported_text(path):
        return read_csv(path)
    sheets = ahead.take(path)
    if sheets is None:
        sheets = read_sheets(path)
    tables = []
    for name, rows, merged, hidden in sheets:
        for (top, left), (bottom, right) in merged:
            _fill(rows, top, left, bottom, right)
        tables.append(Table(name, rows, merged, hidden))
    return tables


def _fill(rows: list[list[Any]], top: int, left: int, bottom: int, right: int) -> None:
    """Give a merged region's value to every cell it covers."""
    if top >= len(rows) or left >= len(rows[top]):
        return
    value = rows[top][left]
    for r in range(top, min(bottom, len(rows) - 1) + 1):
        for c in range(left, min(right, len(rows[r]) - 1) + 1):
            rows[r][c] = value


# A sign-off or note line below a table starts with one of these words. Who signed and when
# may be followed by a colon, spaces or nothing (“填表人”, “张三” in the next cell); a note
# needs its colon, so a title that starts with 说明 or 备注 stays a title.
_SIGNED = (
    "填表人|填报人|制表人|审核人|审批人|统计人|负责人|单位负责人|主要负责人|部门负责人|经办人"
    "|记录人|登记人|核对人|复核人|监督人|签发人|分管领导|主管领导|联系人|联系电话"
    "|填报日期|填表日期|制表日期|报送日期|填报时间|填表时间|制表时间|填报单位|报送单位"
)
_NOTED = "备注|说明|附注|注释|注|制表|填表|审核|审批|签字|盖章|日期"
_BRACKETS = r"(?:\s*[(（][^)）]*[)）])?"  # 填报单位（盖章）：
_SIGN_OFF = re.compile(
    rf"\s*(?:(?:{_SIGNED}){_BRACKETS}(?:\s*[：:]|\s|$)|(?:{_NOTED}){_BRACKETS}\s*\d*\s*[：:])"
)


def sign_off(cell: Any) -> bool:
    """Whether a cell opens a sign-off or note line (“填表人：张三　审核人：李四”, “注：1.本表”)."""
    return isinstance(cell, str) and _SIGN_OFF.match(cell) is not None


def table_body(
    table: Table, start: int, body: list[list[Any]], cells: list[list[Any]], width: int
) -> tuple[list[list[Any]], list[list[Any]]]:
    """The body (rows from ``start``, and the same as columns) without the sign-off and note
    lines under it, and with the rows that are one merged text (a section title, a note)
    blanked: none of them is a record. ``width`` is the number of the header's columns."""
    end, above = _body_end(body, cells)
    if end < len(body):
        body, cells = body[:end], [column[:end] for column in cells]
    for offset in [*above, *_merged_text_rows(table, start, start + end, width)]:
        for column in cells:
            column[offset] = None
    return body, cells


def _body_end(body: list[list[Any]], cells: list[list[Any]]) -> tuple[int, list[int]]:
    """Where the table ends: at its first sign-off line (its first filled cell opens one)
    below a filled row, or at its last row; whatever follows is not data either. Such lines
    above every filled row (“填报单位：…” under the header), and notes between records
    (“说明：3月因疫情暂停活动” with records after it), are only skipped. ``cells`` are the
    body's columns: each column's distinct texts are matched once."""
    candidates: set[int] = set()
    for column in cells:
        distinct = set(column)
        try:  # a column of texts: matched without a Python loop
            opening = set(filter(_SIGN_OFF.match, distinct))
        except TypeError:  # numbers or dates among them: only the texts can open a line
            opening = set(filter(_SIGN_OFF.match, [v for v in distinct if type(v) is str]))
        if opening:
            candidates.update(offset for offset, cell in enumerate(column) if cell in opening)
    above: list[int] = []
    for offset in sorted(candidates):
        first = next((cell for cell in body[offset] if not blank(cell)), None)
        if not sign_off(first):
            continue
        if any(
            not blank(cell) for row in body[above[-1] + 1 if above else 0 : offset] for cell in row
        ) and not (_NOTE.match(str(first)) and any(map(_data_like, body[offset + 1 :]))):
            return offset, above
        above.append(offset)  # a note between rows (说明：3月因疫情暂停) is skipped, not an end
    return len(body), above


# A note (说明：, 备注：, 注：) may stand between records; a signature (填表人：) ends the table.
_NOTE = re.compile(rf"\s*(?:备注|说明|附注|注释|注){_BRACKETS}\s*\d*\s*[：:]")


def _data_like(row: list[Any]) -> bool:
    """A row that reads as a record rather than a sign-off or a numbered note: three or more
    filled cells, the first of which opens no sign-off."""
    filled = [cell for cell in row if not blank(cell)]
    return len(filled) >= 3 and not sign_off(filled[0])


def _merged_text_rows(table: Table, start: int, stop: int, width: int) -> list[int]:
    """The rows in ``start``..``stop`` that are one merged text across most of the table
    (“一季度”, “本表由办公室填写”): not records, whatever they say."""
    found = []
    for (top, left), (bottom, right) in table.merged:
        if right - left + 1 < max(2, (width + 1) // 2):
            continue
        for number in range(max(top, start), min(bottom + 1, stop)):
            row = table.rows[number]
            outside = itertools.chain(row[:left], row[right + 1 :])
            if left < len(row) and not blank(row[left]) and all(map(blank, outside)):
                found.append(number - start)
    return sorted(set(found))
