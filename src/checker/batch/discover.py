"""Which folders below UNITS_DIR are units, and what the parent needs to know of each before
any is assessed (for the 测评组's ratings workbook): name, type and rule set."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.library import UNIT_FILE, for_evidence
from checker.rules.loader import RuleSet, load_ruleset
from checker.textfile import TextFileError, read_text_file
from checker.yamlfile import load_yaml


def discover(units_dir: Path) -> list[str]:
    """Every folder below ``units_dir`` (itself included) holding ``unit.yaml``, as a POSIX
    path relative to it, sorted. A unit folder is not searched further: a unit's own
    sub-folders are its evidence, never other units. Hidden folders are skipped."""
    found: list[str] = []
    for folder, subfolders, files in os.walk(units_dir):
        if UNIT_FILE in files:
            found.append(Path(folder).relative_to(units_dir).as_posix())
            subfolders[:] = []
            continue
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
    return sorted(found)


def unit_facts(unit_dir: Path) -> tuple[str, str]:
    """(名称, 类型) as unit.yaml writes them, ("", "") where it cannot be read: the unit's own
    assessment reports why."""
    try:
        doc, problems = load_yaml(read_text_file(unit_dir / UNIT_FILE), UNIT_FILE)
    except TextFileError:
        return "", ""
    data: Any = doc.data
    if problems or not isinstance(data, dict):
        return "", ""

    def value(*keys: str) -> str:
        return next((str(data[key]).strip() for key in keys if data.get(key) is not None), "")

    return value("名称", "name"), value("类型", "type")


class RuleSets:
    """Rule sets by folder, each loaded once (per process)."""

    def __init__(self) -> None:
        self._loaded: dict[Path, RuleSet] = {}

    def for_unit(self, option: Path | None, unit_dir: Path) -> RuleSet:
        """The unit's rule set; an unreadable unit.yaml or an unknown type raises
        :class:`InputError` located at unit.yaml, as ``checker check`` reports it."""
        path = for_evidence(option, unit_dir)
        key = path.resolve()
        if key not in self._loaded:
            self._loaded[key] = load_ruleset(path)
        return self._loaded[key]


def unit_refs(units_dir: Path, folders: list[str], option: Path | None) -> list[Any]:
    """The units as the ratings workbook names them (``ratings_book.UnitRef``); a unit whose
    rule set cannot be chosen is left out (its own assessment lists why)."""
    unit_ref = ratings_book().UnitRef

    sets = RuleSets()
    refs = []
    for folder in folders:
        unit_dir = units_dir / folder
        try:
            ruleset = sets.for_unit(option, unit_dir)
        except InputError:
            continue
        name, unit_type = unit_facts(unit_dir)
        refs.append(unit_ref(folder=folder, name=name, ruleset=ruleset, unit_type=unit_type))
    return refs


def ratings_book() -> Any:
    """``checker.batch.ratings_book`` (the 测评组's workbook), imported on use."""
    return importlib.import_module("checker.batch.ratings_book")
