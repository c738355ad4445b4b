"""Zip archives (Office files, and ``.zip`` files in the evidence folder): refuse the ones that
would unpack to more than memory or disk should hold (zip bombs) before anything opens them."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from checker.limits import MB, UNZIPPED_BYTES, ZIP_MEMBERS, ZIP_RATIO, size_text


def bomb_reason(entries: Sequence[zipfile.ZipInfo]) -> str | None:
    """Why an archive with these entries must not be unpacked, naming the limit it breaks;
    ``None`` when it is within every limit. Sizes are the ones the archive declares: whoever
    unpacks it must still stop at them."""
    if len(entries) > ZIP_MEMBERS:
        count = len(entries)
        return f"压缩包内有 {count} 个条目，超过上限 {ZIP_MEMBERS} 个（疑似压缩炸弹），未读取"
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > UNZIPPED_BYTES:
        limit = size_text(UNZIPPED_BYTES)
        return f"解压后达 {size_text(unpacked)}，超过上限 {limit}（疑似压缩炸弹），未读取"
    if unpacked > 32 * MB and unpacked > ZIP_RATIO * packed:
        return f"压缩比异常（{unpacked // packed} 倍，上限 {ZIP_RATIO} 倍；疑似压缩炸弹），未读取"
    return None


def zip_bomb(path: Path) -> str | None:
    """Why this archive must not be unpacked, or ``None`` when it is safe (or not a zip)."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None  # not a zip at all, or a broken one: the reader reports it
    return bomb_reason(entries)
