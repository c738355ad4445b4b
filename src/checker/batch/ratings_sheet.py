"""The empty 现场评分表 the 测评组 fills in, as offices print one: a title, the header, one
row per unit and on-site or survey item (单位, 测评项目 and 分值 filled in), a check on 得分
between 0 and the item's points, a signature line; A4 landscape, the header on every sheet.
The same units give the same bytes, so a template kept under version control stays put."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.rules.models import Rule

TITLE = "现场评分表"
HEADER = ("序号", "单位", "测评项目", "分值", "得分", "评分人", "说明")
_WIDTHS = (6, 28, 44, 8, 8, 12, 36)
_SCORE, _POINTS = HEADER.index("得分"), HEADER.index("分值")
_FIRST = 2  # the first item's row: below the title and the header
_STAMP = dt.datetime(2000, 1, 1)  # a fixed creation time keeps the bytes the same
_SIGN_OFF = (
    "测评组负责人（签字）：　　　　　　评分人（签字）：　　　　　　日期：　　　　年　　月　　日"
)
A4 = 9  # xlsxwriter's paper number


def item_label(rule: Rule) -> str:
    """How the template names an item (“F1 办公环境整洁有序”); the reader takes it back."""
    return f"{rule.id} {rule.title}"


def write_template(path: Path, units: Sequence[tuple[str, list[Rule]]]) -> None:
    """Write the workbook: ``units`` are each unit's label in the 单位 column and its items."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({"created": _STAMP, "title": TITLE, "author": "checker"})
    sheet = workbook.add_worksheet(TITLE)
    formats = {
        "title": {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"},
        "header": {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"},
        "cell": {"border": 1, "valign": "vcenter", "text_wrap": True},
        "points": {"border": 1, "valign": "vcenter", "num_format": "0.##"},
        "entry": {"border": 1, "valign": "vcenter", "bg_color": "#FFF2CC", "text_wrap": True},
    }
    look = {name: workbook.add_format(spec) for name, spec in formats.items()}
    last = len(HEADER) - 1
    sheet.merge_range(0, 0, 0, last, TITLE, look["title"])
    sheet.set_row(0, 30)
    for col, (name, width) in enumerate(zip(HEADER, _WIDTHS, strict=True)):
        sheet.write(1, col, name, look["header"])
        sheet.set_column(col, col, width)
    row = _FIRST
    for label, items in units:
        for rule in items:
            sheet.write_number(row, 0, row - _FIRST + 1, look["cell"])
            sheet.write_string(row, 1, label, look["cell"])
            sheet.write_string(row, 2, item_label(rule), look["cell"])
            sheet.write_number(row, _POINTS, rule.score, look["points"])
            for col in range(_SCORE, len(HEADER)):
                sheet.write_blank(row, col, None, look["entry"])
            row += 1
    if row > _FIRST:
        _validate(sheet, row - 1)
    sheet.write_string(row + 1, 1, _SIGN_OFF)
    _print_setup(sheet, row)
    workbook.close()


def _validate(sheet: Any, last_row: int) -> None:
    """得分 between 0 and the row's 分值: one rule over the column, its bound relative to
    the row (Excel moves ``$D3`` down with each row)."""
    points = f"=${chr(ord('A') + _POINTS)}{_FIRST + 1}"
    sheet.data_validation(
        _FIRST,
        _SCORE,
        last_row,
        _SCORE,
        {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": points,
            "input_title": "得分",
            "input_message": "填 0 到该项分值之间的分数；未评的项目留空",
            "error_title": "得分超出范围",
            "error_message": "得分应在 0 到该项分值之间",
        },
    )


def _print_setup(sheet: Any, rows: int) -> None:
    """A4 landscape, one page wide, the title and header on every sheet."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, 1)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer("&C第 &P 页，共 &N 页")
    sheet.freeze_panes(_FIRST, 0)
    sheet.print_area(0, 0, rows + 1, len(HEADER) - 1)
