"""The command line's plumbing: Chinese help pages and usage errors for click, the date
option type, and the guard that turns input problems into exit code 2 without a traceback."""

from __future__ import annotations

import functools
import gc
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

from checker.errors import InputError, Problem, UsageError

EXIT_PASS, EXIT_FAIL, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
F = TypeVar("F", bound=Callable[..., Any])

_CLICK_MESSAGES = [
    ("No such option: ", "没有这个选项："),
    ("No such command ", "没有这个命令 "),
    ("Missing argument ", "缺少参数 "),
    ("Missing option ", "缺少选项 "),
    ("Invalid value for ", "取值无效："),
    ("does not exist.", "不存在。"),
    ("is not one of", "不是以下之一："),
    ("Option ", "选项 "),
    ("requires an argument.", "需要一个值。"),
    ("Got unexpected extra argument", "多余的参数"),
    ("is not a valid float.", "不是有效的数字。"),
]


class _Chinese:
    """Chinese section headings for click's help pages."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx))]  # type: ignore[attr-defined]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            commands = [
                (n, c)
                for n in self.list_commands(ctx)
                if (c := self.get_command(ctx, n)) and not c.hidden
            ]
            if commands:
                with formatter.section("命令"):
                    formatter.write_dl([(n, c.get_short_help_str(60)) for n, c in commands])


class Command(_Chinese, click.Command):
    pass


class Group(_Chinese, click.Group):
    command_class = Command
    group_class = type

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("standalone_mode", False)
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(EXIT_INPUT)
        except click.ClickException as exc:
            message = exc.format_message()
            for english, chinese in _CLICK_MESSAGES:
                message = message.replace(english, chinese)
            context = getattr(exc, "ctx", None)
            if isinstance(context, click.Context):
                click.echo(context.get_usage(), err=True)
            click.echo(f"错误：{message}", err=True)
            sys.exit(EXIT_INPUT)


class DateType(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from checker.parsing import DateError, parse_date

        try:
            return parse_date(value)
        except DateError as exc:
            self.fail(str(exc), param, ctx)


def guarded(function: F) -> F:
    """Input problems print as ``path:line:col: message`` and exit 2; bugs keep a traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except InputError as exc:
            print_problems(exc.problems)
            sys.exit(EXIT_INPUT)
        except UsageError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(EXIT_INPUT)
        except (KeyboardInterrupt, SystemExit, click.exceptions.Exit):
            raise
        except Exception:  # a bug, not bad input: keep the traceback for the report
            traceback.print_exc()
            click.echo(
                "checker 内部错误（这是程序缺陷，不是您的输入有误），请附上以上信息报告。", err=True
            )
            sys.exit(EXIT_BUG)

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper  # type: ignore[return-value]


def collector_paused(function: F) -> F:
    """Pause the cyclic garbage collector for one command. A run over a large folder builds
    millions of objects and keeps them to the end; the collector would walk them again and
    again (a third of the run on a 100 000-row ledger) and find nothing, as the checker's
    data holds no reference cycles. Restored afterwards, for callers in the same process."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper  # type: ignore[return-value]


def print_problems(problems: list[Problem]) -> None:
    from checker.report.plain import plain

    for problem in problems:  # a message quotes evidence: never a command to the CI runner
        click.echo(plain(str(problem)), err=True)
    click.echo(f"共 {len(problems)} 处问题。", err=True)


def color_wanted(stream: Any, env: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not env.get("NO_COLOR")
