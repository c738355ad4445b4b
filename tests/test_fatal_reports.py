"""A run stopped before any rule was evaluated (a missing folder, a broken ``unit.yaml``, an
unknown rule set) still writes every report asked for, holding the error, and exits 2: CI's
``if: always()`` upload steps find them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import xmlschema
from junitparser import Error, JUnitXml

from conftest import build_case, run_cli

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"
FORMATS = ("-f", "json", "-f", "sarif", "-f", "junit", "-f", "github", "-o", "reports")


def _broken_unit(root: Path) -> tuple[str, ...]:
    build_case(root, {"rules": [{"id": "R1", "score": 1, "method": "实地考察"}], "records": []})
    (root / "evidence" / "unit.yaml").write_text("名称: [单位\n", encoding="utf-8")
    return ("evidence", "--rules", "rules")


def _missing_folder(root: Path) -> tuple[str, ...]:
    build_case(root, {"rules": [{"id": "R1", "score": 1, "method": "实地考察"}], "records": []})
    return ("没有这个文件夹", "--rules", "rules")


def _unknown_rules(root: Path) -> tuple[str, ...]:
    build_case(root, {"rules": [{"id": "R1", "score": 1, "method": "实地考察"}], "records": []})
    return ("evidence", "--rules", "没有的规则集")


@pytest.mark.parametrize(
    ("make", "where"),
    [
        (_broken_unit, "evidence/unit.yaml"),
        (_missing_folder, "没有这个文件夹"),
        (_unknown_rules, "没有的规则集"),
    ],
)
def test_every_report_holds_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object, where: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    args = make(tmp_path)  # type: ignore[operator]
    result = run_cli("check", *args, *FORMATS)
    assert result.exit_code == 2
    assert where in result.stderr and "共 1 处问题" in result.stderr
    reports = tmp_path / "reports"
    report = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    (problem,) = report["errors"]
    assert problem["file"] == where and problem["code"]
    assert report["results"] == [] and report["passed"] is False

    sarif = json.loads((reports / "report.sarif").read_text(encoding="utf-8"))
    (run,) = sarif["runs"]
    assert [r["level"] for r in run["results"]] == ["error"]
    assert problem["message"] in run["results"][0]["message"]["text"]

    xml = (reports / "report.xml").read_text(encoding="utf-8")
    assert f'file="{where}"' in xml  # the problem's case names its file
    # the bare Ant schema has no file/line (test_junit checks them against its extension)
    xmlschema.XMLSchema(str(SCHEMAS / "junit-ant.xsd")).validate(
        re.sub(r' (file|line)="[^"]*"', "", xml)
    )
    (suite,) = list(JUnitXml.fromfile(str(reports / "report.xml")))
    errors = [case for case in suite if case.result and isinstance(case.result[0], Error)]
    assert {case.classname for case in errors} == {"输入检查", "总体结论"}
    assert suite.errors == 2

    github = (reports / "report.github.txt").read_text(encoding="utf-8").splitlines()
    assert github[0].startswith("::error file=") and "title=输入错误（" in github[0]
    assert github[-1].startswith("::notice title=文明单位自查::输入有误 1 处")
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "未能评估" in summary and f"- {where}" in summary


def test_no_report_for_people_of_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A markdown or HTML report of a run that evaluated nothing would read "no gaps"."""
    monkeypatch.chdir(tmp_path)
    args = _missing_folder(tmp_path)
    result = run_cli("check", *args, "-f", "markdown", "-f", "json", "-o", "reports")
    assert result.exit_code == 2
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["report.json"]


def test_without_formats_only_the_problem_is_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", *_missing_folder(tmp_path))
    assert result.exit_code == 2 and result.stdout == ""
    assert "证据文件夹不存在" in result.stderr and not (tmp_path / "reports").exists()
