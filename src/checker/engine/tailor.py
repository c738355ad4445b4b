"""The rule set as it applies to one unit: the overlays it switches on, its facts in the
rules' ``{名称}`` placeholders.

Rules are loaded once (a 文明办 assesses many units with one set); each unit gets its own
tailored copy. A placeholder whose fact ``unit.yaml`` lacks leaves its rule unevaluated, with
a message naming the fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from checker.evidence.unit import CHINESE_KEYS, Unit
from checker.rules.loader import RuleSet
from checker.rules.models import Requirement, Rule
from checker.rules.placeholders import Lookup, MissingFact, fill_text, fill_words


@dataclass(frozen=True)
class Tailored:
    rules: RuleSet
    unfilled: dict[str, str] = field(default_factory=dict)  # rule id -> why it cannot run


def tailored(rules: RuleSet, unit: Unit) -> Tailored:
    """``rules`` with the unit's overlays in place of what they replace, and its facts in
    the placeholders."""
    chosen = with_overlays(rules, unit.enabled)
    lookup = _lookup(unit)
    filled: list[Rule] = []
    unfilled: dict[str, str] = {}
    for rule in chosen:
        try:
            filled.append(_filled(rule, lookup))
        except MissingFact as exc:
            filled.append(rule)
            shown = CHINESE_KEYS.get(exc.name, exc.name)
            written = "不是文字、数字或清单，不能写进规则" if exc.unusable else "没有填写"
            unfilled[rule.id] = (
                f"规则用到单位档案的“{shown}”（写作 {{{exc.name}}}），但 unit.yaml 中的“{shown}”"
                f"{written}"
            )
    return Tailored(replace(rules, rules=filled), unfilled)


def with_overlays(rules: RuleSet, enabled: list[str]) -> list[Rule]:
    """The base rules, each overlay's rules at the place of the first rule it replaces (at
    the end when it replaces none)."""
    chosen = list(rules.rules)
    for name in enabled:
        overlay = rules.overlays.get(name)
        if overlay is None:
            continue  # reported when unit.yaml was read
        replaced = [
            index
            for index, rule in enumerate(chosen)
            if rule.category in overlay.replaces or rule.id in overlay.replaces
        ]
        at = replaced[0] if replaced else len(chosen)
        kept = [rule for index, rule in enumerate(chosen) if index not in set(replaced)]
        at -= sum(1 for index in replaced if index < at)
        chosen = kept[:at] + overlay.rules + kept[at:]
    return chosen


def _lookup(unit: Unit) -> Lookup:
    def fact(name: str) -> str | list[str] | None:
        value = unit.fact(name)
        if value is None:
            return None
        if isinstance(value, (list, tuple)) and all(map(_scalar, value)):
            return [str(item).strip() for item in value if str(item).strip()]
        if not _scalar(value):  # a mapping (责任科室) or a cycle reads as Python in a rule
            raise MissingFact(name, unusable=True)
        return str(value).strip()

    return fact


def _scalar(value: object) -> bool:
    return isinstance(value, (str, int, float, dt.date)) and not isinstance(value, bool)


def _filled(rule: Rule, lookup: Lookup) -> Rule:
    """The rule with its placeholders filled; the same object when it has none."""
    texts = [rule.title, rule.guidance]
    words = [w for r in rule.requires for w in (*r.keywords, *r.content, *r.pattern)]
    if "{" not in "".join(texts + words):
        return rule
    requires = [_requirement(requirement, lookup) for requirement in rule.requires]
    copy = rule.model_copy(
        update={
            "title": fill_text(rule.title, lookup),
            "guidance": fill_text(rule.guidance, lookup),
            "requires": requires,
        }
    )
    return copy.placed(rule.category, rule.file, rule.line)


def _requirement(requirement: Requirement, lookup: Lookup) -> Requirement:
    return requirement.model_copy(
        update={
            "keywords": fill_words(requirement.keywords, lookup),
            "content": fill_words(requirement.content, lookup),
            "pattern": fill_words(requirement.pattern, lookup, literal=True),
        }
    )
