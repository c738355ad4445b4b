"""The ``checker`` command: wires the stages together and turns outcomes into exit codes.

Heavy modules (pydantic, yaml, jinja2) are imported inside the commands, so ``--version``
and ``--help`` start fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from checker import __version__
from checker.batchcli import batch
from checker.commandline import (
    EXIT_FAIL,
    EXIT_INPUT,
    EXIT_PASS,
    DateType,
    F,
    Group,
    collector_paused,
    color_wanted,
    guarded,
    print_problems,
)
from checker.errors import InputError, Problem, UsageError
from checker.packcli import pack
from checker.report import FORMATS, RenderOptions
from checker.rulescli import rules
from checker.rulescli import rules_option as _rules_option


def _rules_dir(option: Path | None, evidence_dir: Path | None = None) -> Path:
    from checker.library import for_evidence, local_rules
    from checker.resources import bundled_library

    if evidence_dir is not None:
        return for_evidence(option, evidence_dir)
    return local_rules(option) or bundled_library()


_quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="安静模式：不显示进度和提示，只输出报告与错误"
)

_cache_options = [
    click.option(
        "--cache-dir",
        type=click.Path(path_type=Path, file_okay=False),
        help="文档文字提取的缓存目录（默认：用户缓存目录），不能在证据文件夹内",
    ),
    click.option("--no-cache", is_flag=True, help="不使用缓存，每次重新提取文档文字"),
]


def _cache_dir(cache_dir: Path | None, no_cache: bool) -> Path | None:
    if no_cache:
        return None
    if cache_dir is not None:
        return cache_dir
    from checker.pipeline import default_cache_dir

    return default_cache_dir()


def _with_cache_options(function: F) -> F:
    for option in reversed([*_cache_options, _quiet_option]):
        function = option(function)
    return function


def _progress(quiet: bool) -> Any:
    from checker.progress import ProgressLine

    return ProgressLine() if ProgressLine.wanted(sys.stderr, quiet) else None


_evidence_argument = click.argument(
    "evidence_dir",
    required=False,
    default="evidence",
    type=click.Path(path_type=Path),
    metavar="[证据文件夹]",
)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__,
    "-V",
    "--version",
    prog_name="checker",
    message="%(prog)s %(version)s",
    help="显示版本并退出",
)
@click.help_option("-h", "--help", help="显示帮助并退出")
def main() -> None:
    """文明单位创建台账检查：按测评细则（YAML 规则）检查证据文件夹，给出得分与差距。"""


@main.command()
@_evidence_argument
@_rules_option
@click.option("--as-of", type=DateType(), help="评估日期（默认 unit.yaml 的 评估日期，否则今天）")
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(list(FORMATS)),
    help="报告格式，可重复：" + "、".join(f"{k}（{v.description}）" for k, v in FORMATS.items()),
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="写入文件（多个格式时为文件夹）；默认输出到终端",
)
@click.option(
    "--fail-under",
    type=float,
    metavar="分数",
    help="得分低于此值时退出码为 1（代替规则集的及格线）",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="上次自查的 JSON 报告，用于比较",
)
@click.option(
    "--deadline", type=DateType(), help="问题清单的完成时限（默认评估日期后 30 天，规则集可改）"
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, exists=True),
    help="本单位的报告模板：Word 模板（.docx，用于 --format docx）或放 Jinja 模板的文件夹",
)
@click.option(
    "--fail-on-regression",
    is_flag=True,
    help="与 --baseline 同用：上次达标、本次不达标的规则使退出码为 1",
)
@_with_cache_options
@click.help_option("-h", "--help", help="显示帮助并退出")
@guarded
@collector_paused
def check(
    evidence_dir: Path,
    rules_dir: Path | None,
    as_of: dt.date | None,
    formats: tuple[str, ...],
    output: Path | None,
    fail_under: float | None,
    baseline: Path | None,
    fail_on_regression: bool,
    deadline: dt.date | None,
    template: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    quiet: bool,
) -> None:
    """检查证据文件夹，输出自查报告。退出码：0 通过，1 未通过，2 输入有误。"""
    from checker.evidence.workbooks import ReadAhead

    workbooks = ReadAhead(evidence_dir)  # before the imports below: they parse meanwhile
    from checker.pipeline import add_changes, run, unassessed
    from checker.report.wrap import terminal_width

    if fail_on_regression and baseline is None:
        raise UsageError("--fail-on-regression 须与 --baseline 同用")
    options = RenderOptions(
        color=color_wanted(sys.stdout, os.environ),
        template_dir=str(template) if template and template.is_dir() else None,
        docx_template=str(template) if template and template.is_file() else None,
        quiet=quiet,
        width=terminal_width(sys.stdout),
    )
    chosen = formats or ("text",)
    try:
        data = run(
            _rules_dir(rules_dir, evidence_dir),
            evidence_dir,
            as_of,
            _cache_dir(cache_dir, no_cache),
            _progress(quiet),
            workbooks,
        ).as_dict()
    except InputError as exc:  # nothing evaluated: CI's reports still hold why
        # A report for people (text, markdown, html, docx) of nothing would only mislead.
        machine = tuple(name for name in formats if name in MACHINE_FORMATS)
        if machine:
            data = unassessed(exc.problems, evidence_dir, as_of)
            several = len(set(formats)) > 1  # -o names a folder, as it would have
            _finish(data, machine, output, evidence_dir, options, several)
        raise
    regressed = add_changes(data, baseline) if baseline else []
    if deadline is not None:
        data["deadline"] = deadline.isoformat()
    line = fail_under if fail_under is not None else data["pass_score"]
    verdict = _verdict(data, line, fail_under is not None, regressed if fail_on_regression else [])
    for rule in regressed:
        click.echo(f"退步：规则 {rule} 上次达标，本次未达标", err=True)
    _finish(data, chosen, output, evidence_dir, replace(options, verdict=verdict))
    sys.exit(EXIT_PASS if verdict[0] else EXIT_FAIL)


MACHINE_FORMATS = ("json", "junit", "sarif", "github")


def _verdict(
    data: dict[str, Any], line: float, own_line: bool, regressed: list[str]
) -> tuple[bool, str]:
    """The gate, as the exit code gives it: passed, and why in one sentence."""
    from checker.parsing import format_number
    from checker.result import passes

    named = f"--fail-under {format_number(line)}" if own_line else f"及格线 {format_number(line)}"
    score = format_number(data["score"])
    reasons = []
    if data["veto"]:
        reasons.append(f"一票否决（{'、'.join(data['veto'])}）")
    elif not passes([], False, data["score"], line):
        reasons.append(f"得分 {score} 低于 {named}")
    if regressed:
        reasons.append(f"有退步的规则（{'、'.join(regressed)}）")
    if reasons:
        return False, "未通过：" + "；".join(reasons)
    return True, f"通过：得分 {score} 不低于 {named}，无一票否决"


def _finish(
    data: dict[str, Any],
    formats: tuple[str, ...],
    output: Path | None,
    evidence_dir: Path,
    options: RenderOptions,
    folder: bool = False,
) -> None:
    """Write the reports; with input problems, list them on stderr (unless the text summary on
    the terminal lists them already) and exit 2."""
    from checker.pipeline import write_reports

    write_reports(data, formats, output, evidence_dir, options, folder)
    if data["errors"]:
        if output is not None or "text" not in formats:
            print_problems([Problem(**p) for p in data["errors"]])
        sys.exit(EXIT_INPUT)


@main.command()
@_evidence_argument
@_rules_option
@click.option(
    "--strict",
    is_flag=True,
    help="提示（如 参与人数 写成“全体干部职工”、佐证材料写的是文字说明）也算作问题，退出码 2",
)
@_with_cache_options
@click.help_option("-h", "--help", help="显示帮助并退出")
@guarded
@collector_paused
def validate(
    evidence_dir: Path,
    rules_dir: Path | None,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
    quiet: bool,
) -> None:
    """只校验规则与证据文件，列出全部问题与提示（路径:行:列）。

    退出码：0 无误（提示不影响），2 有误。"""
    from checker.evidence.workbooks import ReadAhead

    workbooks = ReadAhead(evidence_dir)  # before the pipeline's imports: they parse meanwhile
    from checker.pipeline import run
    from checker.report.plain import plain

    # Evaluating too finds what only shows against the rules (a fact a rule needs is missing).
    data = run(
        _rules_dir(rules_dir, evidence_dir),
        evidence_dir,
        None,
        _cache_dir(cache_dir, no_cache),
        _progress(quiet),
        workbooks,
    ).as_dict()
    notices = [Problem(**warning) for warning in data["warnings"]]
    if strict and notices:
        raise InputError([*(Problem(**error) for error in data["errors"]), *notices])
    for notice in [] if quiet else notices:
        click.echo(plain(f"提示：{notice}"), err=True)
    if data["errors"]:
        raise InputError([Problem(**error) for error in data["errors"]])
    if not quiet:
        click.echo(
            f"校验通过：规则 {len(data['results'])} 条，证据文件 {data['evidence']['files']} 个，"
            f"记录 {data['evidence']['records']} 条。"
        )


@main.command()
@click.argument("target", type=click.Path(path_type=Path), metavar="文件夹")
@click.option(
    "--type",
    "unit_type",
    default=None,
    metavar="单位类型",
    help="单位类型：机关、事业单位、企业、学校、社区、村、镇（选用对应的内置规则集；默认机关）",
)
@click.option("--name", default=None, metavar="单位名称", help="写入 unit.yaml 的单位名称")
@click.option(
    "--enable",
    "enabled",
    multiple=True,
    metavar="可选部分",
    help="启用规则集的可选部分（如 兴义创文），写入 unit.yaml 并生成其文件夹；可重复使用",
)
@_rules_option
@click.help_option("-h", "--help", help="显示帮助并退出")
@guarded
def init(
    target: Path,
    unit_type: str | None,
    name: str | None,
    enabled: tuple[str, ...],
    rules_dir: Path | None,
) -> None:
    """按规则集为新单位生成证据文件夹：分类文件夹、台账模板、unit.yaml 和收集说明。"""
    from checker.library import default_type, for_type, local_rules
    from checker.rules.loader import load_ruleset
    from checker.scaffold.init import scaffold

    if unit_type is None and local_rules(rules_dir) is None:
        unit_type = default_type()
    ruleset = load_ruleset(for_type(rules_dir, unit_type) if unit_type else _rules_dir(rules_dir))
    chosen = unit_type or ruleset.meta.unit_types[0]
    written = scaffold(ruleset, target, chosen, name, enabled)
    click.echo(f"已生成 {target}（{chosen}）：{len(written)} 个文件。")
    click.echo(
        f"下一步：修改 {target / 'unit.yaml'}，阅读 {target / 'README.md'}，"
        f"然后运行 checker validate {target}"
    )


@main.command()
@click.argument(
    "kind", type=click.Choice(["rules", "ruleset", "record", "unit", "waivers", "ratings"])
)
@click.option(
    "--type",
    "unit_type",
    default=None,
    metavar="单位类型",
    help="按哪种单位类型的内置规则集生成（默认：当前目录 unit.yaml 的类型，没有则为机关）",
)
@_rules_option
@click.help_option("-h", "--help", help="显示帮助并退出")
@guarded
def schema(kind: str, unit_type: str | None, rules_dir: Path | None) -> None:
    """输出 JSON Schema（rules、ruleset、record、unit、waivers、ratings），供编辑器补全和校验。"""
    import json

    from checker.library import UNIT_FILE, default_type, for_evidence, for_type, local_rules
    from checker.rules.loader import load_ruleset
    from checker.schemas import SCHEMAS

    if unit_type is not None or local_rules(rules_dir) is not None:
        chosen = for_type(rules_dir, unit_type or "")
    elif Path(UNIT_FILE).is_file():  # run inside an evidence folder: its unit's set
        chosen = for_evidence(None, Path("."))
    else:
        chosen = for_type(None, default_type())
    document = SCHEMAS[kind](load_ruleset(chosen))
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


main.add_command(rules)
main.add_command(batch)
main.add_command(pack)
