"""``--format sarif``: SARIF 2.1.0, one result per gap, input error and integrity warning,
located in the evidence or rule file, so code scanning can annotate the evidence repository."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.report import RenderOptions
from checker.report.locations import evidence_path, failing, gap_locations

INPUT_ERROR = "input-error"


def _level(result: dict[str, Any]) -> str:
    if result["status"] == "error" or (result["veto"] and result["status"] == "fail"):
        return "error"
    return "warning"


def _name(result: dict[str, Any]) -> str:
    return f"{result['rule']} {result['title']}（{result['label']}）"


def _location(path: str, line: int) -> dict[str, Any]:
    # SARIF URIs follow RFC 3986: CJK, spaces and a literal % # ? are percent-encoded
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(path, safe="/")}}
    if line > 0:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _driver_rules(data: dict[str, Any]) -> list[dict[str, Any]]:
    rules = [
        {
            "id": r["rule"],
            "name": r["rule"],
            "shortDescription": {"text": r["title"]},
            "fullDescription": {"text": r["clause"] or r["title"]},
            "help": {"text": r["guidance"] or r["title"]},
            "defaultConfiguration": {"level": "error" if r["veto"] else "warning"},
            "properties": {
                "category": r["category"],
                "points": r["max"],
                "veto": r["veto"],
                "method": r["method"],
                "responsible": r["responsible"],
            },
        }
        for r in data["results"]
    ]
    rules.append(
        {
            "id": INPUT_ERROR,
            "name": INPUT_ERROR,
            "shortDescription": {"text": "证据或规则文件有误，无法评估"},
            "help": {"text": "按提示修改文件后重新运行 checker validate。"},
            "defaultConfiguration": {"level": "error"},
        }
    )
    kinds = dict.fromkeys(s["kind"] for s in data["integrity"])
    for kind in kinds:
        label = next(s["label"] for s in data["integrity"] if s["kind"] == kind)
        rules.append(
            {
                "id": f"integrity/{kind}",
                "name": kind,
                "shortDescription": {"text": label},
                "help": {"text": "迎检前逐条核实、更正或补充说明。"},
                "defaultConfiguration": {"level": "warning"},
            }
        )
    return rules


def render(data: dict[str, Any], options: RenderOptions) -> str:
    rules = _driver_rules(data)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for result in failing(data):
        for message, (uri, line) in gap_locations(data, result):
            results.append(
                {
                    "ruleId": result["rule"],
                    "ruleIndex": index[result["rule"]],
                    "level": _level(result),
                    "message": {"text": f"{_name(result)}：{message}"},
                    "locations": [_location(uri, line)],
                }
            )
    for problem in data["errors"]:
        results.append(
            {
                "ruleId": INPUT_ERROR,
                "ruleIndex": index[INPUT_ERROR],
                "level": "error",
                "message": {"text": problem["message"]},
                "locations": [_location(problem["file"], int(problem["line"]))],
            }
        )
    for signal in data["integrity"]:
        rule_id = f"integrity/{signal['kind']}"
        results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": index[rule_id],
                "level": "warning",
                "message": {"text": f"{signal['label']}：{signal['message']}"},
                "locations": [_location(evidence_path(data, name), 0) for name in signal["files"]],
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "checker",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
                "properties": {
                    "score": data["score"],
                    "best_score": data["best_score"],
                    "grade": data["grade"],
                    "passed": data["passed"],
                    "as_of": data["as_of"],
                },
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
