"""A ``.zip`` in the evidence folder is read as the folder it holds.

Offices archive a month of photos, or a year of minutes, as one zip. Each member becomes an
evidence file named through the zip (``月度照片.zip/2022年3月/x.jpg``) and goes to the same
loader as a file on disk would. Members are unpacked once, while the folder is walked, into a
private temporary folder outside the evidence folder (some readers need a path: pypdfium2,
calamine), removed at the end of the run; every reader asks :meth:`Archives.path_of` where a
file is. Unpacking up front means a broken member is reported while loading, at its place, and
every member's content digest is known before the text cache and the reused-photo check ask.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import stat
import struct
import tempfile
import weakref
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from checker.evidence.model import suffix
from checker.evidence.zipcheck import bomb_reason
from checker.limits import UNZIPPED_TOTAL_BYTES, size_text

if TYPE_CHECKING:
    from checker.evidence.context import LoadContext

ZIP_SUFFIX = ".zip"
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini"})
_IGNORED_IN_ZIPS = frozenset({"__macosx"})  # resource forks macOS adds to the zips it makes
UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_UNICODE_PATH_FIELD = 0x7075  # Info-ZIP: the UTF-8 name beside a name in the local code page
_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK = 1 << 20


def ignored(name: str) -> bool:
    """Names an office never means as evidence: hidden files, Office lock files, and the
    thumbnails and settings Windows leaves in every folder."""
    return name.startswith((".", "~$")) or name.lower() in _IGNORED_NAMES


def safe(name: str) -> str:
    """A name fit to print: control characters and undecodable bytes made visible."""
    return UNSHOWABLE.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}", name)


def unshowable_name(rel: str, ctx: LoadContext) -> bool:
    """Whether a name cannot be printed (control characters, undecodable bytes): then it is
    reported, made visible, and the file is not read."""
    if not UNSHOWABLE.search(rel):
        return False
    ctx.problem(
        safe(rel),
        1,
        1,
        "文件名含有控制字符或无法识别的编码，未读取；请改名",
        "file-name-unreadable",
    )
    return True


def openable(rel: str) -> str:
    """The file a person can open for ``rel``: the zip itself for a member of one (a report's
    link to ``月度照片.zip/2022年3月/x.jpg`` would lead nowhere)."""
    parts = rel.split("/")
    for depth, part in enumerate(parts[:-1], start=1):
        if part.lower().endswith(ZIP_SUFFIX):
            return "/".join(parts[:depth])
    return rel


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as the person who zipped it wrote it.

    Windows' own “压缩文件夹” and many Chinese tools store names in GBK without the UTF-8 flag;
    :mod:`zipfile` then decodes them as cp437 (which maps every byte, so the bytes come back
    exactly). Such names are decoded again: from the Info-ZIP Unicode path field when the
    archive has one, else as UTF-8 (tools on Linux and macOS that omit the flag), else GB18030.
    """
    name = info.orig_filename
    if info.flag_bits & _UTF8_FLAG or name.isascii():
        return name
    raw = name.encode("cp437")
    unicode_path = _unicode_path(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name


def _unicode_path(extra: bytes, raw: bytes) -> str | None:
    """The UTF-8 name of an Info-ZIP Unicode path field, if it belongs to this raw name."""
    at = 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        data = extra[at + 4 : at + 4 + size]
        at += 4 + size
        if kind != _UNICODE_PATH_FIELD or len(data) < 5 or data[0] != 1:
            continue
        if struct.unpack_from("<I", data, 1)[0] != zlib.crc32(raw):
            continue  # the name was changed after the field was written: the field is stale
        try:
            return data[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def inner_path(name: str) -> str | None:
    """The member's path inside the zip with ``/`` (``""`` for the zip's own root), or
    ``None`` when it would leave the zip: ``../x``, ``/abs``, ``C:\\x``, ``\\\\server\\x``."""
    name = name.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name):
        return None
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    return "/".join(parts)


def _is_link(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


class _Oversized(Exception):
    """A member unpacks to more than its header declares: a lie the limits cannot allow."""


class Archives:
    """Where each evidence file is read from: the folder itself, or the unpacked copy of a
    zip member. Picklable, for the processes that load record files; only the process that
    made the temporary folder removes it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.members: dict[str, Path] = {}  # evidence-relative name → unpacked copy
        self.digests: dict[str, str] = {}  # evidence-relative name → SHA-256 of the content
        self.unpacked = 0  # bytes unpacked from every zip so far
        self._tried = 0  # members unpacked or tried: each gets a folder of its own
        self._folder: Path | None = None
        self._remove: Callable[[], Any] | None = None

    def path_of(self, rel: str) -> Path:
        """Where to read the evidence file ``rel`` (a member's unpacked copy, or on disk)."""
        return self.members.get(rel) or self.root / rel

    def is_file(self, rel: str) -> bool:
        return rel in self.members or (self.root / rel).is_file()

    def digest(self, rel: str) -> str | None:
        """A member's content digest (taken while unpacking); ``None`` for a file on disk."""
        return self.digests.get(rel)

    def close(self) -> None:
        """Remove the unpacked copies (also done when this object goes, or at exit)."""
        if self._remove is not None:
            self._remove()

    def __getstate__(self) -> dict[str, Any]:
        return {"root": self.root, "members": self.members, "digests": self.digests}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.root, self.members, self.digests = state["root"], state["members"], state["digests"]
        self.unpacked, self._folder, self._remove = 0, None, None

    def folder(self) -> Path | None:
        """The private folder members are unpacked into; ``None`` if the system's temporary
        folder lies inside the evidence folder (nothing is ever written there)."""
        if self._folder is None:
            made = Path(tempfile.mkdtemp(prefix="checker-zip-"))
            if made.resolve().is_relative_to(self.root.resolve()):
                made.rmdir()
                return None
            self._folder = made
            self._remove = weakref.finalize(self, shutil.rmtree, made, True)
        return self._folder

    def unpack(self, rel: str, ctx: LoadContext) -> list[str]:
        """The files of the zip ``rel`` to read, evidence-relative, each unpacked; what
        cannot be read is reported."""
        try:
            with zipfile.ZipFile(self.root / rel) as archive:
                return self._unpack_all(archive, rel, ctx)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            ctx.problem(rel, 1, 1, "压缩包已损坏，无法打开", "archive-corrupt")
            return []

    def _unpack_all(self, archive: zipfile.ZipFile, rel: str, ctx: LoadContext) -> list[str]:
        infos = archive.infolist()
        reason = bomb_reason(infos)
        declared = sum(info.file_size for info in infos)
        if reason is None and self.unpacked + declared > UNZIPPED_TOTAL_BYTES:
            reason = (
                f"证据文件夹中的压缩包解压后合计超过上限 {size_text(UNZIPPED_TOTAL_BYTES)}，"
                "此压缩包未读取；请解压后放入证据文件夹"
            )
        if reason is not None:
            ctx.problem(rel, 1, 1, reason, "archive-refused")
            return []
        folder = self.folder()
        if folder is None:
            ctx.warn(rel, 1, 1, "临时文件夹位于证据文件夹内，压缩包未读取", "archive-temp-inside")
            return []
        found: list[str] = []
        for info in infos:
            inner = _admit(info, rel, ctx)
            if not inner:
                continue
            name = f"{rel}/{inner}"
            if name in self.members:
                ctx.warn(name, 1, 1, "压缩包中有同名文件，只读取了第一个", "archive-skipped")
            elif self._extract(archive, info, name, folder, ctx):
                found.append(name)
        if not any(not info.is_dir() for info in infos):
            ctx.warn(rel, 1, 1, "压缩包是空的，没有任何文件", "archive-empty")
        return found

    def _extract(
        self,
        archive: zipfile.ZipFile,
        info: zipfile.ZipInfo,
        name: str,
        folder: Path,
        ctx: LoadContext,
    ) -> bool:
        """Unpack one member to its own folder (keeping its name: readers look at the
        suffix, and take dates and titles from the stem), taking its digest on the way."""
        self._tried += 1  # each member its own folder, whether or not one before it failed
        target = folder / str(self._tried) / PurePosixPath(name).name
        try:
            target.parent.mkdir()
            with archive.open(info) as source, target.open("wb") as out:
                written, sha = _copy(source, out, info.file_size)
        except NotImplementedError:  # deflate64, PPMd...: methods Python does not unpack
            ctx.warn(
                name,
                1,
                1,
                "压缩包中的文件使用了不支持的压缩方式，未读取；请解压后放入",
                "archive-skipped",
            )
            return False
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, _Oversized):
            ctx.problem(name, 1, 1, "压缩包中的文件已损坏，无法读取", "archive-corrupt")
            return False
        except OSError:
            ctx.problem(
                name,
                1,
                1,
                "无法解压此文件（磁盘已满或没有写入临时文件夹的权限？）",
                "archive-unpack-failed",
            )
            return False
        self.members[name] = target
        self.digests[name] = sha
        self.unpacked += written
        return True


def _copy(source: IO[bytes], out: IO[bytes], declared: int) -> tuple[int, str]:
    """Copy at most ``declared`` bytes; returns the size and SHA-256 of what was copied."""
    sha = hashlib.sha256()
    written = 0
    while chunk := source.read(_CHUNK):
        written += len(chunk)
        if written > declared:
            raise _Oversized
        sha.update(chunk)
        out.write(chunk)
    return written, sha.hexdigest()


def _admit(info: zipfile.ZipInfo, rel: str, ctx: LoadContext) -> str | None:
    """The member's path inside the zip when it is a file to read; ``""`` for folders and
    names never read (hidden, ``__MACOSX``); ``None`` when it is reported and not read."""
    name = member_name(info)
    inner = inner_path(name)
    if inner is None:
        ctx.problem(
            rel, 1, 1, f"压缩包中的“{safe(name)}”路径指向压缩包之外，未读取", "archive-unsafe"
        )
        return None
    if not inner or name.replace("\\", "/").endswith("/"):
        return ""
    parts = inner.split("/")
    if any(ignored(part) or part.lower() in _IGNORED_IN_ZIPS for part in parts):
        return ""
    shown = f"{rel}/{inner}"
    if unshowable_name(shown, ctx):
        return None
    if _is_link(info):
        ctx.warn(shown, 1, 1, "压缩包中的符号链接不会读取", "archive-skipped")
    elif info.flag_bits & _ENCRYPTED_FLAG:
        ctx.warn(shown, 1, 1, "压缩包中的文件已加密，未读取", "archive-skipped")
    elif suffix(inner) == ZIP_SUFFIX:
        ctx.warn(shown, 1, 1, "压缩包中的压缩包不会读取；请解压后放入证据文件夹", "archive-skipped")
    else:
        return inner
    return None
