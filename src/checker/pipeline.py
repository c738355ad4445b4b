"""load rules → load evidence → evaluate → score → render, for the commands to call."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from checker.engine.assess import assess, assessment_date
from checker.errors import UsageError
from checker.evidence.loader import load_evidence
from checker.report import FORMATS, RenderOptions
from checker.result import Assessment
from checker.rules.loader import load_ruleset


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("checker", appauthor=False))


def run(
    rules_dir: Path, evidence_dir: Path, as_of: dt.date | None, cache_dir: Path | None = None
) -> Assessment:
    """``cache_dir`` None: no cache. It must not be inside the evidence folder."""
    if cache_dir is not None and _inside(cache_dir, evidence_dir):
        raise UsageError(f"缓存目录不能在证据文件夹内：{cache_dir}")
    rules = load_ruleset(rules_dir)
    evidence = load_evidence(evidence_dir, rules, evidence_dir.as_posix(), cache_dir)
    return assess(rules, evidence, assessment_date(evidence, as_of, dt.date.today()))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _targets(formats: tuple[str, ...], output: Path | None) -> list[tuple[str, Path | None]]:
    unique = list(dict.fromkeys(formats))
    if output is None:
        if len(unique) > 1:
            raise UsageError("同时输出多种格式时，请用 --output 指定一个文件夹")
        return [(unique[0], None)]
    if len(unique) > 1 or output.is_dir():
        return [(name, output / f"report.{FORMATS[name].extension}") for name in unique]
    return [(unique[0], output)]


def write_reports(
    data: dict[str, Any],
    formats: tuple[str, ...],
    output: Path | None,
    evidence_dir: Path,
    color: bool,
) -> None:
    """Render each format to stdout or a file; never into the evidence folder."""
    targets = _targets(formats, output)
    for _, path in targets:
        if path is not None and _inside(path, evidence_dir):
            raise UsageError(f"报告不能写入证据文件夹：{path}")
    for name, path in targets:
        text = FORMATS[name].render(data, RenderOptions(color=color and path is None))
        if path is None:
            click.echo(text, nl=False, color=color)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        click.echo(f"已写入 {path}", err=True)


def regressions(data: dict[str, Any], baseline: Path) -> list[str]:
    """Rules that passed in the baseline report and do not pass now."""
    try:
        previous = json.loads(baseline.read_text(encoding="utf-8"))
        passed = {r["rule"] for r in previous["results"] if r["status"] == "pass"}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{baseline}：不是 checker 的 JSON 报告（{exc}）") from None
    return [
        r["rule"]
        for r in data["results"]
        if r["rule"] in passed and r["status"] in ("partial", "fail", "error")
    ]
