"""Evaluates each rule's requirements against the selected records."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import compress
from operator import attrgetter

from checker.engine.aggregate import contributing
from checker.engine.gaps import (
    deduct_note,
    groups_gap,
    periods_gap,
    single_gap,
    unreadable_note,
)
from checker.engine.judge import Judgement, judge
from checker.engine.periods import Period, Window, periods
from checker.engine.select import Selector, values_in
from checker.evidence.model import Record, Source
from checker.evidence.unit import CHINESE_KEYS, Unit
from checker.parsing import format_number, parse_number
from checker.result import GroupResult, RequirementResult
from checker.rules.models import Requirement, Rule


class RuleError(Exception):
    """A rule that cannot be evaluated for this unit (a fact it needs is missing)."""


def _base(requirement: Requirement, unit: Unit) -> tuple[Fraction | None, str]:
    """The ``unit.yaml`` fact a ``min_ratio`` is a share of, and how the gap explains it."""
    if requirement.of is None:
        return None, ""
    fact = unit.fact(requirement.of)
    number = parse_number(fact)
    label = CHINESE_KEYS.get(requirement.of, requirement.of)  # as unit.yaml writes it
    if number is None:
        raise RuleError(
            f"要求“{requirement.name}”按 unit.yaml 的“{label}”计算比例，但 unit.yaml 中没有这个数字"
        )
    if number == 0:  # a template's 0 not filled in: “20% of 0” would judge nothing real
        raise RuleError(f"unit.yaml 的{label}未填写（为 0），无法按比例计算")
    ratio = requirement.min_ratio or 0
    base = Fraction(str(number))
    explain = f"要求不少于{label} {format_number(number)} 的 {round(ratio * 100, 2):g}%"
    return base, explain


class Evaluator:
    def __init__(
        self, selector: Selector, unit: Unit, window: Window, current: Sequence[bool]
    ) -> None:
        self.selector = selector
        self.unit = unit
        self.window = window
        self._periods: dict[str, list[Period]] = {}
        self._current = dict(zip(map(id, selector.all), current, strict=True))

    def periods(self, kind: str) -> list[Period]:
        if kind not in self._periods:
            self._periods[kind] = periods(kind, self.window)
        return self._periods[kind]

    def requirement(self, requirement: Requirement, points: float = 0.0) -> RequirementResult:
        """One requirement's result; ``points`` is its share of the rule's points, from which
        ``deduct`` takes its deductions."""
        selected, unreadable = self.selector.select(requirement)
        records = list(compress(selected, map(self._current.__getitem__, map(id, selected))))
        base, explain = _base(requirement, self.unit)
        spans = self.periods(requirement.period)
        if requirement.per:
            result, short = self._per_group(requirement, records, spans, base)
            several = True
        else:
            judgement = judge(requirement, records, spans, base)
            result = _result(requirement, judgement, records)
            short, several = judgement.short, judgement.over_periods
            if not judgement.met:
                result.gap = (
                    periods_gap(requirement, judgement)
                    if several
                    else single_gap(requirement, judgement, _period(spans, judgement), explain)
                )
        if requirement.deduct is not None and short:
            _deducted(result, requirement, short, points, several)
        result.unreadable = unreadable
        if unreadable and not result.met:
            result.gap += "；" + unreadable_note(unreadable, self.selector.texts.reason_of)
        return result

    def _per_group(
        self,
        requirement: Requirement,
        records: list[Record],
        spans: list[Period],
        base: Fraction | None,
    ) -> tuple[RequirementResult, int]:
        """The result over each value of ``per``, and the groups' missing periods or items
        added up (for ``deduct``)."""
        per = requirement.per or ""
        listed = self.unit.fact(per)
        expected = [str(v).strip() for v in listed] if isinstance(listed, list) else []
        values = values_in(records, per)
        counted = list(compress(records, values))
        groups = _grouped(records, values, expected)
        results = []
        short = 0
        for value, members in groups.items():
            judgement = judge(requirement, members, spans, base)
            found, needed = judgement.shown()
            short += judgement.short
            results.append(
                GroupResult(
                    value,
                    judgement.met,
                    found,
                    needed,
                    float(judgement.fraction),
                    judgement.missing,
                    value in expected,
                )
            )
        met = bool(results) and all(group.met for group in results)
        fraction = sum(g.fraction for g in results) / len(results) if results else 0.0
        result = RequirementResult(
            name=requirement.name,
            met=met,
            fraction=fraction,
            found=float(sum(g.met for g in results)),
            needed=float(len(results)),
            period=requirement.period,
            groups=results,
            evidence=_cited(requirement, counted),
        )
        if not results:
            result.gap = f"{requirement.name}：没有任何带“{per}”的记录"
        elif not met:
            result.gap = groups_gap(requirement, results, per)
        return result, short

    def rule(self, rule: Rule) -> tuple[list[RequirementResult], float]:
        """The requirements' results, and the share of the rule's points they earn."""
        shares = rule.shares()
        results = [
            self.requirement(requirement, share * rule.score)
            for requirement, share in zip(rule.requires, shares, strict=True)
        ]
        earned = sum(share * result.fraction for share, result in zip(shares, results, strict=True))
        return results, earned


def _deducted(
    result: RequirementResult, requirement: Requirement, short: int, points: float, several: bool
) -> None:
    """Deduction scoring: the requirement keeps its points less ``deduct`` per missing period
    or item, floored at 0. A rule of no points keeps the plain judgement."""
    if points <= 0:
        return
    exact_points = Fraction(str(points))
    taken = min(exact_points, Fraction(str(requirement.deduct)) * short)
    result.fraction = float((exact_points - taken) / exact_points)
    note = deduct_note(requirement, short, float(taken), several)
    result.gap = f"{result.gap}（{note}）" if result.gap else note


def _grouped(
    records: list[Record], values: list[list[str]], expected: list[str]
) -> dict[str, list[Record]]:
    """The records by value of the ``per`` field: the listed values first, in their order,
    then any other in order of appearance; a record with several values is in each."""
    groups: dict[str, list[Record]] = {value: [] for value in expected}
    if set(map(len, values)) == {1}:  # one value each (a ledger's 网格 column)
        for record, (value,) in zip(records, values, strict=True):
            groups.setdefault(value, []).append(record)
        return groups
    for record, several in zip(records, values, strict=True):
        for value in several:
            groups.setdefault(value, []).append(record)
    return groups


def _cited(requirement: Requirement, records: list[Record]) -> list[Source]:
    """The records that count, in a stable order, each once (a ledger's rows come in order,
    which the sort keeps at little cost)."""
    counted = contributing(requirement.aggregate, records)
    return sorted(dict.fromkeys(map(attrgetter("source"), counted)))


def _period(spans: list[Period], judgement: Judgement) -> Period:
    label = judgement.missing[0] if judgement.missing else None
    return next((p for p in spans if p.label == label), spans[-1])


def _result(
    requirement: Requirement, judgement: Judgement, records: list[Record]
) -> RequirementResult:
    found, needed = judgement.shown()
    return RequirementResult(
        name=requirement.name,
        met=judgement.met,
        fraction=float(judgement.fraction),
        found=found,
        needed=needed,
        period=requirement.period,
        judged_periods=judgement.judged,
        met_periods=judgement.met_periods,
        missing_periods=judgement.missing,
        in_progress=judgement.in_progress,
        evidence=_cited(requirement, records),
    )
