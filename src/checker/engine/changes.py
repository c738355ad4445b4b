"""What changed since the last self-assessment: the comparison with a baseline JSON report."""

from __future__ import annotations

from typing import Any

from checker.result import points, score_value


def _entry(rule: dict[str, Any], before: dict[str, Any] | None) -> dict[str, Any]:
    earned_before = float(before["earned"]) if before else 0.0
    return {
        "rule": rule["rule"],
        "title": rule["title"],
        "before": before["label"] if before else "（上次没有此项）",
        "after": rule["label"],
        "points": points(float(rule["earned"]) - earned_before),
    }


def compare(previous: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """Score and grade change; rules newly met, rules that regressed (passed before, not now),
    and every other rule whose points changed, with the points gained or lost."""
    before = {rule["rule"]: rule for rule in previous.get("results", [])}
    improved, regressed, changed = [], [], []
    for rule in current["results"]:
        old = before.get(rule["rule"])
        was_met = old is not None and old["status"] == "pass"
        if rule["status"] == "pass" and not was_met:
            improved.append(_entry(rule, old))
        elif was_met and rule["status"] in ("partial", "fail", "error"):
            regressed.append(_entry(rule, old))
        elif old is not None and abs(float(rule["earned"]) - float(old["earned"])) >= 0.005:
            changed.append(_entry(rule, old))
    return {
        "baseline": {key: previous.get(key) for key in ("as_of", "score", "best_score", "grade")},
        "score_change": score_value(float(current["score"]) - float(previous.get("score", 0))),
        "best_score_change": score_value(
            float(current["best_score"]) - float(previous.get("best_score", 0))
        ),
        "improved": improved,
        "regressed": regressed,
        "changed": changed,
        "removed": sorted(set(before) - {rule["rule"] for rule in current["results"]}),
    }
