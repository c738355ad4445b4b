"""Where the bundled rule set and templates are: inside the installed package, or, when
running from a source checkout, at the repository root."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPOSITORY = _PACKAGE.parents[1]


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _REPOSITORY / name


def bundled_rules() -> Path:
    # The library's 机关 set, until the set is chosen by the unit's type.
    return _bundled("rules") / "文明单位-机关"


def templates() -> Path:
    return _bundled("templates")
