"""The whole assessment: statuses, points, score, best score, grade, veto and pass decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from checker.engine.evaluate import Evaluator, RuleError
from checker.engine.gaps import left_out_note
from checker.engine.integrity import Inspector
from checker.engine.inventory import inventory
from checker.engine.periods import CYCLE_WORDS, Window
from checker.engine.select import Selector
from checker.engine.signals import written
from checker.engine.tailor import Tailored, tailored
from checker.engine.window import cycle_notice, lookback_window, window_for
from checker.errors import Problem
from checker.evidence.loader import Evidence
from checker.evidence.model import Source, Unusable
from checker.evidence.ratings import Rating
from checker.evidence.unit import UNIT_FILE, department_for, departments
from checker.result import (
    Assessment,
    CategoryResult,
    RequirementResult,
    RuleResult,
    passes,
    points,
    score_value,
)
from checker.rules.loader import RuleSet
from checker.rules.models import Grade, Requirement, Rule, lookback_months
from checker.rules.patterns import any_of


def assessment_date(evidence: Evidence, as_of: dt.date | None, today: dt.date) -> dt.date:
    """``--as-of``, else ``unit.yaml``'s ``as_of``, else today."""
    return as_of or evidence.unit.as_of or today


def left_out_for(rule: Rule, unusable: list[Unusable], rules: RuleSet) -> list[Source]:
    """The records a problem kept out that this rule would have looked at: of a type it
    counts, or, for a requirement of no type, titled with one of its keywords. A problem in
    some unrelated file does not touch it, nor does a record whose title is readable and names
    none of the requirement's keywords (a 主题活动 cannot raise 垃圾分类)."""
    found: dict[Source, None] = {}
    for requirement in rule.requires:
        types = {rules.vocabulary.resolve(name) for name in requirement.type}
        for record in unusable:
            if types and record.type not in types:
                continue
            if _titled(record.title, requirement) if (record.title or not types) else True:
                found.setdefault(record.source)
    return sorted(found)


def _titled(title: str, requirement: Requirement) -> bool:
    """Whether a title may hold what the requirement searches for: any keyword or pattern, or
    the requirement searches for nothing."""
    if not (requirement.keywords or requirement.pattern):
        return bool(requirement.type)
    return any(keyword in title for keyword in requirement.keywords) or bool(
        requirement.pattern and any_of(list(requirement.pattern)).search(title)
    )


def _base_result(rule: Rule, status: str, earned: float, most: float) -> RuleResult:
    return RuleResult(
        rule=rule.id,
        title=rule.title,
        category=rule.category,
        status=status,
        earned=earned,
        max=most,
        veto=rule.veto,
        method=rule.method,
        clause=rule.clause,
        basis=rule.basis.model_dump() if rule.basis else None,
        guidance=rule.guidance,
        responsible=rule.responsible,
        file=rule.file,
        line=rule.line,
    )


def _set_aside(rule: Rule, evidence: Evidence, as_of: dt.date) -> RuleResult | None:
    """Not applicable to this unit type, or waived: the rule leaves the maximum."""
    if rule.applies_to is not None and evidence.unit.type not in rule.applies_to:
        result = _base_result(rule, "not_applicable", 0.0, 0.0)
        result.note = f"仅适用于{'、'.join(rule.applies_to)}"
        return result
    waiver = next((w for w in evidence.waivers if w.rule == rule.id and w.active(as_of)), None)
    if waiver is None:
        return None
    result = _base_result(rule, "waived", 0.0, 0.0)
    approved = f"（{waiver.approved_by}批准）" if waiver.approved_by else ""
    result.note = f"已豁免：{waiver.reason}{approved}"
    return result


def _status(rule: Rule, requirements: list[RequirementResult], share: float) -> str:
    if rule.manual:
        return "manual"  # until rated: see _rate
    if all(requirement.met for requirement in requirements):
        return "pass"
    # a veto rule that is not fully met fails the assessment, partly met or not
    return "partial" if share > 0 and not rule.veto else "fail"


def _evaluate_rule(
    rule: Rule,
    evaluator: Evaluator,
    evidence: Evidence,
    rules: RuleSet,
    as_of: dt.date,
    errors: list[Problem],
    unfilled: dict[str, str],
) -> RuleResult:
    aside = _set_aside(rule, evidence, as_of)
    if aside is not None:
        return aside
    try:
        if rule.id in unfilled:
            raise RuleError(unfilled[rule.id])
        requirements, share = evaluator.rule(rule)
    except RuleError as exc:
        unfit = f"规则 {rule.id}：{exc}"
        errors.append(Problem(evidence.unit_file, 1, 1, unfit, "rule-unevaluable"))
        result = _base_result(rule, "error", 0.0, rule.score)
        result.note = str(exc)
        return result
    status = _status(rule, requirements, share)
    earned = rule.score * share if status in ("pass", "partial") else 0.0
    result = _base_result(rule, status, earned, rule.score)
    result.requirements = requirements
    result.gaps = [requirement.gap for requirement in requirements if requirement.gap]
    result.left_out = left_out_for(rule, evidence.unusable, rules)
    if result.left_out and status != "pass":
        result.gaps.append(left_out_note(result.left_out))
    if rule.manual:
        _rate(result, next((r for r in evidence.ratings if r.rule == rule.id), None))
    expired = [w for w in evidence.waivers if w.rule == rule.id and not w.active(as_of)]
    if expired:
        result.note = f"豁免已于{written(expired[-1].expires)}过期，已照常评估"
    return result


def _rate(result: RuleResult, rating: Rating | None) -> None:
    """An on-site or survey item earns its rating (docs/semantics.md): full points pass, some
    are partial, none fail (a veto rule rated short of full vetoes); unrated it stays 需现场
    核验 and earns nothing."""
    if rating is None:
        result.note = f"{result.method}项目，须现场核验"
        return
    result.earned = rating.score
    if points(rating.score) >= points(result.max):
        result.status = "pass"
    else:
        result.status = "partial" if rating.score > 0 and not result.veto else "fail"
    result.rating = rating.as_dict()
    who = "，".join(part for part in (rating.rated_by, written(rating.date)) if part)
    result.note = f"现场评分 {points(rating.score):g}/{points(result.max):g} 分" + (
        f"（{who}）" if who else ""
    )
    if rating.note:
        result.note += f"：{rating.note}"


def _categories(results: list[RuleResult], names: list[str]) -> list[CategoryResult]:
    """Each category as the sum of its rules' points as shown (two decimals), itself shown to
    two decimals: an inspector adding a column gets the figure printed under it."""
    categories = {name: CategoryResult(name) for name in names}
    for result in results:
        category = categories[result.category]
        category.max += points(result.max)
        category.earned += points(result.earned)
        if result.status == "manual":
            category.manual += points(result.max)
    for category in categories.values():
        category.earned = points(category.earned)
        category.max = points(category.max)
        category.manual = points(category.manual)
    return list(categories.values())


def grade_of(grades: list[Grade], score: float) -> str:
    ordered = sorted(grades, key=lambda grade: grade.min, reverse=True)
    return next((g.name for g in ordered if score >= g.min), ordered[-1].name)


@dataclass(frozen=True)
class Totals:
    """What the rules' results add up to: points, score, best score and vetoes."""

    earned: float
    most: float
    manual: float
    score: float
    best: float
    veto: list[str]


def totals(results: list[RuleResult], categories: list[CategoryResult]) -> Totals:
    """Score = earned / applicable maximum × 100 (100 when nothing applies), the points being
    the sums of the categories as shown, so the total printed is the sum of the column; the
    best score counts every unrated on-site item in full; a veto rule that failed vetoes."""
    earned = points(sum(category.earned for category in categories))
    most = points(sum(category.max for category in categories))
    manual = points(sum(category.manual for category in categories))
    score = earned / most * 100 if most else 100.0
    best = (earned + manual) / most * 100 if most else 100.0
    veto = [result.rule for result in results if result.veto and result.status == "fail"]
    return Totals(earned, most, manual, score, best, veto)


def assess(rules: RuleSet, evidence: Evidence, as_of: dt.date) -> Assessment:
    unit_rules = tailored(rules, evidence.unit)
    rules = unit_rules.rules
    window = window_for(rules, evidence, as_of)
    selector = Selector(evidence.records, rules.vocabulary, evidence.texts, evidence.contexts)
    current = window.current(evidence.records)
    rule_errors: list[Problem] = []
    results = _results(rules, evidence, selector, (window, current), rule_errors, unit_rules)
    notice = cycle_notice(rules, evidence, window)
    table = departments(evidence.unit)
    for result in results:
        result.responsible = department_for(table, result.rule, result.responsible)
    categories = _categories(results, rules.categories)
    sums = totals(results, categories)
    errors = sorted(set(evidence.problems) | set(rule_errors))
    meta = rules.meta
    # Grade and pass line are judged on the scores as shown: a unit that reads 80.0 has 80.
    assessment = Assessment(
        ruleset={
            "id": meta.id,
            "title": meta.title,
            "version": meta.version,
            "source": meta.source,
            "official": meta.official,
        },
        unit={"name": evidence.unit.name, "type": evidence.unit.type},
        as_of=as_of,
        window=(window.start, window.end),
        score=sums.score,
        best_score=sums.best,
        earned=sums.earned,
        max=sums.most,
        manual=sums.manual,
        grade=grade_of(meta.grades, score_value(sums.score)),
        best_grade=grade_of(meta.grades, score_value(sums.best)),
        pass_score=meta.pass_score,
        passed=passes(sums.veto, bool(errors), sums.score, meta.pass_score),
        veto=sums.veto,
        categories=categories,
        results=results,
        waivers=_waivers(evidence, as_of),
        errors=errors,
        warnings=sorted(set(evidence.warnings) | ({notice} if notice else set())),
        records=len(evidence.records),
        files=len(evidence.files),
        root=evidence.unit_file.removesuffix(UNIT_FILE).rstrip("/") or ".",
        deadline=as_of + dt.timedelta(days=meta.rectification_days),
    )
    _inspect(assessment, evidence, rules, window, current)
    return assessment


def _results(
    rules: RuleSet,
    evidence: Evidence,
    selector: Selector,
    assessed: tuple[Window, list[bool]],
    errors: list[Problem],
    unit_rules: Tailored,
) -> list[RuleResult]:
    """Every rule's result, each judged over its window: the assessment window, or a veto
    rule's look-back (in which records before the cycle start count)."""
    window, current = assessed
    evaluators = {window: Evaluator(selector, evidence.unit, window, current)}
    results = []
    for rule in rules.rules:
        own = lookback_window(rule, window) or window
        if own not in evaluators:
            evaluators[own] = Evaluator(selector, evidence.unit, own, own.current(selector.all))
        evaluator = evaluators[own]
        result = _evaluate_rule(
            rule, evaluator, evidence, rules, window.as_of, errors, unit_rules.unfilled
        )
        if own is not window:
            _lookback_words(result, rule)
        results.append(result)
    return results


def _lookback_words(result: RuleResult, rule: Rule) -> None:
    """A veto judged over its look-back says so: 近24个月内, not 创建周期内 (its window reaches
    before the cycle's start)."""
    months = lookback_months(rule.lookback or "")
    if not months:
        return
    words = f"近{months}个月内"
    result.gaps = [gap.replace(CYCLE_WORDS, words, 1) for gap in result.gaps]
    for requirement in result.requirements:
        requirement.gap = requirement.gap.replace(CYCLE_WORDS, words, 1)


def _inspect(
    assessment: Assessment, evidence: Evidence, rules: RuleSet, window: Window, current: list[bool]
) -> None:
    """What inspectors look at besides the score: integrity signals, claimed totals, and
    what became of every file."""
    types = rules.meta.official_document_types
    inspector = Inspector(evidence, window, current, rules.vocabulary, types)
    assessment.integrity = [signal.as_dict() for signal in inspector.signals()]
    assessment.claims = [claim.as_dict() for claim in inspector.claims()]
    assessment.inventory = inventory(evidence, assessment.results, current)


def _waivers(evidence: Evidence, as_of: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "rule": w.rule,
            "reason": w.reason,
            "approved_by": w.approved_by,
            "expires": w.expires.isoformat() if w.expires else None,
            "active": w.active(as_of),
        }
        for w in evidence.waivers
    ]
