"""``checker batch -f markdown``: the summary as a Markdown page for the 文明办: the ranking,
the verdicts, the units needing attention and every unit's problems."""

from __future__ import annotations

from collections import Counter
from typing import Any

from checker.parsing import format_number
from checker.report import printable
from checker.report.markdown import inert


def _cell(value: Any) -> str:
    """A table cell: no line break or bar can end the cell or the row early."""
    return str(value).replace("\n", " ").replace("|", "\\|")


def _change(unit: dict[str, Any]) -> str:
    parts = []
    if unit.get("score_change") is not None:
        parts.append(f"{unit['score_change']:+.1f} 分")
    moved = unit.get("rank_change")
    if moved:
        parts.append(f"{'上升' if moved > 0 else '下降'} {abs(moved)} 位")
    elif moved == 0:
        parts.append("名次不变")
    return "，".join(parts)


def _ranking(units: list[dict[str, Any]], compared: bool) -> list[str]:
    head = "| 排名 | 单位 | 类型 | 得分 | 等次 | 一票否决 | 复查结论 |"
    rule = "|---:|---|---|---:|---|---|---|"
    if compared:
        head, rule = head + " 上年 | 变化 |", rule + "---|---|"
    lines = [head, rule]
    for unit in units:
        score = format_number(unit["score"]) if unit.get("assessed", True) else "—"
        row = [
            unit["rank"],
            f"{unit['name']}（{unit['folder']}）",
            unit["type"],
            score,
            unit["grade"],
            "、".join(unit["veto"]) or "无",
            unit["verdict"],
        ]
        if compared:
            before = unit.get("previous")
            last = f"{format_number(before['score'])} 分，{before['verdict']}" if before else "—"
            row += [last, _change(unit) or "—"]
        lines.append("| " + " | ".join(_cell(value) for value in row) + " |")
    return lines


def _attention(units: list[dict[str, Any]]) -> list[str]:
    """Units vetoed, below their pass line, or with problems: what the 文明办 looks at first."""
    lines = []
    for unit in units:
        why = []
        if unit["veto"]:
            why.append(f"一票否决（{'、'.join(unit['veto'])}）")
        below = unit["score"] < unit["pass_score"]
        if unit.get("assessed", True) and not unit["veto"] and below:
            line = format_number(unit["pass_score"])
            why.append(f"得分 {format_number(unit['score'])} 低于及格线 {line}")
        if unit["problems"]:
            why.append(f"材料有 {len(unit['problems'])} 处问题")
        if why:
            lines.append(
                f"- **{_cell(unit['name'])}**（{_cell(unit['folder'])}）：{'；'.join(why)}。"
                f"复查结论：{unit['verdict']}（{_cell(unit['verdict_reason'])}）"
            )
    return lines or ["无。"]


def _problems(data: dict[str, Any]) -> list[str]:
    lines = []
    for problem in data.get("problems", []):
        lines.append(f"- 汇总：{_located(problem)}")
    for unit in data["units"]:
        for problem in unit["problems"]:
            lines.append(f"- {_cell(unit['name'])}：{_located(problem)}")
    return lines or ["无。"]


def _located(problem: dict[str, Any]) -> str:
    where = f"{problem['file']}:{problem['line']}:{problem['column']}"
    return f"`{where}` {_cell(problem['message'])}"


def render(summary: dict[str, Any]) -> str:
    data = inert(printable(summary))
    units = data["units"]
    verdicts = Counter(unit["verdict"] for unit in units)
    counted = "、".join(f"{word} {count} 个" for word, count in sorted(verdicts.items()))
    day = data["as_of"] or "各单位 unit.yaml 的评估日期"
    compared = any(unit.get("previous") for unit in units)
    note = f"\n\n> {data['ruleset_note']}" if data["ruleset_note"] else ""
    parts = [
        f"# 文明单位复查汇总\n\n评估日期：{day}；单位 {len(units)} 个；"
        f"复查结论：{counted or '无'}。{note}",
        "## 排名\n\n" + "\n".join(_ranking(units, compared)),
        "## 需关注的单位\n\n" + "\n".join(_attention(units)),
        "## 问题\n\n" + "\n".join(_problems(data)),
    ]
    return "\n\n".join(parts) + "\n"
