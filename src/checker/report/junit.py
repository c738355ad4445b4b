"""``--format junit``: one testsuite, one testcase per rule, valid against the Apache Ant JUnit
schema that Jenkins, GitLab and GitHub test reporters read. Deterministic: the timestamp is the
assessment date, the host ``localhost``, every time 0."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from checker.parsing import format_number as num
from checker.report import RenderOptions

SKIPPED = ("manual", "not_applicable", "waived")


def _case(suite: ElementTree.Element, result: dict[str, Any]) -> None:
    case = ElementTree.SubElement(
        suite,
        "testcase",
        {
            "classname": result["category"] or "规则",
            "name": f"{result['rule']} {result['title']}",
            "time": "0",
        },
    )
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


def render(data: dict[str, Any], options: RenderOptions) -> str:
    results = data["results"]
    suite = ElementTree.Element(
        "testsuite",
        {
            "name": f"{data['ruleset']['title']}：{data['unit']['name']}",
            "timestamp": f"{data['as_of']}T00:00:00",
            "hostname": "localhost",
            "tests": str(len(results)),
            "failures": str(sum(r["status"] in ("fail", "partial") for r in results)),
            "errors": str(sum(r["status"] == "error" for r in results)),
            "skipped": str(sum(r["status"] in SKIPPED for r in results)),
            "time": "0",
        },
    )
    properties = ElementTree.SubElement(suite, "properties")
    for name in ("score", "best_score", "grade", "passed", "as_of"):
        value = data[name]
        text = "true" if value is True else "false" if value is False else str(value)
        ElementTree.SubElement(properties, "property", {"name": name, "value": text})
    for result in results:
        _case(suite, result)
    out = ElementTree.SubElement(suite, "system-out")
    out.text = (
        f"材料得分 {num(data['score'])}，可达最高 {num(data['best_score'])}，"
        f"结论：{data['conclusion']}"
    )
    err = ElementTree.SubElement(suite, "system-err")
    err.text = "\n".join(
        f"{p['file']}:{p['line']}:{p['column']}: {p['message']}" for p in data["errors"]
    )
    ElementTree.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(suite, encoding="unicode")
        + "\n"
    )
