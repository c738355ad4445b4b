"""The batch summary workbook, read back with openpyxl: the ranking with verdicts and last
year's move, item scores with units as rows under a two-row header, vetoes and problems; A4
landscape set-up and the same bytes twice."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from batch_summary_sample import summary
from checker.batch import xlsx_summary


def _book(data: dict[str, Any]) -> Any:
    return openpyxl.load_workbook(io.BytesIO(xlsx_summary.render(data)))


def _rows(sheet: Any, first: str) -> tuple[list[Any], list[tuple[Any, ...]]]:
    """The header row starting with ``first`` and the rows below it."""
    rows = list(sheet.iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if row[0] == first)
    return list(rows[head]), rows[head + 1 :]


def test_three_sheets() -> None:
    assert _book(summary()).sheetnames == ["排名", "单项得分", "否决与问题"]


def test_the_ranking_in_rank_order_with_verdicts_and_last_years_move() -> None:
    data = summary()
    header, rows = _rows(_book(data)["排名"], "名次")
    assert header == [
        "名次",
        "单位",
        "类型",
        "测评体系",
        "得分",
        "可达最高分",
        "等级",
        "复查结论",
        "结论依据",
        "一票否决",
        "问题数",
        "上年得分",
        "名次变化",
    ]
    column = {name: header.index(name) for name in header}
    assert [row[column["单位"]] for row in rows] == [u["name"] for u in data["units"]]
    assert [row[column["复查结论"]] for row in rows] == ["保留", "撤销", "限期整改", "撤销"]
    assert [row[column["得分"]] for row in rows] == [86.5, 81, 76.6, 0]
    assert [row[column["问题数"]] for row in rows] == [0, 0, 0, 2]
    assert rows[1][column["一票否决"]] == "领导班子成员无严重违纪违法"
    assert [row[column["名次变化"]] for row in rows] == ["上升1位", "下降1位", "新参评", "新参评"]
    assert [row[column["上年得分"]] for row in rows] == [82, 84, None, None]


def test_without_a_baseline_no_previous_year_columns() -> None:
    header, _ = _rows(_book(summary(baseline=False))["排名"], "名次")
    assert "上年得分" not in header and "名次变化" not in header and header[-1] == "问题数"


def test_item_scores_units_as_rows_items_under_their_category() -> None:
    data = summary()
    sheet = _book(data)["单项得分"]
    categories, rows = _rows(sheet, "名次")
    items, units = list(rows[0]), rows[1:]
    # a category's cell is merged over its items; a unit without an item leaves it blank
    merged = {str(r) for r in sheet.merged_cells.ranges}
    top = next(i for i, row in enumerate(sheet.iter_rows(values_only=True)) if row[0] == "名次") + 1
    assert f"C{top}:D{top}" in merged and f"A{top}:A{top + 1}" in merged
    assert categories[2:5] == ["组织领导", None, "思想道德建设"]
    assert items[2] == "成立创建工作领导小组（2分）"
    assert [row[1] for row in units] == [u["name"] for u in data["units"]]
    school = units[2]
    assert school[items.index("开展校园文化活动 & 社团（6分）")] == 1.5
    assert school[items.index("每月集中学习（4分）")] is None
    assert [row[-1] for row in units] == [u["score"] for u in data["units"]]
    for unit, row in zip(data["units"], units, strict=True):  # each unit's points, in its columns
        numbers = [v for v in row[2:-1] if v is not None]
        assert sum(numbers) == pytest.approx(sum(i["earned"] for i in unit["items"]))


def test_vetoes_and_problems_one_a_row() -> None:
    _, rows = _rows(_book(summary())["否决与问题"], "单位")
    assert rows == [
        (
            "兴义供电所",
            "一票否决",
            "V1 领导班子成员无严重违纪违法",
            "一票否决：创建周期内严重违纪违法事件 1 起",
        ),
        ("<b>新</b>社区居委会", "材料问题", "新社区/unit.yaml:3", "日期 '2022-02-30' 不是有效日期"),
        ("<b>新</b>社区居委会", "材料问题", "新社区/台账.xlsx", "文件已损坏，无法打开 <script>"),
    ]


def test_a_clean_batch_says_so() -> None:
    data = summary()
    data["units"] = [data["units"][0]]
    _, rows = _rows(_book(data)["否决与问题"], "单位")
    assert rows == [("无一票否决和材料问题", None, None, None)]


def test_printable_and_the_same_bytes_twice() -> None:
    first = xlsx_summary.render(summary())
    assert first == xlsx_summary.render(summary())
    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.properties.created.date().isoformat() == "2022-12-31"
    for sheet in book:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows and sheet.freeze_panes
        assert sheet.protection.sheet is False
    assert book["单项得分"].print_title_rows == "$3:$4"  # both header rows repeat
    assert book["排名"].freeze_panes == "C5"  # the rank and unit stay in view


def test_the_date_is_the_units_own_without_as_of() -> None:
    data = summary()
    data["as_of"] = None
    data["units"][0]["as_of"] = "2023-06-30"
    book = _book(data)
    assert book.properties.created.date().isoformat() == "2023-06-30"
    assert "评估日期" not in str(book["排名"]["A1"].value)


def test_same_names_show_their_folders_and_the_ratings_books_problems_are_listed() -> None:
    """Two counties' 甲机关 must be told apart on paper; a team score the workbook refused must
    be seen where the clerk works, not only on the terminal."""
    data = summary()
    first, second = data["units"][0], data["units"][1]
    second["name"] = first["name"]
    data["problems"] = [
        {
            "file": "现场评分.xlsx",
            "line": 35,
            "column": 5,
            "message": "得分 9 超出范围",
            "code": "x",
        }
    ]
    book = _book(data)
    _, ranking = _rows(book["排名"], "名次")
    names = [row[1] for row in ranking]
    assert f"{first['name']}（{first['folder']}）" in names
    assert f"{first['name']}（{second['folder']}）" in names
    _, problems = _rows(book["否决与问题"], "单位")
    assert problems[0] == ("现场评分表", "评分表问题", "现场评分.xlsx:35", "得分 9 超出范围")


def test_many_items_print_over_several_pages_with_the_unit_on_each() -> None:
    """85 items on one A4 width print unreadably small: the item sheet spreads over pages of
    about 20 items, the rank and unit columns repeated on each."""
    data = summary()
    for unit in data["units"]:
        unit["items"] = [dict(unit["items"][0], rule=f"Z{n}", title=f"项目{n}") for n in range(60)]
    sheet = _book(data)["单项得分"]
    assert sheet.page_setup.fitToWidth >= 3
    assert sheet.print_title_cols == "$A:$B"
    assert _book(summary())["单项得分"].page_setup.fitToWidth in (None, 1)  # few items: one page
