"""``checker rules``: browsing the bundled library of rule sets, or a unit's own set."""

from __future__ import annotations

from pathlib import Path

import click

from checker.commandline import Group, guarded
from checker.errors import UsageError

# Shared with the other commands (check, validate, init, schema).
rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="规则目录（默认：当前目录下的 rules/，没有则用内置规则集）",
)


@click.group(cls=Group, invoke_without_command=True)
@rules_option
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    help="text：终端列表；markdown：完整的规则说明文档（docs/rules.md 即由此生成）",
)
@click.help_option("-h", "--help", help="显示帮助并退出")
@click.pass_context
def rules(ctx: click.Context, rules_dir: Path | None, output_format: str) -> None:
    """浏览规则集：rules list 列出全部规则，rules show 编号 查看一条。"""
    ctx.obj = (rules_dir, output_format)
    if ctx.invoked_subcommand is None:
        ctx.invoke(rules_list)


_type_option = click.option(
    "--type", "unit_type", default=None, metavar="单位类型", help="选用该单位类型的内置规则集"
)


@rules.command("list")
@_type_option
@click.help_option("-h", "--help", help="显示帮助并退出")
@click.pass_context
@guarded
def rules_list(ctx: click.Context, unit_type: str | None = None) -> None:
    """列出全部规则：编号、分类、分值、方式、标题；不指定规则集时列出内置规则库的各规则集。"""
    from checker.rules.document import render_library, render_list, render_markdown
    from checker.rules.loader import load_ruleset

    rules_dir, output_format = ctx.obj
    markdown = output_format == "markdown"
    chosen = _chosen_sets(rules_dir, unit_type)
    if len(chosen) > 1:
        click.echo(render_library([load_ruleset(path) for path in chosen], markdown), nl=False)
        return
    render = render_markdown if markdown else render_list
    click.echo(render(load_ruleset(chosen[0])), nl=False)


def _chosen_sets(rules_dir: Path | None, unit_type: str | None) -> list[Path]:
    """The given or local set, the bundled set for ``unit_type``, or every bundled set."""
    from checker.library import for_type, local_rules
    from checker.resources import bundled_library, library_sets

    if unit_type is not None:
        return [for_type(rules_dir, unit_type)]
    given = local_rules(rules_dir)
    if given is not None:
        return [given]
    return [found.path for found in library_sets()] or [bundled_library()]


@rules.command("show")
@click.argument("rule_id", metavar="编号")
@_type_option
@click.help_option("-h", "--help", help="显示帮助并退出")
@click.pass_context
@guarded
def rules_show(ctx: click.Context, rule_id: str, unit_type: str | None = None) -> None:
    """查看一条规则的全部内容（不指定规则集时在内置规则库的各规则集中查找）。"""
    from checker.rules.document import render_rule
    from checker.rules.loader import load_ruleset
    from checker.validation import closest

    known: list[str] = []
    found = []
    for path in _chosen_sets(ctx.obj[0], unit_type):
        ruleset = load_ruleset(path)
        rule = ruleset.rule(rule_id)
        if rule is not None:
            found.append((rule, ruleset))
        known += [r.id for r in ruleset.rules]
    if found:
        rule, ruleset = found[0]
        click.echo(render_rule(rule, ruleset), nl=False)
        if len(found) > 1:  # every set has an A1: say whose this is and how to see the others
            others = "、".join(
                f"{s.meta.title}（{'、'.join(s.meta.unit_types)}）" for _, s in found[1:]
            )
            click.echo(f"\n另有同编号的规则见：{others}；用 --type 单位类型 查看。")
        return
    hint = closest(rule_id, known)
    raise UsageError(f"没有编号为 '{rule_id}' 的规则" + (f"，是否为 '{hint}'？" if hint else ""))


@rules.command("import")
@click.argument("table", metavar="测评细则表", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="写出规则集的目录（须为新的或空的目录）",
)
@click.option(
    "--report",
    "report",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="另存 Markdown 导入报告（如 导入报告.md）",
)
@click.help_option("-h", "--help", help="显示帮助并退出")
@guarded
def rules_import(table: Path, out: Path, report: Path | None) -> None:
    """把测评细则表（.xlsx/.xls/.et/.csv/.docx）导入为规则集，并列出每一项的理解与留给人工的部分。"""
    from checker.rules.importer import import_table, write_ruleset
    from checker.rules.importer_report import render_report
    from checker.rules.loader import load_ruleset

    imported = import_table(table)
    write_ruleset(imported, out)
    load_ruleset(out)  # what was written must load: a fault here is ours, shown as problems
    click.echo(render_report(imported, str(out), markdown=False), nl=False)
    if report is not None:
        report.write_text(render_report(imported, str(out), markdown=True), encoding="utf-8")
    for warning in imported.warnings():
        click.echo(f"注意：{warning}", err=True)


@rules.command("export")
@click.option(
    "--format",
    "-f",
    "kind",
    type=click.Choice(["xlsx", "docx"]),
    default="xlsx",
    help="xlsx：Excel 表格；docx：Word 表格",
)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="写出的测评细则表文件",
)
@_type_option
@click.help_option("-h", "--help", help="显示帮助并退出")
@click.pass_context
@guarded
def rules_export(ctx: click.Context, kind: str, out: Path, unit_type: str | None = None) -> None:
    """把规则集打印为测评细则表（测评项目、测评内容、分值、测评方法、评分标准），可再导入。"""
    from checker.rules.export import export_ruleset
    from checker.rules.loader import load_ruleset

    chosen = _chosen_sets(ctx.obj[0], unit_type)
    export_ruleset(load_ruleset(chosen[0]), out, kind)
    click.echo(f"已写出 {out}")
