"""Loads a rule-set folder into a :class:`RuleSet`, reporting every problem at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from checker.errors import InputError, Problem
from checker.rules.models import (
    Bounds,
    Cycle,
    Grade,
    Requirement,
    Rule,
    RuleFile,
    RuleSetMeta,
)
from checker.validation import closest, known_keys, problems_from
from checker.yamlfile import LocatedDoc, load_yaml

RULESET_FILE = "ruleset.yaml"
_RULE_KEYS = known_keys(RuleSetMeta, Cycle, Grade, RuleFile, Rule, Requirement, Bounds)


@dataclass(frozen=True)
class Vocabulary:
    """Evidence types: canonical names and their aliases, as ``ruleset.yaml`` declares them."""

    canonical: dict[str, str] = field(default_factory=dict)  # any spelling -> canonical

    @classmethod
    def from_meta(cls, meta: RuleSetMeta) -> Vocabulary:
        table: dict[str, str] = {}
        for name, aliases in meta.evidence_types.items():
            table[name] = name
            for alias in aliases or []:
                table.setdefault(alias, name)
        return cls(table)

    def resolve(self, name: str) -> str | None:
        return self.canonical.get(name.strip())

    def suggest(self, name: str) -> str | None:
        hint = closest(name, self.canonical)
        return self.canonical[hint] if hint else None

    def unknown_message(self, name: str) -> str:
        hint = self.suggest(name)
        return f"类型 '{name}' 未定义" + (f"，是否为 '{hint}'？" if hint else "")

    @property
    def names(self) -> list[str]:
        return sorted(set(self.canonical.values()))


@dataclass(frozen=True)
class RuleSet:
    meta: RuleSetMeta
    rules: list[Rule]
    vocabulary: Vocabulary
    root: Path

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    @property
    def categories(self) -> list[str]:
        seen: dict[str, None] = {}
        for rule in self.rules:
            seen.setdefault(rule.category, None)
        return list(seen)


def _display(root: Path, path: Path) -> str:
    return (root / path.relative_to(root)).as_posix()


def _read(path: Path, shown: str, problems: list[Problem]) -> LocatedDoc | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(shown, 1, 1, "文件不是 UTF-8 编码，请另存为 UTF-8"))
        return None
    except OSError as exc:
        problems.append(Problem(shown, 0, 0, f"无法读取：{exc.strerror}"))
        return None
    doc, found = load_yaml(text, shown)
    problems.extend(found)
    return None if found else doc


def load_ruleset(root: Path) -> RuleSet:
    """Read ``ruleset.yaml`` and every other ``*.yaml``/``*.yml`` file below ``root``."""
    problems: list[Problem] = []
    if not root.is_dir():
        raise InputError([Problem(root.as_posix(), 0, 0, "规则目录不存在")])
    meta_path = root / RULESET_FILE
    if not meta_path.is_file():
        raise InputError([Problem(meta_path.as_posix(), 0, 0, f"规则目录中缺少 {RULESET_FILE}")])
    meta = _load_meta(meta_path, _display(root, meta_path), problems)
    vocabulary = Vocabulary.from_meta(meta) if meta else Vocabulary()
    rules: list[Rule] = []
    first_seen: dict[str, Rule] = {}
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p != meta_path)
    for path in files:
        shown = _display(root, path)
        doc = _read(path, shown, problems)
        if doc is None:
            continue
        for rule in _load_rule_file(doc, problems):
            earlier = first_seen.get(rule.id)
            if earlier is not None:
                problems.append(
                    Problem(
                        rule.file,
                        rule.line,
                        1,
                        f"规则编号 '{rule.id}' 重复，已在 {earlier.file}:{earlier.line} 定义",
                    )
                )
                continue
            first_seen[rule.id] = rule
            rules.append(rule)
            if meta is not None:
                problems.extend(_check_names(rule, doc, meta, vocabulary))
    if not rules and not problems:
        problems.append(Problem(root.as_posix(), 0, 0, "规则目录中没有任何规则文件"))
    if problems or meta is None:
        raise InputError(problems)
    return RuleSet(meta, rules, vocabulary, root)


def _load_meta(path: Path, shown: str, problems: list[Problem]) -> RuleSetMeta | None:
    doc = _read(path, shown, problems)
    if doc is None:
        return None
    try:
        meta = RuleSetMeta.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, suggestions=_RULE_KEYS))
        return None
    if len(meta.evidence_types) == 0:
        problems.append(doc.problem((), "ruleset.yaml 须在 evidence_types 中列出证据类型"))
    return meta


def _load_rule_file(doc: LocatedDoc, problems: list[Problem]) -> list[Rule]:
    data = doc.data
    if not isinstance(data, dict):
        problems.append(doc.problem((), "规则文件应为映射，含 category 与 rules 两项"))
        return []
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, suggestions=_RULE_KEYS))
        return []
    return [
        rule.placed(parsed.category, doc.file, doc.mark(("rules", index))[0])
        for index, rule in enumerate(parsed.rules)
    ]


def _check_names(
    rule: Rule, doc: LocatedDoc, meta: RuleSetMeta, vocabulary: Vocabulary
) -> list[Problem]:
    """Names that only make sense against ``ruleset.yaml``: evidence and unit types."""
    index = next(i for i, item in enumerate(doc.data["rules"]) if str(item.get("id")) == rule.id)
    base = ("rules", index)
    problems = []
    for unit_type in rule.applies_to or []:
        if unit_type not in meta.unit_types:
            hint = closest(unit_type, meta.unit_types)
            message = f"单位类型 '{unit_type}' 未在 ruleset.yaml 的 unit_types 中定义" + (
                f"，是否为 '{hint}'？" if hint else ""
            )
            problems.append(doc.problem((*base, "applies_to"), message))
    for position, requirement in enumerate(rule.requires):
        for name in requirement.type:
            if vocabulary.resolve(name) is None:
                place: tuple[str | int, ...] = (*base, "requires", position, "type")
                items = doc.data["rules"][index]["requires"][position]["type"]
                if isinstance(items, list) and name in items:
                    place = (*place, items.index(name))
                problems.append(doc.problem(place, vocabulary.unknown_message(name)))
    return problems
