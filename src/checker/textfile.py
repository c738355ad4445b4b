"""Reading a text file people saved on any office computer: UTF-8 with or without BOM, the
UTF-16 that Windows Notepad writes as “Unicode”, or GBK/GB18030 — detected by fixed rules,
so the same bytes always read the same. Binary junk and oversized files are refused."""

from __future__ import annotations

import codecs
import errno
import os
from pathlib import Path

from checker.limits import TEXT_FILE_BYTES, size_text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class TextFileError(Exception):
    """Why a file cannot be read as text, in words for the user."""


def decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise TextFileError(f"文件以 {encoding} 标记开头，但内容无法按此编码读取") from None
    if b"\x00" in data:
        raise TextFileError("不是文本文件（含二进制内容，可能是改错了扩展名）")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise TextFileError("无法识别文件编码，请用记事本或 WPS 另存为 UTF-8") from None


_OS_REASONS = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ENOENT: "文件不存在（检查时被移动或删除？）",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.EIO: "磁盘读取出错",
}


def unreadable(exc: OSError) -> str:
    """Why the system could not read a file, in Chinese (its own words are English)."""
    return f"无法读取：{_OS_REASONS.get(exc.errno or 0, '系统无法打开此文件')}"


def read_text_file(path: Path, limit: int = TEXT_FILE_BYTES) -> str:
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > limit:
                raise TextFileError(f"文件过大（{size_text(size)}），上限 {size_text(limit)}")
            return decode(stream.read())
    except OSError as exc:
        raise TextFileError(unreadable(exc)) from None
