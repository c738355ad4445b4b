"""The comparison with a baseline report (``--baseline``), function by function: which rules
improved, regressed or changed, and by how much."""

from __future__ import annotations

from typing import Any

import pytest

from checker.engine.changes import compare


def _rule(rule_id: str, status: str, earned: float, label: str = "") -> dict[str, Any]:
    return {
        "rule": rule_id,
        "title": f"规则{rule_id}",
        "status": status,
        "earned": earned,
        "label": label or status,
    }


def _report(score: float, *results: dict[str, Any], best: float | None = None) -> dict[str, Any]:
    return {
        "as_of": "2022-12-31",
        "score": score,
        "best_score": best if best is not None else score,
        "grade": "达标",
        "results": list(results),
    }


def test_a_rule_met_now_and_not_before_is_improved_with_the_points_gained() -> None:
    before = _report(50, _rule("A1", "partial", 1.25, "部分达标"))
    after = _report(60, _rule("A1", "pass", 3, "达标"))
    change = compare(before, after)
    assert change["improved"] == [
        {"rule": "A1", "title": "规则A1", "before": "部分达标", "after": "达标", "points": 1.75}
    ]
    assert change["regressed"] == change["changed"] == []
    assert change["score_change"] == 10


def test_a_rule_met_before_and_not_now_is_a_regression() -> None:
    change = compare(_report(60, _rule("A1", "pass", 3)), _report(57, _rule("A1", "fail", 0)))
    assert [(e["rule"], e["points"]) for e in change["regressed"]] == [("A1", -3)]
    assert change["improved"] == change["changed"] == []


def test_a_partly_met_rule_that_was_met_is_a_regression_too() -> None:
    change = compare(_report(60, _rule("A1", "pass", 3)), _report(58, _rule("A1", "partial", 1)))
    assert [e["rule"] for e in change["regressed"]] == ["A1"]


def test_a_rule_met_before_and_in_error_now_is_a_regression() -> None:
    # a fact unit.yaml no longer holds leaves the rule unevaluated: the points are lost
    change = compare(_report(60, _rule("A1", "pass", 3)), _report(57, _rule("A1", "error", 0)))
    assert [(e["rule"], e["points"]) for e in change["regressed"]] == [("A1", -3)]


@pytest.mark.parametrize(
    ("before", "earned", "listed"),
    [(1.0, 1.0, False), (1.0, 1.004, False), (1.0, 1.006, True), (0.0, 0.005, True)],
)
def test_other_changes_count_from_half_a_hundredth_of_a_point(
    before: float, earned: float, listed: bool
) -> None:
    change = compare(
        _report(50, _rule("A1", "partial", before)), _report(50, _rule("A1", "partial", earned))
    )
    assert bool(change["changed"]) is listed


def test_a_changed_rule_quotes_both_labels_and_the_points_lost() -> None:
    before = _report(50, _rule("A1", "partial", 2.5, "部分达标"))
    after = _report(49, _rule("A1", "partial", 1.5, "部分达标（较低）"))
    assert compare(before, after)["changed"] == [
        {
            "rule": "A1",
            "title": "规则A1",
            "before": "部分达标",
            "after": "部分达标（较低）",
            "points": -1,
        }
    ]


def test_a_rule_new_since_the_baseline_and_one_removed_since() -> None:
    before = _report(50, _rule("OLD", "pass", 2))
    after = _report(50, _rule("NEW", "pass", 2))
    change = compare(before, after)
    assert change["improved"][0]["before"] == "（上次没有此项）"
    assert change["improved"][0]["points"] == 2
    assert change["removed"] == ["OLD"]


def test_a_met_rule_still_met_is_not_listed() -> None:
    change = compare(_report(60, _rule("A1", "pass", 3)), _report(60, _rule("A1", "pass", 3)))
    assert change["improved"] == change["regressed"] == change["changed"] == []


def test_score_changes_are_rounded_half_up_to_one_decimal_and_the_baseline_is_quoted() -> None:
    change = compare(_report(70.0, best=80.0), _report(70.25, best=79.75))
    assert (change["score_change"], change["best_score_change"]) == (0.3, -0.3)
    assert change["baseline"] == {
        "as_of": "2022-12-31",
        "score": 70.0,
        "best_score": 80.0,
        "grade": "达标",
    }


def test_a_baseline_without_scores_counts_from_zero() -> None:
    change = compare({}, _report(42.5, _rule("A1", "pass", 2), best=50))
    assert (change["score_change"], change["best_score_change"]) == (42.5, 50)
    assert change["baseline"]["score"] is None
    assert [e["rule"] for e in change["improved"]] == ["A1"]
    assert change["removed"] == []


def test_a_change_that_rounds_to_nothing_is_zero_not_minus_zero() -> None:
    change = compare(_report(80.0), _report(79.96))
    assert str(change["score_change"]) == "0.0"
