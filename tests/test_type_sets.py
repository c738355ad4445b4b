"""The bundled sets for the other creation types (事业单位/企业 with 窗口单位, 学校, 社区, 村镇):
each loads with its shared vetoes, weighs like the real tables, names its basis, carries no
trace of the sample organ, and real-format documents satisfy its organisation items."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine.select import Selector
from checker.evidence.loader import load_evidence
from checker.rules.loader import RuleSet, load_ruleset
from conftest import REPO, dump, write_tree
from type_set_documents import ITEMS, Table

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
