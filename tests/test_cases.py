"""Data-driven evaluation cases: each ``tests/cases/*.yaml`` holds cases with a rule set, an
evidence folder and the hand-computed expected result (a subset of the JSON report)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import build_case, run_cli

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}/{case['name']}"))
    return params


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


@pytest.mark.parametrize("case", _load_cases())
def test_case(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_case(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    args = ["check", "evidence", "--rules", "rules", "--format", "json"]
    if "as_of" in case:
        args += ["--as-of", str(case["as_of"])]
    result = run_cli(*args)
    assert result.exit_code == case.get("exit", result.exit_code), result.output
    report = json.loads(result.stdout)
    expected = dict(case["expect"])
    by_rule = expected.pop("rules", {})
    assert_subset(report, expected, "report")
    results = {item["rule"]: item for item in report["results"]}
    for rule_id, want in by_rule.items():
        assert_subset(results[rule_id], want, rule_id)
