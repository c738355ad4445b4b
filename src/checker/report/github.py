"""``--format github``: GitHub Actions workflow commands, so each gap and input error shows as
an annotation on the evidence file (or the rule) in the pull request."""

from __future__ import annotations

from typing import Any

from checker.parsing import format_number as num
from checker.report import RenderOptions
from checker.report.locations import failing, gap_locations


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, file: str, line: int, title: str, message: str) -> str:
    place = f"file={_property(file)}" + (f",line={line}" if line > 0 else "")
    return f"::{level} {place},title={_property(title)}::{_data(message)}"


def render(data: dict[str, Any], options: RenderOptions) -> str:
    lines = []
    for problem in data["errors"]:
        place = f"file={_property(problem['file'])},line={problem['line']},col={problem['column']}"
        lines.append(f"::error {place},title=输入错误::{_data(problem['message'])}")
    for result in failing(data):
        level = "error" if result["status"] == "error" or result["label"] == "否决" else "warning"
        title = f"{result['rule']} {result['title']}（{result['label']}）"
        for message, (file, line) in gap_locations(data, result):
            fix = result["rectification"]
            advice = f"\n整改：{fix['measure']}\n完成时限：{fix['deadline_text']}"
            lines.append(_command(level, file, line, title, message + advice))
    lines.append(
        f"::notice title=文明单位自查::材料得分 {num(data['score'])}，可达最高 "
        f"{num(data['best_score'])}，等级 {data['grade']}，结论：{data['conclusion']}"
    )
    return "\n".join(lines) + "\n"
