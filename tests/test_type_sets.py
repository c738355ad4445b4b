"""The bundled sets for the other creation types (事业单位/企业 with 窗口单位, 学校, 社区, 村镇):
each loads with its shared vetoes, weighs like the real tables, names its basis, carries no
trace of the sample organ, and real-format documents satisfy its organisation items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.engine.select import Selector
from checker.evidence.text import TextStore
from checker.rules.loader import RuleSet, load_ruleset
from conftest import REPO, dump, load_folder, run_cli, write_tree

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


def test_school_registers_are_aliases_of_the_canonical_types() -> None:
    vocabulary = _set("文明校园").vocabulary
    assert vocabulary.resolve("主题班会") == "活动"
    assert vocabulary.resolve("升旗仪式") == "活动"
    assert vocabulary.resolve("家长学校") == "活动"
    assert vocabulary.resolve("师德师风") == "学习"
