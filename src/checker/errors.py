"""User-facing input problems, always located as ``path:line:col``.

Two kinds of failure exist: an input problem (a bad rule, record or option), which the CLI
prints without a traceback and turns into exit code 2, and a bug, which is left to raise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file. ``line``/``column`` are 1-based; 0 means "whole file"."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}: {self.message}"
        return f"{self.file}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class InputError(Exception):
    """Input that cannot be evaluated: printed as located messages, exit code 2."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A bad option or argument, with a plain Chinese message (exit code 2)."""
