"""Plain output that evidence cannot turn into commands or terminal effects.

CI runners parse their job's log: the GitHub Actions runner takes any line that starts with
``::`` after leading whitespace (a workflow command) and any line holding ``##[`` anywhere (the
older syntax it still reads) as a command. A record typed ``"x\\n::error file=…::…"`` would
otherwise print a forged annotation through an error message. Terminals obey escape
sequences, form feeds and bidirectional overrides (which make text read other than it runs).
Every plain-text output goes through :func:`plain`; reports that hold evidence text go
through :func:`inert_characters` before rendering.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline (ESC starts every terminal escape sequence, so an
# escape sequence loses its effect with it), DEL, C1 controls (0x9b is a one-byte CSI), and the
# bidirectional embeddings, overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"

# Whitespace the runner's String.TrimStart() skips (every Unicode white space) before ``::``.
_COMMAND_LINE = re.compile(r"^([^\S\n]*)::", re.M)
_OLD_COMMAND = "##["


def inert_characters(text: str) -> str:
    """``text`` with every control character shown as U+FFFD (kept visible: a person sees
    that something was there)."""
    return CONTROL.sub(REPLACEMENT, text) if CONTROL.search(text) else text


def inert_lines(text: str) -> str:
    """``text`` with no line a CI runner reads as a command: a line's leading ``::`` becomes
    full-width ``：：`` and ``##[`` becomes ``##［``; both read the same to a person."""
    if "::" in text:
        text = _COMMAND_LINE.sub(r"\1：：", text)
    return text.replace(_OLD_COMMAND, "##［")


def plain(text: str) -> str:
    """Text safe to print to a terminal or a CI log: no control characters, no commands."""
    return inert_lines(inert_characters(text))


def inert_json(text: str) -> str:
    """JSON text with ``##[`` written ``##\\u005b`` and each control character the encoder
    leaves raw (DEL, C1, bidirectional overrides) as its ``\\u`` escape: the same JSON once
    parsed (outside strings JSON has no such characters), but nothing a runner or a terminal
    acts on. A JSON line never starts with ``::`` (strings escape their newlines)."""
    if CONTROL.search(text):
        text = CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text.replace(_OLD_COMMAND, "##\\u005b")
