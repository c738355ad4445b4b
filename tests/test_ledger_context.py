"""Keywords see a ledger row's context: its table's title lines, sheet and file name, and for
a roster its column names (evidence/tablecontext.py, engine/select.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from checker.evidence.tablecontext import table_context
from conftest import build_case, run_cli

UNIT = "兴义市某某局"
NAMES = ["张伟", "李建国", "王芳", "孙明", "赵志刚", "刘红梅"]


def _workbook(title: str, header: list[str], rows: list[list[Any]], sheet: str = "Sheet1") -> bytes:
    """A ledger as offices lay it out: a merged title row over the header, then the rows."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"] = title
    ws.append(header)
    for row in rows:
        ws.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _roster(title: str) -> bytes:
    header = ["序号", "姓名", "科室", "职务", "注册编号", "服务时长（小时）"]
    rows = [[i, n, "办公室", "科员", f"5223210000{i}", 30] for i, n in enumerate(NAMES, 1)]
    return _workbook(f"{UNIT}{title}", header, rows)


REGISTERED = {
    "id": "R1",
    "score": 2,
    "requires": [
        {"name": "注册志愿者", "type": "名册", "keywords": ["注册志愿者"], "distinct": "姓名"}
    ],
}
NUMBERED = {
    "id": "R2",
    "score": 2,
    "requires": [{"name": "有注册编号", "type": "名册", "keywords": ["注册编号"]}],
}
PARTY = {
    "id": "R3",
    "score": 2,
    "requires": [{"name": "党组会议", "type": "会议", "keywords": ["党组会议"]}],
}


def _report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Any]) -> Any:
    build_case(
        tmp_path,
        {
            "rules": [REGISTERED, NUMBERED, PARTY],
            "unit": {"评估日期": "2022-12-31"},
            "files": files,
        },
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "evidence", "--rules", "rules", "-f", "json", "--no-cache")
    return json.loads(result.stdout)


def _found(report: Any) -> dict[str, int]:
    return {r["rule"]: len(r["requirements"][0].get("evidence", [])) for r in report["results"]}


def test_a_roster_row_is_seen_with_its_title_and_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _report(
        tmp_path,
        monkeypatch,
        {
            "名册/_folder.yaml": "类型: 名册\n",
            "名册/2022-12-20 志愿者花名册.xlsx": _roster("注册志愿者名册"),
        },
    )
    found = _found(report)
    # every row: 注册志愿者 is in the title row, 注册编号 is a column's name
    assert (found["R1"], found["R2"]) == (len(NAMES), len(NAMES))


def test_a_roster_without_the_words_is_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = ["序号", "姓名", "科室", "职务", "联系电话"]
    rows = [[i, n, "办公室", "科员", "13800000000"] for i, n in enumerate(NAMES, 1)]
    files = {
        "名册/_folder.yaml": "类型: 名册\n",
        "名册/2022-12-20 干部职工花名册.xlsx": _workbook(f"{UNIT}干部职工花名册", header, rows),
    }
    found = _found(_report(tmp_path, monkeypatch, files))
    assert (found["R1"], found["R2"]) == (0, 0)


def test_an_activity_register_s_column_names_are_not_its_rows_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = ["序号", "日期", "会议名称", "会议类型（党组会议/支部会议）"]
    rows = [[1, "2022-03-08", "支部学习", "支部会议"], [2, "2022-04-12", "研究工作", "党组会议"]]
    files = {
        "会议/_folder.yaml": "类型: 会议\n",
        "会议/2022年会议台账.xlsx": _workbook(f"{UNIT}2022年会议台账", header, rows),
    }
    found = _found(_report(tmp_path, monkeypatch, files))
    assert found["R3"] == 1  # the row that says 党组会议, not both


def test_an_activity_register_s_title_counts_for_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = ["序号", "日期", "议题"]
    rows = [[1, "2022-03-08", "研究精神文明建设"], [2, "2022-04-12", "研究创建工作"]]
    files = {
        "会议/_folder.yaml": "类型: 会议\n",
        "会议/2022年党组会议记录.xlsx": _workbook(f"{UNIT}2022年党组会议记录", header, rows),
    }
    assert _found(_report(tmp_path, monkeypatch, files))["R3"] == 2


def test_an_undated_roster_is_left_out_with_where_to_put_its_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "名册/_folder.yaml": "类型: 名册\n",
        "名册/2022年注册志愿者名册.xlsx": _roster("2022年注册志愿者名册"),
    }
    report = _report(tmp_path, monkeypatch, files)
    assert _found(report)["R1"] == 0  # a year in the title does not date it
    [notice] = [w["message"] for w in report["warnings"]]
    assert "名册没有日期列" in notice
    assert "导出日期或登记日期（如“2024-12-20 2022年注册志愿者名册.xlsx”）" in notice


def test_table_context() -> None:
    assert table_context("某局注册志愿者名册", "Sheet1", "名册", ["注册编号"]) == (
        "某局注册志愿者名册 sheet1 名册 注册编号"
    )
    assert table_context("", "", "台账") == "台账"
