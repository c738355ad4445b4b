"""``checker pack``: the inspection pack (迎检/网上申报材料) of one evidence folder."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import click

from checker.commandline import EXIT_INPUT, DateType, guarded, print_problems
from checker.errors import Problem
from checker.rulescli import rules_option


@click.command()
@click.argument(
    "evidence_dir",
    required=False,
    default="evidence",
    type=click.Path(path_type=Path),
    metavar="[证据文件夹]",
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(path_type=Path),
    help="资料包文件夹（须为新的或空的文件夹，不能在证据文件夹内）；与 --zip 同用时为压缩包文件",
)
@rules_option
@click.option("--as-of", type=DateType(), help="评估日期（默认 unit.yaml 的 评估日期，否则今天）")
@click.option("--zip", "as_zip", is_flag=True, help="把资料包写成一个 .zip 压缩包")
@click.option("--no-cache", is_flag=True, help="不使用缓存，每次重新提取文档文字")
@click.option("--quiet", "-q", is_flag=True, help="安静模式：不显示进度和提示，只输出结果与错误")
@click.help_option("-h", "--help", help="显示帮助并退出")
@guarded
def pack(
    evidence_dir: Path,
    output: Path,
    rules_dir: Path | None,
    as_of: dt.date | None,
    as_zip: bool,
    no_cache: bool,
    quiet: bool,
) -> None:
    """生成迎检资料包：按测评项目逐项复制计入的材料，附目录和每项不超过 500 字的说明草稿。

    只复制，不移动、不修改证据文件夹。退出码：0 已生成，2 输入有误（资料包仍生成）。"""
    from checker.library import for_evidence
    from checker.pack.archive import write_zip
    from checker.pack.build import Pack, assess_and_pack, check_target
    from checker.pipeline import default_cache_dir

    if as_zip and output.suffix.lower() != ".zip":
        output = output.with_name(output.name + ".zip")
        # said even under -q: it is where the result is, not a progress message
        click.echo(f"压缩包文件名须以 .zip 结尾，已写为 {output.name}", err=True)
    check_target(output, evidence_dir)
    rules = for_evidence(rules_dir, evidence_dir)
    cache = None if no_cache else default_cache_dir()
    built: Pack
    if as_zip:
        with tempfile.TemporaryDirectory(prefix="checker-pack-") as folder:
            built = assess_and_pack(rules, evidence_dir, Path(folder) / "pack", as_of, cache)
            output.parent.mkdir(parents=True, exist_ok=True)
            write_zip(Path(folder) / "pack", output, dt.date.fromisoformat(built.data["as_of"]))
    else:
        built = assess_and_pack(rules, evidence_dir, output, as_of, cache)
    if not quiet:
        folders = sum(1 for item in built.layout.items if not item.empty)
        click.echo(
            f"已生成资料包 {output}：{len(built.layout.items)} 个测评项目，{folders} 个有材料，"
            f"文件 {len(built.written)} 个；未计入任何项目的文件 {len(built.layout.uncounted)} 个"
            "（见目录）。",
            err=True,
        )
        for warning in built.data["warnings"]:
            click.echo(f"提示：{Problem(**warning)}", err=True)
    if built.data["errors"]:
        print_problems([Problem(**p) for p in built.data["errors"]])
        sys.exit(EXIT_INPUT)
