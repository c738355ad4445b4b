"""Where a finding is, for formats that point into files (SARIF, GitHub annotations): the
first evidence that counted for the requirement, else the rule that asks for it."""

from __future__ import annotations

from typing import Any

Location = tuple[str, int]  # repository-relative path, 1-based line (0: the whole file)


def evidence_path(data: dict[str, Any], file: str) -> str:
    root = data["evidence"]["root"]
    return file if root in ("", ".") else f"{root}/{file}"


def rule_location(result: dict[str, Any]) -> Location:
    return result["source"]["file"], int(result["source"]["line"])


def gap_locations(data: dict[str, Any], result: dict[str, Any]) -> list[tuple[str, Location]]:
    """Each gap of a rule, placed; a rule in error or without requirement gaps is placed at
    the rule itself with its note."""
    located = []
    for requirement in result["requirements"]:
        if not requirement["gap"]:
            continue
        evidence = requirement["evidence"]
        if evidence:
            place = (evidence_path(data, evidence[0]["file"]), int(evidence[0]["line"]))
        else:
            place = rule_location(result)
        located.append((requirement["gap"], place))
    return located or [(result["note"] or result["title"], rule_location(result))]


def failing(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in data["results"] if r["status"] in ("fail", "partial", "error")]
