"""``checker batch -f html``: the batch summary as one self-contained page (inline CSS, no
network), printable on A4 with page numbers and readable on a phone. The units that need the
文明办's attention (a veto, a score below the pass line, a verdict short of 保留) come first,
then the ranking and a heat map of each unit's categories, coloured by the share of points
earned and with the numbers written in every cell."""

from __future__ import annotations

from typing import Any

from checker.batch.xlsx_summary import rank_change, shown_name, veto_titles
from checker.report.jinja import environment

TEMPLATE = "batch_summary.html.j2"
VERDICTS = ("保留", "限期整改", "撤销")
# Heat-map bands by the share of points earned: (lowest share, css class, legend).
BANDS = (
    (0.9, "heat-4", "得分率 90% 及以上"),
    (0.8, "heat-3", "80%—90%"),
    (0.7, "heat-2", "70%—80%"),
    (0.0, "heat-1", "70% 以下"),
)
NO_POINTS = ("heat-0", "无分值或不适用")


def band(earned: float, top: float) -> str:
    """The css class of a heat-map cell; a category without points has its own."""
    if top <= 0:
        return NO_POINTS[0]
    share = earned / top
    return next(name for low, name, _ in BANDS if share >= low)


def needs_attention(unit: dict[str, Any]) -> bool:
    """A unit the 文明办 must act on: a veto, input problems, a score under the pass line,
    or a verdict other than 保留."""
    return bool(
        unit.get("veto")
        or unit.get("problems")
        or unit["score"] < unit["pass_score"]
        or unit["verdict"] != "保留"
    )


def _attention(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The units to act on: revocations first, then warnings, each in rank order."""
    order = {"撤销": 0, "限期整改": 1}
    chosen = [u for u in units if needs_attention(u)]
    chosen.sort(key=lambda u: (order.get(u["verdict"], 2), u["rank"]))
    return [
        dict(unit, veto_titles=veto_titles(unit), shown=shown_name(unit, units)) for unit in chosen
    ]


def _heat(units: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """(categories with points in the order first met, one row per unit with a cell per
    category, None where its rule set has no such category)."""
    names: dict[str, None] = {}
    for unit in units:  # a category no unit scores in (一票否决) has nothing to colour
        names.update((c["name"], None) for c in unit.get("categories") or [] if c["max"])
    rows = []
    for unit in units:
        own = {c["name"]: c for c in unit.get("categories") or []}
        cells: list[dict[str, Any] | None] = []
        for name in names:
            found = own.get(name)
            if found is None:
                cells.append(None)
                continue
            share = round(100 * found["earned"] / found["max"]) if found["max"] else None
            cells.append(dict(found, band=band(found["earned"], found["max"]), share=share))
        rows.append({"unit": unit, "cells": cells})
    return list(names), rows


def context(summary: dict[str, Any]) -> dict[str, Any]:
    units = summary.get("units") or []
    # every verdict the units carry, so the cards add up to the units (待现场测评, 无法评定)
    words = ["保留", "限期整改", "撤销"]
    words += sorted({u["verdict"] for u in units} - set(words))
    verdicts = {word: sum(u["verdict"] == word for u in units) for word in words}
    shown = [dict(u, shown=shown_name(u, units)) for u in units]
    categories, heat = _heat(shown)
    return {
        "as_of": summary.get("as_of"),
        "note": summary.get("ruleset_note") or "",
        "units": [
            dict(u, veto_titles=veto_titles(u), change=rank_change(u), shown=shown_name(u, units))
            for u in units
        ],
        "problems": summary.get("problems") or [],
        "baseline": any(u.get("previous") is not None for u in units),
        "verdicts": verdicts,
        "attention": _attention(units),
        "categories": categories,
        "heat": heat,
        "bands": [(name, text) for _, name, text in BANDS] + [NO_POINTS],
    }


def render(summary: dict[str, Any]) -> str:
    """The batch summary (the shape ``checker batch -f json`` prints) as an HTML page."""
    template = environment().get_template(TEMPLATE)
    return template.render(**context(summary))
