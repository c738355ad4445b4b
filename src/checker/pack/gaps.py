"""The gap of an item as a 说明 states it: what was not done, in the requirement's words, and a
blank for the reason the unit alone can give (因＿＿＿＿（请如实填写原因）) — never a reason
made up, never a counter (有2次，要求3次), never a request to 补做 or 补记.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from checker.engine.periods import bounds, spoken
from checker.pack.phrasing import action, periods, tidy
from checker.report.rectify import VETO_MEASURE, rectification

REASON = "因＿＿＿＿（请如实填写原因），"
_KEEP_UP = "按期开展并同步留存资料"


def _unmet_groups(requirement: Mapping[str, Any], done: str) -> list[str]:
    """戈多村脱贫户12、木贾新市民04于2022年第3季度未开展结对帮扶走访."""
    by_gap: dict[tuple[str, ...], list[str]] = {}
    for group in requirement.get("groups") or []:
        if not group["met"]:
            by_gap.setdefault(tuple(group.get("missing_periods") or ()), []).append(
                str(group["value"])
            )
    clauses = []
    for missing, values in by_gap.items():
        who = "、".join(values[:5]) + ("等" if len(values) > 5 else "")
        when = periods(missing) if missing and bounds(missing[0]) else ""
        when = "" if when == "创建周期内" else when
        clauses.append(f"{who}{'于' + when if when else ''}未{done}")
    return clauses


def clause(requirement: Mapping[str, Any], verb: str) -> str:
    """What one unmet requirement lacks, as a clause."""
    done = action(requirement["name"], verb)
    if requirement.get("groups"):
        return "；".join(_unmet_groups(requirement, done)) or ""
    missing = list(requirement.get("missing_periods") or [])
    period = requirement["period"]
    if period in ("month", "quarter", "week") and missing:
        if requirement["met_periods"] == 0 and requirement["found"] == 0:
            years = sorted({b[1].year for b in map(bounds, missing) if b})
            year = f"{years[0]}年" if len(years) == 1 else ""
            return f"{year}全年未见{done.removeprefix(verb)}记录"
        return f"{periods(missing)}未{done}"
    found, needed = requirement["found"], requirement["needed"]
    when = spoken(missing[0]) if missing else ""
    if 0 < found < needed and period != "cycle":
        return f"{when}{done}少于{needed:g}次"
    gap = tidy(str(requirement.get("gap") or ""))
    # the engine's wording, without a label before a colon (附有记录的…：2022年…)
    return re.sub(r"^[^：]{1,30}：", "", gap).rstrip("。；") or f"{when}未见{done}记录"


def gap_sentences(result: Mapping[str, Any], data: Mapping[str, Any], verb: str) -> list[str]:
    """The sentences for what is missing and from when it will be done."""
    status = result["status"]
    if status == "manual":
        method = result.get("method") or ""
        kind = f"{method}项目" if method and method != "材料审核" else "现场核验项目"
        return [f"本项为{kind}，由测评组现场评定。"]
    if status in ("not_applicable", "waived"):
        return [f"本项{result['label']}，{result['note']}。" if result["note"] else ""]
    if status == "error":
        return ["本项部分材料有误，正在核对更正，更正后重新自查。"]
    if status == "pass":
        return []
    clauses = [clause(r, verb) for r in result["requirements"] if not r["met"]]
    clauses = [c for c in clauses if c] or ["本项材料尚不完整"]
    gaps = "；".join(clauses)
    fix = rectification(dict(result), dict(data))
    if fix["kind"] == "veto":
        return [f"{gaps}。对此{VETO_MEASURE}。"]
    if fix["kind"] == "correct":
        return [f"{gaps}。部分记录有误未能计入，正在核对更正，更正后重新自查。"]
    if fix["since"]:
        return [f"{REASON}{gaps}；自{fix['since']}起{_KEEP_UP}。"]
    return [f"{REASON}{gaps}；自即日起按要求开展并同步留存资料。"]
