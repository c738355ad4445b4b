"""Judging one set of records against one requirement over its periods.

SPEC's semantics live here: the pro-rata judgement of the period in progress, coverage, and
the partial credit of a requirement judged over one period or several.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from operator import attrgetter

from checker.engine.aggregate import aggregate, is_whole
from checker.engine.periods import Period
from checker.engine.select import numbers_in
from checker.evidence.model import Record
from checker.rules.models import Count, Distinct, Requirement


def exact(value: float) -> Fraction:
    """YAML floats as the decimals people wrote (0.8 is 4/5, not 0.8000000000000000444)."""
    return Fraction(str(value))


@dataclass(frozen=True)
class Threshold:
    needed: Fraction | None  # at least this much (None: no lower bound)
    most: Fraction | None  # at most this much (None: no upper bound)
    scaled: bool = False  # the minimum was scaled by the period's share of days

    def met(self, value: float) -> bool:
        amount = exact(value)
        return (self.needed is None or amount >= self.needed) and (
            self.most is None or amount <= self.most
        )

    def fraction(self, value: float) -> Fraction:
        """Partial credit over a single period: found/needed for a minimum, all or nothing
        for a maximum."""
        amount = exact(value)
        if self.most is not None and amount > self.most:
            return Fraction(0)
        if not self.needed:
            return Fraction(1)
        return min(Fraction(1), amount / self.needed)


def threshold(requirement: Requirement, period: Period, base: Fraction | None) -> Threshold:
    """The threshold for one period. A period with only a share of its days in the window
    has its ``min`` scaled: rounded down while it is in progress (what is due so far), half
    up when the window cut it short (its fair part). ``min_ratio`` and ``max`` are not
    scaled; a scaled ``min`` of 0 leaves the period unjudged (see :func:`judged`)."""
    most = exact(requirement.max) if requirement.max is not None else None
    if requirement.min_ratio is not None and base is not None:
        needed: Fraction | None = exact(requirement.min_ratio) * base
        if needed is not None and is_whole(requirement.aggregate):
            # a share of people is whole people, and a positive share is at least one
            needed = Fraction(max(1, math.ceil(needed)))
        return Threshold(needed, most)
    minimum = requirement.threshold_min
    if minimum is None:
        return Threshold(None, most)
    needed = exact(minimum)
    if period.share == 1:
        return Threshold(needed, most)
    part = needed * period.share
    rounded = math.floor(part) if period.in_progress else math.floor(part + Fraction(1, 2))
    return Threshold(Fraction(rounded), most, scaled=True)


def judged(limit: Threshold, amount: float) -> bool:
    """Whether a period counts: a scaled ``min`` of 0 asks nothing of it, so it is judged
    only when its ``max`` is exceeded (then as a missed period)."""
    if limit.scaled and limit.needed == 0:
        return limit.most is not None and exact(amount) > limit.most
    return True


@dataclass
class Judgement:
    """How a requirement fared over its judged periods. Over one period it is an amount
    against a threshold; over several, a count of periods met against ``coverage``."""

    met: bool
    fraction: Fraction
    judged: int = 0  # periods judged (a period whose scaled minimum is 0 is not)
    met_periods: int = 0
    amount: float = 0.0  # one period: what the records add up to
    needed: float = 0.0  # one period: its threshold
    periods_needed: int = 0  # several periods: how many must be met (coverage)
    missing: list[str] = field(default_factory=list)
    in_progress: str | None = None
    most: float | None = None

    @property
    def over_periods(self) -> bool:
        return self.judged > 1

    def shown(self) -> tuple[float, float]:
        """What reports show as found/needed: the amount and its threshold over one period,
        periods met and periods needed over several."""
        if self.over_periods:
            return float(self.met_periods), float(self.periods_needed)
        return self.amount, self.needed

    @property
    def short(self) -> int:
        """What ``deduct`` charges for: the missed periods when several were judged (judged −
        met); over one period the missing items (needed − found, rounded up) or the items
        beyond a ``max``."""
        if self.judged != 1:
            return self.judged - self.met_periods
        if self.most is not None and self.amount > self.most:
            return math.ceil(exact(self.amount) - exact(self.most))
        return max(0, math.ceil(exact(self.needed) - exact(self.amount)))


def bucket(records: Sequence[Record], periods: Sequence[Period]) -> list[list[Record]]:
    """Records per period: a record spanning days counts in every period it overlaps. Fast
    path: one-day records are looked up once per day (tests/test_judge.py holds it to the
    plain definition)."""
    buckets: list[list[Record]] = [[] for _ in periods]
    indexes = _one_day_periods(records, periods)
    if indexes is not None:
        for record, index in zip(records, indexes, strict=True):
            if index >= 0:
                buckets[index].append(record)
        return buckets
    starts = [period.start for period in periods]
    for record in records:
        start = record.start
        assert start is not None
        end = record.end or start
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        while index < len(periods) and periods[index].start <= end:
            if periods[index].end >= start:
                buckets[index].append(record)
            index += 1
    return buckets


def _one_day_periods(records: Sequence[Record], periods: Sequence[Period]) -> list[int] | None:
    """Each record's period (-1: none) when every record is of one day (a ledger's rows),
    looked up once per day; None when some record spans days."""
    days = list(map(_START, records))
    if days != list(map(_END, records)):
        return None
    starts = [period.start for period in periods]
    where = {day: _containing(periods, starts, day) for day in set(days)}
    return list(map(where.__getitem__, days))


_START, _END = attrgetter("start"), attrgetter("end")


def amounts(
    requirement: Requirement, records: Sequence[Record], periods: Sequence[Period]
) -> list[float]:
    """The records' aggregate in each period: ``aggregate`` of each ``bucket``, the reference.
    Fast path: counting or summing one-day records (a ledger's rows) needs no list of records
    per period; tests/test_judge.py holds it to the reference on mixed records."""
    kind = requirement.aggregate
    indexes = None if isinstance(kind, Distinct) else _one_day_periods(records, periods)
    if indexes is None:
        return [aggregate(kind, found) for found in bucket(records, periods)]
    if isinstance(kind, Count):
        counts = Counter(indexes)
        return [float(counts[index]) for index in range(len(periods))]
    found: list[list[float]] = [[] for _ in periods]  # each period's numbers, as _sum adds them
    for index, number in zip(indexes, numbers_in(records, kind.field), strict=True):
        if index >= 0:
            found[index].append(number or 0.0)
    return [sum(numbers) for numbers in found]


def _containing(periods: Sequence[Period], starts: list[dt.date], day: dt.date) -> int:
    """The index of the period holding ``day``, or -1."""
    index = bisect.bisect_right(starts, day) - 1
    if index >= 0 and periods[index].end >= day:
        return index
    return -1


def coverage_of(requirement: Requirement) -> Fraction:
    """The share of periods that must be met: with ``deduct`` every period counts (each
    missed one costs points), so ``coverage`` plays no part."""
    return Fraction(1) if requirement.deduct is not None else exact(requirement.coverage)


def judge(
    requirement: Requirement,
    records: Sequence[Record],
    periods: Sequence[Period],
    base: Fraction | None,
) -> Judgement:
    counted: list[tuple[Period, float, Threshold]] = []
    for period, amount in zip(periods, amounts(requirement, records, periods), strict=True):
        limit = threshold(requirement, period, base)
        if judged(limit, amount):
            counted.append((period, amount, limit))
    most = requirement.max
    if not counted:  # only periods whose scaled minimum is 0: nothing is due yet
        return Judgement(True, Fraction(1), most=most)
    progress = next((p.label for p, _, _ in counted if p.in_progress), None)
    if len(counted) == 1:
        period, value, limit = counted[0]
        met = limit.met(value)
        return Judgement(
            met,
            limit.fraction(value),
            judged=1,
            met_periods=int(met),
            amount=value,
            needed=float(limit.needed or 0),
            missing=[] if met else [period.label],
            in_progress=progress,
            most=most,
        )
    missing = [period.label for period, value, limit in counted if not limit.met(value)]
    met_count = len(counted) - len(missing)
    share = Fraction(met_count, len(counted))
    coverage = coverage_of(requirement)
    return Judgement(
        share >= coverage,
        min(Fraction(1), share / coverage),
        judged=len(counted),
        met_periods=met_count,
        periods_needed=math.ceil(coverage * len(counted)),
        missing=missing,
        in_progress=progress,
        most=most,
    )
