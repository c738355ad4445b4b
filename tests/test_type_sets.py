"""The bundled sets for the other creation types (事业单位/企业 with 窗口单位, 学校, 社区, 村镇):
each loads with its shared vetoes, weighs like the real tables, names its basis, carries no
trace of the sample organ, and real-format documents satisfy its organisation items."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.engine.select import Selector
from checker.evidence.loader import load_evidence
from checker.rules.loader import RuleSet, load_ruleset
from conftest import REPO, dump, run_cli, write_tree
from type_set_documents import ITEMS, WORDS, Table

SETS = {
    "文明单位-企事业": ["事业单位", "企业"],
    "文明校园": ["学校"],
    "文明社区": ["社区"],
    "文明村镇": ["村", "镇"],
}
SAMPLE_WORDS = ["人大", "周末志愿红", "人大先锋", "栗坪", "戈多", "洒金", "木贾", "白碗窑"]


def _set(name: str) -> RuleSet:
    return load_ruleset(REPO / "rules" / name)


@pytest.mark.parametrize("name", SETS)
def test_each_set_loads_with_its_vetoes_and_weighs_like_the_real_tables(name: str) -> None:
    rules = _set(name)
    assert rules.meta.unit_types == SETS[name]
    assert rules.meta.official is False
    assert rules.meta.cycle.years == 3
    assert rules.rule("V0") is not None and rules.rule("V1") is not None
    assert sum(rule.score for rule in rules.rules) == 100
    assert sum(rule.score for rule in rules.rules if rule.manual) >= 20
    for rule in rules.rules:
        assert rule.basis is not None, rule.id
        assert rule.guidance and rule.responsible, rule.id
        if "特色" in rule.title:
            assert rule.method == "实地考察", rule.id  # judged, never automatic


def test_the_window_overlay_adds_service_points_and_replaces_nothing() -> None:
    overlay = _set("文明单位-企事业").overlays["窗口单位"]
    assert overlay.replaces == frozenset()
    assert [rule.category for rule in overlay.rules] == ["优质服务"] * 4
    assert sum(rule.score for rule in overlay.rules) == 10
    assert all(rule.basis is not None for rule in overlay.rules)


def test_no_trace_of_the_sample_organ() -> None:
    folders = [REPO / "rules" / name for name in SETS] + [REPO / "rules/扩展/窗口单位"]
    for folder in folders:
        for path in folder.rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            for word in SAMPLE_WORDS:
                assert word not in text, (path, word)


def test_community_and_village_share_files_not_copies() -> None:
    community, village = _set("文明社区"), _set("文明村镇")
    own = {"A1", "A2", "A3", "A4", "A5", "C1", "F1"}  # what truly differs: 两委, 公约, 村容村貌
    for rules in (community, village):
        assert [rule.id for rule in rules.rules if rule.id[0] != "V"] == [
            rule.id for rule in community.rules if rule.id[0] != "V"
        ]
        for rule in rules.rules:
            in_shared = "/共用/基层/" in Path(rule.file).as_posix()
            assert in_shared == (rule.id not in own and rule.id[0] != "V"), rule.id
        # each category in one run, in table order, though C and F are split across files
        runs = [rule.category for rule in rules.rules]
        assert rules.categories == [c for i, c in enumerate(runs) if i == 0 or runs[i - 1] != c]
    pairs = zip(community.rules, village.rules, strict=True)
    assert [a.id for a, b in pairs if a.title != b.title] == ["A1", "A2", "A4", "C1"]
    assert community.rule("C1").title == "制定（修订）居民公约并公示"  # type: ignore[union-attr]
    assert "村规民约" in village.rule("C1").title  # type: ignore[union-attr]


def test_school_registers_are_aliases_of_the_canonical_types() -> None:
    vocabulary = _set("文明校园").vocabulary
    assert vocabulary.resolve("主题班会") == "活动"
    assert vocabulary.resolve("升旗仪式") == "活动"
    assert vocabulary.resolve("家长学校") == "活动"
    assert vocabulary.resolve("师德师风") == "学习"


def _selected(tmp_path: Path, name: str, rule_id: str, index: int, table: Table) -> set[int]:
    """The positions of the cases (matches first, then misses) the requirement selects."""
    rules = _set(name)
    cases = table["match"] + table["miss"]
    files: dict[str, str | bytes] = {
        f"r{day:02d}.md": "---\n"
        + dump({"类型": kind, "日期": f"2022-03-{day + 1:02d}", "标题": f"{day}｜{title}"})
        + f"---\n{body}\n"
        for day, (kind, title, body) in enumerate(cases)
    }
    root = tmp_path / "ev"
    unit = {"名称": "测试单位", "类型": SETS[name][0]}
    write_tree(root, {"unit.yaml": dump(unit), **files})
    evidence = load_evidence(root, rules, "ev")
    assert not evidence.problems, evidence.problems
    rule = rules.rule(rule_id)
    assert rule is not None
    selector = Selector(evidence.records, rules.vocabulary, evidence.texts)
    found, _ = selector.select(rule.requires[index])
    return {int(record.title.split("｜", 1)[0]) for record in found}


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize(("rule_id", "index"), list(ITEMS))
def test_real_documents_satisfy_the_organisation_items(
    tmp_path: Path, name: str, rule_id: str, index: int
) -> None:
    table = ITEMS[rule_id, index](name)
    assert len(table["match"]) >= 10 and len(table["miss"]) >= 10
    wanted = set(range(len(table["match"])))
    assert _selected(tmp_path, name, rule_id, index, table) == wanted


# End to end: a small folder as each kind of unit keeps it, through the CLI.
UNITS = {
    "文明单位-企事业": {"名称": "兴义市某某供水有限公司", "类型": "企业", "职工人数": 40},
    "文明校园": {"名称": "兴义市某某中学", "类型": "学校", "职工人数": 60},
    "文明社区": {"名称": "某某街道某某社区", "类型": "社区"},
    "文明村镇": {"名称": "某某镇某某村", "类型": "村"},
}
HEADS = {
    "文明单位-企事业": ("关于调整文明单位创建工作领导小组的通知", "张　三　党委书记、董事长"),
    "文明校园": ("关于调整文明校园创建工作领导小组的通知", "张　三　校党委书记、校长"),
    "文明社区": ("关于调整文明社区创建工作领导小组的通知", "张　三　社区党委书记、居委会主任"),
    "文明村镇": ("关于调整文明村创建工作领导小组的通知", "张　三　村党支部书记、村委会主任"),
}


def _notice(title: str, head: str) -> bytes:
    """The group notice as offices type it: 文号, title, 组　长 in full-width spaces."""
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("〔2024〕3号")
    document.add_heading(title, level=1)
    document.add_paragraph("经研究，决定调整创建工作领导小组，名单如下：")
    document.add_paragraph(f"组　长：{head}")
    document.add_paragraph("副组长：李　四")
    document.add_paragraph("成　员：各部门负责人")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _ledger(word: str) -> bytes:
    """A volunteer ledger: merged title row, unit row, header, rows, sign-off line."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "志愿服务"
    sheet.append([f"2024年{word}志愿服务活动台账"])
    sheet.merge_cells("A1:F1")
    sheet.append(["填报单位：（盖章）", "", "", "", "填报时间：2024年12月"])
    sheet.append(["序号", "时间", "地点", "内容", "负责人", "参加人员（人数）"])
    for month in range(1, 13):  # every month of 2024 up to the assessment date
        sheet.append([month, f"2024年{month}月10日", "辖区", "文明劝导志愿服务", "李四", 8])
    sheet.append(["填表人：王五", "", "审核人：张三"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _record(kind: str, date: str, title: str, body: str = "") -> str:
    return "---\n" + dump({"类型": kind, "日期": date, "标题": title}) + f"---\n{body}\n"


def _folder(root: Path, name: str) -> None:
    word = WORDS[name]
    title, head = HEADS[name]
    meeting = f"议题：研究{word}创建工作\n议定事项：……"
    write_tree(
        root,
        {
            "unit.yaml": dump(UNITS[name]),
            "01-组织领导/_folder.yaml": dump({"类型": "文件"}),
            f"01-组织领导/2024-02-20 {title}.docx": _notice(title, head),
            "01-组织领导/方案.md": _record("方案", "2024-01-15", f"2024—2026年创建{word}实施方案"),
            "01-组织领导/计划.md": _record("方案", "2024-01-20", f"2024年{word}创建工作计划"),
            "01-组织领导/要点.md": _record(
                "要点", "2024-01-10", "2024年工作要点", f"三、{word}创建"
            ),
            "01-组织领导/会议一.md": _record("会议", "2024-03-01", "会议记录", meeting),
            "01-组织领导/会议二.md": _record("会议", "2024-09-01", "会议纪要", meeting),
            "01-组织领导/总结.md": _record("总结", "2024-12-20", f"2024年{word}创建工作总结"),
            f"04-志愿服务/2024年{word}志愿服务活动台账.xlsx": _ledger(word),
        },
    )


def _check(folder: Path, *args: str) -> dict[str, Any]:
    result = run_cli("check", str(folder), "-f", "json", "--as-of", "2024-12-31", *args)
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _status(data: dict[str, Any]) -> dict[str, str]:
    return {result["rule"]: result["status"] for result in data["results"]}


# Score by hand, assessed 2024-12-31 (cycle 2024—2026, the year 2024): the five organisation
# items pass in full, 8 points (A1 2: notice with 组　长：… ; A2 1: 要点 names the creation;
# A3 2: 2024—2026 方案 and 2024 计划; A4 2: two meetings on it; A5 1: the summary).
# The ledger's 12 monthly 文明劝导 rows add: 企事业 D3 4 (monthly service) + G1 4 (taking part
# in the city's creation: 文明劝导) = 16; 校园 F3 3 (师生志愿服务) = 11; 社区 and 村镇 E4 5
# (monthly service) + F4 3 (劝导) = 16. No 承诺 that year: V0 is a gap, never a veto.
EXPECTED = {
    "文明单位-企事业": (16, {"D3": "pass", "G1": "pass", "B1": "fail", "F1": "manual"}),
    "文明校园": (11, {"F3": "pass", "A6": "fail", "G1": "manual"}),
    "文明社区": (16, {"E4": "pass", "F4": "pass", "C1": "fail", "G1": "manual"}),
    "文明村镇": (16, {"E4": "pass", "F4": "pass", "C1": "fail", "G5": "manual"}),
}


@pytest.mark.parametrize("name", SETS)
def test_a_unit_of_each_type_end_to_end(tmp_path: Path, name: str) -> None:
    _folder(tmp_path / "ev", name)
    data = _check(tmp_path / "ev", "--rules", str(REPO / "rules" / name))
    score, statuses = EXPECTED[name]
    status = _status(data)
    assert data["score"] == score
    for rule_id in ("A1", "A2", "A3", "A4", "A5"):
        assert status[rule_id] == "pass", rule_id
    assert status["V0"] == "fail" and status["V1"] == "pass"
    assert {rule: status[rule] for rule in statuses} == statuses
    assert not data["veto"]


@pytest.mark.parametrize(
    ("name", "unit_type"), [("文明校园", "学校"), ("文明村镇", "村"), ("文明单位-企事业", "企业")]
)
def test_without_rules_the_set_is_the_units_type(tmp_path: Path, name: str, unit_type: str) -> None:
    _folder(tmp_path / "ev", name)
    data = _check(tmp_path / "ev")
    assert data["ruleset"]["title"] == _set(name).meta.title
    assert UNITS[name]["类型"] == unit_type
    assert data["score"] == EXPECTED[name][0]


def test_a_window_unit_gets_the_service_items(tmp_path: Path) -> None:
    name = "文明单位-企事业"
    _folder(tmp_path / "plain", name)
    _folder(tmp_path / "window", name)
    unit = {**UNITS[name], "启用": ["窗口单位"]}
    write_tree(tmp_path / "window", {"unit.yaml": dump(unit)})
    rules = str(REPO / "rules" / name)
    plain = _check(tmp_path / "plain", "--rules", rules)
    window = _check(tmp_path / "window", "--rules", rules)
    added = {"W1", "W2", "W3", "W4"}
    assert not added & set(_status(plain))
    assert added <= set(_status(window))
    assert window["max"] == plain["max"] + 10  # W1–W4 carry 10 points between them


def test_rules_show_names_the_set_and_the_others_holding_the_same_id() -> None:
    shown = run_cli("rules", "show", "A1").stdout
    assert "规则集：兴义市文明单位测评细则（机关·参考版）" in shown
    assert "另有同编号的规则见：" in shown and "兴义市文明校园测评细则（参考版）（学校）" in shown
    school = run_cli("rules", "show", "A1", "--type", "学校").stdout
    assert "规则集：兴义市文明校园测评细则（参考版）" in school and "另有同编号" not in school
