"""Office files are zip archives: refuse the ones that would unpack to more than memory
should hold (zip bombs) before any reader opens them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from checker.limits import MB, UNZIPPED_BYTES, ZIP_RATIO, size_text


def zip_bomb(path: Path) -> str | None:
    """Why this archive must not be unpacked, or ``None`` when it is safe (or not a zip)."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a zip at all: the reader reports it
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > UNZIPPED_BYTES:
        limit = size_text(UNZIPPED_BYTES)
        return f"解压后达 {size_text(unpacked)}，超过上限 {limit}（疑似压缩炸弹），未读取"
    if unpacked > 32 * MB and unpacked > ZIP_RATIO * packed:
        return f"压缩比异常（{unpacked // packed} 倍，疑似压缩炸弹），未读取"
    return None
