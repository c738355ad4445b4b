"""ratings.yaml (现场评分) on the sample, its schema, and ``--fail-under`` against the score
shown (the cases in tests/cases/statuses.yaml pin the arithmetic and the problems)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import REPO, run_cli

SAMPLE = REPO / "evidence"


def _check(folder: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", str(folder), "--format", "json", *extra)
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    folder = tmp_path / "evidence"
    shutil.copytree(SAMPLE, folder)
    return folder


def test_the_sample_fails_on_its_score_though_its_best_score_would_not(sample: Path) -> None:
    code, data = _check(sample)
    assert data["score"] < data["pass_score"]
    assert (code, data["passed"], data["conclusion"]) == (1, False, "未达到及格线")
    # --fail-under compares the score shown, not the best reachable one
    below = data["score"] - 1
    assert _check(sample, "--fail-under", f"{below:.1f}")[0] == 0
    assert data["best_score"] > data["score"] + 1
    assert _check(sample, "--fail-under", f"{data['score'] + 1:.1f}")[0] == 1


def test_rating_every_on_site_item_in_full_reaches_the_best_score(sample: Path) -> None:
    _, before = _check(sample)
    manual = [r for r in before["results"] if r["status"] == "manual"]
    assert manual, "the sample has on-site items"
    lines = [
        f"- {{规则: {r['rule']}, 得分: {r['max']:g}, 评分人: 测评组, 日期: 2022-12-20}}"
        for r in manual
    ]
    (sample / "ratings.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, after = _check(sample)
    assert after["score"] == before["best_score"] == after["best_score"]
    assert after["manual"] == 0
    assert after["errors"] == [] and code in (0, 1)
    rated = {r["rule"]: r for r in after["results"]}
    for item in manual:
        result = rated[item["rule"]]
        assert result["status"] == "pass" and result["earned"] == item["max"]
        assert result["rating"]["rated_by"] == "测评组"
        assert "2022年12月20日" in result["note"]
    # the rating is a configuration file of the folder, never a record
    listed = {entry["file"]: entry for entry in after["inventory"]}
    assert listed["ratings.yaml"]["status"] == "config"


def test_a_wrong_rating_exits_2_with_its_location(sample: Path) -> None:
    (sample / "ratings.yaml").write_text("- {规则: F1, 得分: 50}\n", encoding="utf-8")
    result = run_cli("check", str(sample), "--format", "json")
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert [(e["file"].rsplit("/", 1)[-1], e["line"], e["column"]) for e in errors] == [
        ("ratings.yaml", 1, 16)
    ]
    assert "应在 0 到 5 分之间" in errors[0]["message"]


def test_the_ratings_schema_knows_the_on_site_rules_and_the_keys(sample: Path) -> None:
    result = run_cli("schema", "ratings")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate([{"规则": "F1", "得分": 4, "评分人": "测评组", "日期": "2022-12-20"}])
    validator.validate([{"rule": "F3", "score": "5.5", "note": "问卷"}])
    for wrong in (
        [{"规则": "A1", "得分": 1}],  # a rule judged on files
        [{"规则": "F1", "分数": 1}],  # a misspelt key, and no score
        [{"规则": "F1", "得分": -1}],
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(wrong)
