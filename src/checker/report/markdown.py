"""``--format markdown``: the full gap report, rendered from ``templates/report.md.j2``."""

from __future__ import annotations

from typing import Any

from checker.report import RenderOptions
from checker.report.jinja import environment


def inert(value: Any) -> Any:
    """Evidence text with ``<``, ``>`` and ``&`` as entities, so no Markdown viewer takes a
    title such as ``<script>`` for HTML; viewers show the characters as written."""
    if isinstance(value, str):
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if isinstance(value, dict):
        return {key: inert(item) for key, item in value.items()}
    if isinstance(value, list):
        return [inert(item) for item in value]
    return value


def render(data: dict[str, Any], options: RenderOptions) -> str:
    template = environment(options.template_dir).get_template("report.md.j2")
    return template.render(report=inert(data), evidence_href=options.evidence_href)
