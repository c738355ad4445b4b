"""``official: false`` and a rule's ``basis`` in the reports: JSON carries both; the text,
Markdown, HTML and Word reports say once near the top that the table is a reference version,
and a result's 依据 line shows its basis."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest

from conftest import build_case, check_cli

NOTE = "本测评表为参考版，正式测评细则未取得，依据同类公开测评体系拟定"
SOURCE = "鄂州市2017—2018年度市级文明单位考评细则"

CASE: dict[str, Any] = {
    "ruleset": {"official": False},
    "rules": [
        {
            "id": "A1",
            "score": 2,
            "clause": "条款原文",
            "basis": {"kind": "参照", "source": SOURCE},
            "requires": [{"name": "领导小组文件", "type": "文件"}],
        },
        {
            "id": "A2",
            "score": 1,
            "clause": "只有条款",
            "requires": [{"name": "方案", "type": "文件", "min": 2}],
        },
    ],
    "records": [],
}


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    build_case(tmp_path, {**CASE, "as_of": "2022-12-31"})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _report(fmt: str) -> str:
    result = check_cli("--as-of", "2022-12-31", "-f", fmt)
    assert result.exit_code == 1, result.output
    return result.stdout


def test_json_carries_official_and_each_basis(case: Path) -> None:
    data = json.loads(_report("json"))
    assert data["ruleset"]["official"] is False
    by_rule = {r["rule"]: r for r in data["results"]}
    assert by_rule["A1"]["basis"] == {"kind": "参照", "source": SOURCE}
    assert by_rule["A2"]["basis"] is None


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_reference_version_is_said_once_near_the_top(case: Path, fmt: str) -> None:
    report = _report(fmt)
    assert report.count(NOTE) == 1
    assert report.index(NOTE) < report.index("A1")


def test_the_word_report_says_it_too(case: Path) -> None:
    assert check_cli("--as-of", "2022-12-31", "-f", "docx", "-o", "r.docx").exit_code == 1
    text = "\n".join(p.text for p in docx.Document(str(case / "r.docx")).paragraphs)
    assert text.count(NOTE) == 1


def test_the_basis_line_shows_the_basis_instead_of_the_clause(case: Path) -> None:
    report = _report("markdown")
    assert f"- 依据：参照 {SOURCE}" in report
    assert "条款原文" not in report
    assert "- 依据：只有条款" in report  # no basis: the clause as before


def test_an_official_table_says_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_case(tmp_path, {**CASE, "ruleset": {}})
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "markdown", "html"):
        assert "参考版" not in _report(fmt)
    assert json.loads(_report("json"))["ruleset"]["official"] is True


def test_rules_show_and_the_rule_reference_give_the_basis(case: Path) -> None:
    from conftest import run_cli

    shown = run_cli("rules", "--rules", "rules", "show", "A1").stdout
    assert f"依据：参照 {SOURCE}" in shown and "条款：条款原文" in shown
    assert "依据：只有条款" in run_cli("rules", "--rules", "rules", "show", "A2").stdout
    reference = run_cli("rules", "--rules", "rules", "-f", "markdown", "list").stdout
    assert f"- 依据：参照 {SOURCE}" in reference
    assert reference.count(NOTE) == 1
    assert "（参考版）" in run_cli("rules", "--rules", "rules", "list").stdout
