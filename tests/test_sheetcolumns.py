"""The rows of a ledger table as the reader's steps share them, and its notices as lines."""

from __future__ import annotations

from checker.evidence.fields import Notice
from checker.evidence.sheetcolumns import SheetColumns, notice_lines
from checker.evidence.tables import Table


def _sheet(count: int) -> SheetColumns:
    rows: list[list[object]] = [["x"] for _ in range(count)]
    return SheetColumns(Table("表", rows), 3, rows, [["x"] * count], {0: "title"}, [])


def test_rows_skipped_for_a_problem_or_a_total_are_not_named_again() -> None:
    sheet = _sheet(6)
    sheet.totals = [5]
    sheet.problems = [(2, 0, 1, "日期 '2022-02-30' 不是有效日期")]
    sheet.notices[(4, Notice("“照片3张”是文字说明"))] = [0, 1, 2, 3, 5]
    sheet.notices[(1, Notice("没有日期，未计入"))] = [2]  # its row has a problem: said there
    assert sheet.count == 6 and sheet.skipped() == {2, 5}
    assert notice_lines(sheet) == [(3, 4, "“照片3张”是文字说明（共 3 行：第 3—4、6 行）")]


def test_many_wordings_of_one_kind_are_one_line_at_the_first_row() -> None:
    sheet = _sheet(5)
    for offset in (3, 0, 1, 2):
        sheet.notices[(2, Notice(f"“照片{offset}张”是文字说明"))] = [offset]
    sheet.notices[(5, Notice("另一列"))] = [4]
    assert notice_lines(sheet) == [
        (3, 2, "“照片0张”是文字说明（同类写法共 4 种）（共 4 行：第 3—6 行）"),
        (7, 5, "另一列"),
    ]
