"""The batch summary: one entry per unit (from its ordinary JSON result), the ranking, last
year's comparison, the merge of summaries from several machines, and ``-f json``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.commandline import EXIT_FAIL, EXIT_INPUT, EXIT_PASS
from checker.errors import UsageError
from checker.pipeline import TEAM
from checker.result import score_value, veto_finding

SCHEMA_VERSION = 1
UNOFFICIAL_NOTE = "参考版测评表（非官方）"
_FULL = ("pass", "not_applicable", "waived")


def _reason(result: dict[str, Any]) -> str:
    """Why points were lost, in plain words; '' when none were."""
    if result["status"] in _FULL:
        return ""
    return "；".join(result["gaps"]) or result["note"]


def _rated_by(rating: dict[str, Any] | None) -> str:
    if not rating:
        return ""
    who = rating.get("rated_by") or ""
    if rating.get("source") == TEAM:
        return f"{TEAM}（{who}）" if who else TEAM
    return str(who)


def _item(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "rule": result["rule"],
        "title": result["title"],
        "finding": veto_finding(result) if result["veto"] else "",
        "category": result["category"],
        "method": result["method"],
        "max": result["max"],
        "earned": result["earned"],
        "status": result["status"],
        "label": result["label"],
        "reason": _reason(result),
        "rated_by": _rated_by(result["rating"]),
    }


def entry(folder: str, data: dict[str, Any], ruleset: str, fallback_name: str) -> dict[str, Any]:
    """A unit's summary entry from its JSON result (``Assessment.as_dict``); verdict, rank and
    the comparison with last year are filled in later."""
    assessed = bool(data["results"])
    results = data["results"]
    return {
        "folder": folder,
        "name": data["unit"]["name"] if assessed else fallback_name,
        "type": data["unit"]["type"],
        "ruleset": ruleset if assessed else "",
        "as_of": data["as_of"],
        "assessed": assessed,  # False: nothing could be read (ranked last, no verdict)
        "score": data["score"],
        "best_score": data["best_score"],
        "pass_score": data["pass_score"],
        "grade": data["grade"],
        "passed": data["passed"],
        "veto": data["veto"],
        "verdict": "",
        "verdict_reason": "",
        "rank": 0,
        "problems": data["errors"],
        "categories": [
            {"name": c["name"], "earned": c["earned"], "max": c["max"]} for c in data["categories"]
        ],
        "items": [_item(result) for result in results],
        "previous": None,
        "score_change": None,
        "rank_change": None,
        "team_ratings": [
            r["rule"] for r in results if r["rating"] and r["rating"].get("source") == TEAM
        ],
        "reports": {},
    }


def _standing(unit: dict[str, Any]) -> tuple[bool, bool, float]:
    """What ranks a unit: units that could be read first, vetoed ones after the others, then
    by score (as shown). Equal standings share a rank."""
    return (not unit["assessed"], bool(unit["veto"]), -float(unit["score"]))


def rank(units: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The units in rank order, ``rank`` set: ties share a rank (1, 2, 2, 4); within a tie,
    by folder, so the order never depends on which unit finished first."""
    ordered = sorted(units, key=lambda unit: (_standing(unit), unit["folder"]))
    for position, unit in enumerate(ordered):
        tied = position and _standing(ordered[position - 1]) == _standing(unit)
        unit["rank"] = ordered[position - 1]["rank"] if tied else position + 1
    return ordered


def summary(units: list[dict[str, Any]], as_of: str | None, unofficial: bool) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of,
        "ruleset_note": UNOFFICIAL_NOTE if unofficial else "",
        "units": rank(units),
    }


def exit_code(data: dict[str, Any]) -> int:
    """2 when any unit (or the batch) has problems, else 1 when any unit fails, else 0."""
    if data.get("problems") or any(unit["problems"] for unit in data["units"]):
        return EXIT_INPUT
    return EXIT_PASS if all(unit["passed"] for unit in data["units"]) else EXIT_FAIL


def load(path: Path) -> dict[str, Any]:
    """A summary written by ``checker batch -f json``, checked enough to compare and merge."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"schema_version 不是 {SCHEMA_VERSION}")
        if not isinstance(data.get("units"), list):
            raise ValueError("units 不是列表")
        for unit in data["units"]:
            missing = [k for k in ("folder", "name", "score", "rank", "verdict") if k not in unit]
            if missing:
                raise ValueError(f"单位缺少 {'、'.join(missing)}")
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise UsageError(f"{path}：不是 checker batch 的 JSON 汇总（{exc}）") from None
    result: dict[str, Any] = data
    return result


def _previous_of(baseline: dict[str, Any]) -> Any:
    """Last year's unit for this year's: by folder, else by name when only one has it."""
    by_folder = {unit["folder"]: unit for unit in baseline["units"]}
    names: dict[str, list[dict[str, Any]]] = {}
    for unit in baseline["units"]:
        names.setdefault(unit["name"], []).append(unit)

    def find(unit: dict[str, Any]) -> dict[str, Any] | None:
        found = by_folder.get(unit["folder"])
        if found is None and len(names.get(unit["name"], [])) == 1:
            found = names[unit["name"]][0]
        return found

    return find


def compare(units: list[dict[str, Any]], baseline: dict[str, Any]) -> None:
    """Last year's score, rank and verdict beside this year's, and the changes (a rank
    change > 0 is a move up). Ranks must be set."""
    find = _previous_of(baseline)
    for unit in units:
        before = find(unit)
        if before is None:
            continue
        unit["previous"] = {
            "score": before["score"],
            "rank": before["rank"],
            "verdict": before["verdict"],
        }
        if unit["assessed"] and before["score"] is not None:
            unit["score_change"] = score_value(float(unit["score"]) - float(before["score"]))
        if unit["assessed"] and before.get("assessed", True):
            unit["rank_change"] = int(before["rank"]) - int(unit["rank"])


def merge(paths: list[Path]) -> dict[str, Any]:
    """Summaries of runs on several machines as one ranking. They must be of one assessment
    date, and no unit folder may appear in two of them."""
    loaded = [(path, load(path)) for path in paths]
    dates = {data["as_of"] for _, data in loaded}
    if len(dates) > 1:
        shown = "；".join(f"{path}：{data['as_of'] or '各单位自己的日期'}" for path, data in loaded)
        raise UsageError(f"各汇总的评估日期不同，不能合并（{shown}）")
    seen: dict[str, Path] = {}
    units = []
    for path, data in loaded:
        for unit in data["units"]:
            if unit["folder"] in seen:
                raise UsageError(
                    f"单位文件夹 '{unit['folder']}' 同时出现在 {seen[unit['folder']]} 和 {path}，"
                    "不能合并（同一单位只能在一台机器上评估）"
                )
            seen[unit["folder"]] = path
            units.append({"assessed": True, **unit})
    unofficial = any(data.get("ruleset_note") for _, data in loaded)
    problems = [p for _, data in loaded for p in data.get("problems", [])]
    merged = summary(units, dates.pop() if dates else None, unofficial)
    for unit in merged["units"]:  # against last year's rank, now in the whole ranking
        if unit.get("previous") and unit["assessed"]:
            unit["rank_change"] = int(unit["previous"]["rank"]) - int(unit["rank"])
    if problems:
        merged["problems"] = problems
    return merged


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
