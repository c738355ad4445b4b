"""``--format json``: the whole result, stable key order, no timestamps.

Laid out for diffs and for speed: one top-level key per line, and each item of a list of
objects (a rule's result, a file of the inventory) on a line of its own, written by the C
encoder; a changed rule shows as one changed line."""

from __future__ import annotations

import json
from typing import Any

from checker.report import RenderOptions


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def render(data: dict[str, Any], options: RenderOptions) -> str:
    entries = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            items = ",\n".join(f"    {_dumps(item)}" for item in value)
            entries.append(f"  {_dumps(key)}: [\n{items}\n  ]")
        else:
            entries.append(f"  {_dumps(key)}: {_dumps(value)}")
    return "{\n" + ",\n".join(entries) + "\n}\n"
