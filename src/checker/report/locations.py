"""Where a finding is, for formats that point into files (SARIF, GitHub annotations): the
first evidence that counted for the requirement, else the evidence folder's ``unit.yaml``.

A gap with no evidence at all belongs to the unit, not to the rule that asks for it: a bundled
rule lives inside the installed package (shown as ``内置规则/…``), which no pull request can
annotate, and the rule language has no hint of the folder its evidence goes in (the unit
lays out its folders as it likes), so the unit's own file is the one place certainly there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

# Files read as text, where a line (and column) means what a text editor shows; anything else
# (a workbook, a Word or PDF document, a photo) is binary: a place in it is named in words.
TEXT_SUFFIXES = frozenset({".yaml", ".yml", ".md", ".markdown", ".csv", ".tsv", ".txt"})


def has_lines(path: str) -> bool:
    """Whether a line number points into ``path`` as a text editor shows it."""
    return PurePosixPath(path).suffix.lower() in TEXT_SUFFIXES


Location = tuple[str, int]  # path as given on the command line, 1-based line (0: whole file)
UNIT_FILE = "unit.yaml"


@dataclass(frozen=True)
class Gap:
    """One gap of a rule, placed: ``file`` as given on the command line (like the problems'
    paths), ``line`` 1-based or 0 for the whole file, ``sheet`` the worksheet of a ledger row,
    ``requirement`` the name of the requirement it is a gap of ("" for the rule as a whole)."""

    message: str
    file: str
    line: int
    sheet: str = ""
    requirement: str = ""


def evidence_path(data: dict[str, Any], file: str) -> str:
    root = data["evidence"]["root"]
    return file if root in ("", ".") else f"{root.rstrip('/')}/{file}"


def unit_location(data: dict[str, Any]) -> Location:
    """The evidence folder's unit.yaml, as a whole: where a gap with no evidence is shown."""
    return evidence_path(data, UNIT_FILE), 0


def gaps(data: dict[str, Any], result: dict[str, Any]) -> list[Gap]:
    """Each gap of a rule, placed; a rule in error or without requirement gaps is placed at
    unit.yaml with its note."""
    found = []
    for requirement in result["requirements"]:
        if not requirement["gap"]:
            continue
        evidence = requirement["evidence"]
        if evidence:
            first = evidence[0]
            file, line = evidence_path(data, first["file"]), int(first["line"])
            sheet = str(first.get("sheet") or "")
        else:
            (file, line), sheet = unit_location(data), ""
        found.append(Gap(requirement["gap"], file, line, sheet, requirement["name"]))
    if found:
        return found
    file, line = unit_location(data)
    return [Gap(result["note"] or result["title"], file, line)]


def gap_locations(data: dict[str, Any], result: dict[str, Any]) -> list[tuple[str, Location]]:
    """``gaps`` as (message, (file, line)) pairs."""
    return [(gap.message, (gap.file, gap.line)) for gap in gaps(data, result)]


def failing(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in data["results"] if r["status"] in ("fail", "partial", "error")]


class Repository:
    """The repository an evidence folder is in, for paths relative to its root: the nearest
    folder above the evidence folder holding ``.git`` (a clone, a worktree, a submodule), else
    the working folder. Folders are resolved (``./evidence/``, an absolute path, a path through
    a symlink all give one answer); a file's own name is kept as it is."""

    def __init__(self, evidence_root: str, cwd: Path | None = None) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        folder = (self.cwd / (evidence_root or ".")).resolve()
        found = next((p for p in (folder, *folder.parents) if (p / ".git").exists()), None)
        self.root = found or self.cwd

    def _absolute(self, shown: str) -> Path:
        path = self.cwd / shown  # an absolute ``shown`` replaces cwd
        return path.parent.resolve() / path.name if path.name else path.resolve()

    def relative(self, shown: str) -> str | None:
        """A path as given on the command line, relative to the repository root (POSIX
        separators); None when it lies outside the repository."""
        try:
            return self._absolute(shown).relative_to(self.root).as_posix()
        except ValueError:
            return None

    def absolute(self, shown: str) -> str:
        return self._absolute(shown).as_posix()
