"""``--format html``: one self-contained page (inline CSS and SVG), printable on A4."""

from __future__ import annotations

from typing import Any

from checker.report import RenderOptions
from checker.report.jinja import environment


def render(data: dict[str, Any], options: RenderOptions) -> str:
    template = environment(options.template_dir).get_template("report.html.j2")
    return template.render(report=data, evidence_href=options.evidence_href)
