"""Lines of the text summary wrapped to a terminal's width, the way Chinese text is set:
a break may fall between two Chinese characters but never inside a number, a rule id or a
file name, never before a closing mark (，。、）】) or after an opening one (（【《), and each
continuation starts under the item's text, so a wrapped item never reads as a new one."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from typing import Any

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# an escape (zero width), a run of spaces, a run of narrow non-space characters (a word, a
# number, a path), or one wide character: the atoms a line may break between
_ATOMS = re.compile(r"\x1b\[[0-9;]*m|[ \t]+|[^\s\x1b]")
_CLOSING = set("，。、；：！？）】》〉」』”’…—%,.;:!?)]}")
_OPENING = set("（【《〈「『“‘([{")
_MARK = re.compile(r"^( *(?:[✓△✗!?\-•·] |\[[^\]]{1,12}\] )?)")
_SHORT_WORD = 12  # columns: a run of up to six Chinese characters between spaces
_NARROWEST = 24  # below this a wrap helps nobody: the lines are left as they are


def terminal_width(stream: Any, env: Any = os.environ) -> int | None:
    """The columns of the terminal ``stream`` writes to; None when it is piped or
    redirected, so a file or a pipe keeps one line per item as before."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return None
    columns = shutil.get_terminal_size().columns
    if env.get("COLUMNS", "").isdigit():  # the user's own setting wins
        columns = int(env["COLUMNS"])
    return columns if columns >= _NARROWEST else None


def display_width(text: str) -> int:
    """Columns on a terminal: Chinese characters take two, escapes none."""
    plain = _ANSI.sub("", text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in plain)


def wrap_lines(lines: list[str], width: int | None) -> list[str]:
    if not width or width < _NARROWEST:
        return lines
    return [piece for line in lines for piece in wrap(line, width)]


def wrap(line: str, width: int) -> list[str]:
    """``line`` as one or more lines of at most ``width`` columns (a word wider than a whole
    line is cut, as nothing else can be done with it)."""
    if display_width(line) <= width:
        return [line]
    lead = _MARK.match(_ANSI.sub("", line))
    indent = display_width(lead.group(1)) if lead and lead.group(1) else 2
    indent = min(indent, width // 3)
    lines: list[str] = []
    current, used, space = "", 0, ""
    for unit in _units(line):
        if unit.isspace():
            space = unit if used > (indent if lines else 0) or not lines else ""
            continue
        size = display_width(unit)
        if used + len(space) + size <= width:
            current, used, space = current + space + unit, used + len(space) + size, ""
            continue
        if current.strip():
            lines.append(current.rstrip())
        current, used, space = " " * indent, indent, ""
        for piece in _cut(unit, width - indent):
            if used + display_width(piece) > width:
                lines.append(current)
                current, used = " " * indent, indent
            current, used = current + piece, used + display_width(piece)
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _units(line: str) -> list[str]:
    """The unbreakable pieces of ``line``: narrow runs stay whole, a closing mark joins the
    piece before it, an opening mark the piece after it, an escape the piece it styles."""
    units: list[str] = []
    glue_next = ""
    for atom in _words(line):
        if _ANSI.fullmatch(atom) or atom in _OPENING:
            glue_next += atom
            continue
        if units and not atom.isspace() and not glue_next and atom[0] in _CLOSING:
            units[-1] += atom
            continue
        if atom.isspace() and glue_next:
            units.append(glue_next)
            glue_next = ""
        units.append(glue_next + atom)
        glue_next = ""
    if glue_next:  # a reset at the end of the line
        if units:
            units[-1] += glue_next
        else:
            units.append(glue_next)
    return _short_words_whole(units)


def _short_words_whole(units: list[str]) -> list[str]:
    """A short run between spaces (未达标, 及格线, 3 分】) is a word as a reader sees it: it
    moves to the next line whole rather than splitting there."""
    joined: list[str] = []
    run: list[str] = []
    for unit in [*units, " "]:
        if not unit.isspace():
            run.append(unit)
            continue
        short = sum(map(display_width, run)) <= _SHORT_WORD
        joined.extend(["".join(run)] if short and run else run)
        joined.append(unit)
        run = []
    return joined[:-1]


def _words(line: str) -> list[str]:
    """Atoms, with consecutive narrow non-space characters joined into one word."""
    words: list[str] = []
    for atom in _ATOMS.findall(line):
        narrow = len(atom) == 1 and display_width(atom) == 1 and not atom.isspace()
        if narrow and atom not in _OPENING and words and _is_narrow_word(words[-1]):
            words[-1] += atom
        else:
            words.append(atom)
    return words


def _is_narrow_word(word: str) -> bool:
    last = word[-1]
    return not last.isspace() and display_width(last) == 1 and not _ANSI.fullmatch(word)


def _cut(unit: str, room: int) -> list[str]:
    """A piece wider than a whole line (a long path) cut into lines' worth of it."""
    if display_width(unit) <= room:
        return [unit]
    pieces, piece = [], ""
    for token in re.split(f"({_ANSI.pattern})", unit):
        if _ANSI.fullmatch(token):  # a style goes with the text it styles, taking no room
            piece += token
            continue
        for ch in token:
            if piece and display_width(piece + ch) > room:
                pieces.append(piece)
                piece = ""
            piece += ch
    return [*pieces, piece] if piece else pieces
