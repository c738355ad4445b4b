"""The bundled sample evidence folder (evidence/, made by scripts/make_sample.py): a realistic
report on a fresh clone. Its statuses are pinned so any change in semantics shows here."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, run_cli

SAMPLE = REPO / "evidence"

# What the article describes passes; what it is silent about is a real gap.
STATUSES = {
    "V0": "fail",
    "V1": "pass",
    "V2": "pass",
    "V3": "pass",
    "V4": "pass",
    "V5": "pass",
    "V6": "pass",
    "A1": "pass",
    "A2": "pass",
    "A3": "partial",
    "A4": "pass",
    "A5": "pass",
    "A6": "partial",
    "B1": "pass",
    "B2": "pass",
    "B3": "pass",
    "B4": "pass",
    "B5": "fail",
    "B6": "partial",
    "C1": "pass",
    "C2": "pass",
    "C3": "manual",
    "C4": "partial",
    "D1": "pass",
    "D2": "fail",
    "D3": "partial",
    "D4": "pass",
    "E1": "pass",
    "E2": "pass",
    "E3": "partial",
    "E4": "pass",
    "F1": "pass",
    "F2": "partial",
    "F3": "pass",
    "F4": "pass",
    "G1": "fail",
    "G2": "manual",
    "G3": "manual",
    "G4": "pass",
}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        result = run_cli("check", "-f", "json", "--no-cache")
    finally:
        os.chdir(previous)
    data: dict[str, Any] = json.loads(result.stdout)
    assert result.exit_code == 0, result.stderr
    return data


def test_statuses_are_pinned(report: dict[str, Any]) -> None:
    assert {r["rule"]: r["status"] for r in report["results"]} == STATUSES


def test_score_is_realistic(report: dict[str, Any]) -> None:
    """Well above failing, clearly short of perfect."""
    assert 70 <= report["score"] <= 85
    assert 80 <= report["best_score"] <= 92
    assert report["passed"] is True
    assert report["veto"] == []
    assert report["errors"] == []
    assert report["warnings"] == []


def test_every_gap_has_concrete_guidance(report: dict[str, Any]) -> None:
    for result in report["results"]:
        if result["status"] in ("fail", "partial"):
            assert result["gaps"], result["rule"]
            assert len(result["guidance"]) >= 20, result["rule"]
            assert result["responsible"], result["rule"]


def test_the_article_facts_are_there(report: dict[str, Any]) -> None:
    requirements = {(r["rule"], q["name"]): q for r in report["results"] for q in r["requirements"]}
    assert requirements[("D4", "普法宣传活动")]["found"] >= 50  # 50余次
    assert requirements[("D4", "发放宣传资料")]["found"] >= 2000  # 2000余份
    assert requirements[("D4", "发放宣传物品")]["found"] >= 500  # 500余个
    assert requirements[("E2", "网格分工")]["needed"] == 22  # 22 个三级网格
    assert requirements[("F1", "结对帮扶花名册")]["needed"] == 29  # 17 + 12 户
    assert requirements[("E4", "发放宣传手册")]["found"] >= 1000  # 1000余册
    study = requirements[("B3", "每月集中学习")]
    assert len(study["evidence"]) == 21  # 学习会21次


def test_several_file_types(report: dict[str, Any]) -> None:
    suffixes = Counter(Path(entry["file"]).suffix for entry in report["inventory"])
    for suffix in (".docx", ".pdf", ".xlsx", ".csv", ".jpg", ".md", ".yaml"):
        assert suffixes[suffix] > 0, suffix
    gbk = REPO / "evidence" / "04-志愿服务" / "普法宣传" / "2022年普法宣传活动登记表.csv"
    data = gbk.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "普法宣传" in data.decode("gbk")


def test_the_reused_photo_is_flagged(report: dict[str, Any]) -> None:
    kinds = Counter(signal["kind"] for signal in report["integrity"])
    assert kinds["duplicate"] == 1
    assert all(claim["consistent"] for claim in report["claims"])


def test_the_folder_says_it_is_a_reconstruction() -> None:
    readme = (REPO / "evidence" / "README.md").read_text(encoding="utf-8")
    assert "重构" in readme and "scripts/make_sample.py" in readme


def _office_touches(folder: Path) -> None:
    """What offices do to a ledger: a sign-off line merged across the row under the table,
    and a 参加人数 written in words."""
    import openpyxl

    study = folder / "02-思想道德教育" / "学习" / "2022年党组扩大会议和干部职工学习会登记.xlsx"
    book = openpyxl.load_workbook(study)
    sheet = book.active
    assert sheet is not None and sheet.cell(3, 6).value == 41
    sheet.cell(3, 6).value = "全体干部职工"
    last = sheet.max_row
    sheet.cell(last + 2, 1).value = "填表人：干部03　　审核人：干部01　　填报日期：2022年12月30日"
    sheet.merge_cells(start_row=last + 2, start_column=1, end_row=last + 2, end_column=6)
    book.save(study)
    volunteer = folder / "04-志愿服务" / "周末志愿红" / "2022年“周末志愿红”志愿服务活动台账.xlsx"
    book = openpyxl.load_workbook(volunteer)
    sheet = book.active
    assert sheet is not None
    last = sheet.max_row
    for column, text in enumerate(["填表人：", "干部03", "审核人：", "干部01"], start=1):
        sheet.cell(last + 1, column).value = text  # the sign-off spread over cells
    book.save(volunteer)


def test_office_touches_keep_every_status(tmp_path: Path, report: dict[str, Any]) -> None:
    """A sign-off line under a ledger and 参加人数 in words are ordinary office wording: every
    rule keeps its status, the score stays, nothing is an input error (issue: real evidence)."""
    import shutil

    folder = tmp_path / "evidence"
    shutil.copytree(REPO / "evidence", folder)
    _office_touches(folder)
    result = run_cli("check", str(folder), "-f", "json", "--no-cache")
    assert result.exit_code == 0, result.stderr
    touched = json.loads(result.stdout)
    assert {r["rule"]: r["status"] for r in touched["results"]} == STATUSES
    assert touched["score"] == report["score"]
    assert touched["errors"] == []
    (notice,) = touched["warnings"]  # the count in words is a notice, the sign-offs are nothing
    assert "全体干部职工" in notice["message"] and (notice["line"], notice["column"]) == (3, 6)


# What an inspector reads across the files; these hold whatever rule set judges the sample.
_CONGRESS = dt.date(2022, 10, 16)
_NUMBER = re.compile(r"([\u4e00-\u9fff]+)〔(\d{4})〕(\d+)号")


def _texts() -> list[tuple[str, dt.date, str]]:
    """(file, date in its name, text) of the sample's documents, registers and records."""
    import docx
    import openpyxl

    found = []
    for path in sorted(SAMPLE.rglob("*")):
        dated = re.match(r"(\d{4})-(\d{2})-(\d{2})", path.name)
        if path.suffix == ".docx":
            text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        elif path.suffix in (".yaml", ".md", ".csv"):
            text = path.read_bytes().decode("utf-8", errors="replace")
        elif path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            rows = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
            for row in rows:  # a register's rows carry their own dates
                days = [cell.date() for cell in row if isinstance(cell, dt.datetime)]
                if days:
                    found.append((path.name, days[0], " ".join(map(str, row))))
            continue
        else:
            continue
        if dated:
            found.append((path.name, dt.date(*map(int, dated.groups())), text))
        else:  # a record file's entries carry their own dates
            for line in text.splitlines():
                day = re.search(r"(\d{4})-(\d{2})-(\d{2})", line)
                if day:
                    found.append((path.name, dt.date(*map(int, day.groups())), line))
    return found


def test_no_topic_before_it_could_exist() -> None:
    early = [(name, day) for name, day, text in _texts() if "二十大" in text and day < _CONGRESS]
    assert early == []
    assert any("二十大" in text for _, day, text in _texts() if day >= _CONGRESS)


def test_document_numbers_rise_with_their_dates() -> None:
    numbered: dict[tuple[str, str], list[tuple[dt.date, int]]] = {}
    for _, day, text in _texts():
        for issuer, year, number in _NUMBER.findall(text.split("\n", 2)[0] + text[:200]):
            if issuer.startswith(("兴人常",)):
                numbered.setdefault((issuer, year), []).append((day, int(number)))
    assert numbered
    for series in numbered.values():
        ordered = sorted(set(series))
        assert [n for _, n in ordered] == sorted(n for _, n in ordered), ordered


def test_the_volunteer_captain_is_the_same_in_notice_and_roster() -> None:
    import docx
    import openpyxl

    notice = next(SAMPLE.rglob("*志愿服务队的通知.docx"))
    line = next(p.text for p in docx.Document(str(notice)).paragraphs if p.text.startswith("队"))
    captain = line.split("：", 1)[1].split()[0]
    roster = next(SAMPLE.rglob("*志愿服务队队员名册.xlsx"))
    rows = openpyxl.load_workbook(roster).active.iter_rows(values_only=True)  # type: ignore[union-attr]
    captains = [row[1] for row in rows if row and "队长" in str(row[3])]
    assert captains == [captain]
