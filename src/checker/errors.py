"""User-facing input problems, always located as ``path:line:col``.

Two kinds of failure exist: an input problem (a bad rule, record or option), which the CLI
prints without a traceback and turns into exit code 2, and a bug, which is left to raise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Stable codes of problems and notices (SARIF rule ids, JUnit types, docs/problems.md):
# code → what it means, in the user's words. A code never changes meaning once released.
CODES: dict[str, str] = {
    "input-error": "证据或规则文件有误，无法评估",
}


def describe(code: str) -> str:
    """What a problem code means, for reports that list the kinds of problems."""
    return CODES.get(code, CODES["input-error"])


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file. ``line``/``column`` are 1-based; 0 means "whole file".
    ``code`` is the stable kind of the problem (a key of ``CODES``)."""

    file: str
    line: int
    column: int
    message: str
    code: str = "input-error"

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
            "code": self.code,
        }


class InputError(Exception):
    """Input that cannot be evaluated: printed as located messages, exit code 2."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A bad option or argument, with a plain Chinese message (exit code 2)."""
