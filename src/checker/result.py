"""The assessment result: what every report format renders, and the JSON contract.

Every formatter reads :meth:`Assessment.as_dict`, so no format sees anything another does not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from checker.errors import Problem
from checker.evidence.model import Source

SCHEMA_VERSION = 1

STATUS_LABELS = {
    "pass": "达标",
    "partial": "部分达标",
    "fail": "未达标",
    "manual": "需现场核验",
    "not_applicable": "不适用",
    "waived": "豁免",
    "error": "错误",
}
VETO_LABEL = "否决"
# the order reports list status counts in: what was judged, then what was set aside
STATUS_ORDER = ("pass", "partial", "fail", "manual", "error", "not_applicable", "waived")


def _half_up(value: float, places: str) -> float:
    """``value`` rounded half up (away from zero) to ``places``; a change that rounds to
    nothing is 0, never -0 (a report would print “-0.0”)."""
    rounded = Decimal(repr(value + 0.0)).quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return float(rounded) + 0.0


def points(value: float) -> float:
    """Points are shown to two decimals (a rule's share can be 1.88 of 2 points)."""
    return _half_up(value, "0.01")


def score_value(value: float) -> float:
    """Scores are shown, and judged, to one decimal, as SPEC's report shows them (83.5)."""
    return _half_up(value, "0.1")


def passes(veto: Sequence[str], errors: bool, score: float, line: float) -> bool:
    """The one rule of passing (SPEC, docs/semantics.md): no veto, no input error, and the
    score (files plus on-site ratings) as shown at or above the line (the pass line, or
    ``--fail-under``). The best reachable score never passes anyone: inspectors rarely give
    full marks on every on-site item. The engine's ``passed``, the reports' conclusion and
    the exit code all come from here."""
    return not veto and not errors and score_value(score) >= line


def status_summary(counts: dict[str, int]) -> str:
    """Every status some rule has, so the counts printed add up to the number of rules
    (``达标 23 项、部分达标 5 项、……``); a status no rule has is left out."""
    return "、".join(
        f"{STATUS_LABELS[code]} {counts[code]} 项" for code in STATUS_ORDER if counts[code]
    )


@dataclass
class GroupResult:
    """One value of a ``per`` requirement (one grid, one household)."""

    value: str
    met: bool
    found: float
    needed: float
    fraction: float
    missing_periods: list[str] = field(default_factory=list)
    listed: bool = True  # named in unit.yaml (False: only seen in records)

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "met": self.met,
            "found": points(self.found),
            "needed": points(self.needed),
            "missing_periods": self.missing_periods,
        }


class Citations(list[dict[str, object]]):
    """Citations as report objects that remember their sources: the JSON report writes a
    ledger's hundred thousand of them by one template per file."""

    def __init__(self, sources: Sequence[Source]) -> None:
        super().__init__(Source.as_dicts(sources))
        self.sources = sources


@dataclass
class RequirementResult:
    name: str
    met: bool
    fraction: float
    found: float
    needed: float
    period: str = "cycle"
    judged_periods: int = 0
    met_periods: int = 0
    missing_periods: list[str] = field(default_factory=list)
    in_progress: str | None = None
    evidence: list[Source] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    groups: list[GroupResult] = field(default_factory=list)
    gap: str = ""

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "name": self.name,
            "met": self.met,
            "found": points(self.found),
            "needed": points(self.needed),
            "fraction": round(self.fraction, 4),
            "period": self.period,
            "judged_periods": self.judged_periods,
            "met_periods": self.met_periods,
            "missing_periods": self.missing_periods,
            "in_progress": self.in_progress,
            "evidence": Citations(self.evidence),
            "unreadable": self.unreadable,
            "gap": self.gap,
        }
        if self.groups:
            result["groups"] = [group.as_dict() for group in self.groups]
        return result


@dataclass
class RuleResult:
    rule: str
    title: str
    category: str
    status: str
    earned: float
    max: float
    veto: bool = False
    method: str = "材料审核"
    clause: str = ""
    basis: dict[str, str] | None = None  # {kind, source}: where the rule comes from
    guidance: str = ""
    responsible: str = ""
    file: str = ""
    line: int = 0
    requirements: list[RequirementResult] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    note: str = ""  # why it is waived, not applicable or in error
    left_out: list[Source] = field(default_factory=list)  # its records a problem kept out
    rating: dict[str, Any] | None = None  # ratings.yaml's {score, rated_by, date, note}

    @property
    def label(self) -> str:
        if self.veto and self.status == "fail":
            return VETO_LABEL
        return STATUS_LABELS[self.status]

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "category": self.category,
            "status": self.status,
            "label": self.label,
            "earned": points(self.earned),
            "max": points(self.max),
            "veto": self.veto,
            "method": self.method,
            "clause": self.clause,
            "basis": self.basis,
            "guidance": self.guidance,
            "responsible": self.responsible,
            "source": {"file": self.file, "line": self.line},
            "note": self.note,
            "rating": self.rating,
            "left_out": Source.as_dicts(self.left_out),
            "requirements": [req.as_dict() for req in self.requirements],
            "gaps": self.gaps,
        }


@dataclass
class CategoryResult:
    name: str
    earned: float = 0.0
    max: float = 0.0
    manual: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "earned": points(self.earned),
            "max": points(self.max),
            "manual": points(self.manual),
        }


@dataclass
class Assessment:
    ruleset: dict[str, Any]
    unit: dict[str, str]
    as_of: dt.date
    window: tuple[dt.date, dt.date]
    score: float
    best_score: float
    earned: float
    max: float
    manual: float
    grade: str  # by the score (files plus ratings): the verdict
    best_grade: str  # by the best reachable score: information only
    pass_score: float
    passed: bool
    veto: list[str]
    categories: list[CategoryResult]
    results: list[RuleResult]
    waivers: list[dict[str, Any]] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)  # input problems: exit 2
    warnings: list[Problem] = field(default_factory=list)  # notices
    records: int = 0
    files: int = 0
    root: str = ""  # the evidence folder as given on the command line, for file locations
    deadline: dt.date | None = None  # 完成时限 of the gaps
    integrity: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    inventory: list[dict[str, Any]] = field(default_factory=list)

    @property
    def conclusion(self) -> str:
        """The verdict in one Chinese sentence, the same in every report."""
        if self.veto:
            return f"一票否决（{'、'.join(self.veto)}）"
        if self.errors:
            return f"材料中有{len(self.errors)}处错误，修正前暂不作结论"
        if not self.passed:
            return "未达到及格线"
        return "达到及格线"

    def as_dict(self) -> dict[str, Any]:
        counts = {code: 0 for code in STATUS_LABELS}
        for result in self.results:
            counts[result.status] += 1
        return {
            "schema_version": SCHEMA_VERSION,
            "ruleset": self.ruleset,
            "unit": self.unit,
            "as_of": self.as_of.isoformat(),
            "window": {"start": self.window[0].isoformat(), "end": self.window[1].isoformat()},
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "score": score_value(self.score),
            "best_score": score_value(self.best_score),
            "earned": points(self.earned),
            "max": points(self.max),
            "manual": points(self.manual),
            "grade": self.grade,
            "best_grade": self.best_grade,
            "pass_score": points(self.pass_score),
            "passed": self.passed,
            "conclusion": self.conclusion,
            "veto": self.veto,
            "counts": counts,
            "status_summary": status_summary(counts),
            "evidence": {"root": self.root, "files": self.files, "records": self.records},
            "categories": [category.as_dict() for category in self.categories],
            "results": [result.as_dict() for result in self.results],
            "waivers": self.waivers,
            "errors": [problem.as_dict() for problem in self.errors],
            "warnings": [problem.as_dict() for problem in self.warnings],
            "integrity": self.integrity,
            "claims": self.claims,
            "inventory": self.inventory,
        }


def veto_finding(result: dict[str, Any]) -> str:
    """What a vetoed item found, in words: the rule's clause (一票否决：干部职工被追究刑事责任
    → 干部职工被追究刑事责任), not its title, which names the condition met
    (干部职工无被追究刑事责任) and would read as the opposite of the finding."""
    clause = str(result.get("clause") or "")
    for prefix in ("一票否决：", "一票否决:", "一票否决"):
        clause = clause.removeprefix(prefix)
    return clause.strip() or str(result.get("title") or result.get("rule") or "")
