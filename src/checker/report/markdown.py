"""``--format markdown``: the full gap report, rendered from ``templates/report.md.j2``."""

from __future__ import annotations

from typing import Any

from checker.report import RenderOptions, map_text
from checker.report.jinja import environment


def inert(value: Any) -> Any:
    """Evidence text with ``<``, ``>`` and ``&`` as entities, so no Markdown viewer takes a
    title such as ``<script>`` for HTML; viewers show the characters as written."""
    return map_text(
        value, lambda text: text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )


def render(data: dict[str, Any], options: RenderOptions) -> str:
    template = environment(options.template_dir).get_template("report.md.j2")
    return template.render(report=inert(data), evidence_href=options.evidence_href)
