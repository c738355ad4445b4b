"""Real office files (tests/fixtures/office, made by make_fixtures.py): ledgers, Word, PDF,
photos, scored by hand, and the integrity signals an inspector would raise."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli

OFFICE = Path(__file__).parent / "fixtures" / "office"


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    previous = Path.cwd()
    os.chdir(OFFICE)
    try:
        result = run_cli("check", "evidence", "--rules", "rules", "-f", "json", "--no-cache")
    finally:
        os.chdir(previous)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _rule(report: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in report["results"] if r["rule"] == rule_id)


# Hand-scored:
# R1 志愿服务 rows of the .xlsx (type from its title row): 5 of 6 → 5/6 × 6 = 5
# R2 发放资料 of 活动 rows: CSV 300余册 + 1,200 = 1500 of 2000 → 3 of 4
# R3 领导小组 only inside a table cell of the .docx → 2
# R4 文明单位 in the text PDF and the .docx, the scan unreadable: 2 of 3 → 1.33 of 2
# R5 学习会 rows of the legacy .xls (type from its title row): 2 → 2
# R6 网格 from the UTF-8-BOM CSV: 2 of 3 listed grids → 2 of 3
# R7 发放物品: workbook sheet 2 (50余个 + 30) + CSV (50 + 80余个) = 210 ≥ 100 → 2
# R8 照片: two dated by name, one by EXIF; the undated one without EXIF not counted → 2
EXPECTED = {
    "R1": ("partial", 5.0, 5, 6),
    "R2": ("partial", 3.0, 1500, 2000),
    "R3": ("pass", 2.0, 1, 1),
    "R4": ("partial", 1.33, 2, 3),
    "R5": ("pass", 2.0, 2, 2),
    "R6": ("partial", 2.0, 2, 3),
    "R7": ("pass", 2.0, 210, 100),
    "R8": ("pass", 2.0, 3, 3),
}


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_hand_scored_rules(report: dict[str, Any], rule_id: str) -> None:
    status, earned, found, needed = EXPECTED[rule_id]
    result = _rule(report, rule_id)
    assert result["status"] == status
    assert result["earned"] == pytest.approx(earned, abs=0.01)
    assert result["requirements"][0]["found"] == found
    assert result["requirements"][0]["needed"] == needed


def test_total_score(report: dict[str, Any]) -> None:
    # 5 + 3 + 2 + 1.33 (4/3 as shown) + 2 + 2 + 2 + 2 = 19.33: the score comes from the
    # total as printed, 19.33 / 23 = 84.04, so a reader who redoes the division gets 84.0
    assert report["earned"] == 19.33
    assert report["score"] == 84.0
    assert report["errors"] == []


def test_ledger_rows_are_cited_with_row_and_sheet(report: dict[str, Any]) -> None:
    evidence = _rule(report, "R1")["requirements"][0]["evidence"]
    assert evidence == [
        {"file": "台账/2022年志愿服务活动台账.xlsx", "line": row, "sheet": "志愿服务"}
        for row in (4, 5, 6, 7, 9)
    ]


def test_the_scan_is_named_and_never_matches(report: dict[str, Any]) -> None:
    scan = "文件/2022-03-20 创建工作方案（扫描件）.pdf"
    requirement = _rule(report, "R4")["requirements"][0]
    assert requirement["unreadable"] == [scan]
    assert f"无法提取文本，未计入：{scan}（扫描件，没有文字层）" in _rule(report, "R4")["gaps"][0]
    signals = [s for s in report["integrity"] if s["kind"] == "unreadable"]
    assert [s["files"] for s in signals] == [[scan]]
    assert signals[0]["message"] == (
        f"{scan}：无法提取文本（扫描件，没有文字层），不能据其正文判断是否达标，也无法核对“创建工作方案（扫描件）”的文号"
    )
    assert {
        "file": scan,
        "status": "unreadable",
        "label": "无法提取文本（扫描件，没有文字层）",
        "rules": [],
        "records": 1,
    } in report["inventory"]


def test_reused_photo_is_reported_by_name(report: dict[str, Any]) -> None:
    (signal,) = [s for s in report["integrity"] if s["kind"] == "duplicate"]
    assert signal["label"] == "疑似重复使用"
    assert signal["files"] == ["照片/2022-04-02 普法宣传进社区.jpg", "照片/普法宣传现场.jpg"]


def test_photo_dates_disagreeing_with_records(report: dict[str, Any]) -> None:
    messages = [s["message"] for s in report["integrity"] if s["kind"] == "photo_date"]
    assert messages == [
        "照片/2022-03-12 环境整治.jpg 的拍摄日期（EXIF）为 2022年5月1日，与记录“环境整治”"
        "（照片/2022-03-12 环境整治.jpg）的日期 2022年3月12日 相差 50 天",
        "照片/2022-04-02 普法宣传进社区.jpg 的拍摄日期（EXIF）为 2022年3月8日，与记录“普法宣传进社区”"
        "（照片/2022-04-02 普法宣传进社区.jpg）的日期 2022年4月2日 相差 25 天",
    ]


def test_totals_rows_are_claims_not_records(report: dict[str, Any]) -> None:
    claims = {(c["file"], c["field"]): c for c in report["claims"]}
    people = claims[("台账/2022年志愿服务活动台账.xlsx", "参与人数")]
    assert (people["claimed"], people["itemised"], people["consistent"]) == (60, 51, False)
    assert people["scope"] == "本表第 4—9 行"
    assert claims[("台账/普法宣传台账.csv", "发放资料")]["consistent"] is True
    mismatches = [s for s in report["integrity"] if s["kind"] == "claim"]
    assert len(mismatches) == 1


def test_official_documents_without_a_number(report: dict[str, Any]) -> None:
    flagged = [s["files"] for s in report["integrity"] if s["kind"] == "document_number"]
    # the .docx has its number in the page header, the PDF in its text; the scan's body was
    # not read, so it is not said to lack one (it is listed as unreadable instead)
    assert flagged == []


def test_every_file_is_in_the_inventory(report: dict[str, Any]) -> None:
    files = sorted(
        p.relative_to(OFFICE / "evidence").as_posix()
        for p in (OFFICE / "evidence").rglob("*")
        if p.is_file()
    )
    assert sorted(entry["file"] for entry in report["inventory"]) == files
    statuses = {entry["file"]: entry["status"] for entry in report["inventory"]}
    assert statuses["照片/无日期照片.jpg"] == "undated"
    assert statuses["unit.yaml"] == "config"
    assert statuses["台账/学习会登记.xls"] == "counted"
