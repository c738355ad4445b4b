"""Which rule set a command uses: ``--rules``, else the working folder's ``rules/``, else
the bundled set for the unit's type (``unit.yaml``'s 类型, or ``init --type``)."""

from __future__ import annotations

from pathlib import Path

from checker.errors import InputError, Problem, UsageError
from checker.resources import (
    RULESET_FILE,
    TYPE_ORDER,
    bundled_library,
    library_sets,
    library_types,
)
from checker.textfile import TextFileError, read_text_file
from checker.yamlfile import load_yaml

UNIT_FILE = "unit.yaml"


def local_rules(option: Path | None) -> Path | None:
    """``--rules``, or ``rules/`` in the working folder when it is a rule set."""
    if option is not None:
        return option
    local = Path("rules")
    return local if (local / RULESET_FILE).is_file() else None


def default_type() -> str:
    """The type a command takes when none is given and no unit is at hand: the library's
    first creation type (机关)."""
    return (library_types() or [TYPE_ORDER[0]])[0]


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
    if not evidence_dir.is_dir():
        raise InputError(
            [Problem(evidence_dir.as_posix(), 0, 0, "证据文件夹不存在", "folder-missing")]
        )
    if not unit.is_file():
        message = "缺少单位档案 unit.yaml（至少写明 名称 与 类型），无法选择内置规则集"
        raise InputError([Problem(unit.as_posix(), 1, 1, message, "unit-missing")])
    line, unit_type = _declared_type(unit)
    chosen = next((s.path for s in sets if unit_type and unit_type in s.unit_types), None)
    if chosen is not None:
        return chosen
    where = unit.as_posix()
    if not unit_type:
        message = f"unit.yaml 没有填写 类型，无法选择内置规则集（可选：{_covered()}）"
    else:
        message = f"单位类型 '{unit_type}' 没有对应的内置规则集（可选：{_covered()}）"
    code = "unit-type-unknown" if unit_type else "unit-type-missing"
    raise InputError([Problem(where, line, 1, message, code)])


def _declared_type(unit: Path) -> tuple[int, str]:
    """The line and value of the top-level ``类型``/``type`` of unit.yaml (any YAML style);
    (1, "") when it is not written. A file that does not parse stops here with its syntax
    problems, located, as the evidence loader would report them."""
    try:
        text = read_text_file(unit)
    except TextFileError as exc:
        raise InputError([Problem(unit.as_posix(), 1, 1, str(exc), "file-unreadable")]) from None
    doc, problems = load_yaml(text, unit.as_posix())
    if problems:
        raise InputError(problems)
    if not isinstance(doc.data, dict):
        return 1, ""
    for key in ("类型", "type"):
        value = doc.data.get(key)
        if value is not None:
            return doc.mark((key,))[0], str(value).strip()
    return 1, ""
