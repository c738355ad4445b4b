"""Ledgers shaped as offices shape them in Excel and WPS: a title and unit row, a two-row
header, a 合计 row, sign-off and note lines below, hidden and summary sheets, and WPS .et
and renamed workbooks. Each workbook is written with the library offices' files come from."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from checker.evidence.headers import table_header, two_row_names
from checker.evidence.loader import Evidence
from checker.evidence.tables import sign_off
from checker.evidence.workbooks import read_ahead, read_sheets, take
from checker.rules.loader import RuleSet
from conftest import load_folder

SIGNED = "填表人：张三　　审核人：李四　　填报日期：2022年12月30日"


def _offices_sheet(sheet: Worksheet, merged_group: bool = True) -> None:
    """The volunteer ledger: title, unit row, a header of two rows (宣传情况 over two
    sub-columns), three rows, a 合计 row, a blank row, a merged sign-off line and notes."""
    sheet.append(["2022年志愿服务活动台账"])
    sheet.merge_cells("A1:G1")
    sheet.append(["填报单位：兴义市××局", None, None, None, "填报日期：2022年12月30日"])
    sheet.append(["序号", "日期", "活动名称", "宣传情况", None, "参加人数（人）", "备注"])
    sheet.append([None, None, None, "发放资料（份）", "受教育群众（人）"])
    if merged_group:
        sheet.merge_cells("D3:E3")
        for col in "ABCFG":
            sheet.merge_cells(f"{col}3:{col}4")
    sheet.append([1, dt.date(2022, 3, 5), "文明交通劝导", 300, 120, 12, None])
    sheet.append([2, "2022年3月12日", "社区环境整治", 0, 80, 15, "与社区联合"])
    sheet.append([3, dt.date(2022, 4, 2), "普法宣传进社区", "200余份", 150, 10, "备注：另发放宣传册"])
    sheet.append(["合计", None, None, 500, 350, 37])
    sheet.merge_cells("A8:C8")
    sheet.append([])
    sheet.append([SIGNED])
    sheet.merge_cells("A10:G10")
    sheet.append(["注：1.本表按月报送；"])
    sheet.merge_cells("A11:G11")
    sheet.append([None, "2.活动照片另附。", None, None, None, None, 3])  # not data either
    for cell in ("B5", "B7"):
        sheet[cell].number_format = "yyyy-mm-dd"


def _save(book: Workbook, path: Path) -> bytes:
    book.save(path)
    return path.read_bytes()


def _volunteer_book(tmp_path: Path, merged_group: bool = True) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "志愿服务"
    _offices_sheet(sheet, merged_group)
    return _save(book, tmp_path / "book.xlsx")


def _rows(evidence: Evidence) -> list[tuple[Any, ...]]:
    return [
        (
            str(record.source),
            record.type,
            record.title,
            str(record.start),
            record.number("发放资料"),
            record.number("受教育群众"),
            record.number("participants"),
            record.fields.get("备注"),
        )
        for record in evidence.records
    ]


VOLUNTEER_ROWS = [
    ("台账.xlsx:5（工作表 志愿服务）", "志愿服务", "文明交通劝导", "2022-03-05", 300, 120, 12, None),
    ("台账.xlsx:6（工作表 志愿服务）", "志愿服务", "社区环境整治", "2022-03-12", 0, 80, 15, "与社区联合"),
    (
        "台账.xlsx:7（工作表 志愿服务）",
        "志愿服务",
        "普法宣传进社区",
        "2022-04-02",
        200,
        150,
        10,
        "备注：另发放宣传册",
    ),
]


@pytest.mark.parametrize("merged_group", [True, False], ids=["merged", "wps-unmerged"])
def test_a_ledger_as_offices_make_it(tmp_path: Path, rules: RuleSet, merged_group: bool) -> None:
    evidence = load_folder(tmp_path, rules, {"台账.xlsx": _volunteer_book(tmp_path, merged_group)})
    assert evidence.problems == []
    assert evidence.warnings == []
    assert _rows(evidence) == VOLUNTEER_ROWS
    assert [(c.field, c.claimed, c.itemised, c.consistent) for c in evidence.claims] == [
        ("发放资料", 500, 500, True),
        ("受教育群众", 350, 350, True),
        ("参与人数", 37, 37, True),
    ]
