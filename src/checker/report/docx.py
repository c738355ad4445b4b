"""``--format docx``: the report for the party-group meeting, as a Chinese official document.

The Word template (``templates/meeting.docx``, or the unit's own with ``--template``) holds
the layout and fonts; this module only prepares the sentences and tables it fills in.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from checker.parsing import format_number as num
from checker.report import RenderOptions
from checker.report.basis import reference_note
from checker.report.jinja import environment
from checker.report.locations import failing
from checker.report.office import freeze_zip
from checker.report.rectify import chinese_date
from checker.resources import templates

NUMERALS = "一二三四五六七八九十"


def _problems(data: dict[str, Any]) -> list[dict[str, Any]]:
    problems = failing(data)
    problems.sort(key=lambda r: (not (r["veto"] and r["status"] == "fail"), r["rule"]))
    return [
        {
            "index": index,
            "item": f"{r['rule']} {r['title']}"
            f"（{r['label']}，{num(r['earned'])}/{num(r['max'])}分）",
            "problem": "；".join(r["gaps"]) or r["note"],
            "measure": r["rectification"]["measure"],
            "department": r["responsible"],
            "deadline": r["rectification"]["deadline_text"],
        }
        for index, r in enumerate(problems, start=1)
    ]


def _summary(data: dict[str, Any]) -> str:
    grade = f"按得分等级为“{data['grade']}”"
    if data["best_grade"] != data["grade"]:
        grade += f"，现场核验项目全部通过可达“{data['best_grade']}”"
    note = reference_note(data)
    return (
        (f"{note}。" if note else "")
        + f"经自查，得分{num(data['score'])}分（适用满分{num(data['max'])}分），"
        f"需现场核验的项目{num(data['manual'])}分，现场核验项目全部得满分可达{num(data['best_score'])}分；"
        f"{grade}，及格线为{num(data['pass_score'])}分，结论：{data['conclusion']}。"
        f"共{len(data['results'])}项测评项目中，{data['status_summary'].replace(' ', '')}。"
    )


def _changes(data: dict[str, Any]) -> dict[str, Any] | None:
    changes = data.get("changes")
    if not changes:
        return None
    base = changes["baseline"]
    lines = []
    for kind, label in (("improved", "新达标"), ("regressed", "退步"), ("changed", "分值变化")):
        for entry in changes[kind]:
            lines.append(
                f"{label}：{entry['rule']} {entry['title']}（{entry['before']}→{entry['after']}，"
                f"{entry['points']:+g}分）"
            )
    summary = (
        f"上次自查（{chinese_date(base.get('as_of'))}）材料得分{base.get('score')}分、等级“{base.get('grade')}”，"
        f"本次{num(data['score'])}分、“{data['grade']}”，变化{changes['score_change']:+g}分；"
        f"新达标{len(changes['improved'])}项，退步{len(changes['regressed'])}项。"
    )
    return {"summary": summary, "lines": lines}


def context(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the Word template fills in, as plain sentences and table rows."""
    problems = _problems(data)
    veto = [r for r in data["results"] if r["rule"] in data["veto"]]
    manual = [r for r in data["results"] if r["status"] == "manual"]
    changes = _changes(data)
    deadline = chinese_date(data.get("deadline"))
    return {
        "unit": data["unit"],
        "ruleset": data["ruleset"],
        "addressee": f"{data['unit']['name']}党组",
        "as_of_text": chinese_date(data["as_of"]),
        "window_text": chinese_date(data["window"]["start"])
        + "至"
        + chinese_date(data["window"]["end"]),
        "summary": _summary(data),
        "veto_text": (
            "存在一票否决情形："
            + "；".join(f"{r['rule']} {r['title']}" for r in veto)
            + "。须如实报告文明办，说明情况和处理结果。"
            if veto
            else "对照一票否决事项逐项自查，未发现一票否决情形。"
        ),
        "categories": [
            {
                "name": c["name"],
                "max": num(c["max"]),
                "earned": num(c["earned"]),
                "rate": f"{100 * c['earned'] / c['max']:.1f}%",
            }
            for c in data["categories"]
            if c["max"]
        ],
        "problems_intro": (
            f"对照测评细则，共发现{len(problems)}项问题，整改措施、责任科室和完成时限见下表。"
            if problems
            else "对照测评细则，未发现未达标的项目。"
        ),
        "problems": problems,
        "manual_text": (
            "以下项目须由检查组实地考察或问卷调查，迎检前请对照准备："
            + "；".join(f"{r['rule']} {r['title']}（{num(r['max'])}分）" for r in manual)
            + "。"
            if manual
            else "无。"
        ),
        "integrity_intro": (
            "台账中发现以下情况，检查组会重点关注，须在迎检前逐条核实、更正或补充说明："
            if data["integrity"]
            else "未发现需要核实的情况。"
        ),
        "integrity": [dict(s, index=i) for i, s in enumerate(data["integrity"], start=1)],
        "changes": changes,
        "next_heading": f"{NUMERALS[5 if changes else 4]}、下一步工作",
        "closing": (
            "下一步，我们将对照问题清单逐项落实整改："
            + (f"当前能够整改的，各责任科室在{deadline}前完成；" if deadline else "")
            + "已经过去的时段未开展的，如实说明原因，不补做、不倒签，此后按期开展并同步留存资料，"
            "长期坚持；办公室跟踪督办，同时做好现场核验项目的迎检准备。"
        ),
    }


def render(data: dict[str, Any], options: RenderOptions) -> bytes:
    from docxtpl import DocxTemplate

    path = Path(options.docx_template) if options.docx_template else templates() / "meeting.docx"
    document = DocxTemplate(str(path))
    # escaping: evidence text such as “<script>” or “A&B” stays text inside the document XML
    document.render(
        context(data),
        jinja_env=environment(options.template_dir).overlay(autoescape=True),
        autoescape=True,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return freeze_zip(buffer.getvalue(), data["as_of"])
