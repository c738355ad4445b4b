"""Stage 5: rendering. Every output format is registered here, in one table whose keys are
also the choices of ``--format``; each renderer reads the same ``Assessment.as_dict()``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from typing import Any

from checker.report.plain import plain

Renderer = Callable[[dict[str, Any], "RenderOptions"], "str | bytes"]


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    template_dir: str | None = None  # a unit's own Jinja templates, searched first
    docx_template: str | None = None  # a unit's own Word template
    evidence_href: str = ""  # the evidence folder relative to the report, for links
    quiet: bool = False  # no informational lines on stderr
    width: int | None = None  # a terminal's columns to wrap the text summary to; None: piped
    # The gate as the exit code has it (passed, why; with --fail-under, --fail-on-regression);
    # None: the rule set's pass line alone.
    verdict: tuple[bool, str] | None = None


_FLAT = frozenset({str, int, float, bool, type(None)})


def map_text(value: Any, change: Callable[[str], str]) -> Any:
    """A copy of the result with ``change`` applied to every text in it, however deep. Each
    distinct text is changed once, and a list of flat objects (a requirement's citations,
    perhaps a hundred thousand ledger rows) is copied in C when no text in it changes."""
    changed: dict[str, str] = {}

    def text(item: str) -> str:
        result = changed.get(item)
        if result is None:
            result = changed[item] = change(item)
        return result

    def flat(items: list[Any]) -> list[Any] | None:
        """A copy of a list of flat objects whose texts do not change, else None."""
        if len(items) < 2 or set(map(type, items)) != {dict}:
            return None
        try:
            values = set(chain.from_iterable(map(dict.values, items)))
        except TypeError:  # a list or an object inside
            return None
        if not set(map(type, values)) <= _FLAT:
            return None
        if any(text(v) is not v for v in values if type(v) is str):
            return None
        return list(map(dict.copy, items))

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return text(item)
        if isinstance(item, dict):
            return {key: walk(v) for key, v in item.items()}
        if isinstance(item, list):
            copied = flat(item)
            return copied if copied is not None else [walk(v) for v in item]
        return item

    return walk(value)


def printable(value: Any) -> Any:
    """The result with control characters (a terminal escape, a NUL from a spreadsheet cell,
    a bidirectional override) taken out of every text, and no text able to start a line a CI
    runner reads as a command (``::error``, ``##[``): inert on a terminal and in a CI log when a
    report is printed (``cat report.xml``), legal in XML."""
    return map_text(value, plain)


@dataclass(frozen=True)
class Format:
    module: str  # imported on first use, to keep start-up fast
    extension: str
    description: str
    binary: bool = False
    escapes_itself: bool = False  # JSON keeps every character, escaped

    def render(self, data: dict[str, Any], options: RenderOptions) -> str | bytes:
        from checker.report.rectify import with_rectification

        renderer: Renderer = importlib.import_module(self.module).render
        data = with_rectification(data)  # what each gap asks, the same in every format
        return renderer(data if self.escapes_itself else printable(data), options)


FORMATS: dict[str, Format] = {
    "text": Format("checker.report.text", "txt", "终端摘要"),
    "markdown": Format("checker.report.markdown", "md", "完整差距报告（Markdown）"),
    "html": Format("checker.report.html", "html", "可打印的网页报告（含图表）"),
    "docx": Format("checker.report.docx", "docx", "党组会议用 Word 报告", binary=True),
    "xlsx": Format("checker.report.xlsx", "xlsx", "测评表（可编辑、可打印）", binary=True),
    "json": Format("checker.report.json", "json", "机器可读的完整结果", escapes_itself=True),
    "junit": Format("checker.report.junit", "xml", "JUnit XML（持续集成测试报告）"),
    "sarif": Format("checker.report.sarif", "sarif", "SARIF 2.1.0（代码扫描）"),
    "github": Format("checker.report.github", "github.txt", "GitHub Actions 注释"),
}
