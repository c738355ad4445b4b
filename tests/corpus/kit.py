"""What every corpus builder shares: the fixed moment files are stamped with, and a rewrite of
zip-based files (.xlsx, .docx, .zip, .ofd) that pins their entry dates so a rebuild gives the
same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

STAMP = dt.datetime(2022, 12, 31, 12, 0, 0)
ZIP_TIME = (2022, 12, 31, 12, 0, 0)
EVIDENCE = Path(__file__).parent / "evidence"


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*<")


def restamp(path: Path) -> None:
    """Rewrite a zip archive with every entry dated ``ZIP_TIME``, in their order. openpyxl and
    python-docx stamp entries with the time of writing, which would change every rebuild."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":  # openpyxl sets “modified” to now on save
                data = _MODIFIED.sub(rb"\g<1>2022-12-31T12:00:00Z<", data)
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    path.write_bytes(buffer.getvalue())


def place(rel: str) -> Path:
    """The evidence path of ``rel``, its folder made."""
    path = EVIDENCE / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_text(rel: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    place(rel).write_bytes(text.replace("\n", newline).encode(encoding))
