"""What every per-source loader shares: the folder, the vocabulary, and what went wrong."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import Problem
from checker.evidence.archives import Archives
from checker.evidence.keys import RecordKeys
from checker.evidence.model import Claim, Source, Unusable
from checker.evidence.photos import PhotoDates
from checker.evidence.workbooks import ReadAhead
from checker.rules.loader import Vocabulary
from checker.textfile import TextFileError, read_text_file
from checker.yamlfile import LocatedDoc, load_yaml


def within(path: Path, folder: Path) -> bool:
    """Whether ``path``, symbolic links resolved, lies in ``folder`` (or is it)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop
        return False
    return True


@dataclass
class LoadContext:
    """What every per-source loader shares: the folder, the vocabulary, and what went wrong."""

    root: Path
    shown_root: str
    vocabulary: Vocabulary
    keys: RecordKeys = field(default_factory=RecordKeys)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)
    unusable: list[Unusable] = field(default_factory=list)
    _kinds: dict[str, str | None] = field(default_factory=dict, repr=False)
    claims: list[Claim] = field(default_factory=list)
    # A ledger table's title lines, sheet and file name, keyed by (file, sheet): keywords
    # search them for each of its rows (engine/select.py).
    contexts: dict[tuple[str, str], str] = field(default_factory=dict)
    workbooks: ReadAhead = field(default_factory=ReadAhead)  # parsed ahead on a thread
    archives: Archives = field(init=False)  # where each file is read from (zips unpacked)
    photo_date: PhotoDates = field(init=False)

    def __post_init__(self) -> None:
        self.archives = Archives(self.root)
        self.photo_date = PhotoDates(self.path_of)

    def path_of(self, rel: str) -> Path:
        """Where to read the evidence file ``rel``: on disk, or a zip member unpacked."""
        return self.archives.path_of(rel)

    def inside(self, rel: str) -> bool:
        """Whether ``rel``, symbolic links resolved, stays inside the evidence folder."""
        return rel in self.archives.members or within(self.root / rel, self.root)

    def shown(self, rel: str) -> str:
        return posixpath.join(self.shown_root, rel) if self.shown_root not in ("", ".") else rel

    def problem(self, rel: str, line: int, column: int, message: str, code: str) -> None:
        self.problems.append(Problem(self.shown(rel), line, column, message, code))

    def warn(self, rel: str, line: int, column: int, message: str, code: str) -> None:
        self.warnings.append(Problem(self.shown(rel), line, column, message, code))

    def _kind(self, written: str) -> str | None:
        """The known type a written one is or resembles, worked out once per spelling (a
        ledger may repeat a misspelt type on every row)."""
        if written not in self._kinds:
            vocabulary = self.vocabulary
            self._kinds[written] = vocabulary.resolve(written) or vocabulary.suggest(written)
        return self._kinds[written]

    def leave_out(
        self,
        source: Source,
        defaults: Mapping[str, Any],
        written_type: object = None,
        title: object = "",
    ) -> None:
        """A record that a problem keeps out: the rules that would count its type (its own,
        the known type it misspells, else its folder's) are judged on the rest and say so."""
        kind = self._kind(str(written_type)) if written_type not in (None, "") else None
        self.unusable.append(Unusable(source, kind or defaults.get("type"), str(title or "")))


def read_text(path: Path, rel: str, ctx: LoadContext) -> str | None:
    try:
        return read_text_file(path)
    except TextFileError as exc:
        ctx.problem(rel, 1, 1, str(exc), "file-unreadable")
    return None


def parse_yaml(path: Path, rel: str, ctx: LoadContext) -> LocatedDoc | None:
    text = read_text(path, rel, ctx)
    if text is None:
        return None
    doc, problems = load_yaml(text, ctx.shown(rel))
    ctx.problems.extend(problems)
    return None if problems else doc
