"""Loads a rule-set folder into a :class:`RuleSet`, reporting every problem at once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from checker.errors import InputError, Problem
from checker.resources import bundled_name
from checker.rules.models import (
    Basis,
    Bounds,
    Cycle,
    Grade,
    Requirement,
    Rule,
    RuleFile,
    RuleSetMeta,
)
from checker.rules.patterns import PatternError, compiled
from checker.rules.placeholders import fill_example
from checker.rules.review import Review, ReviewBand
from checker.textfile import TextFileError, read_text_file
from checker.validation import closest, known_keys, problems_from
from checker.yamlfile import LocatedDoc, NodePath, load_yaml

RULESET_FILE = "ruleset.yaml"
_RULE_KEYS = known_keys(
    RuleSetMeta, Cycle, Grade, RuleFile, Rule, Basis, Requirement, Bounds, Review, ReviewBand
)


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
        """The canonical type of the closest known spelling."""
        hint = closest(name, self.canonical)
        return self.canonical[hint] if hint else None

    def unknown_message(self, name: str) -> str:
        hint = closest(name, self.canonical)
        if hint is None:
            return f"类型 '{name}' 未定义，可用的类型：{'、'.join(self.names)}"
        canonical = self.canonical[hint]
        shown = f"'{hint}'" + (f"（即 {canonical}）" if canonical != hint else "")
        return f"类型 '{name}' 未定义，是否为 {shown}？"

    def mentioned(self, text: str) -> str | None:
        """The type whose name or alias occurs in ``text`` (the longest such spelling), e.g.
        志愿服务 in “2022年志愿服务活动台账”."""
        found = [spelling for spelling in self.canonical if spelling and spelling in text]
        if not found:
            return None
        return self.canonical[max(found, key=lambda spelling: (len(spelling), spelling))]

    @property
    def names(self) -> list[str]:
        return sorted(set(self.canonical.values()))


@dataclass(frozen=True)
class Overlay:
    """Rules a unit switches on in unit.yaml (``启用: [兴义创文]``), and the categories or rule
    ids of the base set they take the place of."""

    name: str
    rules: list[Rule]
    replaces: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RuleSet:
    meta: RuleSetMeta
    rules: list[Rule]
    vocabulary: Vocabulary
    root: Path
    overlays: dict[str, Overlay] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule | None:
        """A rule by id, in the base set or any overlay."""
        every = [
            *self.rules,
            *(rule for overlay in self.overlays.values() for rule in overlay.rules),
        ]
        return next((rule for rule in every if rule.id == rule_id), None)

    @property
    def categories(self) -> list[str]:
        seen: dict[str, None] = {}
        for rule in self.rules:
            seen.setdefault(rule.category, None)
        return list(seen)


def _display(root: Path, path: Path) -> str:
    """A rule file's path as messages show it: below the rule-set folder as given, a shared
    file beside it (``../共用/x.yaml``) as the path from there; a bundled file by its stable
    name (``内置规则/共用/一票否决.yaml``), never its place inside the installed package."""
    bundled = bundled_name(path)
    if bundled is not None:
        return bundled
    try:
        return (root / path.relative_to(root)).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, Path.cwd())).as_posix()


def _yaml_files(path: Path, skip: Path) -> list[Path]:
    """A rule file, or the rule files below a folder, in a stable order."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p != skip)


def _read(path: Path, shown: str, problems: list[Problem]) -> LocatedDoc | None:
    try:
        text = read_text_file(path)
    except TextFileError as exc:
        problems.append(Problem(shown, 1, 1, str(exc), "file-unreadable"))
        return None
    doc, found = load_yaml(text, shown)
    problems.extend(found)
    return None if found else doc


def load_ruleset(root: Path) -> RuleSet:
    """Read ``ruleset.yaml`` and every other ``*.yaml``/``*.yml`` file below ``root``."""
    problems: list[Problem] = []
    if not root.is_dir():
        raise InputError([Problem(root.as_posix(), 0, 0, "规则目录不存在", "folder-missing")])
    meta_path = root / RULESET_FILE
    if not meta_path.is_file():
        lacking = f"规则目录中缺少 {RULESET_FILE}"
        raise InputError([Problem(meta_path.as_posix(), 0, 0, lacking, "ruleset-missing")])
    meta = _load_meta(meta_path, _display(root, meta_path), problems)
    vocabulary = Vocabulary.from_meta(meta) if meta else Vocabulary()
    first_seen: dict[str, str] = {}  # rule id -> where it was first defined
    files = _set_files(root, meta_path, meta, problems)
    rules, _ = _load_files(root, files, meta, vocabulary, first_seen, problems)
    overlays = {}
    for name, where in (meta.overlays if meta else {}).items():
        found = _included(root, meta_path, where, problems, key="overlays")
        loaded, replaces = _load_files(root, found, meta, vocabulary, first_seen, problems)
        overlays[name] = Overlay(name, loaded, frozenset(replaces))
    if not rules and not problems:
        problems.append(
            Problem(root.as_posix(), 0, 0, "规则目录中没有任何规则文件", "ruleset-missing")
        )
    if problems or meta is None:
        raise InputError(problems)
    return RuleSet(meta, rules, vocabulary, root, overlays)


def _set_files(
    root: Path, meta_path: Path, meta: RuleSetMeta | None, problems: list[Problem]
) -> list[Path]:
    """The set's own rule files (not its overlays') and its included ones, in one order."""
    overlay_paths = {
        root.joinpath(path).resolve() for path in (meta.overlays.values() if meta else ())
    }
    placed = [
        (path.relative_to(root).as_posix(), path)
        for path in _yaml_files(root, meta_path)
        if not any(path.resolve().is_relative_to(folder) for folder in overlay_paths)
    ]
    for included in meta.include if meta else []:
        found = _included(root, meta_path, included, problems)
        base = (root / included) if (root / included).is_dir() else (root / included).parent
        placed.extend((path.relative_to(base).as_posix(), path) for path in found)
    # A shared file takes its place among the set's own by its name ("b-思想道德建设.yaml"
    # between a- and c-), so a category split between a set and a shared file stays together.
    return [path for _, path in sorted(placed, key=lambda item: item[0])]


def _included(
    root: Path, meta_path: Path, given: str, problems: list[Problem], key: str = "include"
) -> list[Path]:
    """The rule files a ``ruleset.yaml`` entry names (a file or a folder, relative to the
    rule-set folder)."""
    path = root / given
    if not path.exists():
        message = f"ruleset.yaml 的 {key} 列出的 '{given}' 不存在"
        problems.append(Problem(_display(root, meta_path), 1, 1, message, "include-missing"))
        return []
    return _yaml_files(path, meta_path)


def _load_files(
    root: Path,
    files: list[Path],
    meta: RuleSetMeta | None,
    vocabulary: Vocabulary,
    first_seen: dict[str, str],
    problems: list[Problem],
) -> tuple[list[Rule], list[str]]:
    """The rules of these files (each id once across the whole set), and what they replace."""
    rules: list[Rule] = []
    replaces: list[str] = []
    for path in files:
        doc = _read(path, _display(root, path), problems)
        if doc is None:
            continue
        problems.extend(_duplicates(doc, first_seen))
        loaded, replaced = _load_rule_file(doc, problems)
        rules.extend(
            rule for rule in loaded if first_seen.get(rule.id) == f"{rule.file}:{rule.line}"
        )
        replaces.extend(replaced)
        if meta is not None:
            problems.extend(_check_names(doc, meta, vocabulary))
    return rules, replaces


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
        problems.append(
            doc.problem((), "ruleset.yaml 须在 evidence_types 中列出证据类型", code="field-missing")
        )
    return meta


def _load_rule_file(doc: LocatedDoc, problems: list[Problem]) -> tuple[list[Rule], list[str]]:
    """Each rule is validated on its own, so one bad rule does not hide the others' problems.
    Returns the rules and what the file replaces (in an overlay)."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        problems.append(
            doc.problem(
                (), "规则文件应为映射，含 category 与 rules（规则列表）两项", code="shape-invalid"
            )
        )
        return [], []
    try:
        header = RuleFile.model_validate({**data, "rules": [_PLACEHOLDER]})
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, suggestions=_RULE_KEYS))
        return [], []
    rules = []
    for index, item in enumerate(data["rules"]):
        try:
            rule = Rule.model_validate(item)
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, ("rules", index), suggestions=_RULE_KEYS))
            continue
        found = _pattern_problems(doc, ("rules", index), rule)
        problems.extend(found)
        if not found:
            rules.append(rule.placed(header.category, doc.file, doc.mark(("rules", index))[0]))
    return rules, list(header.replaces)


def _pattern_problems(doc: LocatedDoc, base: NodePath, rule: Rule) -> list[Problem]:
    """Every ``pattern`` compiles (with placeholders filled by a stand-in), when the rule set
    loads, not when a unit is assessed."""
    problems = []
    for number, requirement in enumerate(rule.requires):
        for position, pattern in enumerate(requirement.pattern):
            try:
                compiled(fill_example(pattern))
            except PatternError as exc:
                place = (*base, "requires", number, "pattern", position)
                problems.append(doc.problem(place, str(exc), code="pattern-invalid"))
    return problems


_PLACEHOLDER = {"id": "-", "title": "-", "score": 0, "method": "实地考察"}


def _duplicates(doc: LocatedDoc, first_seen: dict[str, str]) -> list[Problem]:
    """Rule ids must be unique across the whole rule set."""
    problems = []
    rules = doc.data.get("rules") if isinstance(doc.data, dict) else None
    for index, item in enumerate(rules if isinstance(rules, list) else []):
        if not isinstance(item, dict) or "id" not in item:
            continue
        rule_id = str(item["id"])
        place = f"{doc.file}:{doc.mark(('rules', index))[0]}"
        if rule_id in first_seen:
            message = f"规则编号 '{rule_id}' 重复，已在 {first_seen[rule_id]} 定义"
            problems.append(doc.problem(("rules", index, "id"), message, code="rule-id-duplicate"))
        else:
            first_seen[rule_id] = place
    return problems


def _check_names(doc: LocatedDoc, meta: RuleSetMeta, vocabulary: Vocabulary) -> list[Problem]:
    """Names that only make sense against ``ruleset.yaml``: evidence and unit types.

    Checked on the raw data, so a rule with other errors still has its names checked.
    """
    problems = []
    rules = doc.data.get("rules") if isinstance(doc.data, dict) else None
    for index, item in enumerate(rules if isinstance(rules, list) else []):
        if not isinstance(item, dict):
            continue
        base: NodePath = ("rules", index)
        scope = item.get("applies_to")
        for position, unit_type in enumerate(scope if isinstance(scope, list) else [scope]):
            if isinstance(unit_type, str) and unit_type not in meta.unit_types:
                hint = closest(unit_type, meta.unit_types)
                place = (*base, "applies_to", position) if isinstance(scope, list) else base
                message = f"单位类型 '{unit_type}' 未在 ruleset.yaml 的 unit_types 中定义"
                problems.append(
                    doc.problem(
                        place,
                        message + (f"，是否为 '{hint}'？" if hint else ""),
                        code="unit-type-unknown",
                    )
                )
        requires = item.get("requires")
        for position, requirement in enumerate(requires if isinstance(requires, list) else []):
            names = requirement.get("type") if isinstance(requirement, dict) else None
            place = (*base, "requires", position, "type")
            listed = names if isinstance(names, list) else [names]
            for number, name in enumerate(listed):
                if isinstance(name, str) and vocabulary.resolve(name) is None:
                    where = (*place, number) if isinstance(names, list) else place
                    unknown = vocabulary.unknown_message(name)
                    problems.append(doc.problem(where, unknown, code="type-unknown"))
    return problems
