"""``checker init``: a new unit's folder that validates cleanly and honestly fails its check."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from checker.rules.loader import load_ruleset
from conftest import REPO, run_cli

RULES = str(REPO / "rules" / "文明单位-机关")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "新单位"
    result = run_cli(
        "init", str(target), "--type", "机关", "--name", "兴义市某局", "--rules", RULES
    )
    assert result.exit_code == 0, result.output
    assert "已生成" in result.stdout
    return target


def _header(path: Path) -> list[str]:
    """The header row as an office lays it out: under the title row, above the blank rows."""
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert "____年" in str(sheet["A1"].value)  # the title row, the year left to fill in
    return [str(cell.value) for cell in sheet[2]]


def _sign_off(path: Path) -> str:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return str(sheet.cell(sheet.max_row, 1).value)


REGISTER = ["序号", "时间", "地点", "内容（主题）", "主讲人", "参加人员", "参加人数", "佐证材料"]


def test_layout(folder: Path) -> None:
    ruleset = load_ruleset(REPO / "rules" / "文明单位-机关")
    for number, category in enumerate(ruleset.categories):
        assert (folder / f"{number:02d}-{category}" / "_folder.yaml").is_file()
    unit = (folder / "unit.yaml").read_text(encoding="utf-8")
    assert "名称: 兴义市某局" in unit and "类型: 机关" in unit
    assert "职工人数: 0" in unit
    defaults = (folder / "03-志愿服务" / "志愿服务活动台账" / "_folder.yaml").read_text(
        encoding="utf-8"
    )
    assert "类型: 志愿服务" in defaults


def test_folders_are_named_as_offices_name_their_ledgers(folder: Path) -> None:
    for name in ("志愿服务活动台账", "结对帮扶走访记录", "道德讲堂活动记录", "理论学习记录"):
        assert list(folder.glob(f"*/{name}")), name


def test_registers_have_the_columns_an_inspector_expects(folder: Path) -> None:
    _fill_in_staff(folder)
    hall = folder / "01-思想道德建设" / "道德讲堂活动记录" / "道德讲堂活动登记表.xlsx"
    assert _header(hall) == REGISTER
    assert _sign_off(hall).startswith("填表人：") and "审核人：" in _sign_off(hall)
    assert "填表日期：" in _sign_off(hall)
    service = folder / "03-志愿服务" / "志愿服务活动台账" / "志愿服务活动登记表.xlsx"
    assert _header(service) == [*REGISTER[:4], "负责人", *REGISTER[5:]]


def test_registers_keep_the_columns_the_rules_read(folder: Path) -> None:
    volunteers = folder / "03-志愿服务" / "注册志愿者名册" / "注册志愿者名册.xlsx"
    # D4 reads 服务时长 (the unit in brackets is not part of the field's name)
    assert _header(volunteers)[-3:] == ["注册编号", "服务时长（小时）", "登记日期"]
    visits = folder / "06-参与创建" / "结对帮扶走访记录" / "结对帮扶走访登记表.xlsx"
    assert _header(visits)[:3] == ["序号", "帮扶户", "帮扶干部"]


def test_rosters(folder: Path) -> None:
    roster = ["序号", "姓名", "科室", "职务", "联系电话"]
    team = _header(folder / "03-志愿服务" / "志愿服务队队员名册" / "志愿服务队队员名册.xlsx")
    assert team == [*roster, "注册编号", "服务时长（小时）", "登记日期"]
    online = folder / "02-文明风尚与宣传" / "网络文明传播志愿者名册" / "网络文明传播志愿者名册.xlsx"
    assert _header(online) == [*roster, "登记日期"]
    # The sheet carries the roster's name: a row's title falls back to it, so the rule's
    # keyword (网络文明) finds rows that have no title column of their own.
    assert openpyxl.load_workbook(online).active.title == "网络文明传播志愿者名册"


def test_a_filled_register_row_is_a_record(folder: Path) -> None:
    """The template is read as offices fill it: title row skipped, sign-off line not a row."""
    _fill_in_staff(folder)
    hall = folder / "01-思想道德建设" / "道德讲堂活动记录" / "道德讲堂活动登记表.xlsx"
    book = openpyxl.load_workbook(hall)
    sheet = book.active
    assert sheet is not None
    for column, value in enumerate(["1", "2022-03-05", "三楼会议室", "讲文明树新风", "王五"], 1):
        sheet.cell(3, column, value)
    sheet.cell(3, 7, 30)
    book.save(hall)
    validated = run_cli("validate", str(folder), "--rules", RULES)
    assert validated.exit_code == 0, validated.output
    assert "记录 1 条" in validated.stdout and validated.stderr == ""


def test_unit_yaml_says_staff_must_be_filled_in(folder: Path) -> None:
    unit = (folder / "unit.yaml").read_text(encoding="utf-8").splitlines()
    at = unit.index("职工人数: 0")
    assert "必填" in unit[at - 1] and "未填写" in unit[at - 1]


def test_pledge_template_is_a_declaration_to_fill_in(folder: Path) -> None:
    template = folder / ".填写模板" / "年度创建文明单位承诺书.md"
    text = template.read_text(encoding="utf-8")
    assert "类型: 声明" in text and "主要负责人（签字）" in text and "兴义市某局" in text
    pledges = folder / "07-一票否决" / "年度承诺书"
    filled = text.replace("____-__-__", "2022-01-10").replace("____年度", "2022年度")
    (pledges / "2022-01-10 2022年度创建文明单位承诺书.md").write_text(filled, encoding="utf-8")
    checked = run_cli("check", str(folder), "--rules", RULES, "-f", "json", "--as-of", "2022-12-31")
    v0 = next(r for r in json.loads(checked.stdout)["results"] if r["rule"] == "V0")
    found = v0["requirements"][0]
    assert found["missing_periods"] == ["2021"], found  # 2022 is met by the filled template
    assert found["evidence"][0]["file"].endswith("2022年度创建文明单位承诺书.md")


def test_pledge_names_every_veto_matter_and_looks_back_not_ahead(folder: Path) -> None:
    """A pledge signed in January that the year "will" have no veto proves nothing: it states
    what did not happen in the look-back period, matter by matter (V1–V9)."""
    text = (folder / ".填写模板" / "年度创建文明单位承诺书.md").read_text(encoding="utf-8")
    matters = ["严重违纪违法", "刑事责任", "安全生产", "环境违法", "失信", "邪教", "黄牌"]
    matters += ["文明城市创建责任", "弄虚作假"]
    assert [matter for matter in matters if matter not in text] == []
    assert "未发生下列情形" in text and "如实登记并及时报告文明办" in text
    assert "本年度不发生" not in text


def test_department_opinions_ledger(tmp_path: Path) -> None:
    """A set whose vetoes read 部门意见 gets a ledger of the departments' opinions, not one
    of the unit's own violations."""
    target = tmp_path / "新单位"
    assert run_cli("init", str(target), "--type", "机关", "--rules", RULES).exit_code == 0
    opinions = target / "07-一票否决" / "部门意见登记" / "部门意见登记表.xlsx"
    header = _header(opinions)
    assert header == ["序号", "日期", "部门", "事项", "意见", "经办人", "佐证材料"]
    assert "无异议" in (opinions.parent / "README.md").read_text(encoding="utf-8")
    assert not list(target.rglob("*事件*.xlsx"))  # incidents are records, never a ledger to fill
    _fill_in_staff(target)
    assert run_cli("validate", str(target), "--rules", RULES).exit_code == 0


def test_readme_per_folder_names_no_unit(folder: Path) -> None:
    readmes = list(folder.rglob("README.md"))
    assert len(readmes) > 10
    # The scaffold's own words; what it quotes of the rule set is the rule set's to keep clean
    # (the bundled sets are checked for the sample organ where they are tested).
    quoted = [
        text
        for rule in load_ruleset(REPO / "rules" / "文明单位-机关").rules
        for text in (rule.title, rule.guidance, *(r.name for r in rule.requires))
        if text
    ]
    sample_words = ("人大", "周末志愿红", "栗坪", "人大先锋", "兴义市人大常委会")
    for readme in readmes:
        for line in readme.read_text(encoding="utf-8").splitlines():
            if not any(text in line for text in quoted):
                assert not any(word in line for word in sample_words), (readme, line)
    hall = (folder / "01-思想道德建设" / "道德讲堂活动记录" / "README.md").read_text(
        encoding="utf-8"
    )
    assert "B4" in hall and "文件怎么命名" in hall and "道德讲堂活动登记表.xlsx" in hall


def test_readme_lists_every_applicable_rule(folder: Path) -> None:
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for rule in load_ruleset(REPO / "rules" / "文明单位-机关").rules:
        if rule.applies_to is None or "机关" in rule.applies_to:
            assert f"### {rule.id} {rule.title}" in readme
    assert "（放在 `06-参与创建/结对帮扶走访记录/`）" in readme
    assert "每季度" in readme


def _fill_in_staff(folder: Path) -> None:
    """What the README asks first: the template's 职工人数 0 is not filled in, and a rule
    taking a share of it is not evaluated until it is."""
    unfilled = run_cli("validate", str(folder), "--rules", RULES)
    assert unfilled.exit_code == 2
    assert "unit.yaml 的职工人数未填写（为 0），无法按比例计算" in unfilled.stderr
    unit = folder / "unit.yaml"
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace("\n职工人数: 0", "\n职工人数: 40", 1), encoding="utf-8")


def test_validates_cleanly_and_check_honestly_fails(folder: Path) -> None:
    _fill_in_staff(folder)
    validated = run_cli("validate", str(folder), "--rules", RULES)
    assert validated.exit_code == 0, validated.output
    # A fixed cycle that ended before today is a notice (docs/semantics.md), nothing else is.
    assert [line for line in validated.stderr.splitlines() if "该周期已结束" not in line] == []
    checked = run_cli("check", str(folder), "--rules", RULES, "-f", "json", "--as-of", "2022-12-31")
    assert checked.exit_code == 1
    report = json.loads(checked.stdout)
    assert report["score"] == 0
    assert report["errors"] == []
    assert report["passed"] is False


def test_never_writes_into_an_existing_folder(tmp_path: Path) -> None:
    target = tmp_path / "已有"
    target.mkdir()
    (target / "材料.docx").write_bytes(b"keep me")
    result = run_cli("init", str(target), "--type", "机关", "--rules", RULES)
    assert result.exit_code == 2
    assert "已存在且不是空文件夹" in result.stderr
    assert [p.name for p in target.iterdir()] == ["材料.docx"]


def test_unknown_unit_type(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "x"), "--type", "工厂", "--rules", RULES)
    assert result.exit_code == 2
    assert "单位类型 '工厂' 不在规则集的 unit_types" in result.stderr
    assert not (tmp_path / "x").exists()


def test_other_unit_types_leave_out_what_does_not_apply(tmp_path: Path) -> None:
    """Another type takes its own set (given explicitly until the CLI picks it by type): the
    organ's items are not in it, its own are."""
    rules = str(REPO / "rules" / "文明社区")
    target = tmp_path / "社区"
    assert run_cli("init", str(target), "--type", "社区", "--rules", rules).exit_code == 0
    readme = (target / "README.md").read_text(encoding="utf-8")
    organ = load_ruleset(REPO / "rules" / "文明单位-机关").rules
    community = {rule.title for rule in load_ruleset(REPO / "rules" / "文明社区").rules}
    assert any(
        f"{rule.title}（" in readme for rule in load_ruleset(REPO / "rules" / "文明社区").rules
    )
    assert not any(f" {rule.title}（" in readme for rule in organ if rule.title not in community)
    assert "类型: 社区" in (target / "unit.yaml").read_text(encoding="utf-8")
    assert run_cli("validate", str(target), "--rules", rules).exit_code == 0
