"""Stage 5: rendering. Every output format is registered here, in one table whose keys are
also the choices of ``--format``; each renderer reads the same ``Assessment.as_dict()``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Renderer = Callable[[dict[str, Any], "RenderOptions"], str]


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    template_dir: str | None = None


@dataclass(frozen=True)
class Format:
    module: str  # imported on first use, to keep start-up fast
    extension: str
    description: str

    def render(self, data: dict[str, Any], options: RenderOptions) -> str:
        renderer: Renderer = importlib.import_module(self.module).render
        return renderer(data, options)


FORMATS: dict[str, Format] = {
    "text": Format("checker.report.text", "txt", "终端摘要"),
    "markdown": Format("checker.report.markdown", "md", "完整差距报告（Markdown）"),
    "json": Format("checker.report.json", "json", "机器可读的完整结果"),
}
