"""``pattern``: regular expressions from rule files, compiled once with RE2.

RE2 matches in time linear in the text, so no pattern a rule author (or an imported table)
writes can hang the checker on a long document, as a backtracking engine can with
``(a+)+$``. What RE2 does not offer (back-references, look-around) is an error when the rule
set loads, named at the pattern.

Office text separates words with the full-width space (组　长：张　三) and no-break spaces;
RE2's ``\\s`` knows only ASCII whitespace, so ``\\s`` and ``\\S`` are widened to Unicode
separators before compiling.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import re2

_OPTIONS = re2.Options()
_OPTIONS.case_sensitive = False
_OPTIONS.log_errors = False  # the error is reported as a rule problem, not on stderr


class Searcher(Protocol):
    """What matching needs of a compiled pattern (RE2's or ``re``'s): a search."""

    def search(self, text: str, /) -> object | None: ...


class PatternError(ValueError):
    """A pattern RE2 cannot compile, with the reason in Chinese."""


def widened(pattern: str) -> str:
    """``pattern`` with ``\\s`` and ``\\S`` matching Unicode separators too (U+3000, U+00A0)."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if escaped == "s":
                out.append(r"\s\p{Z}" if in_class else r"[\s\p{Z}]")
            elif escaped == "S" and not in_class:
                out.append(r"[^\s\p{Z}]")
            else:
                out.append(char + escaped)
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            if pattern[index + 1 : index + 2] == "^":
                out.append("^")
                index += 1
            if pattern[index + 1 : index + 2] == "]":  # a literal ] first in a class
                out.append("]")
                index += 1
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        index += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def compiled(pattern: str) -> Searcher:
    """The pattern compiled once (case-insensitive), or :class:`PatternError`."""
    try:
        searcher: Searcher = re2.compile(widened(pattern), _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else ""
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(f"正则表达式 '{pattern}' 无效（{reason}）") from None
    return searcher


def any_of(patterns: list[str]) -> Searcher:
    """One searcher for “any of these patterns”."""
    if len(patterns) == 1:
        return compiled(patterns[0])
    return compiled("|".join(f"(?:{pattern})" for pattern in patterns))
