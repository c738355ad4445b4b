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

# What the article describes passes; what it is silent about is a real gap. Each gap below was
# read against the evidence: no yearly creation plan beside the 2021—2023 方案 (A3), no moral
# lecture hall (B4), no 学雷锋 plan (B6), two of three 我们的节日 (端午, 中秋; B7), no 诚信/礼仪
# education (B8), no board update in Q3 (C2), no July report (C3), no online volunteers (C4),
# nobody registered on a volunteer platform (D2, D4), no 新时代文明实践 station (D5), nothing of
# 单位建设 but the highlight (E1—E5), three households not visited in Q3 (X4).
STATUSES = {
    "A1": "pass",
    "A2": "pass",
    "A3": "partial",
    "A4": "pass",
    "A5": "pass",
    "B1": "pass",
    "B2": "pass",
    "B3": "pass",
    "B4": "fail",
    "B5": "manual",
    "B6": "partial",
    "B7": "partial",
    "B8": "fail",
    "B9": "pass",
    "C1": "pass",
    "C2": "partial",
    "C3": "partial",
    "C4": "fail",
    "C5": "pass",
    "D1": "pass",
    "D2": "fail",
    "D3": "pass",
    "D4": "fail",
    "D5": "fail",
    "E1": "fail",
    "E2": "fail",
    "E3": "fail",
    "E4": "fail",
    "E5": "fail",
    "E6": "manual",
    "F1": "manual",
    "F2": "manual",
    "F3": "manual",
    "F4": "manual",
    "X1": "pass",
    "X2": "pass",
    "X3": "pass",
    "X4": "partial",
    **{f"V{n}": "pass" for n in range(10)},
}

# Points by category: the overlay (X) replaces 参与创建; 现场与评价 is all on-site.
CATEGORIES = {
    "组织领导": (7.0, 8.0),
    "思想道德建设": (13.8, 22.0),
    "文明风尚与宣传": (7.33, 10.0),
    "志愿服务": (6.0, 15.0),
    "单位建设": (0.0, 15.0),
    "现场与评价": (0.0, 20.0),
    "创文网格包保与结对帮扶": (9.95, 10.0),
    "一票否决": (0.0, 0.0),
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
    assert result.exit_code == 1, result.stderr  # a unit below the pass line
    return data


def test_statuses_are_pinned(report: dict[str, Any]) -> None:
    assert {r["rule"]: r["status"] for r in report["results"]} == STATUSES


def test_score_is_realistic(report: dict[str, Any]) -> None:
    """A unit a year into its cycle: below the pass line on paper, far from it even with every
    on-site point, no veto, nothing unreadable."""
    assert report["score"] == 44.1 and report["earned"] == pytest.approx(44.08, abs=0.005)
    assert report["best_score"] == 70.1
    assert report["grade"] == "未达标" and report["passed"] is False
    assert report["veto"] == []
    assert report["errors"] == []
    assert report["warnings"] == []
    categories = {c["name"]: (c["earned"], c["max"]) for c in report["categories"]}
    assert categories == CATEGORIES


def test_the_veto_papers_are_read(report: dict[str, Any]) -> None:
    requirements = {(r["rule"], q["name"]): q for r in report["results"] for q in r["requirements"]}
    assert requirements[("V0", "年度承诺书")]["found"] == 1
    # F4 is the 文明办's to weigh (no files); the six 无异议 opinions veto nothing
    assert requirements[("V3", "安全生产、食品药品事项部门意见有异议")]["found"] == 0
    assert ("F4", "部门和社区意见") not in requirements


def test_every_gap_has_concrete_guidance(report: dict[str, Any]) -> None:
    for result in report["results"]:
        if result["status"] in ("fail", "partial"):
            assert result["gaps"], result["rule"]
            assert len(result["guidance"]) >= 20, result["rule"]
            assert result["responsible"], result["rule"]


def test_the_article_facts_are_there(report: dict[str, Any]) -> None:
    requirements = {(r["rule"], q["name"]): q for r in report["results"] for q in r["requirements"]}
    claims = {(c["file"].split("/")[-1], c["field"]): c for c in report["claims"]}
    csv = "2022年普法宣传活动登记表.csv"
    assert claims[(csv, "发放资料")]["itemised"] >= 2000  # 2000余份
    assert claims[(csv, "发放物品")]["itemised"] >= 500  # 500余个
    grid = "2022年创文网格包保工作登记.xlsx"
    assert claims[(grid, "发放手册")]["itemised"] >= 1000  # 1000余册
    events = next(e for e in report["inventory"] if e["file"].endswith(csv))
    assert events["records"] >= 50  # 50余次
    assert requirements[("X1", "网格包保分工")]["needed"] == 22  # 22 个三级网格
    assert requirements[("X3", "结对帮扶花名册")]["needed"] == 29  # 17 + 12 户
    assert len(requirements[("B2", "每月集中学习")]["evidence"]) == 21  # 学习会21次


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
    """The one planted defect (the README says so) and nothing else an inspector would catch."""
    kinds = Counter(signal["kind"] for signal in report["integrity"])
    assert kinds == {"duplicate": 1, "photo_date": 1}
    assert all(claim["consistent"] for claim in report["claims"])


def test_the_folder_says_it_is_a_reconstruction() -> None:
    readme = (REPO / "evidence" / "README.md").read_text(encoding="utf-8")
    assert "重构" in readme and "scripts/make_sample.py" in readme
    assert "承诺书" in readme and "部门意见" in readme and "有意保留的缺陷" in readme


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
    assert result.exit_code == 1, result.stderr
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


def test_festival_publicity_is_near_its_festival() -> None:
    """A 妇女节 or 禁毒日 theme weeks after the day reads as made up; identical rows as padding."""
    csv = SAMPLE / "04-志愿服务" / "普法宣传" / "2022年普法宣传活动登记表.csv"
    rows = [line.split(",") for line in csv.read_bytes().decode("gbk").splitlines()[1:-1]]
    festivals = {"三八": (3, 8), "4·15": (4, 15), "6·26": (6, 26), "12·4": (12, 4)}
    for when, title, *_ in rows:
        day = dt.date(*map(int, when.split("/")))
        for name, (month, date) in festivals.items():
            if name in title:
                assert -6 <= (day - dt.date(2022, month, date)).days <= 1, (when, title)
    contents = [tuple(row[1:]) for row in rows]
    assert len(set(contents)) == len(contents)
