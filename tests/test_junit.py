"""JUnit: valid against the Ant schema plus the ``file``/``line`` attributes GitLab and
action-junit-report read; read back with junitparser as those clients read it; each input
problem a case of its own; the ``总体结论`` case fails exactly when the exit code is 1."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from junitparser import Attr, Error, Failure, JUnitXml, Skipped, TestCase, TestSuite

from conftest import build_case, run_cli
from test_ci_formats import CASE as CI_CASE

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"

# The CI formats' case (a veto, partial, failed, on-site, not applicable, unevaluable rules and
# a bad record), with its meeting's 参加人数 written in words: a notice, for the notice case.
CASE: dict[str, Any] = {
    **CI_CASE,
    "records": [
        {**record, "参加人数": "全体干部职工"} if record["类型"] == "会议" else record
        for record in CI_CASE["records"]
    ],
}

# Three rules: R1 and R2 met, R3 half met (9 of 10 points: 90, over the pass line 80).
PASSING: dict[str, Any] = {
    "unit": {"评估日期": "2022-12-31"},
    "rules": [
        {"id": "R1", "score": 4, "requires": [{"name": "会议", "type": "会议"}]},
        {"id": "R2", "score": 4, "requires": [{"name": "学习", "type": "学习"}]},
        {"id": "R3", "score": 2, "requires": [{"name": "活动", "type": "活动", "min": 2}]},
    ],
    "records": [
        {"类型": "会议", "日期": "2022-03-01"},
        {"类型": "学习会", "日期": "2022-03-02"},
        {"类型": "主题活动", "日期": "2022-03-03"},
    ],
}


class _Case(TestCase):  # type: ignore[misc]
    """A test case with the attributes GitLab and action-junit-report read."""

    file = Attr()
    line = Attr()


def _extended_ant_schema() -> xmlschema.XMLSchema:
    """The Ant schema with optional ``file`` and ``line`` on ``testcase``, the variant pytest's
    ``xunit1`` family writes and GitLab reads (the bare Ant schema has neither)."""
    text = (SCHEMAS / "junit-ant.xsd").read_text(encoding="utf-8")
    anchor = '<xs:attribute name="classname"'
    assert text.count(anchor) == 1
    extra = '<xs:attribute name="file" type="xs:string"/><xs:attribute name="line" type="xs:positiveInteger"/>'
    return xmlschema.XMLSchema(text.replace(anchor, extra + anchor))


def _check(tmp_path: Path, case: dict[str, Any], *args: str) -> tuple[int, str]:
    build_case(tmp_path, case)
    result = run_cli(
        "check",
        str(tmp_path / "evidence"),
        "--rules",
        str(tmp_path / "rules"),
        "-f",
        "junit",
        *args,
    )
    return result.exit_code, result.stdout


def _suite(xml: str, tmp_path: Path) -> TestSuite:
    path = tmp_path / "report.xml"
    path.write_text(xml, encoding="utf-8")
    read = JUnitXml.fromfile(str(path))
    (suite,) = [read] if isinstance(read, TestSuite) else list(read)
    assert isinstance(suite, TestSuite)
    return suite


def _cases(suite: TestSuite) -> dict[str, _Case]:
    return {case.name: _Case.fromelem(case._elem) for case in suite}


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    build_case(tmp_path, CASE)
    result = run_cli("check", "evidence", "--rules", "rules", "-f", "junit")
    assert result.exit_code == 2  # bad.yaml
    return result.stdout


def test_valid_against_the_ant_schema_with_file_and_line(report: str) -> None:
    _extended_ant_schema().validate(report)
    # Only the two attributes stand outside the bare Ant schema.
    bare = re.sub(r' (file|line)="[^"]*"', "", report)
    xmlschema.XMLSchema(str(SCHEMAS / "junit-ant.xsd")).validate(bare)
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        xmlschema.XMLSchema(str(SCHEMAS / "junit-ant.xsd")).validate(report)


def test_read_back_counts_files_and_errors(report: str, tmp_path: Path) -> None:
    suite = _suite(report, tmp_path)
    cases = _cases(suite)
    # 7 rules, 2 input problems (bad.yaml; unit.yaml for R6), 1 notice, the verdict
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (11, 4, 4, 2)
    assert sum(1 for _ in suite) == suite.tests
    by_rule = {name.split()[0]: case for name, case in cases.items()}
    assert by_rule["V1"].file == "evidence/records.yaml" and by_rule["V1"].line == "5"
    assert by_rule["R1"].file == "evidence/records.yaml" and by_rule["R1"].line == "1"
    assert by_rule["R5"].file == "evidence/unit.yaml"  # nothing counted: the unit, as SARIF
    (veto,) = by_rule["V1"].result
    assert isinstance(veto, Failure) and veto.type == "veto"
    (partial,) = by_rule["R1"].result
    assert isinstance(partial, Failure) and partial.type == "partial"
    assert "整改：每年两次。" in (partial.text or "")
    assert isinstance(by_rule["R3"].result[0], Skipped)
    problem = cases["evidence/bad.yaml:2:5"]
    assert problem.classname == "输入检查" and problem.file == "evidence/bad.yaml"
    assert problem.line == "2"
    (error,) = problem.result
    assert isinstance(error, Error) and error.message == "日期 '2022-02-30' 不是有效日期"
    assert (
        error.type
        == json.loads(run_cli("check", "evidence", "--rules", "rules", "-f", "json").stdout)[
            "errors"
        ][0]["code"]
    )
    (notice,) = [case for case in cases.values() if case.classname == "提示"]
    assert notice.is_passed and "全体干部职工" in notice.name
    assert (notice.file, notice.line) == ("evidence/records.yaml", "4")
    (verdict,) = cases["总体结论"].result
    assert isinstance(verdict, Error) and "退出码 2" in (verdict.message or "")


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        ((), 0),
        (("--fail-under", "90"), 0),
        (("--fail-under", "95"), 1),
    ],
)
def test_the_verdict_case_fails_exactly_when_the_exit_code_is_1(
    tmp_path: Path, args: tuple[str, ...], exit_code: int
) -> None:
    code, xml = _check(tmp_path, PASSING, *args)
    suite = _suite(xml, tmp_path)
    verdict = _cases(suite)["总体结论"]
    assert code == exit_code
    assert verdict.is_passed == (code == 0)
    assert bool(verdict.result) == (code == 1)
    assert any(isinstance(r, Failure) for r in verdict.result) == (code == 1)
    r3 = _cases(suite)["R3 规则R3"]  # a gap that does not fail the gate stays an item not met
    assert isinstance(r3.result[0], Failure)
    gate = {p.name: p.value for p in suite.properties()}["gate"]
    assert gate == ("true" if code == 0 else "false")


def test_a_veto_fails_the_verdict_whatever_the_score(tmp_path: Path) -> None:
    case = {
        **PASSING,
        "rules": [
            *PASSING["rules"],
            {"id": "V1", "veto": True, "requires": [{"name": "事件", "type": "事件", "max": 0}]},
        ],
        "records": [*PASSING["records"], {"类型": "事件", "日期": "2022-05-01"}],
    }
    code, xml = _check(tmp_path, case, "--fail-under", "10")
    (verdict,) = _cases(_suite(xml, tmp_path))["总体结论"].result
    assert code == 1 and isinstance(verdict, Failure) and verdict.type == "verdict"
    assert "一票否决（V1）" in (verdict.message or "")


def test_case_files_are_paths_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from inside the evidence folder, every case still names its file as the repository
    has it (GitLab links `file` from the root), the verdict case included."""
    build_case(tmp_path, CASE)
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "evidence")
    report = tmp_path / "report.xml"
    run_cli("check", ".", "--rules", "../rules", "-f", "junit", "-o", str(report))
    files = set(re.findall(r'file="([^"]*)"', report.read_text(encoding="utf-8")))
    assert files and all(name.startswith("evidence/") for name in files), files
    assert 'name="总体结论" time="0" file="evidence/unit.yaml"' in report.read_text(
        encoding="utf-8"
    )
