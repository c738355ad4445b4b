"""Reading workbooks with calamine, and reading them ahead while the rules load.

calamine parses a sheet in Rust without holding the interpreter lock, so a thread started
before the checker imports its libraries and loads the rule set has the folder's
workbooks parsed by the time the loader asks for them. The loader gets exactly what it
would have read itself (or the same exception); a file changed in between is read again.
This module imports nothing heavy: it runs before everything else.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import threading
from pathlib import Path
from typing import Any, NamedTuple

from checker.evidence.zipcheck import zip_bomb
from checker.limits import LEDGER_FILE_BYTES, LEDGER_ROWS, size_text
from checker.textfile import unreadable

# .et: WPS 表格's own workbooks, which are BIFF (.xls) or, from newer WPS, OOXML (.xlsx) inside
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".et")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: BIFF .xls, .doc, .wps
ZIP = b"PK\x03\x04"  # OOXML .xlsx and .docx, OpenDocument, OFD
_SUFFIX_HOLDS = {".xls": OLE, ".xlsx": ZIP, ".xlsm": ZIP, ".ods": ZIP}
HIDDEN, VERY_HIDDEN = "hidden", "very hidden"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # in binary files, never in text
_SCAN_LIMIT = 20_000  # folder entries looked at for workbooks to read ahead
_AHEAD_BYTES = 256 * 1024 * 1024  # workbook bytes read ahead at most


class Sheet(NamedTuple):
    name: str
    rows: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]]  # ((top, left), (bottom, right))
    hidden: str = ""  # HIDDEN or VERY_HIDDEN: the sheet is not read (rows and merged empty)


def refused(path: Path) -> str | None:
    """Why a ledger file is not opened: too large on disk, or a zip bomb."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return unreadable(exc)
    if size > LEDGER_FILE_BYTES:
        return (
            f"表格文件过大（{size_text(size)}），上限 {size_text(LEDGER_FILE_BYTES)}；请按年度拆分"
        )
    if path.suffix.lower() == ".csv":
        return None
    return _web_page(path) or _encrypted(path) or zip_bomb(path)


_FILEPASS = 0x002F  # the BIFF record that says a .xls/.et workbook is encrypted


def _encrypted(path: Path) -> str | None:
    """A workbook with an open password: an encrypted .xlsx is an OLE file holding
    ``EncryptionInfo``; an encrypted .xls/.et has a FILEPASS record after its first BOF."""
    import olefile

    try:
        with path.open("rb") as stream:
            if stream.read(8) != OLE:
                return None
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptionInfo"):
                return ENCRYPTED_WORKBOOK
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            head = ole.openstream(name).read(4096) if name else b""
    except (OSError, ValueError):
        return None  # not an OLE file after all, or a broken one: calamine says so
    offset = 0
    for _ in range(16):  # FILEPASS comes right after the BOF and a few short records
        if offset + 4 > len(head):
            break
        kind, size = (
            int.from_bytes(head[offset : offset + 2], "little"),
            int.from_bytes(head[offset + 2 : offset + 4], "little"),
        )
        if kind == _FILEPASS:
            return ENCRYPTED_WORKBOOK
        offset += 4 + size
    return None


ENCRYPTED_WORKBOOK = "表格设置了打开密码（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存"


def _web_page(path: Path) -> str | None:
    """A web page or XML saved under a workbook's name (systems export tables so): calamine
    would only say it cannot tell the format."""
    try:
        with path.open("rb") as stream:
            head = stream.read(512)
    except OSError as exc:
        return unreadable(exc)
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return None
    return (
        "文件内容是网页或 XML，不是 Excel 或 WPS 工作簿（常见于系统导出的 .xls），未读取；"
        "请用 Excel 或 WPS 打开后另存为 .xlsx"
    )


def read_sheets(path: Path) -> list[Sheet]:
    """Every worksheet's cells (at most LEDGER_ROWS rows each) and merged regions; a hidden
    sheet by its name only. Chart and macro sheets hold no table and are left out."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    sheets = []
    workbook = _open(path)
    try:
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            if meta.visible != SheetVisibleEnum.Visible:  # its enums cannot be hashed
                hidden = HIDDEN if meta.visible == SheetVisibleEnum.Hidden else VERY_HIDDEN
                sheets.append(Sheet(meta.name, [], [], hidden))
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            if len(rows) > LEDGER_ROWS:
                rows = rows[:LEDGER_ROWS]
            sheets.append(Sheet(meta.name, rows, list(sheet.merged_cell_ranges or [])))
    finally:
        workbook.close()
    return sheets


def exported_text(path: Path) -> bool:
    """Whether a workbook file is really a table as text (tab- or comma-separated lines named
    .xls, as many systems export): it is read as CSV. Anything else that is not a workbook
    is left to calamine, which says what is wrong."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    if head.startswith((OLE, ZIP)) or not head:
        return False
    for encoding in ("utf-16", "utf-8-sig", "gb18030"):
        if encoding == "utf-16" and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:  # a character cut at the end of the sample is no error
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        lines = text.splitlines()[:2]
        return (
            len(lines) == 2
            and not _CONTROL.search(text)
            and all("\t" in line or "," in line for line in lines[1:])
        )
    return False


def _open(path: Path) -> Any:
    """The workbook as its bytes say it is, not its name: people rename an .xls to .xlsx
    and back, and a WPS .et is either. calamine picks the reader by the suffix when reading
    from a path, and by the content when reading from a stream."""
    from python_calamine import CalamineWorkbook

    with path.open("rb") as stream:
        magic = stream.read(len(OLE))
        expected = _SUFFIX_HOLDS.get(path.suffix.lower())
        if expected is not None and magic.startswith(expected):
            return CalamineWorkbook.from_path(str(path))
        stream.seek(0)
        return CalamineWorkbook.from_filelike(stream)


class _Ahead:
    """One workbook read on the thread: its result once ``done`` is set."""

    def __init__(self, path: Path, stamp: tuple[int, int]) -> None:
        self.path, self.stamp = path, stamp
        self.done = threading.Event()
        self.sheets: list[Sheet] | None = None
        self.error: BaseException | None = None


def _stamp(path: Path) -> tuple[int, int] | None:
    """Size and modification time of a regular file (not a link, a pipe or a device)."""
    try:
        status = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return status.st_size, status.st_mtime_ns


class ReadAhead:
    """A run's workbooks, parsed on a thread from the moment the run starts (calamine parses
    without the GIL, so the parse overlaps importing and loading the rules). The loader
    takes each workbook's sheets exactly as reading it would give them (or the same
    exception); a file changed since is read again. Links and refused files are left to the
    loader (it decides whether they stay inside the folder)."""

    def __init__(self, root: Path | None = None) -> None:
        self._planned: dict[str, _Ahead] = {}
        self._thread: threading.Thread | None = None
        planned = _plan(root) if root is not None else []
        if planned:
            # imported here, not on the thread: a record-file worker forked meanwhile must
            # not inherit a half-held import lock
            import python_calamine  # noqa: F401

            self._planned = {str(entry.path): entry for entry in planned}
            self._thread = threading.Thread(target=_read_all, args=(planned,), daemon=True)
            self._thread.start()

    def take(self, path: Path) -> list[Sheet] | None:
        """The sheets read ahead for ``path`` (raising what reading raised), or None when it
        was not read ahead or has changed since: then the caller reads it."""
        entry = self._planned.pop(str(path), None)
        if entry is None:
            return None
        entry.done.wait()
        if _stamp(path) != entry.stamp:
            return None
        if entry.error is not None:
            raise entry.error
        return entry.sheets

    def join(self) -> None:
        """Wait for the thread: before a process pool forks, so no worker inherits it."""
        if self._thread is not None:
            self._thread.join()


def _plan(root: Path) -> list[_Ahead]:
    """The workbooks to read ahead, in walking order, within the size budget."""
    planned: list[_Ahead] = []
    seen = total = 0
    for base, dirs, files in os.walk(root):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            seen += 1
            if not name.lower().endswith(WORKBOOK_SUFFIXES) or name.startswith((".", "~$")):
                continue
            path = Path(base, name)
            stamp = _stamp(path)
            if stamp is None or total + stamp[0] > _AHEAD_BYTES:
                continue
            total += stamp[0]
            planned.append(_Ahead(path, stamp))
        if seen > _SCAN_LIMIT:
            break
    return planned


def _read_all(planned: list[_Ahead]) -> None:
    for entry in planned:
        try:
            if refused(entry.path) is None:
                entry.sheets = read_sheets(entry.path)
        except Exception as exc:  # handed to the loader, which reports it
            entry.error = exc
        finally:
            entry.done.set()
