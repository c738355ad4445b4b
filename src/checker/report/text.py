"""``--format text``: the terminal summary: score, grade, veto, categories and top gaps."""

from __future__ import annotations

import unicodedata
from typing import Any

import click

from checker.engine.signals import written, written_span
from checker.parsing import format_number as num
from checker.report import RenderOptions
from checker.report.basis import reference_note
from checker.report.locations import failing
from checker.report.plain import inert_lines
from checker.report.wrap import wrap_lines

_TOP_GAPS = 10
_COLORS = {
    "pass": "green",
    "partial": "yellow",
    "fail": "red",
    "error": "red",
    "manual": "cyan",
    "waived": "blue",
    "not_applicable": "white",
}
_MARKS = {
    "pass": "✓",
    "partial": "△",
    "fail": "✗",
    "error": "!",
    "manual": "?",
    "waived": "-",
    "not_applicable": "-",
}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


class _Out:
    def __init__(self, color: bool) -> None:
        self.color = color
        self.lines: list[str] = []

    def style(self, text: str, **kwargs: Any) -> str:
        return click.style(text, **kwargs) if self.color else text

    def __call__(self, text: str = "") -> None:
        self.lines.append(text)


def render(data: dict[str, Any], options: RenderOptions) -> str:
    out = _Out(options.color)
    unit, ruleset = data["unit"], data["ruleset"]
    out(out.style(f"{unit['name']}（{unit['type']}）文明单位创建自查", bold=True))
    out(f"规则集：{ruleset['title']} {ruleset['version']}")
    if note := reference_note(data):
        out(f"说明：{note}")
    window = data["window"]
    within = written_span(window["start"], window["end"])
    out(f"评估日期：{written(data['as_of'])}（计入{within}的证据）")
    out()
    _verdict(out, data)
    out()
    _categories(out, data)
    out()
    out(f"共 {len(data['results'])} 项：{data['status_summary']}")
    _changes(out, data)
    _gaps(out, data)
    _manual(out, data)
    _waivers(out, data)
    _integrity(out, data)
    _problems(out, "材料中的问题（须修正后才能评估）", data["errors"], "red")
    _problems(out, "提示", data["warnings"], "yellow")
    # Evidence text is free of control characters already (``printable``); no line of it
    # may read as a CI runner's command either, wherever the summary is shown.
    return inert_lines("\n".join(wrap_lines(out.lines, options.width)) + "\n")


def _verdict(out: _Out, data: dict[str, Any]) -> None:
    out(
        f"得分 {out.style(num(data['score']), bold=True)}"
        f"（{num(data['earned'])}/{num(data['max'])} 分）"
        f"  现场核验项目全部得满分可达 {num(data['best_score'])} 分"
        f"  等级 {_grades(data)}  及格线 {num(data['pass_score'])}"
    )
    color = "green" if data["passed"] else "red"
    out(out.style(f"结论：{data['conclusion']}", fg=color, bold=True))


def _grades(data: dict[str, Any]) -> str:
    if data["best_grade"] == data["grade"]:
        return str(data["grade"])
    return f"{data['grade']}（现场核验项目全部通过可达{data['best_grade']}）"


def _categories(out: _Out, data: dict[str, Any]) -> None:
    width = max([_width(c["name"]) for c in data["categories"]] + [8]) + 2
    out(_pad("分类", width) + "得分/满分")
    for category in data["categories"]:
        if not category["max"]:  # the veto gate carries no points: its verdict is above
            continue
        manual = f"（其中需现场核验 {num(category['manual'])}）" if category["manual"] else ""
        out(
            _pad(category["name"], width)
            + f"{num(category['earned'])}/{num(category['max'])}"
            + manual
        )


def _gaps(out: _Out, data: dict[str, Any]) -> None:
    problems = failing(data)
    problems.sort(
        key=lambda r: (not (r["veto"] and r["status"] == "fail"), -(r["max"] - r["earned"]))
    )
    if not problems:
        return
    out()
    out(out.style("主要差距（按失分排序）：", bold=True))
    for result in problems[:_TOP_GAPS]:
        mark = out.style(_MARKS[result["status"]], fg=_COLORS[result["status"]])
        lost = num(result["max"] - result["earned"])
        out(f" {mark} {result['rule']} {result['title']}【{result['label']}，失 {lost} 分】")
        for gap in result["gaps"] or [result["note"]]:
            out(f"     {gap}")
        fix = result["rectification"]
        who = f"（责任：{result['responsible']}）" if result["responsible"] else ""
        out(f"     整改：{fix['measure']}{who}")
        out(f"     完成时限：{fix['deadline_text']}")
    if len(problems) > _TOP_GAPS:
        out(f" 其余 {len(problems) - _TOP_GAPS} 项见完整报告（--format markdown）")


def _changes(out: _Out, data: dict[str, Any]) -> None:
    changes = data.get("changes")
    if not changes:
        return
    out()
    base = changes["baseline"]
    out(
        out.style("较上次自查变化：", bold=True)
        + f"上次（{written(base['as_of'])}）{base['score']} 分，本次 {num(data['score'])} 分，"
        f"{changes['score_change']:+g} 分"
    )
    for kind, label, color in (
        ("improved", "新达标", "green"),
        ("regressed", "退步", "red"),
        ("changed", "分值变化", "yellow"),
    ):
        for entry in changes[kind]:
            out(
                f"  {out.style(label, fg=color)} {entry['rule']} {entry['title']}"
                f"（{entry['before']}→{entry['after']}，{entry['points']:+g} 分）"
            )


def _manual(out: _Out, data: dict[str, Any]) -> None:
    manual = [r for r in data["results"] if r["status"] == "manual"]
    if manual:
        out()
        items = "、".join(f"{r['rule']} {r['title']}（{num(r['max'])} 分）" for r in manual)
        out(f"需现场核验（实地考察或问卷调查，迎检时现场核验）：{items}")


def _waivers(out: _Out, data: dict[str, Any]) -> None:
    for waiver in data["waivers"]:
        if not waiver["active"]:
            expires = written(waiver["expires"])
            out(f"豁免已过期：{waiver['rule']}（有效期至{expires}），已照常评估")


def _integrity(out: _Out, data: dict[str, Any]) -> None:
    if not data["integrity"]:
        return
    out()
    out(out.style("需要核实的情况（检查组会关注）：", fg="yellow", bold=True))
    for signal in data["integrity"]:
        out(f"  [{signal['label']}] {signal['message']}")


def _problems(out: _Out, title: str, problems: list[dict[str, Any]], color: str) -> None:
    if not problems:
        return
    out()
    out(out.style(f"{title}：", fg=color, bold=True))
    for p in problems:
        place = f"{p['file']}:{p['line']}:{p['column']}" if p["line"] else p["file"]
        out(f"  {place}: {p['message']}")
