"""The rule-language additions that shape a rule set: shared files, overlays a unit switches
on, patterns checked when the set loads, rolling cycles, look-back and basis."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from checker.errors import InputError
from checker.rules.loader import load_ruleset
from checker.rules.models import Cycle
from checker.rules.patterns import PatternError, compiled, widened
from conftest import BASE_RULESET, dump, run_cli, write_tree


def _rules(*items: dict[str, Any], category: str = "测试", **header: Any) -> str:
    return dump({"category": category, **header, "rules": list(items)})


def _rule(rule_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": rule_id,
        "title": f"规则{rule_id}",
        "score": 1,
        "requires": [{"name": "活动", "type": "活动"}],
        **extra,
    }


def _library(tmp_path: Path, meta: dict[str, Any] | None = None) -> Path:
    """A set beside a shared folder and an overlay, as the bundled sets are laid out."""
    write_tree(
        tmp_path,
        {
            "共用/否决.yaml": _rules(_rule("V1", veto=True), category="一票否决"),
            "机关/ruleset.yaml": dump(
                {
                    **BASE_RULESET,
                    "include": ["../共用/否决.yaml"],
                    "overlays": {"本地": "../扩展/本地"},
                    **(meta or {}),
                }
            ),
            "机关/a.yaml": _rules(_rule("A1"), _rule("A2"), category="组织领导"),
            "机关/b.yaml": _rules(_rule("B1"), category="参与创建"),
            "扩展/本地/网格.yaml": _rules(_rule("L1"), _rule("L2"), replaces=["参与创建"]),
        },
    )
    return tmp_path / "机关"


def test_shared_files_are_part_of_the_set_and_overlays_wait_to_be_switched_on(
    tmp_path: Path,
) -> None:
    rules = load_ruleset(_library(tmp_path))
    assert [rule.id for rule in rules.rules] == ["A1", "A2", "B1", "V1"]
    assert [rule.id for rule in rules.overlays["本地"].rules] == ["L1", "L2"]
    assert rules.overlays["本地"].replaces == {"参与创建"}
    assert rules.rule("L2") is not None  # a waiver may name an overlay's rule


def _assess(tmp_path: Path, unit: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    root = _library(tmp_path)
    evidence = tmp_path / "ev"
    write_tree(
        evidence,
        {
            "unit.yaml": dump({"名称": "测试局", "类型": "机关", **unit}),
            "r.yaml": dump([{"类型": "活动", "日期": "2022-03-01", "标题": "清扫"}]),
        },
    )
    result = run_cli(
        "check", str(evidence), "--rules", str(root), "-f", "json", "--as-of", "2022-12-31"
    )
    return result.exit_code, json.loads(result.stdout) if result.stdout.startswith("{") else {}


def test_an_overlay_switched_on_takes_the_place_of_what_it_replaces(tmp_path: Path) -> None:
    _, plain = _assess(tmp_path / "a", {})
    assert [r["rule"] for r in plain["results"]] == ["A1", "A2", "B1", "V1"]
    _, local = _assess(tmp_path / "b", {"启用": ["本地"]})
    assert [r["rule"] for r in local["results"]] == ["A1", "A2", "L1", "L2", "V1"]


def test_an_unknown_overlay_is_a_problem_at_the_unit_file(tmp_path: Path) -> None:
    root = _library(tmp_path)
    write_tree(tmp_path / "ev", {"unit.yaml": "名称: 测试局\n类型: 机关\n启用: [本土]\n"})
    result = run_cli("validate", str(tmp_path / "ev"), "--rules", str(root))
    assert result.exit_code == 2
    assert "unit.yaml:3:" in result.output
    assert "启用的 '本土' 不是本规则集的可选部分（可选：本地），是否为 '本地'？" in result.output


def _with_extra_overlay(tmp_path: Path, unit: dict[str, Any]) -> tuple[int, list[str]]:
    """The library plus an overlay 附加 that replaces nothing, assessed for ``unit``."""
    root = _library(tmp_path, {"overlays": {"本地": "../扩展/本地", "附加": "../扩展/附加"}})
    write_tree(tmp_path / "扩展/附加", {"a.yaml": _rules(_rule("X1"), category="特色")})
    evidence = tmp_path / "ev"
    write_tree(evidence, {"unit.yaml": dump({"名称": "测试局", "类型": "机关", **unit})})
    result = run_cli(
        "check", str(evidence), "--rules", str(root), "-f", "json", "--as-of", "2022-12-31"
    )
    return result.exit_code, [r["rule"] for r in json.loads(result.stdout)["results"]]


def test_an_overlay_replacing_nothing_comes_after_the_base_rules(tmp_path: Path) -> None:
    _, ids = _with_extra_overlay(tmp_path, {"启用": ["附加", "本地"]})
    assert ids == ["A1", "A2", "L1", "L2", "V1", "X1"]


def test_a_missing_include_is_named(tmp_path: Path) -> None:
    root = _library(tmp_path, {"include": ["../共用/没有.yaml"]})
    with pytest.raises(InputError) as caught:
        load_ruleset(root)
    assert "include 列出的 '../共用/没有.yaml' 不存在" in str(caught.value.problems[0])


def test_a_pattern_re2_cannot_compile_is_a_problem_where_it_is_written(tmp_path: Path) -> None:
    bad = _rule("A1", requires=[{"name": "x", "type": "文件", "pattern": ["ok", "(组)长\\1"]}])
    write_tree(tmp_path, {"ruleset.yaml": dump(BASE_RULESET), "a.yaml": _rules(bad)})
    with pytest.raises(InputError) as caught:
        load_ruleset(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.message.split("（")[0]) == (11, "正则表达式 '(组)长\\1' 无效")


def test_a_pattern_that_would_backtrack_forever_runs_in_linear_time() -> None:
    # (a+)+$ against 30,000 a's and a b: exponential for a backtracking engine.
    assert compiled("(a+)+$").search("a" * 30_000 + "b") is None


@pytest.mark.parametrize(
    ("pattern", "text", "hit"),
    [
        (r"组\s*长", "组　长", True),  # U+3000
        (r"组\s*长", "组\u00a0长", True),  # no-break space
        (r"组[\s:]长", "组　长", True),  # \s inside a class
        (r"组\S长", "组　长", False),
        (r"组\S长", "组x长", True),
        (r"组[\s:]长", "组X长", False),
        (r"组[:\s]长", "组　长", True),  # \s after another member of the class
        (r"组[^\s]长", "组[长", True),  # a negated class excludes only what it lists
        (r"组[^\s]长", "组　长", False),
        (r"组[]\s]长", "组]长", True),  # a literal ] opening a class
        (r"组[]\s]长", "组　长", True),
        (r"组[^]\s]长", "组　长", False),  # a literal ] opening a negated class
        (r"组[^]\s]长", "组]长", False),
        (r"组[^]\s]长", "组x长", True),
        (r"[^\s]长", "　长", False),
        (r"\s组长", "　组长", True),  # at either end of the pattern
        (r"组长\s", "组长　", True),
        (r"组长\S", "组长　", False),
        (r"组\\s长", "组\\s长", True),  # an escaped backslash, then a plain s
        (r"组\\s长", "组　长", False),
        (r"[组]\s长", "组　长", True),  # after a class has closed
        (r"组\d\s长", "组1　长", True),  # after another escape
    ],
)
def test_white_space_in_a_pattern_includes_the_full_width_space(
    pattern: str, text: str, hit: bool
) -> None:
    assert (compiled(pattern).search(text) is not None) is hit, widened(pattern)


def test_a_pattern_ending_in_a_lone_backslash_is_a_pattern_error() -> None:
    with pytest.raises(PatternError):
        compiled("组长\\")


def test_a_placeholder_is_not_a_quantifier() -> None:
    assert compiled(r"组.{0,3}长").search("组一二三长") is not None


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        ("2020-06-01", "2021-01-01", "2023-12-31"),  # before the first cycle: the first
        ("2021-01-01", "2021-01-01", "2023-12-31"),
        ("2023-12-31", "2021-01-01", "2023-12-31"),
        ("2024-01-01", "2024-01-01", "2026-12-31"),
        ("2025-07-01", "2024-01-01", "2026-12-31"),  # mid-2025: the 2024—2026 cycle
        ("2027-01-01", "2027-01-01", "2029-12-31"),
    ],
)
def test_a_rolling_cycle_is_the_one_holding_the_day(day: str, first: str, last: str) -> None:
    cycle = Cycle.model_validate({"start": "2021-01-01", "years": 3})
    held = cycle.holding(dt.date.fromisoformat(day))
    assert held == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_a_rolling_cycle_from_a_date_mid_year_turns_on_that_day() -> None:
    cycle = Cycle.model_validate({"start": "2021-07-01", "years": 2})
    assert cycle.holding(dt.date(2023, 6, 30)) == (dt.date(2021, 7, 1), dt.date(2023, 6, 30))
    assert cycle.holding(dt.date(2023, 7, 1)) == (dt.date(2023, 7, 1), dt.date(2025, 6, 30))


@pytest.mark.parametrize(
    ("cycle", "message"),
    [
        ({"start": "2021-01-01"}, "须给出 end（结束日期）或 years（每届年数）之一"),
        ({"start": "2021-01-01", "end": "2023-12-31", "years": 3}, "之一"),
        ({"start": "2021-01-01", "years": 0}, "'years' 应 ≥ 1"),
    ],
)
def test_a_cycle_is_fixed_or_rolling(tmp_path: Path, cycle: dict[str, Any], message: str) -> None:
    write_tree(
        tmp_path,
        {"ruleset.yaml": dump({**BASE_RULESET, "cycle": cycle}), "a.yaml": _rules(_rule("A1"))},
    )
    with pytest.raises(InputError) as caught:
        load_ruleset(tmp_path)
    assert message in str(caught.value.problems[0])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"lookback": "24 months"}, "只用于一票否决规则"),
        ({"veto": True, "lookback": "两年"}, "回溯期 '两年' 无法识别"),
        ({"veto": True, "lookback": "0 months"}, "回溯期 '0 months' 至少为 1 个月"),
        ({"basis": {"kind": "猜测", "source": "x"}}, "basis"),
    ],
)
def test_lookback_and_basis_are_checked(
    tmp_path: Path, extra: dict[str, Any], message: str
) -> None:
    write_tree(
        tmp_path, {"ruleset.yaml": dump(BASE_RULESET), "a.yaml": _rules(_rule("A1", **extra))}
    )
    with pytest.raises(InputError) as caught:
        load_ruleset(tmp_path)
    assert message in str(caught.value.problems[0])


def test_lookback_and_basis_are_accepted_as_written(tmp_path: Path) -> None:
    rule = _rule(
        "V1",
        veto=True,
        lookback="24个月",
        basis={"kind": "参照", "source": "银川市文明单位动态管理办法"},
    )
    write_tree(tmp_path, {"ruleset.yaml": dump(BASE_RULESET), "a.yaml": _rules(rule)})
    (loaded,) = load_ruleset(tmp_path).rules
    assert loaded.basis is not None and loaded.basis.kind == "参照"


def test_a_set_counts_its_own_rules_and_its_overlays_apart(tmp_path: Path) -> None:
    from checker.rules.document import render_library

    listing = render_library([load_ruleset(_library(tmp_path))])
    # what a unit's report counts without the overlay, and the overlay on its own
    assert "4 条规则（另有可选扩展：本地 2 条）" in listing


def test_a_character_class_in_a_pattern_is_not_a_placeholder(tmp_path: Path) -> None:
    """RE2's \\p{Han} is a class: the set loads, and no fact called Han is asked for."""
    rule = _rule("A1", requires=[{"name": "x", "type": "文件", "pattern": "\\p{Han}{2}领导小组"}])
    write_tree(tmp_path, {"ruleset.yaml": dump(BASE_RULESET), "a.yaml": _rules(rule)})
    (loaded,) = load_ruleset(tmp_path).rules
    assert compiled(loaded.requires[0].pattern[0]).search("成立领导小组") is not None


def test_every_unknown_overlay_is_named_not_only_the_first(tmp_path: Path) -> None:
    root = _library(tmp_path)
    write_tree(tmp_path / "ev", {"unit.yaml": "名称: 测试局\n类型: 机关\n启用: [本土, 外地]\n"})
    result = run_cli("validate", str(tmp_path / "ev"), "--rules", str(root))
    assert result.exit_code == 2
    assert "'本土'" in result.output and "'外地'" in result.output
