"""What every workbook the checker writes shares: cell styles, A4 landscape page set-up, row
heights for wrapped Chinese text, and fixed document properties so the same input gives the same
bytes. Used by the 测评表 (``check -f xlsx``) and the batch summary workbook."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

FONT = "宋体"
LINE_HEIGHT = 15.0  # points per line of 10.5 pt text
A4 = 9  # xlsxwriter's paper code


def text_width(text: str) -> float:
    """Width in Excel's column units: a Chinese character takes about two, a digit one."""
    return sum(1.0 if ord(ch) < 0x2000 else 2.0 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide."""
    usable = max(width - 1.0, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


def row_height(cells: list[tuple[str, float]]) -> float:
    """The height of a row whose cells (text, column width) wrap: the tallest cell decides.
    Set explicitly, since WPS and older Excel do not re-fit rows a program wrote."""
    return LINE_HEIGHT * max([1, *(lines_needed(text, width) for text, width in cells)])


def styles(book: Any) -> dict[str, Any]:
    """The cell formats both workbooks use, keyed by what the cell is."""
    base = {"font_name": FONT, "font_size": 10.5, "valign": "vcenter", "text_wrap": True}
    framed = {**base, "border": 1}

    def add(**extra: Any) -> Any:
        return book.add_format(extra)

    def over(style: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {**style, **extra}

    return {
        "title": add(**over(base, bold=True, font_size=16, align="center")),
        "note": add(**base, italic=True, font_color="#9C5700"),
        "label": add(**framed, bold=True, align="center", bg_color="#F2F2F2"),
        "value": add(**framed),
        "head": add(**framed, bold=True, align="center", bg_color="#D9E1F2"),
        "text": add(**framed, align="left"),
        "centre": add(**framed, align="center"),
        "number": add(**framed, align="center", num_format="0.##;-0.##;0"),
        "subtotal": add(**framed, bold=True, align="center", bg_color="#F2F2F2"),
        "subtotal_number": add(
            **framed, bold=True, align="center", bg_color="#F2F2F2", num_format="0.##;-0.##;0"
        ),
        "plain": add(**base),
    }


def print_setup(
    sheet: Any, header: int | tuple[int, int], columns: int, frozen: int = 0, wide: int = 1
) -> None:
    """A4 landscape, ``wide`` pages wide (one for an ordinary table; a table of many columns
    spreads over several, its first ``frozen`` columns repeated on each so every page names
    its rows), the header row(s) repeated on every page, the panes frozen below it (and right
    of ``frozen`` columns), page numbers in the footer."""
    first, last = header if isinstance(header, tuple) else (header, header)
    sheet.set_paper(A4)
    sheet.set_landscape()
    sheet.fit_to_pages(wide, 0)
    if wide > 1 and frozen:
        sheet.repeat_columns(0, frozen - 1)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    sheet.repeat_rows(first, last)
    sheet.freeze_panes(last + 1, frozen)
    sheet.set_footer("&C第 &P 页，共 &N 页")
    sheet.print_area(0, 0, max(last, sheet.dim_rowmax or 0), columns - 1)


def created(day: str | None) -> dt.datetime:
    """The workbook's creation time: the assessment date, never the clock."""
    try:
        date = dt.date.fromisoformat(str(day))
    except ValueError:
        date = dt.date(2000, 1, 1)
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


@contextmanager
def workbook(day: str | None, title: str) -> Iterator[tuple[Any, io.BytesIO]]:
    """An in-memory workbook dated ``day``; its bytes are in the buffer after the block."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": title, "author": "", "created": created(day)})
    try:
        yield book, buffer
    finally:
        book.close()
