"""Stage 5: rendering. Every output format is registered here, in one table whose keys are
also the choices of ``--format``; each renderer reads the same ``Assessment.as_dict()``."""

from __future__ import annotations

import importlib
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


@dataclass(frozen=True)
class Format:
    module: str  # imported on first use, to keep start-up fast
    extension: str
    description: str
    binary: bool = False

    def render(self, data: dict[str, Any], options: RenderOptions) -> str | bytes:
        renderer: Renderer = importlib.import_module(self.module).render
        return renderer(data, options)


FORMATS: dict[str, Format] = {
    "text": Format("checker.report.text", "txt", "终端摘要"),
    "markdown": Format("checker.report.markdown", "md", "完整差距报告（Markdown）"),
    "html": Format("checker.report.html", "html", "可打印的网页报告（含图表）"),
    "docx": Format("checker.report.docx", "docx", "党组会议用 Word 报告", binary=True),
    "json": Format("checker.report.json", "json", "机器可读的完整结果"),
    "junit": Format("checker.report.junit", "xml", "JUnit XML（持续集成测试报告）"),
    "sarif": Format("checker.report.sarif", "sarif", "SARIF 2.1.0（代码扫描）"),
    "github": Format("checker.report.github", "txt", "GitHub Actions 注释"),
}
