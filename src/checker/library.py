"""Which rule set a command uses: ``--rules``, else the working folder's ``rules/``, else
the bundled set for the unit's type (``unit.yaml``'s 类型, or ``init --type``)."""

from __future__ import annotations

import re
from pathlib import Path

from checker.errors import InputError, Problem, UsageError
from checker.resources import RULESET_FILE, bundled_library, library_sets, library_types

UNIT_FILE = "unit.yaml"
_TYPE_LINE = re.compile(r"^\s*[\"']?(类型|type)[\"']?\s*[:：]\s*(.*?)\s*(#.*)?$")


def local_rules(option: Path | None) -> Path | None:
    """``--rules``, or ``rules/`` in the working folder when it is a rule set."""
    if option is not None:
        return option
    local = Path("rules")
    return local if (local / RULESET_FILE).is_file() else None


def _covered() -> str:
    return "、".join(library_types()) or "（内置规则库为空）"


def for_type(option: Path | None, unit_type: str) -> Path:
    """The rule set for ``unit_type``: the given or local one, else the bundled set whose
    ``unit_types`` holds it."""
    given = local_rules(option)
    if given is not None:
        return given
    chosen = next((s.path for s in library_sets() if unit_type in s.unit_types), None)
    if chosen is None:
        raise UsageError(f"单位类型 '{unit_type}' 没有对应的内置规则集（可选：{_covered()}）")
    return chosen


def for_evidence(option: Path | None, evidence_dir: Path) -> Path:
    """The rule set for the unit whose evidence this is: a library of one set is that set;
    otherwise the set for ``unit.yaml``'s 类型, a missing or unknown type being a problem at
    unit.yaml that lists the types the library covers."""
    given = local_rules(option)
    if given is not None:
        return given
    sets = library_sets()
    if len(sets) == 1:
        return sets[0].path
    if not sets:
        return bundled_library()
    unit = evidence_dir / UNIT_FILE
    if not unit.is_file():
        return bundled_library()  # the loader reports the missing unit.yaml
    line, unit_type = _declared_type(unit)
    chosen = next((s.path for s in sets if unit_type and unit_type in s.unit_types), None)
    if chosen is not None:
        return chosen
    where = unit.as_posix()
    if not unit_type:
        message = f"unit.yaml 没有填写 类型，无法选择内置规则集（可选：{_covered()}）"
    else:
        message = f"单位类型 '{unit_type}' 没有对应的内置规则集（可选：{_covered()}）"
    raise InputError([Problem(where, line, 1, message)])


def _declared_type(unit: Path) -> tuple[int, str]:
    """The line and value of ``类型:`` in unit.yaml, read as text (the full parse comes with
    the evidence); (1, "") when it is not written."""
    text = unit.read_text(encoding="utf-8-sig", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        match = _TYPE_LINE.match(line)
        if match:
            return number, match.group(2).strip("\"' ")
    return 1, ""
