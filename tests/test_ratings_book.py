"""The 测评组's workbook of ratings for many units (``checker batch --ratings``): the empty
template and what reading it back gives, workbooks shaped as teams keep them (title row,
merged units, blank lines, a 合计 row, signatures) in .xlsx, .xls, .et and CSV, and every
kind of mistake located at its row and column."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt
import yaml
from openpyxl.styles import Font

from checker import library
from checker.batch.ratings_book import UnitRef, read, template
from checker.errors import CODES
from checker.evidence.ratings import Rating, rating_problem
from checker.evidence.unit import Unit
from checker.rules.loader import RuleSet, load_ruleset
from conftest import REPO

HEADER = ["序号", "单位", "测评项目", "得分（分）", "评分人", "说明"]


@pytest.fixture(scope="module")
def sets() -> dict[str, RuleSet]:
    return {kind: load_ruleset(library.for_type(None, kind)) for kind in ("机关", "学校", "企业")}


@pytest.fixture(scope="module")
def units(sets: dict[str, RuleSet]) -> list[UnitRef]:
    return [
        UnitRef("人大", "兴义市人大常委会机关", sets["机关"], "机关", "市人大", ("兴义创文",)),
        UnitRef("学校/二中", "兴义市第二中学", sets["学校"], "学校", "二中"),
        UnitRef("供电局", "兴义供电局", sets["企业"], "企业", "", ("窗口单位",)),
        UnitRef("水务", "兴义市水务公司", sets["企业"], "企业"),
    ]


def _xlsx(path: Path, rows: list[list[Any]], merged: tuple[str, ...] = ()) -> Path:
    """A workbook as a team types it in Excel: a merged title, then the given rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "现场评分"
    sheet.append(["2022年度文明单位复查现场评分表"])
    sheet["A1"].font = Font(bold=True, size=16)
    sheet.merge_cells("A1:F1")
    for row in rows:
        sheet.append(row)
    for region in merged:
        sheet.merge_cells(region)
    workbook.save(path)
    return path


def _rows(*ratings: list[Any]) -> list[list[Any]]:
    return [HEADER, *[[number, *row] for number, row in enumerate(ratings, 1)]]


def _scores(found: dict[str, list[Rating]]) -> dict[str, dict[str, float]]:
    return {folder: {r.rule: r.score for r in ratings} for folder, ratings in found.items()}


def test_the_untouched_template_reads_as_no_ratings_and_no_problems(
    tmp_path: Path, units: list[UnitRef]
) -> None:
    path = tmp_path / "现场评分.xlsx"
    template(path, units)
    assert read(path, units) == ({}, [])
    again = tmp_path / "again.xlsx"
    template(again, units)
    assert path.read_bytes() == again.read_bytes()  # deterministic


def test_the_template_lists_each_units_on_site_items_with_points_and_checks_the_score(
    tmp_path: Path, units: list[UnitRef]
) -> None:
    path = tmp_path / "现场评分.xlsx"
    template(path, units)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert sheet["A1"].value == "现场评分表" and "A1:G1" in {str(r) for r in sheet.merged_cells}
    assert [c.value for c in sheet[2]] == [
        "序号",
        "单位",
        "测评项目",
        "分值",
        "得分",
        "评分人",
        "说明",
    ]
    body = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[2]]
    expected = [(u.name, f"{r.id} {r.title}", r.score) for u in units for r in u.items()]
    assert [(row[1], row[2], row[3]) for row in body] == expected
    assert [row[0] for row in body] == list(range(1, len(expected) + 1))
    assert all(row[4] is None for row in body)
    # the window-unit overlay's survey item is listed only for the unit that switches it on
    window = [row[1] for row in body if str(row[2]).startswith("W4 ")]
    assert window == ["兴义供电局"]
    (check,) = sheet.data_validations.dataValidation
    # “between” is the default operator: Excel leaves it out of the file
    assert (check.type, check.operator or "between") == ("decimal", "between")
    assert (check.formula1, check.formula2) == ("0", "$D3")  # each row's own 分值
    assert check.showErrorMessage and "0 到该项分值" in str(check.error)
    assert str(check.sqref) == f"E3:E{2 + len(expected)}"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.freeze_panes == "A3"


def test_the_template_filled_in_gives_the_ratings(tmp_path: Path, units: list[UnitRef]) -> None:
    path = tmp_path / "现场评分.xlsx"
    template(path, units)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    filled = {}
    for row in sheet.iter_rows(min_row=3):
        if row[2].value and row[3].value:
            row[4].value = row[3].value - 1  # one point off every item
            row[5].value = "张三"
            row[6].value = "标识不全"
            filled[(row[1].value, str(row[2].value).split()[0])] = row[3].value - 1
    workbook.save(path)
    found, problems = read(path, units)
    assert problems == []
    by_name = {unit.name: unit.folder for unit in units}
    assert _scores(found) == {
        by_name[name]: {rule: score for (n, rule), score in filled.items() if n == name}
        for name in by_name
    }
    assert {(r.rated_by, r.note) for ratings in found.values() for r in ratings} == {
        ("张三", "标识不全")
    }


def test_a_teams_own_workbook_with_merged_units_blank_lines_totals_and_signatures(
    tmp_path: Path, units: list[UnitRef]
) -> None:
    rows = [
        ["填报单位：兴义市文明办"],
        HEADER,
        [1, "兴义市人大常委会机关", "F1", 4.5, "测评组（张三）", "档案室标识不全"],
        [2, None, "F2 禁烟、文明提示、垃圾分类标识齐全", "3分", "测评组（张三）", None],
        [3, None, "干部职工对创建工作知晓率、满意度达到90%以上", 5, "测评组（李四）", "问卷 50 份"],
        [None, None, None, None, None, None],
        [4, "二中", "ｇ１", 6, "测评组", None],  # 简称, full-width id
        [5, "学校/二中", "G2、家长和社区对学校的评价", 7, "测评组", None],  # folder
        [6, "兴义供电局", "W4", 2, "测评组", None],  # an item of the overlay it switches on
        [7, "兴义市水务公司", "F1", None, None, None],  # not rated yet
        ["合计", None, None, 27.5, None, None],
        ["填表人：张三　　审核人：李四　　日期：2022年12月20日"],
    ]
    # the unit merged down its three rows, as teams lay it out
    path = _xlsx(tmp_path / "现场评分.xlsx", rows, merged=("B4:B6", "A13:F13"))
    found, problems = read(path, units)
    assert problems == []
    assert _scores(found) == {
        "人大": {"F1": 4.5, "F2": 3, "F3": 5},
        "学校/二中": {"G1": 6, "G2": 7},
        "供电局": {"W4": 2},
    }
    first = found["人大"][0]
    assert (first.rated_by, first.note) == ("测评组（张三）", "档案室标识不全")


def test_an_xls_from_wps_reads_the_same_whatever_its_name(
    tmp_path: Path, units: list[UnitRef]
) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("评分")
    sheet.write_merge(0, 0, 0, 5, "现场评分表")
    for col, name in enumerate(HEADER):
        sheet.write(1, col, name)
    data = [
        [1, "兴义市人大常委会机关", "F1 办公环境整洁有序", 5, "测评组", ""],
        [2, "市人大", "F4", 4.5, "测评组", "社区评价良好"],
    ]
    for row, values in enumerate(data, 2):
        for col, value in enumerate(values):
            sheet.write(row, col, value)
    sheet.write(5, 0, "审核人：王五")
    xls = tmp_path / "现场评分.xls"
    book.save(str(xls))
    et = tmp_path / "现场评分.et"  # WPS 表格's own name for the same bytes
    et.write_bytes(xls.read_bytes())
    for path in (xls, et):
        found, problems = read(path, units)
        assert problems == []
        assert _scores(found) == {"人大": {"F1": 5, "F4": 4.5}}


def test_a_csv_saved_by_excel_in_gb18030(tmp_path: Path, units: list[UnitRef]) -> None:
    lines = [
        "现场评分表,,,,",
        "单位,测评项目,得分,评分人,说明",
        "兴义市第二中学,E1,4,测评组,校园整洁",
        "兴义市第二中学,E2,9,测评组,",
    ]
    path = tmp_path / "现场评分.csv"
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    found, problems = read(path, units)
    assert _scores(found) == {"学校/二中": {"E1": 4}}
    assert [(p.file, p.line, p.column, p.code) for p in problems] == [
        (path.as_posix(), 4, 3, "rating-too-high")
    ]
    assert problems[0].message.startswith("兴义市第二中学：规则 E2 的得分 9 超出范围")


PROBLEMS = [
    # (单位, 测评项目, 得分, code, column, words the message must hold)
    ("兴义市第二中", "E1", 3, "rating-unit-unknown", 1, "是否为 '兴义市第二中学'"),
    ("", "E1", 3, "rating-unit-unknown", 1, "没有填写单位"),
    ("兴义市第二中学", "E9", 3, "rule-unknown", 2, "'E9' 不存在"),
    ("兴义市第二中学", "校园环境整洁", 3, "rule-unknown", 2, "是否为 'E1 校园环境整洁优美'"),
    ("兴义市第二中学", "", 3, "rule-unknown", 2, "没有填写测评项目"),
    ("兴义市水务公司", "W4", 1, "rule-unknown", 2, "'W4' 不存在"),  # overlay not switched on
    ("兴义市第二中学", "A1", 1, "rating-not-manual", 2, "不能现场评分"),
    ("兴义市第二中学", "E1", 6, "rating-too-high", 3, "应在 0 到 5 分之间"),
    ("兴义市第二中学", "E1", -1, "rating-too-high", 3, "超出范围"),
    ("兴义市第二中学", "E1", "良好", "value-invalid", 3, "得分 '良好' 不是数字"),
    ("兴义市第二中学", "E1", "nan", "value-invalid", 3, "不是有效数字"),
]


@pytest.mark.parametrize(
    ("unit", "item", "score", "code", "column", "words"),
    PROBLEMS,
    ids=[f"{case[3]}-{case[5]}" for case in PROBLEMS],
)
def test_each_mistake_is_a_located_problem_with_its_code(
    tmp_path: Path,
    units: list[UnitRef],
    unit: str,
    item: str,
    score: Any,
    code: str,
    column: int,
    words: str,
) -> None:
    rows = [["单位", "测评项目", "得分", "评分人"], ["兴义市第二中学", "E2", 2, "测评组"]]
    rows.append([unit or None, item or None, score, "测评组"])
    path = _xlsx(tmp_path / "现场评分.xlsx", rows)
    found, problems = read(path, units)
    assert _scores(found) == {"学校/二中": {"E2": 2}}  # the good row is kept
    (problem,) = problems
    assert (problem.line, problem.column, problem.code) == (4, column, code)
    assert problem.code in CODES
    assert problem.message.startswith("工作表“现场评分”：") and words in problem.message


def test_a_second_rating_of_the_same_item_names_the_first_row(
    tmp_path: Path, units: list[UnitRef]
) -> None:
    rows = _rows(
        ["兴义市人大常委会机关", "F1", 4, "测评组", None],
        ["市人大", "F1 办公环境整洁有序", 3, "测评组", None],  # the same unit by its 简称
        ["兴义市第二中学", "E1", 3, "测评组", None],  # another unit's F1-like item is its own
    )
    found, problems = read(_xlsx(tmp_path / "b.xlsx", rows), units)
    assert _scores(found) == {"人大": {"F1": 4}, "学校/二中": {"E1": 3}}
    assert [(p.line, p.column, p.code) for p in problems] == [(4, 3, "rating-duplicate")]
    assert "已在第 3 行评分" in problems[0].message


def test_a_rating_repeated_on_another_sheet_names_that_sheet(
    tmp_path: Path, units: list[UnitRef]
) -> None:
    path = _xlsx(tmp_path / "b.xlsx", _rows(["二中", "E1", 3, None, None]))
    workbook = openpyxl.load_workbook(path)
    extra = workbook.create_sheet("补评")
    for row in _rows(["兴义市第二中学", "E1 校园环境整洁优美", 4, None, None]):
        extra.append(row)
    workbook.save(path)
    found, problems = read(path, units)
    assert _scores(found) == {"学校/二中": {"E1": 3}}
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 3, "rating-duplicate")]
    assert problems[0].message.startswith("工作表“补评”：")
    assert "已在工作表“现场评分”第 3 行评分" in problems[0].message


def test_a_short_name_shared_by_two_units_is_ambiguous(
    tmp_path: Path, sets: dict[str, RuleSet]
) -> None:
    twins = [
        UnitRef("兴义/二中", "兴义市第二中学", sets["学校"], "学校", "二中"),
        UnitRef("安龙/二中", "安龙县第二中学", sets["学校"], "学校", "二中"),
    ]
    rows = _rows(["二中", "E1", 3, None, None], ["安龙/二中", "E1", 4, None, None])
    found, problems = read(_xlsx(tmp_path / "b.xlsx", rows), twins)
    assert _scores(found) == {"安龙/二中": {"E1": 4}}
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 2, "rating-unit-ambiguous")]
    assert "兴义/二中、安龙/二中" in problems[0].message


def test_units_with_the_same_name_are_written_by_folder_in_the_template(
    tmp_path: Path, sets: dict[str, RuleSet]
) -> None:
    twins = [
        UnitRef("兴义/二中", "第二中学", sets["学校"], "学校"),
        UnitRef("安龙/二中", "第二中学", sets["学校"], "学校"),
    ]
    path = tmp_path / "t.xlsx"
    template(path, twins)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    names = {row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row[2]}
    assert names == {"兴义/二中", "安龙/二中"}


def test_a_book_without_the_header_or_unreadable_is_one_problem(
    tmp_path: Path, units: list[UnitRef]
) -> None:
    path = _xlsx(tmp_path / "b.xlsx", [["单位", "项目名称", "分数"], ["二中", "E1", 3]])
    assert read(path, units)[1][0].code == "rating-header-missing"  # 项目名称 is no known name
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    found, problems = read(broken, units)
    assert found == {} and [(p.file, p.code) for p in problems] == [
        (broken.as_posix(), "ledger-unreadable")
    ]
    assert read(tmp_path / "无.xlsx", units)[1][0].message.endswith("文件不存在")


def test_an_id_column_named_编号_beside_测评项目_does_not_take_its_place(
    tmp_path: Path, units: list[UnitRef]
) -> None:
    rows = [["编号", "单位", "测评项目", "得分", "日期"], [1, "二中", "E1", 3, "2022-12-20"]]
    found, problems = read(_xlsx(tmp_path / "b.xlsx", rows), units)
    assert problems == [] and _scores(found) == {"学校/二中": {"E1": 3}}
    assert found["学校/二中"][0].date is not None
    assert found["学校/二中"][0].date.isoformat() == "2022-12-20"


def test_a_unit_ref_from_the_samples_unit_yaml_takes_its_short_name_and_overlays(
    sets: dict[str, RuleSet],
) -> None:
    unit = Unit.model_validate(yaml.safe_load((REPO / "evidence" / "unit.yaml").read_text("utf-8")))
    ref = UnitRef.of("人大", unit, sets["机关"])
    assert (ref.name, ref.short_name, ref.unit_type) == (unit.name, unit.short_name, "机关")
    assert ref.enabled == ("兴义创文",)
    assert [rule.id for rule in ref.items()] == ["B5", "E6", "F1", "F2", "F3", "F4"]


def test_ratings_yaml_refuses_a_score_that_is_no_number_by_the_same_check(
    sets: dict[str, RuleSet],
) -> None:
    rating = Rating.model_validate({"rule": "F1", "score": "nan"})
    assert math.isnan(rating.score)
    wrong = rating_problem(rating, sets["机关"], set())
    assert wrong is not None and wrong[2] == "value-invalid"
    assert rating_problem(Rating(rule="F1", score=5), sets["机关"], set()) is None
