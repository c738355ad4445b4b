"""Why a document's text cannot be read, in the words the reports use.

A reader raises :class:`Unreadable` with one of these reasons; anything else it raises is taken
as a broken file. The reasons are Chinese sentences an office reads as they are.
"""

from __future__ import annotations

from checker.limits import size_text

SCAN = "扫描件，没有文字层"
ENCRYPTED = "文件已加密"
BROKEN = "文件已损坏，无法打开"
TOO_LARGE = "文件过大，未读取"
UNSUPPORTED = "不支持的文件格式，无法读取"


def old_format(name: str) -> str:
    """A format that is truly not read, such as Word 6.0/95."""
    return f"旧版 {name} 格式，无法读取"


def too_large(size: int, limit: int) -> str:
    return f"{TOO_LARGE}（{size_text(size)}，上限 {size_text(limit)}）"


def unpacked_too_large(detail: str) -> str:
    """A zip (an Office file, an OFD) that would unpack to too much: ``detail`` says how much."""
    return f"{TOO_LARGE}（{detail.removesuffix('，未读取')}）"


class Unreadable(Exception):
    """A document whose text cannot be read; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
