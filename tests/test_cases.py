"""Data-driven evaluation cases: each ``tests/cases/*.yaml`` holds cases with a rule set, an
evidence folder and the hand-computed expected result (a subset of the JSON report)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import case_params, case_report


def assert_subset(actual: Any, expected: Any, where: str = "") -> None:
    """``expected`` must be contained in ``actual``: dict keys are a subset, lists match
    item by item and in length, numbers to two decimals."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected a mapping, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{where}: missing key {key!r}"
            assert_subset(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{where}: expected a list, got {actual!r}"
        assert len(actual) == len(expected), f"{where}: {len(actual)} items, expected {expected!r}"
        for index, (got, want) in enumerate(zip(actual, expected, strict=True)):
            assert_subset(got, want, f"{where}[{index}]")
    elif isinstance(expected, float) or (
        isinstance(expected, int) and not isinstance(expected, bool)
    ):
        assert actual == pytest.approx(expected, abs=0.01), f"{where}: {actual} != {expected}"
    elif isinstance(expected, dt.date):
        assert actual == expected.isoformat(), f"{where}: {actual!r} != {expected}"
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


@pytest.mark.parametrize("case", case_params())
def test_case(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = case_report(tmp_path, case, monkeypatch)
    assert result.exit_code == case.get("exit", result.exit_code), result.output
    report = json.loads(result.stdout)
    expected = dict(case["expect"])
    by_rule = expected.pop("rules", {})
    assert_subset(report, expected, "report")
    results = {item["rule"]: item for item in report["results"]}
    for rule_id, want in by_rule.items():
        assert_subset(results[rule_id], want, rule_id)
