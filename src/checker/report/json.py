"""``--format json``: the whole result, stable key order, no timestamps."""

from __future__ import annotations

import json
from typing import Any

from checker.report import RenderOptions


def render(data: dict[str, Any], options: RenderOptions) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
