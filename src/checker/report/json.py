"""``--format json``: the whole result, stable key order, no timestamps.

Laid out for diffs and for speed: one top-level key per line, and each item of a list of
objects (a rule's result, a file of the inventory) on a line of its own, written by the C
encoder; a changed rule shows as one changed line."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby
from operator import itemgetter
from typing import Any

from checker.report import RenderOptions
from checker.result import Citations


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def _citations(value: Any) -> str:
    """A requirement's citations as ``_dumps`` writes them, by one template per file."""
    if not isinstance(value, Citations) or len(value) != len(value.sources):
        return _dumps(value)
    parts: list[str] = []
    for (file, sheet), group in groupby(value.sources, _FILE_AND_SHEET):
        head = f"{{{_dumps('file')}: {_dumps(file)}, {_dumps('line')}: "
        tail = f", {_dumps('sheet')}: {_dumps(sheet)}}}" if sheet else "}"
        template = head.replace("%", "%%") + "%d" + tail.replace("%", "%%")
        parts.extend(map(template.__mod__, map(_LINE, group)))
    return "[" + ", ".join(parts) + "]"


_FILE_AND_SHEET, _LINE = itemgetter(0, 2), itemgetter(1)


def _object(value: dict[str, Any], written: dict[str, Callable[[Any], str]]) -> str:
    """``_dumps`` of an object whose members named in ``written`` are written by those."""
    members = (
        f"{_dumps(key)}: {written[key](member) if key in written else _dumps(member)}"
        for key, member in value.items()
    )
    return "{" + ", ".join(members) + "}"


def _requirements(value: Any) -> str:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        return _dumps(value)
    return "[" + ", ".join(_object(item, {"evidence": _citations}) for item in value) + "]"


def _item(key: str, item: dict[str, Any]) -> str:
    """A rule's result cites its records by template; any other item is plain JSON."""
    if key == "results":
        return _object(item, {"requirements": _requirements})
    return _dumps(item)


def render(data: dict[str, Any], options: RenderOptions) -> str:
    entries = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            items = ",\n".join(f"    {_item(key, item)}" for item in value)
            entries.append(f"  {_dumps(key)}: [\n{items}\n  ]")
        else:
            entries.append(f"  {_dumps(key)}: {_dumps(value)}")
    return "{\n" + ",\n".join(entries) + "\n}\n"
