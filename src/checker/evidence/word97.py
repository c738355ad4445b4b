"""Text of Word 97–2003 binary documents (``.doc``; WPS 文字's ``.wps``/``.wpt`` are the same).

The file is an OLE compound file (read with olefile). Its ``WordDocument`` stream starts with
the FIB, which says which table stream holds the piece table (CLX → PlcPcd) and how many
characters each story has. The piece table maps character positions to byte ranges of the
``WordDocument`` stream, each either "compressed" (one cp1252 byte per character) or UTF-16LE.
All stories are read in order: body, footnotes, headers and footers (where a 红头文件 keeps its
文号), comments, endnotes and text boxes. Field codes are dropped and their results kept;
control characters become tabs and new lines, so keywords match as they read in Word.

Layout references are to [MS-DOC] (Word 97–2007 binary file format), sections 2.5 and 2.9.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from checker.evidence.reasons import BROKEN, ENCRYPTED, Unreadable, old_format

_WORD97_IDENT = 0xA5EC
_WORD95_IDENT = 0xA5DC
_WORD6_NFIB = 101  # Word 6.0 is 101, Word 95 104
_WORD97_NFIB = 193  # Word 97 and every later version write 193 or more
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_STORY_COUNTS = (3, 4, 5, 7, 8, 9, 10)  # ccpText, Ftn, Hdd, Atn, Edn, Txbx, HdrTxbx in FibRgLw97
_CLX_PAIR = 33  # fcClx/lcbClx is the 34th pair of FibRgFcLcb97
_FIELD_BEGIN, _FIELD_SEPARATE, _FIELD_END = "\x13", "\x14", "\x15"
# Characters with a meaning in Word's text: cell and row ends, line, page and column breaks,
# non-breaking and optional hyphens; any other control character (anchors of pictures and
# drawn objects, footnote marks) is dropped.
_CONTROLS = str.maketrans(
    {
        "\r": "\n",
        "\x07": "\t",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x0e": "\n",
        "\x1e": "-",
        "\x1f": None,
        **{chr(c): None for c in range(0x20) if chr(c) not in "\t\n\r\x07\x0b\x0c\x0e\x1e\x1f"},
    }
)


def word97_text(path: Path) -> str:
    """All stories' text of a Word 97–2003 document; :class:`Unreadable` says why not."""
    import olefile

    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError, struct.error) as error:
        raise Unreadable(BROKEN) from error
    try:
        if ole.exists("EncryptionInfo"):  # an encrypted .docx: an OLE file, not a zip
            raise Unreadable(ENCRYPTED)
        if not ole.exists("WordDocument"):
            works = ole.exists("CONTENTS") or ole.exists("MatOST")
            raise Unreadable(old_format("Microsoft Works") if works else BROKEN)
        document = ole.openstream("WordDocument").read()
        table_name = _table_stream(document)
        if not ole.exists(table_name):
            raise Unreadable(BROKEN)
        table = ole.openstream(table_name).read()
    finally:
        ole.close()
    return clean(_stories(document, table))


def _table_stream(document: bytes) -> str:
    """Check the FIB and name the table stream (``0Table`` or ``1Table``)."""
    if len(document) < 0x22:
        raise Unreadable(BROKEN)
    ident, nfib = struct.unpack_from("<HH", document, 0)
    (flags,) = struct.unpack_from("<H", document, 0x0A)
    if ident in (_WORD97_IDENT, _WORD95_IDENT) and _WORD6_NFIB <= nfib < _WORD97_NFIB:
        raise Unreadable(old_format("Word 6.0/95"))
    if ident != _WORD97_IDENT or nfib < _WORD97_NFIB:
        raise Unreadable(BROKEN)
    if flags & _F_ENCRYPTED:  # encrypted or XOR-obfuscated: both need the password
        raise Unreadable(ENCRYPTED)
    return "1Table" if flags & _F_WHICH_TABLE else "0Table"


def _stories(document: bytes, table: bytes) -> str:
    """The text of every story, through the piece table."""
    try:
        offset = 32
        (csw,) = struct.unpack_from("<H", document, offset)
        offset += 2 + csw * 2
        (cslw,) = struct.unpack_from("<H", document, offset)
        longs = struct.unpack_from(f"<{cslw}i", document, offset + 2)
        offset += 2 + cslw * 4
        (pairs,) = struct.unpack_from("<H", document, offset)
        if pairs <= _CLX_PAIR or cslw <= max(_STORY_COUNTS):
            raise Unreadable(BROKEN)
        fc_clx, lcb_clx = struct.unpack_from("<II", document, offset + 2 + _CLX_PAIR * 8)
    except struct.error as error:
        raise Unreadable(BROKEN) from error
    counts = [max(longs[index], 0) for index in _STORY_COUNTS]
    total = sum(counts) + (1 if sum(counts[1:]) else 0)  # the other stories end with a mark
    pieces = _pieces(table[fc_clx : fc_clx + lcb_clx])
    return _read_pieces(document, pieces, total)


def _pieces(clx: bytes) -> list[tuple[int, int, int, bool]]:
    """``(first cp, last cp, byte offset, compressed)`` of each piece of the PlcPcd."""
    offset = 0
    while offset < len(clx) and clx[offset] == 0x01:  # Prc: formatting, skipped
        (size,) = struct.unpack_from("<H", clx, offset + 1)
        offset += 3 + size
    if offset + 5 > len(clx) or clx[offset] != 0x02:
        raise Unreadable(BROKEN)
    (size,) = struct.unpack_from("<I", clx, offset + 1)
    plc = clx[offset + 5 : offset + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise Unreadable(BROKEN)
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for index in range(count):
        (fc,) = struct.unpack_from("<I", plc, (count + 1) * 4 + index * 8 + 2)
        compressed = bool(fc & 0x40000000)
        start = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        pieces.append((cps[index], cps[index + 1], start, compressed))
    return pieces


def _read_pieces(document: bytes, pieces: list[tuple[int, int, int, bool]], total: int) -> str:
    parts: list[str] = []
    budget = len(document)  # each character takes a byte at least: a hostile table stops here
    for first, last, start, compressed in pieces:
        if first >= total or budget <= 0:
            break
        length = min(last, total) - first
        if length <= 0:
            continue
        length = min(length, budget)
        budget -= length
        if compressed:
            parts.append(document[start : start + length].decode("cp1252", errors="replace"))
        else:
            chunk = document[start : start + 2 * length]
            parts.append(chunk.decode("utf-16-le", errors="replace"))
    return "".join(parts)


def clean(raw: str) -> str:
    """Word's text as a reader sees it: field results without their codes, cell marks as
    tabs, paragraph marks as new lines, other control characters dropped."""
    kept: list[str] = []
    fields: list[bool] = []  # one per open field: is its result being read
    start = 0
    for match in re.finditer("[\x13\x14\x15]", raw):
        if not fields or all(fields):
            kept.append(raw[start : match.start()])
        mark = match.group()
        if mark == _FIELD_BEGIN:
            fields.append(False)
        elif mark == _FIELD_SEPARATE and fields:
            fields[-1] = True
        elif mark == _FIELD_END and fields:
            fields.pop()
        start = match.end()
    if not fields or all(fields):
        kept.append(raw[start:])
    return "".join(kept).translate(_CONTROLS)
