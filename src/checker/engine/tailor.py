"""The rule set as it applies to one unit: the overlays it switches on, its facts in the
rules' ``{名称}`` placeholders.

Rules are loaded once (a 文明办 assesses many units with one set); each unit gets its own
tailored copy. A placeholder whose fact ``unit.yaml`` lacks leaves its rule unevaluated, with
a message naming the fact.
"""

from __future__ import annotations

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
            unfilled[rule.id] = (
                f"规则用到单位档案的“{exc.name}”（写作 {{{exc.name}}}），"
                f"但 unit.yaml 中没有填写“{CHINESE_KEYS.get(exc.name, exc.name)}”"
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
        if isinstance(value, (list, tuple)):
            return [str(item).strip() for item in value if str(item).strip()]
        return str(value).strip()

    return fact


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
