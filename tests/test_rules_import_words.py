"""``checker rules import``: what a 评分标准 is translated into, and what is left to a person,
item by item and word for word (docs/import.md, “评分标准怎样翻译”)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.rules.importer import ImportedItem, import_table
from conftest import dump, run_cli, write_tree

HEADER = "序号,测评内容,分值,测评方法,评分标准\n"


def _import(tmp_path: Path, rows: str, title: str = "某县2023年度文明单位考评细则") -> Any:
    table = tmp_path / "细则.csv"
    table.write_text(f"{title}\n{HEADER}{rows}", encoding="utf-8")
    return import_table(table)


def _entries(tmp_path: Path, rows: str) -> list[ImportedItem]:
    return list(_import(tmp_path, rows).items)


def test_a_plan_without_a_frequency_is_left_like_a_system(tmp_path: Path) -> None:
    plan, system, yearly = _entries(
        tmp_path,
        "1,制定年度工作计划，明确创建任务,2,查阅资料,制定年度工作计划\n"
        "2,建立干部职工学习制度,2,查阅资料,建立制度\n"
        "3,制定年度创建实施方案,3,查阅资料,每年制定1次\n",
    )
    # “年度工作计划” names a plan, not how often: nothing to count, as for “建立制度”
    assert "requires" not in plan.rule and plan.translation.left == ["制定年度工作计划"]
    assert "requires" not in system.rule and system.translation.left == ["建立制度"]
    assert yearly.rule["requires"][0]["period"] == "year"


def test_the_method_the_table_names_is_kept_or_the_change_explained(tmp_path: Path) -> None:
    rated, paper, field = _entries(
        tmp_path,
        "1,建立干部职工学习制度,2,查阅资料,建立制度\n"
        "2,召开专题会议,4,查阅资料,每季度至少1次\n"
        "3,开展志愿服务活动,3,实地考察,每月至少1次\n",
    )
    assert paper.rule["method"] == "材料审核" and field.rule["method"] == "实地考察"
    assert rated.rule["method"] == "实地考察"
    assert any("表中测评方法为“查阅资料”" in note for note in rated.notes)
    assert not any("表中测评方法" in note for note in paper.notes + field.notes)


def test_a_demand_beside_a_frequency_is_left_to_a_person(tmp_path: Path) -> None:
    (study,) = _entries(tmp_path, "1,学习,3,查阅资料,建立学习制度，每月集中学习不少于1次\n")
    assert [(r["type"], r["period"]) for r in study.rule["requires"]] == [("学习", "month")]
    assert study.translation.left == ["建立学习制度"]


def test_the_subject_of_a_frequency_is_not_left(tmp_path: Path) -> None:
    (hall,) = _entries(tmp_path, "1,讲堂,2,查阅资料,开展道德讲堂活动，每季度至少一次，扣完为止\n")
    assert hall.rule["requires"][0]["type"] == "讲堂" and hall.translation.left == []


def test_what_is_left_quotes_the_table_exactly(tmp_path: Path) -> None:
    (lead,) = _entries(
        tmp_path, "1,成立领导小组,2,查阅资料,成立领导小组并印发文件的得2分，未成立的不得分。\n"
    )
    assert lead.translation.left == ["成立领导小组并印发文件的得2分，未成立的不得分"]
    (numbered,) = _entries(tmp_path, "1,宣传,2,查阅资料,①每月至少1次更新宣传栏；②内容健康向上\n")
    assert numbered.translation.left == ["内容健康向上"]


def test_a_serious_accident_veto_keeps_its_qualifier(tmp_path: Path) -> None:
    (veto,) = _entries(
        tmp_path, "1,本单位发生重大安全生产事故,0,查阅资料,近24个月内发生重大安全事故的，一票否决\n"
    )
    (requirement,) = veto.rule["requires"]
    assert requirement["type"] == "事件" and "keywords" not in requirement
    assert requirement["pattern"] == ["重大.*(?:安全生产|事故)"]


def test_a_ban_on_events_names_its_topics(tmp_path: Path) -> None:
    (ban,) = _entries(
        tmp_path, "1,不得发生违法违纪事件,2,查阅资料,不得发生违纪违法事件，发生1起扣2分\n"
    )
    (requirement,) = ban.rule["requires"]
    assert requirement["keywords"] == ["违纪", "违法"] and requirement["max"] == 0
    assert ban.translation.left == ["发生1起扣2分"]


def test_only_the_serious_accident_vetoes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "细则.csv"
    table.write_text(
        "2022—2023年度文明单位测评细则\n" + HEADER + "1,召开专题会议,4,查阅资料,每季度至少1次\n"
        "2,本单位发生重大安全生产事故,0,查阅资料,近24个月内发生重大安全事故的，一票否决\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert run_cli("rules", "import", str(table), "-o", "rules").exit_code == 0
    events = [{"类型": "事件", "日期": "2023-05-10", "标题": "公务车辆轻微交通事故（擦碰）"}]
    write_tree(
        tmp_path / "evidence",
        {
            "unit.yaml": dump({"名称": "测试单位", "类型": "机关", "职工人数": 20}),
            "records.yaml": dump(events),
        },
    )
    check = ("check", "evidence", "--rules", "rules", "--format", "json", "--as-of", "2023-12-31")
    assert json.loads(run_cli(*check).stdout)["veto"] == []
    events.append({"类型": "事件", "日期": "2023-06-01", "标题": "仓库发生重大安全事故"})
    (tmp_path / "evidence" / "records.yaml").write_text(dump(events), encoding="utf-8")
    assert json.loads(run_cli(*check).stdout)["veto"] == ["2"]


def test_a_share_of_a_roster_counts_names(tmp_path: Path) -> None:
    roster, taking_part = _entries(
        tmp_path,
        "1,干部职工注册为志愿者,3,查阅资料,注册志愿者不低于在职职工总数的30%\n"
        "2,30%以上的职工参加志愿服务,2,查阅资料,30%以上的职工参加志愿服务\n",
    )
    assert roster.rule["requires"][0] | {"name": ""} == {
        "name": "",
        "type": "名册",
        "distinct": "姓名",
        "min_ratio": 0.3,
        "of": "staff",
    }
    # activity records do not say who took part: a person checks the share
    assert "requires" not in taking_part.rule
    assert taking_part.translation.left == ["30%以上的职工参加志愿服务"]
    assert any("职工" in note and "人数" in note for note in taking_part.notes)


def test_the_exported_xlsx_prints_on_a4_landscape(tmp_path: Path) -> None:
    import openpyxl

    table = tmp_path / "细则.xlsx"
    run_cli("rules", "export", "--type", "机关", "-f", "xlsx", "-o", str(table))
    sheet = openpyxl.load_workbook(table)["测评细则"]
    setup = sheet.page_setup
    assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9")
    # one page wide (fitToWidth left out means 1), as many pages down as it takes
    assert (setup.fitToWidth or 1) == 1 and str(setup.fitToHeight) == "0"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows.replace("$", "") == "2:2"  # the header on every page
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEF"}
    assert max(widths, key=lambda c: widths[c]) == "F" and widths["C"] > widths["B"]
    assert sheet.cell(3, 6).alignment.wrap_text


def test_the_exported_docx_prints_on_a4_landscape(tmp_path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    table = tmp_path / "细则.docx"
    run_cli("rules", "export", "--type", "机关", "-f", "docx", "-o", str(table))
    document = docx.Document(str(table))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    grid = document.tables[0]
    widths = [column.width for column in grid.columns]
    assert widths.index(max(widths)) == 5 and widths[2] == sorted(widths)[-2]
    rows = grid.rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
