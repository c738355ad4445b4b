"""Properties of the calendar periods a requirement is judged over (docs/semantics.md 时段):
contiguous, disjoint, covering the window exactly, each with its fair share of days."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from checker.engine.periods import CALENDARS, Window, periods

DAYS = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def windows(draw: st.DrawFn) -> Window:
    start = draw(DAYS)
    cycle_end = start + dt.timedelta(days=draw(st.integers(0, 1200)))
    as_of = start + dt.timedelta(days=draw(st.integers(0, (cycle_end - start).days + 60)))
    return Window(start, min(as_of, cycle_end), cycle_end, as_of)


@given(windows(), st.sampled_from(sorted(CALENDARS)))
def test_periods_are_contiguous_disjoint_and_cover_the_window(window: Window, kind: str) -> None:
    found = periods(kind, window)
    assert found[0].start == window.start
    for before, after in itertools.pairwise(found):
        assert after.start == before.end + dt.timedelta(days=1)  # no gap, no overlap
    assert found[-1].start <= window.end <= found[-1].end <= window.cycle_end
    assert all(period.start <= period.end for period in found)
    assert all(not period.in_progress for period in found[:-1])


@given(windows(), st.sampled_from(sorted(CALENDARS)))
def test_each_period_carries_its_share_of_days(window: Window, kind: str) -> None:
    calendar = CALENDARS[kind]
    for period in periods(kind, window):
        first, last, _ = calendar(period.start)  # the whole calendar period
        whole = (last - first).days + 1
        counted_to = min(period.end, window.as_of)
        assert period.share == Fraction((counted_to - period.start).days + 1, whole)
        assert 0 < period.share <= 1
        assert period.in_progress == (window.as_of < period.end)
