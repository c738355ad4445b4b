"""The bundled rule set encodes the domain brief completely, and docs/rules.md is its
generated reference, never out of date."""

from __future__ import annotations

from collections import defaultdict

from checker.rules.document import render_markdown
from checker.rules.loader import load_ruleset
from conftest import REPO

RULES = load_ruleset(REPO / "rules")
# CRITERIA.md: categories and points, items per category, veto items
CATEGORIES = {
    "组织领导": (15, ["A1", "A2", "A3", "A4", "A5", "A6"]),
    "思想道德教育": (20, ["B1", "B2", "B3", "B4", "B5", "B6"]),
    "宣传阵地与氛围": (10, ["C1", "C2", "C3", "C4"]),
    "志愿服务": (15, ["D1", "D2", "D3", "D4"]),
    "创文与网格包保": (15, ["E1", "E2", "E3", "E4"]),
    "结对帮扶与社会责任": (10, ["F1", "F2", "F3", "F4"]),
    "机关建设与满意度": (15, ["G1", "G2", "G3", "G4"]),
}


def test_categories_items_and_points_for_an_organ() -> None:
    found: dict[str, list[str]] = defaultdict(list)
    points: dict[str, float] = defaultdict(float)
    for rule in RULES.rules:
        found[rule.category].append(rule.id)
        if rule.applies_to is None or "机关" in rule.applies_to:
            points[rule.category] += rule.score
    for category, (total, ids) in CATEGORIES.items():
        assert found[category] == ids
        assert points[category] == total
    assert sum(points.values()) == 100


def test_veto_gate() -> None:
    veto = [rule for rule in RULES.rules if rule.veto]
    assert [rule.id for rule in veto] == ["V1", "V2", "V3", "V4", "V5", "V6"]
    for rule in veto:
        assert rule.score == 0
        assert [(r.type, r.max) for r in rule.requires] == [(["事件"], 0)]
    declaration = RULES.rule("V0")
    assert declaration is not None and not declaration.veto
    assert declaration.requires[0].type == ["声明"]
    assert declaration.requires[0].period == "year"


def test_every_rule_has_its_basis_guidance_and_department() -> None:
    for rule in RULES.rules:
        assert len(rule.clause) >= 10, rule.id
        assert len(rule.guidance) >= 20, rule.id
        assert rule.responsible, rule.id


def test_manual_items_are_the_on_site_and_survey_ones() -> None:
    manual = {rule.id: rule.method for rule in RULES.rules if rule.manual}
    assert manual == {"C3": "实地考察", "G2": "实地考察", "G3": "问卷调查"}


def test_the_ruleset_says_the_official_table_was_not_available() -> None:
    assert "未能取得" in RULES.meta.description
    assert "默认值" in RULES.meta.description
    assert RULES.meta.cycle.start.isoformat() == "2021-01-01"


def test_the_type_vocabulary_of_the_brief() -> None:
    vocabulary = RULES.vocabulary
    for alias, canonical in [
        ("红头文件", "文件"),
        ("计划", "方案"),
        ("自查报告", "总结"),
        ("党组会议", "会议"),
        ("中心组学习", "学习"),
        ("道德讲堂", "讲堂"),
        ("展板", "宣传阵地"),
        ("入户", "网格"),
        ("走访", "帮扶"),
        ("简报", "信息报送"),
        ("文明职工", "评选"),
        ("承诺", "声明"),
        ("事故", "事件"),
        ("分工表", "名册"),
    ]:
        assert vocabulary.resolve(alias) == canonical


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    """Regenerate with: checker rules --format markdown > docs/rules.md"""
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == render_markdown(RULES)
