"""``--format sarif``: SARIF 2.1.0, one result per gap, input problem, notice and integrity
signal, located in the evidence repository, so code scanning can annotate it.

What GitHub code scanning and other SARIF readers require of it: URIs are RFC 3986 references
relative to the repository root (``uriBaseId`` ``%SRCROOT%``), percent-encoded; every rule has
a name in words and a full description; a message never starts with its rule id; a result on
a spreadsheet, document or photo has no text region (its sheet and row go in ``properties``);
``partialFingerprints`` follow a finding, not the line it happens to be on.
"""

from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.report import RenderOptions
from checker.report.locations import Gap, Repository, evidence_path, failing, gaps, unit_location
from checker.report.sarif_parts import SRCROOT, Artifacts, Fingerprints, driver_rules

INPUT_ERROR = "input-error"
_INTEGRITY = "integrity/"
_SRCROOT_TEXT = "证据文件夹所在 git 仓库的根目录（不在仓库中时为运行 checker 的目录）"


def _level(result: dict[str, Any]) -> str:
    if result["status"] == "error" or (result["veto"] and result["status"] == "fail"):
        return "error"
    return "warning"


def _gap_results(
    data: dict[str, Any], index: dict[str, int], artifacts: Artifacts, prints: Fingerprints
) -> list[dict[str, Any]]:
    results = []
    for result in failing(data):
        for gap in gaps(data, result):
            results.append(
                {
                    "ruleId": result["rule"],
                    "ruleIndex": index[result["rule"]],
                    "level": _level(result),
                    # the title first: a message starting with the rule id reads as a code
                    "message": {"text": f"{result['title']}（{result['label']}）：{gap.message}"},
                    "locations": [artifacts.location(gap.file, gap.line, sheet=gap.sheet)],
                    "partialFingerprints": prints.of(
                        "gap", result["rule"], gap.requirement, artifacts.key(gap.file)
                    ),
                    "properties": _gap_properties(result, gap),
                }
            )
    return results


def _gap_properties(result: dict[str, Any], gap: Gap) -> dict[str, Any]:
    return {
        "status": result["status"],
        "label": result["label"],
        "points": result["max"],
        "earned": result["earned"],
        "requirement": gap.requirement,
    }


def _problem_results(
    data: dict[str, Any], index: dict[str, int], artifacts: Artifacts, prints: Fingerprints
) -> list[dict[str, Any]]:
    """Input problems (errors) and notices, each under its problem code."""
    results = []
    for key, level in (("errors", "error"), ("warnings", "note")):
        for problem in data[key]:
            code = problem.get("code") or INPUT_ERROR
            file, line, column = problem["file"], int(problem["line"]), int(problem["column"])
            results.append(
                {
                    "ruleId": code,
                    "ruleIndex": index[code],
                    "level": level,
                    "message": {"text": problem["message"]},
                    "locations": [artifacts.location(file, line, column)],
                    "partialFingerprints": prints.of(
                        key, code, artifacts.key(file), problem["message"]
                    ),
                }
            )
    return results


def _integrity_results(
    data: dict[str, Any], index: dict[str, int], artifacts: Artifacts, prints: Fingerprints
) -> list[dict[str, Any]]:
    """Integrity signals, at each file they concern as a whole (none of them has a line)."""
    results = []
    for signal in data["integrity"]:
        rule_id = f"{_INTEGRITY}{signal['kind']}"
        files = [evidence_path(data, name) for name in signal["files"]]
        files = files or [unit_location(data)[0]]
        results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": index[rule_id],
                "level": "warning",
                "message": {"text": f"{signal['label']}：{signal['message']}"},
                "locations": [artifacts.location(file, 0) for file in files],
                "partialFingerprints": prints.of(
                    "integrity", signal["kind"], *map(artifacts.key, files)
                ),
            }
        )
    return results


def render(data: dict[str, Any], options: RenderOptions) -> str:
    artifacts = Artifacts(Repository(data["evidence"]["root"]), data)
    rules = driver_rules(data, INPUT_ERROR, _INTEGRITY, artifacts.key)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    prints = Fingerprints()
    results = [
        *_gap_results(data, index, artifacts, prints),
        *_problem_results(data, index, artifacts, prints),
        *_integrity_results(data, index, artifacts, prints),
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "checker",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        # no absolute uri: it would differ between clones and break byte-identical reports;
        # readers (GitHub's upload among them) take the checkout's root for it
        "originalUriBaseIds": {SRCROOT: {"description": {"text": _SRCROOT_TEXT}}},
        "artifacts": artifacts.listed,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "score": data["score"],
            "best_score": data["best_score"],
            "grade": data["grade"],
            "passed": data["passed"],
            "as_of": data["as_of"],
        },
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
