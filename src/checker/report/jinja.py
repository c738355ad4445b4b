"""The one Jinja environment: strict undefined, user templates searched before bundled ones,
and every filter the report templates use."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from checker.engine.signals import written, written_span
from checker.evidence.archives import openable
from checker.parsing import format_number
from checker.report.basis import basis_text, reference_note
from checker.resources import templates


def _points(value: Any) -> str:
    return format_number(float(value))


def _evidence(sources: list[dict[str, Any]], limit: int = 8) -> str:
    """``a.yaml 第 2、6、10 行；b.pdf``: each file once, its lines after it."""
    files: dict[str, list[int]] = {}
    for source in sources[:limit]:
        name = source["file"] + (f"（工作表“{source['sheet']}”）" if source.get("sheet") else "")
        files.setdefault(name, []).append(source["line"])
    parts = []
    for name, lines in files.items():
        numbered = [str(line) for line in lines if line]
        parts.append(f"{name} 第 {'、'.join(numbered)} 行" if numbered else name)
    text = "；".join(parts)
    if len(sources) > limit:
        text += f" 等，共 {len(sources)} 条"
    return text


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def claimed(claim: dict[str, Any]) -> str:
    """A claimed total as the evidence wrote it: 2000余 (at least), 约2000 (about), 2179."""
    number = format_number(float(claim["claimed"]))
    return {"at_least": f"{number}余", "about": f"约{number}"}.get(claim.get("kind", ""), number)


FILTERS = {
    "claimed": claimed,
    "points": _points,
    "evidence": _evidence,
    "cell": _cell,
    "openable": openable,
    "basis": basis_text,
    "reference_note": reference_note,
    "day": written,
    "days": written_span,
}


@lru_cache(maxsize=4)
def environment(user_dir: str | None = None) -> jinja2.Environment:
    search = [user_dir] if user_dir else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(templates())]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env
