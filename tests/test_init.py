"""``checker init``: a new unit's folder that validates cleanly and honestly fails its check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from checker.rules.loader import load_ruleset
from conftest import REPO, run_cli

RULES = str(REPO / "rules")


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
    workbook = CalamineWorkbook.from_path(str(path))
    return [str(cell) for cell in workbook.get_sheet_by_index(0).to_python()[0]]


def test_layout(folder: Path) -> None:
    ruleset = load_ruleset(REPO / "rules")
    for number, category in enumerate(ruleset.categories):
        assert (folder / f"{number:02d}-{category}" / "_folder.yaml").is_file()
    unit = (folder / "unit.yaml").read_text(encoding="utf-8")
    assert "名称: 兴义市某局" in unit and "类型: 机关" in unit
    assert "网格: []" in unit and "帮扶户: []" in unit
    defaults = (folder / "04-志愿服务" / "活动（普法）" / "_folder.yaml").read_text(
        encoding="utf-8"
    )
    assert "类型: 活动" in defaults and "标签: [普法]" in defaults


def test_ledger_templates_have_the_columns_the_rules_read(folder: Path) -> None:
    assert _header(folder / "05-创文与网格包保" / "网格" / "网格台账.xlsx") == [
        "日期",
        "标题",
        "网格",
        "发放手册",
        "附件",
    ]
    assert _header(folder / "04-志愿服务" / "活动（普法）" / "活动（普法）台账.xlsx") == [
        "日期",
        "标题",
        "发放资料",
        "发放物品",
        "附件",
    ]
    assert "佐证照片" in _header(folder / "04-志愿服务" / "志愿服务" / "志愿服务台账.xlsx")
    assert "姓名" in _header(
        folder / "04-志愿服务" / "名册（注册志愿者）" / "名册（注册志愿者）台账.xlsx"
    )


def test_readme_lists_every_applicable_rule(folder: Path) -> None:
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for rule in load_ruleset(REPO / "rules").rules:
        if rule.applies_to is None or "机关" in rule.applies_to:
            assert f"### {rule.id} {rule.title}" in readme
    assert "（放在 `05-创文与网格包保/网格/`）" in readme
    assert "每周" in readme


def _fill_in_staff(folder: Path) -> None:
    """What the README asks first: the template's 职工人数 0 is not filled in, and a rule
    taking a share of it is not evaluated until it is."""
    unfilled = run_cli("validate", str(folder), "--rules", RULES)
    assert unfilled.exit_code == 2
    assert "unit.yaml 的职工人数未填写（为 0），无法按比例计算" in unfilled.stderr
    unit = folder / "unit.yaml"
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace("职工人数: 0 ", "职工人数: 40 ", 1), encoding="utf-8")


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
    target = tmp_path / "社区"
    assert run_cli("init", str(target), "--type", "社区", "--rules", RULES).exit_code == 0
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert "### E2" not in readme and "### F1" not in readme
    assert "网格: []" not in (target / "unit.yaml").read_text(encoding="utf-8")
    _fill_in_staff(target)
    assert run_cli("validate", str(target), "--rules", RULES).exit_code == 0
