"""Choosing a set from a library of bundled rule sets, one per creation type, against a
synthetic library (the real one is written at the same time and must work the same)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import checker.resources
from conftest import BASE_RULESET, dump, run_cli, write_tree

SETS = {
    "文明单位-机关": ("文明单位测评（机关）", ["机关"], "A"),
    "文明单位-企事业": ("文明单位测评（企事业）", ["事业单位", "企业"], "B"),
    "文明校园": ("文明校园测评", ["学校"], "S"),
    "文明社区": ("文明社区测评", ["社区"], "C"),
    "文明村镇": ("文明村镇测评", ["村", "镇"], "V"),
}


def _rules(prefix: str) -> str:
    rule = {
        "id": f"{prefix}1",
        "title": f"{prefix}项目",
        "score": 2,
        "basis": {"kind": "参照", "source": "某市考评细则"},
        "requires": [{"name": "会议", "type": "会议"}],
    }
    return dump({"category": f"{prefix}类", "rules": [rule]})


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "library"
    files: dict[str, str | bytes] = {"共用/说明.txt": "shared files are not a set"}
    for folder, (title, types, prefix) in SETS.items():
        meta = {**BASE_RULESET, "id": folder, "title": title, "unit_types": types}
        meta |= {"official": False, "cycle": {"start": "2021-01-01", "years": 3}}
        files[f"{folder}/ruleset.yaml"] = dump(meta)
        files[f"{folder}/rules.yaml"] = _rules(prefix)
    write_tree(root, files)
    monkeypatch.setattr(checker.resources, "bundled_library", lambda: root)
    monkeypatch.chdir(tmp_path)
    return root


def _evidence(tmp_path: Path, unit: dict[str, Any]) -> str:
    write_tree(tmp_path / "ev", {"unit.yaml": dump(unit)})
    return "ev"


@pytest.mark.parametrize(
    ("unit_type", "rule"), [("机关", "A1"), ("企业", "B1"), ("学校", "S1"), ("镇", "V1")]
)
def test_check_takes_the_set_of_the_units_type(
    library: Path, tmp_path: Path, unit_type: str, rule: str
) -> None:
    folder = _evidence(tmp_path, {"名称": "某单位", "类型": unit_type})
    result = run_cli("check", folder, "--as-of", "2025-07-01", "-f", "json")
    data = json.loads(result.stdout)
    assert [r["rule"] for r in data["results"]] == [rule]
    assert data["window"] == {"start": "2024-01-01", "end": "2025-07-01"}


@pytest.mark.parametrize(
    ("unit", "message", "line"),
    [
        ({"名称": "某单位", "类型": "工厂"}, "单位类型 '工厂' 没有对应的内置规则集", 2),
        ({"名称": "某单位"}, "unit.yaml 没有填写 类型，无法选择内置规则集", 1),
    ],
)
def test_a_missing_or_unknown_type_is_a_problem_at_unit_yaml(
    library: Path, tmp_path: Path, unit: dict[str, Any], message: str, line: int
) -> None:
    folder = _evidence(tmp_path, unit)
    for command in ("check", "validate"):
        result = run_cli(command, folder)
        assert result.exit_code == 2
        assert f"ev/unit.yaml:{line}:1: {message}" in result.stderr
        assert "机关、事业单位、企业、学校、社区、村、镇" in result.stderr


def test_local_rules_and_the_option_still_win(library: Path, tmp_path: Path) -> None:
    folder = _evidence(tmp_path, {"名称": "某单位", "类型": "学校"})
    given = library / "文明单位-机关"
    result = run_cli("check", folder, "--rules", str(given), "-f", "json")
    assert result.exit_code == 2
    assert "单位类型 '学校' 不在规则集的 unit_types（机关）中" in result.stderr
    write_tree(tmp_path / "rules", {"ruleset.yaml": dump(BASE_RULESET), "r.yaml": _rules("L")})
    data = json.loads(run_cli("check", folder, "--as-of", "2022-12-31", "-f", "json").stdout)
    assert [r["rule"] for r in data["results"]] == ["L1"]


@pytest.mark.parametrize("unit_type", ["机关", "事业单位", "企业", "学校", "社区", "村", "镇"])
def test_init_accepts_every_type_and_picks_its_set(
    library: Path, tmp_path: Path, unit_type: str
) -> None:
    result = run_cli("init", str(tmp_path / "new"), "--type", unit_type)
    assert result.exit_code == 0, result.output
    unit = (tmp_path / "new" / "unit.yaml").read_text(encoding="utf-8")
    assert f"类型: {unit_type}" in unit
    prefix = next(p for _, types, p in SETS.values() if unit_type in types)
    assert f"{prefix}项目" in (tmp_path / "new" / "README.md").read_text(encoding="utf-8")


def test_init_rejects_a_type_no_set_covers(library: Path, tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "new"), "--type", "工厂")
    assert result.exit_code == 2
    assert "单位类型 '工厂' 没有对应的内置规则集（可选：机关、事业单位、企业" in result.stderr


def test_rules_list_lists_the_sets_and_one_with_type(library: Path) -> None:
    listing = run_cli("rules", "list").stdout
    assert "文明单位测评（企事业）（1）  适用：事业单位、企业  2 分  1 条规则  参考版" in listing
    assert listing.count("适用：") == 5
    school = run_cli("rules", "list", "--type", "学校").stdout
    assert "S1" in school and "A1" not in school
    assert "适用：" not in school


def test_rules_show_finds_a_rule_in_any_set_or_in_the_types(library: Path) -> None:
    assert "S1 S项目" in run_cli("rules", "show", "S1").stdout
    assert "S1 S项目" in run_cli("rules", "show", "S1", "--type", "学校").stdout
    missing = run_cli("rules", "show", "S1", "--type", "机关")
    assert missing.exit_code == 2 and "没有编号为 'S1' 的规则" in missing.stderr


def test_the_rule_reference_has_a_section_per_set(library: Path) -> None:
    reference = run_cli("rules", "-f", "markdown", "list").stdout
    assert reference.startswith("# 内置规则库\n")
    for title, _, prefix in SETS.values():
        assert f"\n## {title}（1）\n" in reference
        assert f"\n#### {prefix}1 {prefix}项目\n" in reference
    assert reference.count("- 依据：参照 某市考评细则") == 5
    assert "| 文明村镇测评 | 村、镇 | 2 | 1 条规则 |" in reference


def _schema_types(*args: str) -> list[str]:
    result = run_cli("schema", "unit", *args)
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    return list(schema["properties"]["类型"]["anyOf"][0]["enum"])


def test_schema_takes_the_set_of_a_type_of_the_unit_here_or_the_first(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _schema_types() == ["机关"]  # no unit here: the library's first creation type
    assert _schema_types("--type", "企业") == ["事业单位", "企业"]
    _evidence(tmp_path, {"名称": "某单位", "类型": "镇"})
    monkeypatch.chdir(tmp_path / "ev")
    assert _schema_types() == ["村", "镇"]  # inside an evidence folder: its unit's set


@pytest.mark.parametrize(
    ("text", "chosen"),
    [
        ("{名称: 测试中学, 类型: 学校}\n", "S1"),  # flow style
        ("名称: 某村\n类型:\n  村\n", "V1"),  # the value on the next line
        ("名称: 某局\n备注:\n  类型: 学校\n类型: 机关\n", "A1"),  # a nested 类型 is not the unit's
    ],
)
def test_the_units_type_is_read_as_yaml_whatever_its_style(
    library: Path, tmp_path: Path, text: str, chosen: str
) -> None:
    write_tree(tmp_path / "ev", {"unit.yaml": text})
    result = run_cli("check", "ev", "--as-of", "2025-07-01", "-f", "json")
    assert [r["rule"] for r in json.loads(result.stdout)["results"]] == [chosen], result.output


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a.yaml": "x: 1\n"}, "ev/unit.yaml:1:1: 缺少单位档案 unit.yaml"),
        ({"unit.yaml": "名称: [\n"}, "ev/unit.yaml:2:1:"),  # the syntax error, where it is
    ],
)
def test_a_missing_or_broken_unit_yaml_is_named_not_the_packages_files(
    library: Path, tmp_path: Path, files: dict[str, str | bytes], message: str
) -> None:
    write_tree(tmp_path / "ev", files)
    result = run_cli("check", "ev")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "ruleset.yaml" not in result.stderr


def test_a_folder_that_does_not_exist_is_named(library: Path) -> None:
    result = run_cli("check", "没有这个文件夹")
    assert result.exit_code == 2
    assert "没有这个文件夹: 证据文件夹不存在" in result.stderr
