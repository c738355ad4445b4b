"""A ledger table's rows as the reader's steps share them, and its notices as lines.

``LedgerReader`` (ledgers.py) builds one ``SheetColumns`` per table and hands it from step to
step, each reading and filling in its part, instead of passing the columns, the rows' days
and which rows are kept around as parallel lists. Everything in it is a whole column: a row
is never a Python object of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.errors import Coded, code_of
from checker.evidence.tables import Table

# A cell's problem: its row offset, its column's place in the header (a row's problems are
# reported in column order), its sheet column (from 1) and the message.
CellProblem = tuple[int, int, int, str]


@dataclass(slots=True, eq=False)
class SheetColumns:
    """One table's rows under its header, column by column. The reader's steps fill in
    their parts in order: ``_convert`` the values (and the cells' problems and notices),
    ``_dates`` the starts and ends, ``_kept`` which rows are records, and ``_reject`` takes
    the rows with a problem out of them."""

    table: Table
    first: int  # the row number people see in Excel, of the first of the rows
    rows: list[list[Any]]  # as read, for the totals rows' claims
    cells: list[list[Any]]  # the same rows by column
    columns: dict[int, str]  # the header: column → field
    totals: list[int]  # the offsets of the totals rows: claims, never records
    values: dict[str, list[Any]] = field(default_factory=dict)  # converted, by field
    raw_types: list[Any] | None = None  # the type column as written, when some type is unknown
    problems: list[CellProblem] = field(default_factory=list)
    notices: dict[tuple[int, str], list[int]] = field(default_factory=dict)  # column, wording
    starts: list[Any] = field(default_factory=list)  # each row's first day, or None
    ends: list[Any] = field(default_factory=list)  # and its last
    keep: list[bool] = field(default_factory=list)  # whether the row is a record

    @property
    def count(self) -> int:
        return len(self.rows)

    def skipped(self) -> set[int]:
        """The rows that are not records for a reason said already: totals and problems."""
        return {*self.totals, *(offset for offset, *_ in self.problems)}


_SHOWN_RUNS = 8  # a notice names at most this many runs of rows, then 等


def row_ranges(rows: Sequence[int]) -> str:
    """[4, 5, 6, 9] → 第 4—6、9 行; past eight runs, 第 1、3、…、15 行等."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    shown = "、".join(f"{r[0]}—{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs[:_SHOWN_RUNS])
    return f"第 {shown} 行{'等' if len(runs) > _SHOWN_RUNS else ''}"


_QUOTED = re.compile("“[^”]*”")
_SHOWN_WORDINGS = 3  # more wordings of one notice in a column are said in one line


def notice_lines(sheet: SheetColumns) -> list[tuple[int, int, str]]:
    """The sheet's notices as (row, column, message): one per column and wording, at its
    first row, naming the rows it is about (a ledger whose 佐证材料 all say 照片3张 gets one
    line, not one per row); a column with many wordings of one kind (照片1张, 照片2张, …) gets
    one line for them all. Rows skipped for a totals row or a problem are not named."""
    skipped = sheet.skipped()
    kinds: dict[tuple[int, str], dict[str, list[int]]] = {}
    for (column, message), offsets in sorted(sheet.notices.items(), key=lambda i: i[1][0]):
        kept = [offset for offset in offsets if offset not in skipped]
        if kept:
            kinds.setdefault((column, _QUOTED.sub("", message)), {})[message] = kept
    lines: list[tuple[int, int, str]] = []
    for (column, _), wordings in kinds.items():
        if len(wordings) > _SHOWN_WORDINGS:
            first = next(iter(wordings))
            message = Coded(f"{first}（同类写法共 {len(wordings)} 种）", code_of(first))
            wordings = {message: [offset for rows in wordings.values() for offset in rows]}
        for message, offsets in wordings.items():
            rows = sorted(sheet.first + offset for offset in offsets)
            many = f"（共 {len(rows)} 行：{row_ranges(rows)}）" if len(rows) > 1 else ""
            lines.append((rows[0], column, Coded(message + many, code_of(message))))
    return lines
