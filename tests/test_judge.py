"""The fast paths of judging, held to the plain definitions of docs/semantics.md on records
that mix one-day and multi-day dates, numbers in several forms, and records without them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine.aggregate import aggregate
from checker.engine.judge import amounts, bucket
from checker.engine.periods import Window, periods
from checker.evidence.model import Record, Source
from checker.rules.models import Requirement

START = dt.date(2022, 1, 1)
WINDOW = Window(START, dt.date(2022, 12, 31), dt.date(2022, 12, 31), dt.date(2022, 12, 31))
AMOUNTS = st.sampled_from([None, 3, 2.5, "200", "约30份", "二百余份", "见附件", "1,200"])


@st.composite
def records(draw: st.DrawFn) -> list[Record]:
    found = []
    one_day = draw(st.booleans())  # a ledger's rows (the fast paths), or a mix with spans
    for index in range(draw(st.integers(0, 40))):
        start = START + dt.timedelta(days=draw(st.integers(-20, 380)))
        days = 0 if one_day else draw(st.sampled_from([0, 0, 1, 3, 40]))
        amount = draw(AMOUNTS)
        fields = {} if amount is None else {"发放资料": amount}
        end = start + dt.timedelta(days=days)
        found.append(Record(Source("a.yaml", index + 1), "活动", "", start, end, (), fields))
    return found


def _overlapping(found: list[Record], kind: str) -> list[list[Record]]:
    """The definition: a record counts in every period it overlaps."""
    return [
        [r for r in found if r.start and r.start <= p.end and (r.end or r.start) >= p.start]
        for p in periods(kind, WINDOW)
    ]


@settings(max_examples=200)
@given(records(), st.sampled_from(["year", "quarter", "month", "week"]))
def test_bucket_is_the_records_overlapping_each_period(found: list[Record], kind: str) -> None:
    assert bucket(found, periods(kind, WINDOW)) == _overlapping(found, kind)


@settings(max_examples=200)
@given(
    records(),
    st.sampled_from(["year", "quarter", "month", "week"]),
    st.sampled_from([{}, {"sum": "发放资料"}, {"distinct": "发放资料"}]),
)
def test_amounts_are_the_aggregate_of_each_bucket(
    found: list[Record], kind: str, how: dict[str, str]
) -> None:
    requirement = Requirement(name="活动", type=["活动"], period=kind, **how)  # type: ignore[arg-type]
    expected = [aggregate(requirement.aggregate, part) for part in _overlapping(found, kind)]
    assert amounts(requirement, found, periods(kind, WINDOW)) == expected
