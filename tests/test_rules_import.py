"""``checker rules import``: real-shaped 测评细则 tables (as offices save them from Excel, WPS and
Word) become rule sets that load and assess an evidence folder as the table says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import xlwt
import yaml

from checker.resources import library_sets
from checker.rules.importer import import_table
from checker.rules.loader import load_ruleset
from conftest import dump, run_cli, write_tree

TITLE = "2022—2023年度某市市级文明单位测评细则"
MUNICIPAL_HEADER = ["序号", "测评项目", "测评内容", "分值", "测评方法", "评分标准"]
# (category, content, points, method, 评分标准); the category is merged over its items.
MUNICIPAL_ITEMS = [
    (
        "组织领导（6分）",
        "定期召开专题会议研究创建工作",
        4,
        "查阅资料",
        "每季度至少召开一次专题会议，少1次扣1分，扣完为止",
    ),
    ("组织领导（6分）", "制定年度创建工作计划", 2, "查阅资料", "每年制定创建工作计划"),
    (
        "思想道德建设（9分）",
        "每月组织干部职工集中学习",
        6,
        "查阅资料",
        "每月至少1次，缺1个月扣0.5分",
    ),
    ("思想道德建设（9分）", "开展道德讲堂活动", 3, "查阅资料", "全年开展道德讲堂不少于两次"),
    (
        "志愿服务（4分）",
        "组建志愿服务队，职工注册为志愿者",
        4,
        "查阅资料",
        "注册志愿者不低于在职职工总数的30%",
    ),
    (
        "群众评价（5分）",
        "群众对单位的满意度",
        5,
        "问卷调查",
        "满意度90%以上得满分，每低1个百分点扣0.5分",
    ),
    ("单位建设（3分）", "办公环境整洁有序", 3, "实地考察", "现场查看，酌情扣分"),
]
VETO_ROW = "单位领导班子成员发生严重违纪违法案件的，实行一票否决"


def municipal_xls(path: Path, total: float = 27) -> Path:
    """The municipal layout as WPS saves an .xls: a merged title row, the header, category
    cells merged over their items, a veto line across the table, a 合计 row and a sign-off."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("测评细则")
    sheet.write_merge(0, 0, 0, 5, TITLE)
    for column, text in enumerate(MUNICIPAL_HEADER):
        sheet.write(1, column, text)
    row = 2
    for category in dict.fromkeys(item[0] for item in MUNICIPAL_ITEMS):
        items = [item for item in MUNICIPAL_ITEMS if item[0] == category]
        sheet.write_merge(row, row + len(items) - 1, 1, 1, category)
        for _, content, points, method, criteria in items:
            sheet.write(row, 0, row - 1)
            sheet.write(row, 2, content)
            sheet.write(row, 3, points)
            sheet.write(row, 4, method)
            sheet.write(row, 5, criteria)
            row += 1
    sheet.write_merge(row, row, 0, 5, VETO_ROW)
    sheet.write(row + 1, 0, "合计")
    sheet.write(row + 1, 3, total)
    sheet.write(row + 2, 0, "说明：本细则由市文明办负责解释。")
    book.save(str(path))
    return path


def national_xlsx(path: Path) -> Path:
    """The 2012 national 测评体系 layout: 测评项目 | 测评内容 | 测评方法 | 分值, no 评分标准 column,
    the 测评项目 merged over its items; the wording of 测评内容 carries the frequency."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["全国文明单位测评体系（试行）"])
    sheet.merge_cells("A1:D1")
    sheet.append(["测评项目", "测评内容", "测评方法", "分值"])
    sheet.append(["1.思想道德建设", "每半年至少组织一次道德讲堂", "查阅资料", 2])
    sheet.append([None, "建立健全职工学习制度", "查阅资料", 2])
    sheet.append([None, "职工对单位文明创建工作满意率达到90%以上", "问卷调查", 3])
    sheet.merge_cells("A3:A5")
    sheet.append(["2.志愿服务", "每季度开展志愿服务活动至少2次", "查阅资料", 3])
    book.save(path)
    return path


def word_table(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("某区文明单位考核细则")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["考核项目", "考核内容", "分数", "考核标准"], strict=True
    ):
        cell.text = text
    for values in (
        ("组织领导", "党组会专题研究文明创建", "2", "每年不少于2次，少一次扣1分"),
        ("组织领导", "创建工作有总结", "1", "每年形成工作总结"),
        ("宣传教育", "宣传栏定期更新", "2", "每月至少更新1次"),
    ):
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    merged = table.cell(1, 0).merge(table.cell(2, 0))
    merged.text = "组织领导"
    document.save(str(path))
    return path


def test_municipal_table_becomes_rules_item_by_item(tmp_path: Path) -> None:
    imported = import_table(municipal_xls(tmp_path / "细则.xls"))
    rules = {entry.rule["id"]: entry.rule for entry in imported.items}
    # the table's 序号, and a letter of its own category for the veto line that has none
    assert list(rules) == ["1", "2", "3", "4", "5", "6", "7", "F1"]
    assert imported.table.title == TITLE
    assert imported.table.total == 27 and imported.points == 27
    assert imported.warnings() == []
    meeting, plan, study, hall, volunteers, survey, tidy, veto = (e.rule for e in imported.items)
    assert meeting["_category"] == "组织领导" and veto["_category"] == "一票否决"
    assert meeting["requires"] == [
        {
            "name": "每季度至少召开1次专题会议",
            "type": "会议",
            "min": 1,
            "period": "quarter",
            "deduct": 1.0,
        }
    ]
    assert plan["requires"][0] | {"name": ""} == {
        "name": "",
        "type": "方案",
        "min": 1,
        "period": "year",
    }
    assert study["requires"][0]["period"] == "month" and study["requires"][0]["deduct"] == 0.5
    assert study["requires"][0]["type"] == "学习"
    assert hall["requires"][0] | {"name": ""} == {
        "name": "",
        "type": "讲堂",
        "min": 2,
        "period": "year",
    }
    assert volunteers["requires"][0] | {"name": ""} == {
        "name": "",
        "type": "名册",
        "distinct": "姓名",
        "min_ratio": 0.3,
        "of": "staff",
    }
    assert survey["method"] == "问卷调查" and "requires" not in survey
    assert tidy["method"] == "实地考察" and "requires" not in tidy
    assert tidy["guidance"] == "现场查看，酌情扣分"
    assert veto["veto"] is True and veto["score"] == 0
    assert veto["requires"][0]["type"] == "事件" and veto["requires"][0]["max"] == 0
    assert all(e.rule["basis"] == {"kind": "核实", "source": TITLE} for e in imported.items)


def test_import_then_check_gives_the_hand_computed_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = municipal_xls(tmp_path / "细则.xls")
    monkeypatch.chdir(tmp_path)
    result = run_cli("rules", "import", str(table), "-o", "rules", "--report", "导入报告.md")
    assert result.exit_code == 0, result.output
    records = (
        [
            {"类型": "会议", "日期": f"2022-{m:02d}-10", "标题": "文明创建专题会议"}
            for m in (2, 5, 8)
        ]
        + [{"类型": "方案", "日期": "2022-01-10", "标题": "2022年创建工作计划"}]
        + [{"类型": "学习", "日期": f"2022-{m:02d}-15", "标题": "集中学习"} for m in range(1, 11)]
        + [{"类型": "讲堂", "日期": "2022-06-01", "标题": "道德讲堂"}]
        + [
            {"类型": "名册", "日期": "2022-03-01", "标题": "注册志愿者名册", "姓名": f"职工{n}"}
            for n in range(6)
        ]
    )
    write_tree(
        tmp_path / "evidence",
        {
            "unit.yaml": dump({"名称": "测试单位", "类型": "机关", "职工人数": 20}),
            "records.yaml": dump(records),
        },
    )
    report = json.loads(
        run_cli(
            "check", "evidence", "--rules", "rules", "--format", "json", "--as-of", "2022-12-31"
        ).stdout
    )
    earned = {item["rule"]: item.get("earned") for item in report["results"]}
    # 4 quarters, one without a meeting: 4 − 1; ten months of twelve: 6 − 2 × 0.5;
    # one 道德讲堂 of two: 3 × 1/2; 6 volunteers of 30% × 20 staff: full points.
    assert earned["1"] == 3 and earned["2"] == 2 and earned["3"] == 5
    assert earned["4"] == 1.5 and earned["5"] == 4
    statuses = {item["rule"]: item["status"] for item in report["results"]}
    assert statuses["6"] == statuses["7"] == "manual"
    assert statuses["F1"] == "pass"
    markdown = (tmp_path / "导入报告.md").read_text(encoding="utf-8")
    assert "留给人工：现场查看" in markdown or "酌情扣分" in markdown
    assert "```yaml" in markdown


def test_a_veto_event_in_the_evidence_vetoes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = municipal_xls(tmp_path / "细则.xls")
    monkeypatch.chdir(tmp_path)
    assert run_cli("rules", "import", str(table), "-o", "rules").exit_code == 0
    write_tree(
        tmp_path / "evidence",
        {
            "unit.yaml": dump({"名称": "测试单位", "类型": "机关", "职工人数": 20}),
            "records.yaml": dump(
                [{"类型": "事件", "日期": "2022-07-01", "标题": "某科长严重违纪违法案件"}]
            ),
        },
    )
    report = json.loads(
        run_cli(
            "check", "evidence", "--rules", "rules", "--format", "json", "--as-of", "2022-12-31"
        ).stdout
    )
    statuses = {item["rule"]: item["status"] for item in report["results"]}
    assert statuses["F1"] == "fail"
    assert report["veto"] == ["F1"] and report["score"] == 0


def test_national_layout_without_a_criteria_column(tmp_path: Path) -> None:
    imported = import_table(national_xlsx(tmp_path / "测评体系.xlsx"))
    rules = [entry.rule for entry in imported.items]
    assert [r["id"] for r in rules] == ["A1", "A2", "A3", "B1"]
    assert [r["_category"] for r in rules] == ["思想道德建设"] * 3 + ["志愿服务"]
    hall, system, survey, service = rules
    # no half-year period: twice a year
    assert hall["requires"][0] | {"name": ""} == {
        "name": "",
        "type": "讲堂",
        "min": 2,
        "period": "year",
    }
    assert system["method"] == "实地考察" and "requires" not in system  # no threshold: a person
    assert survey["method"] == "问卷调查"
    assert service["requires"][0] | {"name": ""} == {
        "name": "",
        "type": "志愿服务",
        "min": 2,
        "period": "quarter",
    }


def test_word_table_and_its_title(tmp_path: Path) -> None:
    imported = import_table(word_table(tmp_path / "细则.docx"))
    assert imported.table.title == "某区文明单位考核细则"
    rules = [entry.rule for entry in imported.items]
    assert [r["_category"] for r in rules] == ["组织领导", "组织领导", "宣传教育"]
    # twice a year, 1 point a time missing, over a three-year cycle: the language deducts per
    # missing year only, so the item goes to a person with its text
    assert "requires" not in rules[0] and rules[0]["method"] == "实地考察"
    assert imported.items[0].translation.left == ["每年不少于2次，少一次扣1分"]
    assert rules[1]["requires"][0]["type"] == "总结"
    assert rules[2]["requires"][0] | {"name": ""} == {
        "name": "",
        "type": "宣传阵地",
        "min": 1,
        "period": "month",
    }


def test_points_that_do_not_add_up_are_a_warning(tmp_path: Path) -> None:
    table = municipal_xls(tmp_path / "细则.xls", total=30)
    result = run_cli("rules", "import", str(table), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "各项分值合计 27 分，与表中合计行" in result.output and "30 分不一致" in result.output
    load_ruleset(tmp_path / "out")


def test_a_table_without_a_header_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("姓名,科室\n张三,办公室\n", encoding="utf-8")
    result = run_cli("rules", "import", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "没有找到测评细则表的表头" in result.output
    assert not (tmp_path / "out").exists()


def test_output_must_be_new_or_empty(tmp_path: Path) -> None:
    table = municipal_xls(tmp_path / "细则.xls")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run_cli("rules", "import", str(table), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "不为空" in result.output


def test_written_rule_files_are_yaml_per_category(tmp_path: Path) -> None:
    run_cli(
        "rules", "import", str(municipal_xls(tmp_path / "细则.xls")), "-o", str(tmp_path / "out")
    )
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [
        "01-组织领导.yaml",
        "02-思想道德建设.yaml",
        "03-志愿服务.yaml",
        "04-群众评价.yaml",
        "05-单位建设.yaml",
        "06-一票否决.yaml",
        "ruleset.yaml",
    ]
    meta = yaml.safe_load((tmp_path / "out" / "ruleset.yaml").read_text(encoding="utf-8"))
    assert meta["cycle"] == {"start": "2022-01-01", "end": "2023-12-31"}
    assert meta["version"] == "2022"  # the table's year, not the day it was imported


def _dumped(ruleset: Any) -> dict[str, Any]:
    """Everything a check depends on: each rule in full with its category, each overlay's rules
    and what they replace, the meta (its file paths aside: included files are written in)."""
    meta = ruleset.meta.model_dump(exclude={"include", "overlays"})
    rules = [(rule.category, rule.model_dump()) for rule in ruleset.rules]
    overlays = {
        name: ([(r.category, r.model_dump()) for r in overlay.rules], overlay.replaces)
        for name, overlay in ruleset.overlays.items()
    }
    return {"meta": meta, "rules": rules, "overlays": overlays}


def _score(evidence: Path, rules: Path) -> Any:
    result = run_cli(
        "check", str(evidence), "--rules", str(rules), "--format", "json", "--as-of", "2024-06-30"
    )
    report = json.loads(result.stdout)
    return report["score"], [(i["rule"], i.get("earned"), i["status"]) for i in report["results"]]


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize("found", library_sets(), ids=lambda found: found.path.name)
def test_import_of_an_export_is_the_same_rule_set(tmp_path: Path, found: Any, kind: str) -> None:
    original = load_ruleset(found.path)
    table = tmp_path / f"细则.{kind}"
    result = run_cli("rules", "--rules", str(found.path), "export", "-f", kind, "-o", str(table))
    assert result.exit_code == 0, result.output
    imported = run_cli("rules", "import", str(table), "-o", str(tmp_path / "out"))
    assert imported.exit_code == 0, imported.output
    assert "按导出时附带的规则定义导入" in imported.output
    again = load_ruleset(tmp_path / "out")
    assert _dumped(again) == _dumped(original)


def test_the_sample_evidence_scores_the_same_with_the_reimported_set(tmp_path: Path) -> None:
    bundled = next(f.path for f in library_sets() if f.path.name == "文明单位-机关")
    table = tmp_path / "细则.xlsx"
    run_cli("rules", "--rules", str(bundled), "export", "-o", str(table))
    run_cli("rules", "import", str(table), "-o", str(tmp_path / "out"))
    evidence = Path(__file__).parent.parent / "evidence"
    assert _score(evidence, tmp_path / "out") == _score(evidence, bundled)


def test_points_and_method_edited_in_the_exported_table_win(tmp_path: Path) -> None:
    bundled = next(f.path for f in library_sets() if f.path.name == "文明单位-机关")
    table = tmp_path / "细则.xlsx"
    run_cli("rules", "--rules", str(bundled), "export", "-o", str(table))
    book = openpyxl.load_workbook(table)
    sheet = book["测评细则"]
    sheet.cell(3, 4).value = 9  # the first item's 分值
    sheet.cell(3, 5).value = "实地考察"
    book.save(table)
    result = run_cli("rules", "import", str(table), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    first = load_ruleset(tmp_path / "out").rules[0]
    assert (first.score, first.method) == (9, "实地考察")
    assert "采用表中改动：第 3 行" in result.output and "→ 9" in result.output
    second = load_ruleset(tmp_path / "out").rules[1]
    assert second.model_dump() == load_ruleset(bundled).rules[1].model_dump()


def test_export_writes_the_words_people_read(tmp_path: Path) -> None:
    table = tmp_path / "细则.xlsx"
    run_cli("rules", "--rules", str(library_sets()[0].path), "export", "-o", str(table))
    sheet = openpyxl.load_workbook(table).active
    assert [c.value for c in sheet[2]] == [
        "序号",
        "测评项目",
        "测评内容",
        "分值",
        "测评方法",
        "评分标准",
    ]
    criteria = [row[5] for row in sheet.iter_rows(min_row=3, values_only=True) if row[5]]
    assert any("每年至少2次，缺1年扣1分" in text for text in criteria)
    assert any(text.endswith("一票否决") for text in criteria)
    assert sheet.cell(sheet.max_row, 1).value == "合计"


@pytest.mark.parametrize(
    ("title", "cycle", "said"),
    [
        ("某县2023年度文明单位考评细则", {"start": "2023-01-01", "end": "2023-12-31"}, "2023 年"),
        ("2022年度文明单位测评细则", {"start": "2022-01-01", "end": "2022-12-31"}, "2022 年"),
        ("全国文明单位测评体系（2020年版）", {"start": "2021-01-01", "years": 3}, "每 3 年"),
    ],
)
def test_a_single_year_title_is_that_year(
    tmp_path: Path, title: str, cycle: dict[str, Any], said: str
) -> None:
    table = tmp_path / "细则.csv"
    table.write_text(
        f"{title}\n序号,测评内容,分值,测评方法,评分标准\n"
        "1,召开专题会议研究创建工作,4,查阅资料,每季度至少1次\n",
        encoding="utf-8",
    )
    result = run_cli("rules", "import", str(table), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    meta = yaml.safe_load((tmp_path / "out" / "ruleset.yaml").read_text(encoding="utf-8"))
    assert meta["cycle"] == cycle
    assert "评估期：" in result.output and said in result.output


def test_a_deduction_per_time_on_many_times_a_year(tmp_path: Path) -> None:
    table = tmp_path / "细则.csv"
    table.write_text(
        "某县2023年度文明单位考评细则\n序号,测评内容,分值,测评方法,评分标准\n"
        "1,开展志愿服务活动,3,查阅资料,全年累计不少于十五次，少1次扣0.2分\n"
        "2,召开专题会议,4,查阅资料,每半年至少1次，少1次扣2分\n"
        "3,集中学习,6,查阅资料,每月至少2次，缺1个月扣0.5分\n",
        encoding="utf-8",
    )
    rules = [entry.rule for entry in import_table(table).items]
    # one year judged as a whole: a missing time is a missing item
    assert rules[0]["requires"][0] | {"name": ""} == {
        "name": "",
        "type": "志愿服务",
        "min": 15,
        "deduct": 0.2,
    }
    assert rules[1]["requires"][0] | {"name": ""} == {
        "name": "",
        "type": "会议",
        "min": 2,
        "deduct": 2.0,
    }
    # a missing month is what the table counts: per period stays
    assert rules[2]["requires"][0]["period"] == "month"


def test_a_word_read_as_a_type_is_accepted_as_it_in_records(tmp_path: Path) -> None:
    run_cli("rules", "import", str(municipal_xls(tmp_path / "细则.xls")), "-o", str(tmp_path / "o"))
    vocabulary = load_ruleset(tmp_path / "o").vocabulary
    assert vocabulary.resolve("评比") == "评选"
