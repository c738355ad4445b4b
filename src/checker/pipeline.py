"""load rules → load evidence → evaluate → score → render, for the commands to call."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import click

from checker.engine.assess import assess, assessment_date
from checker.engine.changes import compare
from checker.errors import Problem, UsageError
from checker.evidence.context import within
from checker.evidence.loader import Progress, load_evidence
from checker.evidence.ratings import Rating
from checker.evidence.workbooks import ReadAhead
from checker.report import FORMATS, RenderOptions
from checker.result import Assessment
from checker.rules.loader import RuleSet, load_ruleset


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("checker", appauthor=False))


def run(
    rules_dir: Path | RuleSet,
    evidence_dir: Path,
    as_of: dt.date | None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    workbooks: ReadAhead | None = None,
    team_ratings: Sequence[Rating] = (),
) -> Assessment:
    """``cache_dir`` None: no cache. It must not be inside the evidence folder. A loaded
    rule set is used as it is (a batch loads each set once). ``team_ratings``: the 测评组's
    ratings (``checker batch --ratings``), each replacing the unit's own for its rule."""
    if cache_dir is not None and within(cache_dir, evidence_dir):
        raise UsageError(f"缓存目录不能在证据文件夹内：{cache_dir}")
    rules = rules_dir if isinstance(rules_dir, RuleSet) else load_ruleset(rules_dir)
    shown = evidence_dir.as_posix()
    evidence = load_evidence(evidence_dir, rules, shown, cache_dir, progress, workbooks)
    team = {rating.rule for rating in team_ratings}
    evidence.ratings = [*team_ratings, *(r for r in evidence.ratings if r.rule not in team)]
    try:
        evidence.read_documents()
        assessment = assess(rules, evidence, assessment_date(evidence, as_of, dt.date.today()))
    finally:
        evidence.archives.close()  # the zip members unpacked for this run
    evidence.texts.flush()
    for result in assessment.results:
        if result.rating is not None and result.rule in team:  # the reports say whose it is
            result.rating["source"] = TEAM
    return assessment


TEAM = "测评组"


def unassessed(
    problems: list[Problem], evidence_dir: Path, as_of: dt.date | None
) -> dict[str, Any]:
    """The result of a run stopped by an input problem before any rule was evaluated (a
    missing folder, a broken ``unit.yaml``, an unknown rule set): no rules, no score, only
    the problems, so every requested report still holds them (CI uploads what it finds)."""
    day = as_of or dt.date.today()
    return Assessment(
        ruleset={
            "id": "",
            "title": "未能加载规则集",
            "version": "",
            "source": "",
            "official": True,
        },
        unit={"name": "未能评估", "type": ""},
        as_of=day,
        window=(day, day),
        score=0.0,
        best_score=0.0,
        earned=0.0,
        max=0.0,
        manual=0.0,
        grade="未评估",
        best_grade="未评估",
        pass_score=0.0,
        passed=False,
        veto=[],
        categories=[],
        results=[],
        errors=problems,
        root=evidence_dir.as_posix(),
    ).as_dict()


def _targets(
    formats: tuple[str, ...], output: Path | None, folder: bool = False
) -> list[tuple[str, Path | None]]:
    unique = list(dict.fromkeys(formats))
    if output is None:
        if len(unique) > 1:
            raise UsageError("同时输出多种格式时，请用 --output 指定一个文件夹")
        if FORMATS[unique[0]].binary:
            raise UsageError(f"{unique[0]} 报告请用 --output 指定要写入的文件，如 -o 自查报告.docx")
        return [(unique[0], None)]
    if len(unique) > 1 or folder or output.is_dir():
        return [(name, output / f"report.{FORMATS[name].extension}") for name in unique]
    return [(unique[0], output)]


def _evidence_href(evidence_dir: Path, report: Path | None) -> str:
    """The evidence folder as seen from where the report is read, for links in it."""
    where = (report.parent if report is not None else Path()).resolve()
    relative = Path(os.path.relpath(evidence_dir.resolve(), where)).as_posix()
    return "" if relative == "." else quote(relative) + "/"


def write_reports(
    data: dict[str, Any],
    formats: tuple[str, ...],
    output: Path | None,
    evidence_dir: Path,
    options: RenderOptions,
    folder: bool = False,
) -> None:
    """Render each format to stdout or a file; never into the evidence folder. ``folder``:
    ``output`` is a folder even for one format (several were asked for)."""
    targets = _targets(formats, output, folder)
    for _, path in targets:
        if path is not None and within(path, evidence_dir):
            raise UsageError(f"报告不能写入证据文件夹：{path}")
    for name, path in targets:
        shown = replace(
            options,
            color=options.color and path is None,
            width=options.width if path is None else None,
            evidence_href=_evidence_href(evidence_dir, path),
        )
        # printed now or `cat` into a CI log later: the same inert text either way
        rendered = inert_report(name, FORMATS[name].render(data, shown))
        if path is None:
            click.echo(rendered, nl=False, color=shown.color)
            continue
        _write_atomically(path, rendered)
        if not options.quiet:
            click.echo(f"已写入 {path}", err=True)
    if "github" in formats:
        _step_summary(data, evidence_dir, options)


def _step_summary(data: dict[str, Any], evidence_dir: Path, options: RenderOptions) -> None:
    """With ``-f github`` inside GitHub Actions, the whole result also goes to the step's
    summary page, as the annotations show only the first ten of a kind."""
    from checker.report.github import append_step_summary
    from checker.report.plain import plain

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    if within(Path(target), evidence_dir):
        click.echo(f"提示：GITHUB_STEP_SUMMARY 指向证据文件夹内，未写入摘要：{target}", err=True)
        return
    if data["results"]:
        markdown = str(FORMATS["markdown"].render(data, replace(options, color=False, width=None)))
    else:  # stopped before any rule was evaluated
        from checker.report.markdown import inert

        problems = "".join(f"- {inert(plain(str(Problem(**p))))}\n" for p in data["errors"])
        markdown = f"## 文明单位创建自查：输入有误，未能评估\n\n{problems}"
    append_step_summary(markdown, os.environ)


def inert_report(name: str, rendered: str | bytes) -> str | bytes:
    """A report printed (or written, and printed later) where a CI runner reads the job's
    log: no line of evidence in it becomes a workflow command. ``github`` is the commands
    themselves (their data escaped); JSON and SARIF are escaped losslessly, the rest made
    plain."""
    from checker.report.plain import inert_json, inert_lines

    if isinstance(rendered, bytes) or name == "github":
        return rendered
    if name in ("json", "sarif"):
        return inert_json(rendered)
    return inert_lines(rendered)  # control characters are gone already (``printable``)


def _write_atomically(path: Path, content: str | bytes) -> None:
    """Write beside the target and rename over it: an interrupted run never leaves a
    half-written report, and the previous one stays until the new one is complete. A target
    that is not a regular file (``-o /dev/null``, a named pipe, /dev/stdout) is written to as it
    is: renaming over it would replace the device with a file."""
    if path.exists() and not path.is_file():
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(content, bytes):
            temporary.write_bytes(content)
        else:
            temporary.write_text(content, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def load_baseline(baseline: Path) -> dict[str, Any]:
    """A previous JSON report, checked enough to compare with."""
    try:
        previous = json.loads(baseline.read_text(encoding="utf-8"))
        if not isinstance(previous, dict) or not isinstance(previous["results"], list):
            raise TypeError("results 不是列表")
        for rule in previous["results"]:
            missing = [key for key in ("rule", "status", "earned", "label") if key not in rule]
            if missing:
                raise KeyError("、".join(missing))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{baseline}：不是 checker 的 JSON 报告（{exc}）") from None
    result: dict[str, Any] = previous
    return result


def add_changes(data: dict[str, Any], baseline: Path) -> list[str]:
    """Put the comparison with the baseline into the result; return the rules that regressed."""
    data["changes"] = compare(load_baseline(baseline), data)
    return [entry["rule"] for entry in data["changes"]["regressed"]]
