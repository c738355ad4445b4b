"""How a requirement's records add up: one small function per aggregate kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import is_not
from typing import Any

from checker.engine.select import numbers_in, values_in
from checker.evidence.model import Record
from checker.rules.models import Count, Distinct, Sum


def _count(_: Any, records: Sequence[Record]) -> float:
    return float(len(records))


def _sum(aggregate: Sum, records: Sequence[Record]) -> float:
    return sum(number or 0.0 for number in numbers_in(records, aggregate.field))


def _distinct(aggregate: Distinct, records: Sequence[Record]) -> float:
    return float(len({value for values in values_in(records, aggregate.field) for value in values}))


AGGREGATES: dict[str, Callable[[Any, Sequence[Record]], float]] = {
    "count": _count,
    "sum": _sum,
    "distinct": _distinct,
}


def aggregate(kind: Count | Sum | Distinct, records: Sequence[Record]) -> float:
    return AGGREGATES[kind.kind](kind, records)


def contributing(kind: Count | Sum | Distinct, records: Sequence[Record]) -> Iterable[Record]:
    """The selected records that add to the aggregate, so reports cite only those."""
    if isinstance(kind, Sum):
        return compress(records, map(is_not, numbers_in(records, kind.field), repeat(None)))
    if isinstance(kind, Distinct):
        return compress(records, values_in(records, kind.field))
    return records


def is_whole(kind: Count | Sum | Distinct) -> bool:
    """Counts of things are whole numbers; a needed share of them rounds up."""
    return kind.kind != "sum"
