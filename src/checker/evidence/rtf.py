"""Text of RTF documents: ``.rtf`` files, and the many ``.doc`` files that OA systems and
"另存为 RTF" write, which are RTF inside.

A small reader of the RTF 1.9 syntax: groups, control words and symbols. Characters come as
plain text, as ``\\uN`` (Unicode, followed by ``\\ucN`` fallback characters to skip) or as
``\\'hh`` bytes in the document's code page (``\\ansicpg936`` on Chinese Windows, so GBK
characters are two such bytes in a row). Destinations that hold no reading text (font and
colour tables, styles, pictures, field instructions, ``\\*`` extensions) are skipped; headers
and footers are kept, since a 红头文件 may keep its 文号 there.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from checker.evidence.reasons import BROKEN, Unreadable

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # a control word and its number
    rb"|\\'([0-9a-fA-F]{2})"  # a byte in the code page
    rb"|\\(.)"  # a control symbol
    rb"|([{}])|[\r\n]+|([^\\{}\r\n]+)",
    re.S,
)
_SKIPPED = frozenset(
    b"fonttbl colortbl stylesheet info pict object objdata themedata colorschememapping "
    b"datastore latentstyles listtable listoverridetable rsidtbl generator xmlnstbl "
    b"fldinst filetbl revtbl userprops nonshppict bkmkstart bkmkend".split()
)
_BREAKS = {b"par": "\n", b"line": "\n", b"row": "\n", b"sect": "\n", b"page": "\n", b"tab": "\t"}
_BREAKS[b"cell"] = "\t"
# \fcharsetN of a font → the code page of its \'hh bytes (134 is GB2312, so GBK).
_CHARSETS = {128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255}
_CHARSETS.update({178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250})
_SYMBOLS = {b"~": "\u00a0", b"_": "-", b"\\": "\\", b"{": "{", b"}": "}", b"\n": "\n", b"\r": "\n"}


class _Reader:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.pending = bytearray()  # \'hh bytes, decoded together (GBK takes two)
        self.codepage = self.ansi = "cp1252"
        self.fonts: dict[int, str] = {}  # font number → code page, from the font table
        self.font = 0
        self.stack: list[tuple[bool, int, str]] = []
        self.skip = False
        self.uc = 1  # fallback characters after each \uN
        self.to_skip = 0

    def flush(self) -> None:
        if self.pending:
            self.out.append(bytes(self.pending).decode(self.codepage, errors="replace"))
            self.pending.clear()

    def text(self, value: str) -> None:
        if self.to_skip:
            dropped = min(self.to_skip, len(value))
            self.to_skip -= dropped
            value = value[dropped:]
        if value and not self.skip:
            self.flush()
            self.out.append(value)

    def byte(self, value: int) -> None:
        if self.to_skip:
            self.to_skip -= 1
        elif not self.skip:
            self.pending.append(value)

    def group(self, opening: bool) -> None:
        self.flush()
        self.to_skip = 0
        if opening:
            self.stack.append((self.skip, self.uc, self.codepage))
        elif self.stack:
            self.skip, self.uc, self.codepage = self.stack.pop()

    def word(self, name: bytes, argument: int | None, first_in_group: bool) -> None:
        self.to_skip = 0
        if name in _SKIPPED or (name == b"*" and first_in_group):
            self.skip = True
        elif name == b"ansicpg" and argument:
            self.codepage = self.ansi = _codepage(argument)
        elif name == b"f" and argument is not None:
            self.font = argument  # in the font table, the font being defined
            self.flush()
            self.codepage = self.fonts.get(argument, self.ansi)
        elif name == b"fcharset" and argument in _CHARSETS:
            self.fonts[self.font] = _codepage(_CHARSETS[argument])
        elif name == b"uc" and argument is not None:
            self.uc = max(argument, 0)
        elif name == b"u" and argument is not None:
            self.text(chr(argument % 0x10000))
            self.to_skip = self.uc
        elif name in _BREAKS:
            self.text(_BREAKS[name])


def _codepage(number: int) -> str:
    try:
        return codecs.lookup(f"cp{number}").name
    except LookupError:
        return "cp1252"


def rtf_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.lstrip().startswith(b"{\\rtf"):
        raise Unreadable(BROKEN)
    reader = _Reader()
    previous = b""
    for match in _TOKEN.finditer(data):
        name, argument, hexbyte, symbol, brace, plain = match.groups()
        if name is not None:
            number = int(argument) if argument else None
            reader.word(name, number, previous == b"{")
        elif hexbyte is not None:
            reader.byte(int(hexbyte, 16))
        elif symbol is not None:
            if symbol == b"*":
                reader.word(b"*", None, previous == b"{")
            elif symbol in _SYMBOLS:
                reader.text(_SYMBOLS[symbol])
        elif brace is not None:
            reader.group(brace == b"{")
        elif plain is not None:
            reader.text(plain.decode(reader.codepage, errors="replace"))
        previous = brace or b""
    reader.flush()
    return "".join(reader.out)
