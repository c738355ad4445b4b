"""``checker batch``: the 文明办's view. Every unit below a folder assessed (on all cores),
ranked, with review verdicts; or summaries from several machines merged into one ranking."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from pathlib import Path
from typing import Any

import click

from checker.batch import SUMMARY_FORMATS, SUMMARY_NAME
from checker.commandline import DateType, guarded, print_problems
from checker.errors import Problem, UsageError
from checker.rulescli import rules_option


def _targets(
    formats: tuple[str, ...], output: Path | None
) -> tuple[list[tuple[str, Path | None]], Path | None]:
    """Where each summary goes, and the folder the units' own reports go below (None: not
    written). ``-o`` is a file for one format named with its extension (the units' reports
    then go beside it), else a folder holding 汇总.<ext>."""
    unique = list(dict.fromkeys(formats))
    if output is None:
        if len(unique) > 1:
            raise UsageError("同时输出多种格式时，请用 --output 指定一个文件夹")
        if SUMMARY_FORMATS[unique[0]].binary:
            raise UsageError(f"{unique[0]} 汇总请用 --output 指定文件或文件夹，如 -o 汇总.xlsx")
        return [(unique[0], None)], None
    extension = "." + SUMMARY_FORMATS[unique[0]].extension
    if len(unique) == 1 and output.suffix.lower() == extension and not output.is_dir():
        return [(unique[0], output)], output.parent
    named = [(n, output / f"{SUMMARY_NAME}.{SUMMARY_FORMATS[n].extension}") for n in unique]
    return list(named), output


def _write(data: dict[str, Any], targets: list[tuple[str, Path | None]], quiet: bool) -> None:
    from checker.pipeline import _write_atomically, inert_report

    for name, path in targets:
        # printed now or `cat` into a CI log later: inert either way, as check's reports
        rendered = inert_report(
            name, importlib.import_module(SUMMARY_FORMATS[name].module).render(data)
        )
        if path is None:
            click.echo(rendered, nl=False)
            continue
        _write_atomically(path, rendered)
        if not quiet:
            click.echo(f"已写入 {path}", err=True)


def _outside_units(units_dir: Path, folders: list[str], places: list[Path]) -> None:
    """No report, nor the units' report folders, inside any unit's evidence."""
    from checker.evidence.context import within

    for folder in folders:
        evidence = units_dir / folder
        for place in places:
            if within(place, evidence):
                raise UsageError(f"报告不能写入单位的证据文件夹：{place}（在 {evidence} 内）")


@click.command("batch")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="单位总文件夹")
@rules_option
@click.option("--as-of", type=DateType(), help="评估日期（默认各单位 unit.yaml 的评估日期）")
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(list(SUMMARY_FORMATS)),
    help="汇总格式，可重复：json、xlsx（汇总表）、html（可打印网页）、markdown（默认）",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="输出文件夹（汇总.<格式> 与各单位的 report.json、测评表.xlsx）；一种格式时也可为文件",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="并行进程数（默认 CPU 核数）")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="上一年的 JSON 汇总：比较得分、名次，连续两年限期整改的改为撤销",
)
@click.option(
    "--ratings",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="测评组的现场评分表（现场评分.xlsx），覆盖各单位 ratings.yaml 中同一项目的评分",
)
@click.option(
    "--ratings-template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="写出空白的现场评分表（每个单位的实地考察、问卷调查项目各一行）后退出",
)
@click.option("--merge", is_flag=True, help="合并多台机器的 JSON 汇总为一个排名（参数为汇总文件）")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="文档文字提取的缓存目录（默认：用户缓存目录）",
)
@click.option("--no-cache", is_flag=True, help="不使用缓存")
@click.option("--quiet", "-q", is_flag=True, help="安静模式：不显示进度和提示")
@click.help_option("-h", "--help", help="显示帮助并退出")
@guarded
def batch(paths: tuple[Path, ...], formats: tuple[str, ...], merge: bool, **options: Any) -> None:
    """文明办视角：评估文件夹下的所有单位（含 unit.yaml 的文件夹），排名并给出复查结论。

    退出码：0 全部达标，1 有单位未达标，2 有单位（或评分表）输入有误。"""
    from checker.batch.summary import exit_code

    chosen = formats or ("markdown",)
    if merge:
        data = _merged(paths, chosen, options)
    else:
        if len(paths) != 1:
            raise UsageError("请给出一个单位总文件夹（合并汇总时用 --merge a.json b.json …）")
        data = _assessed(paths[0], chosen, options)
        if data is None:  # --ratings-template: written, nothing assessed
            return
    sys.exit(exit_code(data))


def _merged(paths: tuple[Path, ...], formats: tuple[str, ...], options: dict[str, Any]) -> Any:
    from checker.batch.summary import merge

    given = [name for name in ("baseline", "ratings", "ratings_template") if options[name]]
    if given:
        shown = "、".join("--" + name.replace("_", "-") for name in given)
        raise UsageError(f"--merge 只合并已有的汇总，不能与 {shown} 同用（请在各台机器上使用）")
    if len(paths) < 2:
        raise UsageError("--merge 需要至少两个 JSON 汇总文件")
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise UsageError(f"汇总文件不存在：{'、'.join(missing)}")
    data = merge(list(paths))
    _write(data, _targets(formats, options["output"])[0], options["quiet"])
    _report_problems(data)
    return data


def _report_problems(data: dict[str, Any]) -> None:
    problems = [Problem(**p) for p in data.get("problems", [])]
    problems += [Problem(**p) for unit in data["units"] for p in unit["problems"]]
    if problems:
        print_problems(problems)


def _assessed(units_dir: Path, formats: tuple[str, ...], options: dict[str, Any]) -> Any:
    from checker.batch.discover import discover

    if not units_dir.is_dir():
        raise UsageError(f"单位总文件夹不存在：{units_dir}")
    folders = discover(units_dir)
    if not folders:
        raise UsageError(f"{units_dir} 下没有单位（含 unit.yaml 的文件夹）")
    if options["ratings_template"] is not None:
        _template(units_dir, folders, options)
        return None
    targets, unit_root = _targets(formats, options["output"])
    places = [path for _, path in targets if path is not None]
    _outside_units(units_dir, folders, places + ([unit_root] if unit_root else []))
    if unit_root is not None:
        _outside_units(units_dir, folders, [unit_root / folder for folder in folders])
    data = _run(units_dir, folders, unit_root, options)
    _write(data, targets, options["quiet"])
    _report_problems(data)
    return data


def _template(units_dir: Path, folders: list[str], options: dict[str, Any]) -> None:
    from checker.batch.discover import ratings_book, unit_refs

    path: Path = options["ratings_template"]
    _outside_units(units_dir, folders, [path])
    refs = unit_refs(units_dir, folders, options["rules_dir"])
    ratings_book().template(path, refs)
    left = sorted(set(folders) - {ref.folder for ref in refs})
    if left:  # a unit whose unit.yaml cannot be read has no items to rate: say so, always
        click.echo(
            f"提示：以下单位的 unit.yaml 无法读取，未列入评分表：{'、'.join(left)}", err=True
        )
    if not options["quiet"]:
        click.echo(f"已写入 {path}：测评组填写后用 --ratings {path} 汇入", err=True)


def _team_ratings(
    units_dir: Path, folders: list[str], options: dict[str, Any]
) -> tuple[dict[str, Any], list[Problem]]:
    """The 测评组's ratings by unit folder, and the workbook's problems (the batch's own)."""
    if options["ratings"] is None:
        return {}, []
    from checker.batch.discover import ratings_book, unit_refs

    refs = unit_refs(units_dir, folders, options["rules_dir"])
    found, problems = ratings_book().read(options["ratings"], refs)
    return dict(found), list(problems)


def _progress(quiet: bool) -> Any:
    from checker.progress import ProgressLine

    wanted = ProgressLine.wanted(sys.stderr, quiet)
    return ProgressLine(label="评估单位", minimum=2) if wanted else None


def _cache(options: dict[str, Any]) -> Path | None:
    if options["no_cache"]:
        return None
    if options["cache_dir"] is not None:
        return Path(options["cache_dir"])
    from checker.pipeline import default_cache_dir

    return default_cache_dir()


def _run(
    units_dir: Path, folders: list[str], unit_root: Path | None, options: dict[str, Any]
) -> dict[str, Any]:
    """Assess every unit; the summary, ranked, compared with last year's when asked."""
    from checker.batch.review import repeated
    from checker.batch.run import Job, assess_all, default_workers
    from checker.batch.summary import compare, load, summary

    baseline = load(options["baseline"]) if options["baseline"] else None  # early: before the work
    team, problems = _team_ratings(units_dir, folders, options)
    as_of: dt.date | None = options["as_of"]
    cache = _cache(options)
    jobs = [
        Job(
            units_dir,
            folder,
            options["rules_dir"],
            as_of,
            unit_root,
            cache,
            tuple(team.get(folder, ())),
        )
        for folder in folders
    ]
    entries, rules, unofficial = [], {}, False
    for outcome in assess_all(
        jobs, options["jobs"] or default_workers(), _progress(options["quiet"])
    ):
        entries.append(outcome.entry)
        rules[outcome.entry["folder"]] = outcome.repeated
        unofficial = unofficial or not outcome.official
    data = summary(entries, as_of.isoformat() if as_of else None, unofficial)
    if baseline is not None:
        compare(data["units"], baseline)
        for unit in data["units"]:
            repeated(unit, rules[unit["folder"]])
    if problems:
        data["problems"] = [problem.as_dict() for problem in problems]
    return data
