"""Stage 5: rendering. Every output format is registered here, in one table whose keys are
also the choices of ``--format``; each renderer reads the same ``Assessment.as_dict()``."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Renderer = Callable[[dict[str, Any], "RenderOptions"], "str | bytes"]


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    template_dir: str | None = None  # a unit's own Jinja templates, searched first
    docx_template: str | None = None  # a unit's own Word template
    evidence_href: str = ""  # the evidence folder relative to the report, for links
    quiet: bool = False  # no informational lines on stderr


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def map_text(value: Any, change: Callable[[str], str]) -> Any:
    """The result with ``change`` applied to every text in it, however deep."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {key: map_text(item, change) for key, item in value.items()}
    if isinstance(value, list):
        return [map_text(item, change) for item in value]
    return value


def printable(value: Any) -> Any:
    """The result with control characters (a terminal escape, a NUL from a spreadsheet cell)
    taken out of every text: inert on a terminal, legal in XML."""
    return map_text(value, lambda text: _CONTROL.sub("�", text))


@dataclass(frozen=True)
class Format:
    module: str  # imported on first use, to keep start-up fast
    extension: str
    description: str
    binary: bool = False
    escapes_itself: bool = False  # JSON keeps every character, escaped

    def render(self, data: dict[str, Any], options: RenderOptions) -> str | bytes:
        renderer: Renderer = importlib.import_module(self.module).render
        return renderer(data if self.escapes_itself else printable(data), options)


FORMATS: dict[str, Format] = {
    "text": Format("checker.report.text", "txt", "终端摘要"),
    "markdown": Format("checker.report.markdown", "md", "完整差距报告（Markdown）"),
    "html": Format("checker.report.html", "html", "可打印的网页报告（含图表）"),
    "docx": Format("checker.report.docx", "docx", "党组会议用 Word 报告", binary=True),
    "json": Format("checker.report.json", "json", "机器可读的完整结果", escapes_itself=True),
    "junit": Format("checker.report.junit", "xml", "JUnit XML（持续集成测试报告）"),
    "sarif": Format("checker.report.sarif", "sarif", "SARIF 2.1.0（代码扫描）"),
    "github": Format("checker.report.github", "github.txt", "GitHub Actions 注释"),
}
