"""``--format junit``: one testsuite; a testcase per rule, per input problem (an error), per
notice (passing) and one for the verdict. Deterministic: the timestamp is the assessment date,
the host ``localhost``, every time 0.

The layout follows the Apache Ant JUnit schema that Jenkins, GitLab and GitHub test reporters
read, plus the ``file`` and ``line`` attributes on test cases that GitLab (``file``) and
action-junit-report (both, to place an annotation) read, as pytest's ``xunit1`` writes them. A
validator holding to the bare Ant schema rejects those two attributes; no reader of the
report does (docs/ci.md).

A failed rule is an item not met (整改清单); whether the gate passes is the ``总体结论`` test
case alone, which fails exactly when ``checker check`` exits 1 and errs when it exits 2."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from checker.parsing import format_number as num
from checker.report import RenderOptions
from checker.report.locations import Repository, evidence_path, gap_locations, unit_location

SKIPPED = ("manual", "not_applicable", "waived")
INPUT_CLASS = "输入检查"
VERDICT = "总体结论"
NOTICE_CLASS = "提示"


def _place(data: dict[str, Any], result: dict[str, Any]) -> tuple[str, int]:
    """The evidence file a rule's case concerns: where its first gap is, else the first
    evidence that counted, else the unit's own file (a bundled rule is in no repository)."""
    if result["status"] in ("fail", "partial", "error"):
        return gap_locations(data, result)[0][1]
    for requirement in result["requirements"]:
        if requirement["evidence"]:
            first = requirement["evidence"][0]
            return evidence_path(data, first["file"]), int(first["line"])
    return unit_location(data)


def _testcase(
    suite: ElementTree.Element, classname: str, name: str, place: tuple[str, int] | None
) -> ElementTree.Element:
    attributes = {"classname": classname, "name": name, "time": "0"}
    if place is not None:
        attributes["file"] = place[0]
        if place[1] > 0:
            attributes["line"] = str(place[1])
    return ElementTree.SubElement(suite, "testcase", attributes)


def _rule_case(suite: ElementTree.Element, data: dict[str, Any], result: dict[str, Any]) -> None:
    classname = result["category"] or "规则"
    case = _testcase(suite, classname, f"{result['rule']} {result['title']}", _place(data, result))
    status = result["status"]
    details = "\n".join(result["gaps"] or [result["note"]])
    if "rectification" in result:
        fix = result["rectification"]
        details += f"\n整改：{fix['measure']}\n完成时限：{fix['deadline_text']}"
    if status in ("fail", "partial"):
        failure = ElementTree.SubElement(
            case,
            "failure",
            {
                "message": f"{result['label']}（{num(result['earned'])}/{num(result['max'])} 分）："
                + "；".join(result["gaps"]),
                "type": "veto" if result["label"] == "否决" else status,
            },
        )
        failure.text = details
    elif status == "error":
        error = ElementTree.SubElement(case, "error", {"message": result["note"], "type": "error"})
        error.text = details
    elif status in SKIPPED:
        ElementTree.SubElement(case, "skipped", {"message": result["note"] or result["label"]})


def _where(problem: dict[str, Any]) -> str:
    if problem["line"]:
        return f"{problem['file']}:{problem['line']}:{problem['column']}"
    return str(problem["file"])


def _problem_case(suite: ElementTree.Element, problem: dict[str, Any]) -> None:
    case = _testcase(suite, INPUT_CLASS, _where(problem), (problem["file"], problem["line"]))
    code = problem.get("code", "input-error")
    error = ElementTree.SubElement(case, "error", {"message": problem["message"], "type": code})
    error.text = f"{_where(problem)}: {problem['message']}"


def _notice_case(suite: ElementTree.Element, notice: dict[str, Any]) -> None:
    """A notice is a passing case (it never fails the gate) named by its place and words: the
    Ant schema gives a passing case no text, and GitLab drops the suite's own output."""
    name = f"{_where(notice)}：{notice['message']}"
    _testcase(suite, NOTICE_CLASS, name, (notice["file"], notice["line"]))


def _verdict_case(suite: ElementTree.Element, data: dict[str, Any], gate: tuple[bool, str]) -> None:
    passed, why = gate
    case = _testcase(suite, VERDICT, VERDICT, unit_location(data))  # the unit as a whole
    if data["errors"]:
        message = f"输入有误 {len(data['errors'])} 处，无法得出结论（退出码 2）"
        ElementTree.SubElement(case, "error", {"message": message, "type": "input"}).text = message
    elif not passed:
        failure = ElementTree.SubElement(case, "failure", {"message": why, "type": "verdict"})
        failure.text = f"{why}\n材料得分 {num(data['score'])}，等级 {data['grade']}"


def render(data: dict[str, Any], options: RenderOptions) -> str:
    results, errors, notices = data["results"], data["errors"], data["warnings"]
    tests = len(results) + len(errors) + len(notices) + 1
    suite = ElementTree.Element(
        "testsuite",
        {
            "name": f"{data['ruleset']['title']}：{data['unit']['name']}",
            "timestamp": f"{data['as_of']}T00:00:00",
            "hostname": "localhost",
            "tests": str(tests),
            "failures": "0",  # counted below, with the verdict
            "errors": "0",
            "skipped": str(sum(r["status"] in SKIPPED for r in results)),
            "time": "0",
        },
    )
    properties = ElementTree.SubElement(suite, "properties")
    gate = options.verdict or (bool(data["passed"]), data["conclusion"])
    values = {name: data[name] for name in ("score", "best_score", "grade", "passed", "as_of")}
    values["gate"] = not data["errors"] and gate[0]  # the exit code's verdict: 0 when true
    for name, value in values.items():
        text = "true" if value is True else "false" if value is False else str(value)
        ElementTree.SubElement(properties, "property", {"name": name, "value": text})
    _verdict_case(suite, data, gate)
    for problem in errors:
        _problem_case(suite, problem)
    for result in results:
        _rule_case(suite, data, result)
    for notice in notices:
        _notice_case(suite, notice)
    cases = suite.findall("testcase")
    repository = Repository(data["evidence"]["root"])
    for case in cases:  # GitLab and test reporters read `file` from the repository root
        if shown := case.get("file"):
            case.set("file", repository.relative(shown) or shown)
    suite.set("failures", str(sum(case.find("failure") is not None for case in cases)))
    suite.set("errors", str(sum(case.find("error") is not None for case in cases)))
    out = ElementTree.SubElement(suite, "system-out")
    out.text = "\n".join(
        [
            f"{VERDICT}：{gate[1]}",
            f"材料得分 {num(data['score'])}，可达最高 {num(data['best_score'])}，"
            f"结论：{data['conclusion']}",
            *(f"提示：{_where(p)}: {p['message']}" for p in notices),
        ]
    )
    ElementTree.SubElement(suite, "system-err").text = "\n".join(
        f"{_where(p)}: {p['message']}" for p in errors
    )
    ElementTree.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(suite, encoding="unicode")
        + "\n"
    )
