"""A ledger's totals rows (合计/总计/小计): found column by column, and each turned into the
claims it makes, against the rows between it and the totals row above."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from checker.evidence.headers import blank, header_label
from checker.evidence.model import STANDARD_FIELDS, Claim, Record, Source
from checker.parsing import parse_number

_TOTALS = ("合计", "总计", "小计", "共计", "累计", "总数")


def _spaced(words: Sequence[str]) -> str:
    return "|".join(r"\s*".join(word) for word in words)


# A totals cell as offices write it: 合计, 合　计, 总计：, 合计（份）, and with what it totals
# before it (上半年小计, 1-6月小计, 本页合计, 第一季度合计); 总数 only alone, since 帮扶户总数
# may be a field's name.
_TOTAL_CELL = re.compile(
    rf"\s*(?:[^\s：:，。；]{{1,10}}?\s*(?:{_spaced(_TOTALS[:5])})|{_spaced(_TOTALS)})"
    r"\s*[：:]?\s*(?:[(（][^)）]{0,8}[)）])?\s*"
).fullmatch


def totals_rows(
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
        words = {v for v in set(column) if isinstance(v, str) and _TOTAL_CELL(v)}
        if words:
            candidates.update(offset for offset, cell in enumerate(column) if cell in words)
    mapped = list(columns)
    return [
        offset
        for offset in sorted(candidates)
        if any(not blank(body[offset][col]) for col in mapped if col < len(body[offset]))
        and is_totals(body[offset])
    ]


def is_totals(row: Sequence[Any]) -> bool:
    """A 合计/总计/小计 row: one of its first three filled cells says so."""
    seen = 0
    for cell in row:
        if blank(cell):
            continue
        if isinstance(cell, str) and _TOTAL_CELL(cell):
            return True
        seen += 1
        if seen == 3:
            return False
    return False


def claims(
    rel: str,
    sheet: str,
    first: int,
    columns: dict[int, str],
    body: list[list[Any]],
    totals: list[int],
    records: list[Record],
    rejected: set[int],
) -> list[Claim]:
    """Each totals row's claims, against the records between it and the one above
    (``first``: the sheet row of ``body[0]``). A totals row over a row left out for a problem
    (``rejected``: sheet rows) cannot be checked until that row is mended: it claims nothing."""
    lines = [record.source.line for record in records] if totals else []
    found: list[Claim] = []
    first_row = first
    for offset in totals:
        number = first + offset
        if any(first_row <= line < number for line in rejected):
            first_row = number + 1
            continue
        since = records[bisect.bisect_left(lines, first_row) : bisect.bisect_left(lines, number)]
        row, scope = body[offset], _scope(first_row, number)
        for col, field in columns.items():
            if field in STANDARD_FIELDS:  # only other columns hold totals
                continue
            claimed = parse_number(row[col]) if col < len(row) else None
            if claimed is None:
                continue
            itemised = sum(record.number(field) or 0.0 for record in since)
            place = Source(rel, number, sheet)
            found.append(Claim(place, header_label(field), claimed, itemised, scope))
        first_row = number + 1
    return found


def _scope(first_row: int, totals_row: int) -> str:
    """What a totals row adds up, in words: 本表第 4—9 行, 本表第 4 行."""
    last = totals_row - 1
    if last < first_row:
        return "本表（合计行上方没有明细行）"
    return f"本表第 {first_row} 行" if last == first_row else f"本表第 {first_row}—{last} 行"
