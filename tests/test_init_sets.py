"""``checker init --type`` on each bundled set: the rosters its rules read, its overlays, and a
folder that validates for every creation type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from checker.engine.tailor import with_overlays
from checker.library import for_type
from checker.rules.loader import RuleSet, load_ruleset
from checker.rules.models import Requirement
from conftest import run_cli

AS_OF = "2024-06-30"  # in the 2024—2026 cycle of every bundled set
SAMPLE_WORDS = ("人大", "周末志愿红", "栗坪", "戈多", "洒金", "木贾", "白碗窑")
# What an office writes in a roster's columns; a column not listed here fails the test, so a
# new column is filled in on purpose, not by accident.
ROW = {
    "序号": 1,
    "姓名": "张三",
    "科室": "办公室",
    "职务": "干事",
    "联系电话": "13800000000",
    "注册编号": "52230100000001",
    "服务时长（小时）": 60,
    "登记日期": "2024-03-01",
    "网格": "第一网格",
    "网格员": "张三",
    "网格员职责": "入户宣传、环境整治",
    "帮扶户": "李四",
    "所在村（社区）": "某某村",
    "帮扶干部": "张三",
    "责任区域": "办公楼门前",
}
FACTS = {"网格": "第一网格", "帮扶户": "李四"}  # the unit.yaml lists the rows above name
_UNIT = re.compile(r"（[^）]*）$")


def _init(target: Path, unit_type: str, *enabled: str) -> None:
    options = [item for name in enabled for item in ("--enable", name)]
    result = run_cli("init", str(target), "--type", unit_type, *options)
    assert result.exit_code == 0, result.output


def _fill_unit(target: Path) -> None:
    """What the template's comments ask: the staff count, and each listed grid or household."""
    unit = target / "unit.yaml"
    text = unit.read_text(encoding="utf-8").replace("\n职工人数: 0\n", "\n职工人数: 40\n")
    for fact, value in FACTS.items():
        text = text.replace(f"\n{fact}: []\n", f"\n{fact}: [{value}]\n")
    unit.write_text(text, encoding="utf-8")


def _header(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [str(cell.value) for cell in sheet[2]]


def _fields(header: list[str]) -> set[str]:
    return {_UNIT.sub("", name) for name in header}


def _read(requirement: Requirement) -> set[str]:
    """The fields a requirement reads of a record."""
    named = (requirement.sum, requirement.distinct, requirement.per)
    return {*requirement.where, *(name for name in named if name)}


def _roster_requirements(rules: RuleSet, unit_type: str) -> list[tuple[str, Requirement]]:
    return [
        (rule.id, requirement)
        for rule in rules.rules
        if rule.applies_to is None or unit_type in rule.applies_to
        for requirement in rule.requires
        if "名册" in {rules.vocabulary.resolve(name) for name in requirement.type}
    ]


def _fill_rosters(target: Path) -> dict[str, list[str]]:
    """One row written in every roster under its header; the headers by file."""
    headers = {}
    for path in sorted(target.rglob("*名册.xlsx")):
        book = openpyxl.load_workbook(path)
        sheet = book.active
        assert sheet is not None
        header = [str(cell.value) for cell in sheet[2]]
        for column, name in enumerate(header, 1):
            assert name in ROW, (path.name, name)
            sheet.cell(3, column, ROW[name])
        book.save(path)
        headers[path.relative_to(target).as_posix()] = header
    return headers


@pytest.mark.parametrize(
    ("unit_type", "enabled"),
    [
        ("机关", ()),
        ("企业", ()),
        ("学校", ()),
        ("社区", ()),
        ("村", ()),
        ("机关", ("兴义创文",)),
        ("事业单位", ("窗口单位",)),
    ],
)
def test_every_roster_a_set_reads_holds_its_fields_and_a_filled_row_counts(
    tmp_path: Path, unit_type: str, enabled: tuple[str, ...]
) -> None:
    target = tmp_path / "新单位"
    _init(target, unit_type, *enabled)
    base = load_ruleset(for_type(None, unit_type))
    rules = RuleSet(base.meta, with_overlays(base, list(enabled)), base.vocabulary, base.root)
    wanted = _roster_requirements(rules, unit_type)
    assert wanted, unit_type
    assert not list(target.rglob("名册")), "a roster is named as offices name it, not 名册"
    _fill_unit(target)
    headers = _fill_rosters(target)
    for rule_id, requirement in wanted:
        holding = [f for f, header in headers.items() if _read(requirement) <= _fields(header)]
        assert holding, (rule_id, requirement.name, _read(requirement))
    checked = run_cli("check", str(target), "-f", "json", "--as-of", AS_OF)
    assert checked.exit_code == 1, checked.output  # a few rows do not pass a unit
    results = {r["rule"]: r for r in json.loads(checked.stdout)["results"]}
    for rule_id, requirement in wanted:
        found = next(q for q in results[rule_id]["requirements"] if q["name"] == requirement.name)
        files = {item["file"] for item in found["evidence"]}
        counted = [f for f in files & set(headers) if _read(requirement) <= _fields(headers[f])]
        assert counted, (unit_type, rule_id, requirement.name, files)


def test_organ_rosters_are_named_as_offices_name_them(tmp_path: Path) -> None:
    target = tmp_path / "机关"
    _init(target, "机关")
    registered = target / "03-志愿服务" / "注册志愿者名册" / "注册志愿者名册.xlsx"
    assert {"注册编号", "服务时长"} <= _fields(_header(registered))
    team = target / "03-志愿服务" / "志愿服务队队员名册" / "志愿服务队队员名册.xlsx"
    assert _header(team)[1:5] == ["姓名", "科室", "职务", "联系电话"]


def test_enable_an_overlay(tmp_path: Path) -> None:
    target = tmp_path / "机关"
    _init(target, "机关", "兴义创文")
    unit = (target / "unit.yaml").read_text(encoding="utf-8").splitlines()
    assert "启用: [兴义创文]" in unit
    for fact in ("网格", "帮扶户"):
        at = unit.index(f"{fact}: []")
        assert unit[at - 1].startswith(f"# 请逐个列出本单位的{fact}"), unit[at - 1]
    overlay = target / "06-创文网格包保与结对帮扶"
    for name in ("网格包保工作台账", "结对帮扶走访记录", "网格员名册", "结对帮扶花名册"):
        assert (overlay / name / "README.md").is_file(), name
    assert _header(overlay / "网格员名册" / "网格员名册.xlsx")[1:3] == ["网格", "网格员"]
    assert "帮扶干部" in _header(overlay / "结对帮扶花名册" / "结对帮扶花名册.xlsx")
    assert not list(target.glob("*-参与创建"))  # the overlay takes the category's place
    overview = (target / "README.md").read_text(encoding="utf-8")
    assert "### X1 " in overview and "已启用可选部分：兴义创文" in overview
    assert "工作表名称保留为名册的名称" in (overlay / "网格员名册" / "README.md").read_text(
        encoding="utf-8"
    )
    _fill_unit(target)
    validated = run_cli("validate", str(target))
    assert validated.exit_code == 0, validated.output
    assert validated.stderr == ""


def test_an_unknown_overlay_lists_the_sets_overlays(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "x"), "--type", "机关", "--enable", "创文")
    assert result.exit_code == 2
    assert "没有可选部分 '创文'（可选：兴义创文）" in result.stderr
    assert not (tmp_path / "x").exists()
    school = run_cli("init", str(tmp_path / "y"), "--type", "学校", "--enable", "兴义创文")
    assert school.exit_code == 2
    assert "本规则集没有可选部分" in school.stderr
    assert "--enable" in run_cli("init", "--help").stdout


def test_without_enable_the_offered_overlays_are_a_comment(tmp_path: Path) -> None:
    _init(tmp_path / "机关", "机关")
    organ = (tmp_path / "机关" / "unit.yaml").read_text(encoding="utf-8").splitlines()
    offered = [line for line in organ if "启用" in line]
    assert len(offered) == 1 and offered[0].startswith("# 启用: [兴义创文]")
    assert "可选：兴义创文" in offered[0]
    assert not any(line.startswith(("网格:", "帮扶户:")) for line in organ)
    overview = (tmp_path / "机关" / "README.md").read_text(encoding="utf-8")
    assert "--enable 兴义创文" in overview and "### X1 " not in overview
    _init(tmp_path / "学校", "学校")
    assert "启用" not in (tmp_path / "学校" / "unit.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("unit_type", ["机关", "事业单位", "企业", "学校", "社区", "村", "镇"])
def test_every_type_validates_once_staff_is_filled_in(tmp_path: Path, unit_type: str) -> None:
    target = tmp_path / unit_type
    _init(target, unit_type)
    assert f"类型: {unit_type}" in (target / "unit.yaml").read_text(encoding="utf-8")
    _fill_unit(target)
    validated = run_cli("validate", str(target))
    assert validated.exit_code == 0, validated.output
    assert validated.stderr == ""
    readmes = list(target.rglob("README.md"))
    assert len(readmes) > 10
    for readme in readmes:
        text = readme.read_text(encoding="utf-8")
        assert not [word for word in SAMPLE_WORDS if word in text], readme


@pytest.mark.parametrize("unit_type", ["机关", "企业", "学校", "社区", "村"])
def test_the_ratings_template_lists_the_on_site_items_and_its_example_rates_one(
    tmp_path: Path, unit_type: str
) -> None:
    """ratings.yaml comes commented out (nothing is rated before anyone has looked), names every
    on-site and survey item of the type, and its example, uncommented, is a valid rating."""
    target = tmp_path / unit_type
    _init(target, unit_type)
    _fill_unit(target)
    ratings = target / "ratings.yaml"
    text = ratings.read_text(encoding="utf-8")
    assert all(line.startswith("#") for line in text.splitlines())
    ruleset = load_ruleset(for_type(None, unit_type))
    on_site = [
        rule
        for rule in ruleset.rules
        if rule.manual and (rule.applies_to is None or unit_type in rule.applies_to)
    ]
    assert on_site
    for rule in on_site:
        assert f"#   {rule.id} {rule.title}（{rule.score:g} 分，{rule.method}）" in text
    before = json.loads(run_cli("check", str(target), "-f", "json", "--as-of", AS_OF).stdout)
    assert before["errors"] == [] and not any(r["rating"] for r in before["results"])
    lines = text.splitlines()
    example = [line[2:] for line in lines if line.startswith(("# - ", "#   ")) and ":" in line]
    ratings.write_text("\n".join(example[:5]) + "\n", encoding="utf-8")
    after = json.loads(run_cli("check", str(target), "-f", "json", "--as-of", AS_OF).stdout)
    assert after["errors"] == []
    (rated,) = [r for r in after["results"] if r["rating"]]
    assert rated["rule"] == on_site[0].id and rated["earned"] == on_site[0].score / 2
    assert after["score"] > before["score"]
