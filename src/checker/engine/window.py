"""The assessment window: the creation cycle holding the assessment date (the unit's own
``创建周期`` over the rule set's), the unit's ``since``, and a veto rule's look-back."""

from __future__ import annotations

import datetime as dt

from checker.engine.periods import ONE_DAY, Window
from checker.engine.signals import day
from checker.errors import Problem, UsageError
from checker.evidence.loader import Evidence
from checker.rules.loader import RuleSet
from checker.rules.models import Rule, lookback_months


def cycle_for(rules: RuleSet, evidence: Evidence, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the cycle: ``unit.yaml``'s ``创建周期`` when given (a unit
    created on its own calendar), else the rule set's cycle holding the assessment date."""
    own = evidence.unit.cycle
    if own is not None:
        return own.start, own.end
    return rules.meta.cycle.holding(as_of)


def window_for(rules: RuleSet, evidence: Evidence, as_of: dt.date) -> Window:
    cycle_start, cycle_end = cycle_for(rules, evidence, as_of)
    start = max(cycle_start, evidence.unit.since or cycle_start)
    if start > cycle_end:
        raise UsageError(f"unit.yaml 的创建起始 {start} 晚于创建周期结束 {cycle_end}")
    if as_of < start:
        raise UsageError(
            f"评估日期 {as_of} 早于评估起点 {start}（创建周期开始或 unit.yaml 的创建起始）"
        )
    return Window(start, min(as_of, cycle_end), cycle_end, as_of)


def cycle_notice(rules: RuleSet, evidence: Evidence, window: Window) -> Problem | None:
    """A notice when the assessment date is after a fixed cycle's end: the unit is judged
    on a cycle that is over, which is right for a late review and a slip otherwise."""
    if window.as_of <= window.cycle_end:
        return None
    own = evidence.unit.cycle is not None
    where = evidence.unit_file if own else str(rules.root / "ruleset.yaml")
    whose = "unit.yaml 的创建周期" if own else "规则集的创建周期"
    return Problem(
        where,
        1,
        1,
        f"评估日期{day(window.as_of)}晚于{whose}结束日（{day(window.cycle_end)}）：该周期已结束，"
        f"按周期最后一天评估；如要评估新一届，请更新创建周期",
        "cycle-over",
    )


def lookback_window(rule: Rule, window: Window) -> Window | None:
    """A veto rule's own window: the ``lookback`` months up to and including the day the
    assessment is made on (the assessment date, or the last day of a cycle that is over),
    whatever the cycle start; None for ``cycle`` or no look-back (the assessment window)."""
    if rule.lookback is None:
        return None
    months = lookback_months(rule.lookback)
    if months is None:
        return None
    end = window.end
    return Window(months_before(end, months) + ONE_DAY, end, end, window.as_of)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    following = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return dt.date(year, month + 1, min(day.day, (following - ONE_DAY).day))
