"""The one Jinja environment: strict undefined, user templates searched before bundled ones,
and every filter the report templates use."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from checker.parsing import format_number
from checker.resources import templates


def _points(value: Any) -> str:
    return format_number(float(value))


def _evidence(sources: list[dict[str, Any]], limit: int = 5) -> str:
    shown = [f"{s['file']}:{s['line']}" if s["line"] else s["file"] for s in sources[:limit]]
    if len(sources) > limit:
        shown.append(f"等 {len(sources)} 条")
    return "、".join(shown)


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


FILTERS = {"points": _points, "evidence": _evidence, "cell": _cell}


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
