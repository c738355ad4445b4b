"""``--format github``: GitHub Actions workflow commands, so each gap and input problem shows
as an annotation on the evidence file (or the rule) in the pull request.

GitHub keeps 10 annotations of each level (error, warning, notice) per step and drops the
rest, so the most serious come first (vetoes, input problems, rules in error; then gaps by the
points they lose) and at most 10 of a level are written; a last notice says how many were
left out. The whole result goes to the step summary (:func:`append_step_summary`)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from checker.parsing import format_number as num
from checker.report import RenderOptions
from checker.report.locations import Repository, failing, gap_locations, has_lines

PER_LEVEL = 10  # GitHub's limit per step and level
SUMMARY_LIMIT = 1024 * 1024  # GitHub refuses a step summary larger than 1 MiB
LEVELS = ("error", "warning", "notice")


class Annotation(NamedTuple):
    level: str
    file: str
    line: int
    column: int
    title: str
    message: str


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(note: Annotation) -> str:
    """One workflow command, escaped as the runner unescapes it."""
    place = [f"file={_property(note.file)}"] if note.file else []
    if note.line > 0:
        place.append(f"line={note.line}")
        if note.column > 0:
            place.append(f"col={note.column}")
    place.append(f"title={_property(note.title)}")
    return f"::{note.level} {','.join(place)}::{_data(note.message)}"


def _problem(level: str, kind: str, problem: dict[str, Any]) -> Annotation:
    code = problem.get("code", "input-error")
    file, line, column, message = (problem[k] for k in ("file", "line", "column", "message"))
    if line and not has_lines(file):  # a row and column of a workbook, in words
        message = f"第{line}行第{column}列：{message}" if column else f"第{line}行：{message}"
        line = column = 0
    return Annotation(level, file, line, column, f"{kind}（{code}）", message)


def _lost(result: dict[str, Any]) -> float:
    return float(result["max"]) - float(result["earned"])


def _rank(result: dict[str, Any]) -> tuple[int, float]:
    """Vetoes first, rules that could not be evaluated next, then by points lost."""
    if result["label"] == "否决":
        return 0, 0.0
    if result["status"] == "error":
        return 2, 0.0
    return 3, -_lost(result)


def _gaps(data: dict[str, Any]) -> Iterable[tuple[int, Annotation]]:
    """One annotation a rule (GitHub keeps 10 of a level: one rule must not take two), at
    its first gap's place, holding every gap; a rule that regressed says so in its title."""
    regressed = {entry["rule"] for entry in (data.get("changes") or {}).get("regressed", [])}
    for result in sorted(failing(data), key=_rank):
        rank = _rank(result)[0]
        level = "warning" if rank == 3 and result["rule"] not in regressed else "error"
        lost = f"，失 {num(_lost(result))} 分" if _lost(result) > 0 else ""
        back = "，上次达标本次退步" if result["rule"] in regressed else ""
        title = f"{result['rule']} {result['title']}（{result['label']}{lost}{back}）"
        fix = result["rectification"]
        advice = f"\n整改：{fix['measure']}\n完成时限：{fix['deadline_text']}"
        located = gap_locations(data, result)
        file, line = located[0][1]
        line = line if has_lines(file) else 0  # GitHub shows a binary file, not its lines
        gaps = "\n".join(message for message, _ in located)
        yield (1 if back else rank), Annotation(level, file, line, 0, title, gaps + advice)


def ranked(data: dict[str, Any]) -> list[Annotation]:
    """Every annotation of the result, most serious first within each level."""
    ranked = [(1, _problem("error", "输入错误", p)) for p in data["errors"]]
    ranked += list(_gaps(data))
    ranked += [(4, _problem("notice", "提示", p)) for p in data["warnings"]]
    ranked.sort(key=lambda pair: pair[0])  # stable: rule order within a rank and loss
    return [note for _, note in ranked]


def _verdict(data: dict[str, Any], gate: tuple[bool, str] | None) -> Annotation:
    if gate is not None and not data["errors"]:  # the exit code's verdict, in its words
        return Annotation("notice", "", 0, 0, "文明单位自查", gate[1])
    if data["errors"]:
        message = f"输入有误 {len(data['errors'])} 处，须修正后才能评估"
    else:
        message = (
            f"材料得分 {num(data['score'])}，可达最高 {num(data['best_score'])}，"
            f"等级 {data['grade']}，结论：{data['conclusion']}"
        )
    return Annotation("notice", "", 0, 0, "文明单位自查", message)


def _in_repository(notes: list[Annotation], data: dict[str, Any]) -> list[Annotation]:
    """GitHub places an annotation by its path from the repository root, not from where the
    checker ran (``cd evidence && checker check .`` or an absolute folder argument)."""
    repository = Repository(data["evidence"]["root"])
    return [
        note._replace(file=repository.relative(note.file) or note.file) if note.file else note
        for note in notes
    ]


def render(data: dict[str, Any], options: RenderOptions) -> str:
    every = _in_repository(ranked(data), data)
    kept: list[Annotation] = []
    left_out = dict.fromkeys(LEVELS, 0)
    # Notices leave room for the verdict and the count of what was left out.
    room = {"error": PER_LEVEL, "warning": PER_LEVEL, "notice": PER_LEVEL - 2}
    for note in every:
        if room[note.level] > 0:
            room[note.level] -= 1
            kept.append(note)
        else:
            left_out[note.level] += 1
    kept.append(_verdict(data, options.verdict))
    if any(left_out.values()):
        counts = "、".join(
            f"{label} {left_out[level]} 条"
            for level, label in zip(LEVELS, ("错误", "警告", "提示"), strict=True)
            if left_out[level]
        )
        kept.append(
            Annotation(
                "notice",
                "",
                0,
                0,
                "其余问题未标注",
                f"GitHub 每步最多显示 {PER_LEVEL} 条同级注释，以上按严重程度排在前面；"
                f"另有{counts}未标注。全部结果见本次运行的摘要页（Summary），"
                "或 checker check -f markdown / -f html 的完整报告。",
            )
        )
    return "\n".join(command(note) for note in kept) + "\n"


def append_step_summary(markdown: str, environ: dict[str, str] | os._Environ[str]) -> Path | None:
    """Append the whole result, as Markdown, to ``$GITHUB_STEP_SUMMARY`` when it is set
    (appended: earlier steps' summaries in the same file stay). Returns the file written."""
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    encoded = markdown.encode("utf-8")
    if len(encoded) > SUMMARY_LIMIT - 1024:  # a larger summary is refused whole
        cut = encoded[: SUMMARY_LIMIT - 1024].decode("utf-8", errors="ignore")
        markdown = cut[: cut.rfind("\n") + 1] + (
            "\n……（摘要页最多 1 MiB，以下从略；完整结果见 checker check -f markdown 的报告）\n"
        )
    path = Path(target)
    with path.open("a", encoding="utf-8") as summary:
        summary.write(markdown if markdown.endswith("\n") else markdown + "\n")
    return path
