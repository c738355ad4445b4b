"""How a requirement's records add up: one small function per aggregate kind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from checker.engine.select import values_of
from checker.evidence.model import Record
from checker.rules.models import Count, Distinct, Sum


def _count(_: Any, records: Sequence[Record]) -> float:
    return float(len(records))


def _sum(aggregate: Sum, records: Sequence[Record]) -> float:
    return sum(record.number(aggregate.field) or 0.0 for record in records)


def _distinct(aggregate: Distinct, records: Sequence[Record]) -> float:
    return float(len({value for record in records for value in values_of(record, aggregate.field)}))


AGGREGATES: dict[str, Callable[[Any, Sequence[Record]], float]] = {
    "count": _count,
    "sum": _sum,
    "distinct": _distinct,
}


def aggregate(kind: Count | Sum | Distinct, records: Sequence[Record]) -> float:
    return AGGREGATES[kind.kind](kind, records)


def contributes(kind: Count | Sum | Distinct, record: Record) -> bool:
    """Whether a selected record adds to the aggregate, so reports cite only those."""
    if isinstance(kind, Sum):
        return record.number(kind.field) is not None
    if isinstance(kind, Distinct):
        return bool(values_of(record, kind.field))
    return True


def is_whole(kind: Count | Sum | Distinct) -> bool:
    """Counts of things are whole numbers; a needed share of them rounds up."""
    return kind.kind != "sum"
