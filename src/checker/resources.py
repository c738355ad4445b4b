"""Where the bundled rule library and templates are: inside the installed package, or, when
running from a source checkout, at the repository root.

The rule library is a folder of rule sets, one per creation type (``文明单位-机关/``,
``文明校园/`` …), each a folder with a ``ruleset.yaml`` whose ``unit_types`` say which units
it is for; shared files and overlays sit beside them. A library that is itself one rule set
(a ``ruleset.yaml`` at its root) is a library of that one set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPOSITORY = _PACKAGE.parents[1]
RULESET_FILE = "ruleset.yaml"
# How reports name the bundled library: its files live inside the installed package, whose
# path differs by install (and leaks the machine's layout), so a report shows
# ``内置规则/共用/一票否决.yaml`` instead and is the same wherever the checker is installed.
BUNDLED_NAME = "内置规则"
# The creation types in the order people name them: sets and types are listed so.
TYPE_ORDER = ("机关", "事业单位", "企业", "学校", "社区", "村", "镇")


def _type_rank(unit_type: str) -> int:
    return TYPE_ORDER.index(unit_type) if unit_type in TYPE_ORDER else len(TYPE_ORDER)


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _REPOSITORY / name


def bundled_library() -> Path:
    """The folder of bundled rule sets."""
    return _bundled("rules")


def bundled_name(path: Path) -> str | None:
    """``内置规则/<path in the library>`` for a file of the bundled library (installed, or the
    source checkout's ``rules/``, however it was named); None for any other file."""
    try:
        inner = path.resolve().relative_to(bundled_library().resolve())
    except ValueError:
        return None
    return f"{BUNDLED_NAME}/{inner.as_posix()}"


def templates() -> Path:
    return _bundled("templates")


@dataclass(frozen=True)
class LibrarySet:
    path: Path
    title: str
    unit_types: tuple[str, ...]


def library_sets(root: Path | None = None) -> list[LibrarySet]:
    """The rule sets of the library, in folder order: only their ``ruleset.yaml`` is read,
    so choosing a set costs nothing of loading the others."""
    import yaml

    root = root if root is not None else bundled_library()
    folders = [root] if (root / RULESET_FILE).is_file() else sorted(root.iterdir())
    found = []
    for folder in folders:
        path = folder / RULESET_FILE
        if not path.is_file():
            continue
        meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        types = meta.get("unit_types") or []
        types = [types] if isinstance(types, str) else types
        found.append(
            LibrarySet(folder, str(meta.get("title", folder.name)), tuple(map(str, types)))
        )
    return sorted(found, key=lambda s: min(map(_type_rank, s.unit_types), default=len(TYPE_ORDER)))


def library_types(root: Path | None = None) -> list[str]:
    """Every unit type the library covers, in the order its sets list them."""
    types = dict.fromkeys(t for s in library_sets(root) for t in s.unit_types)
    return sorted(types, key=_type_rank)
