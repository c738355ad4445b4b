"""``--zip``: the pack as one archive, byte-identical for the same input.

Names are flagged UTF-8 (bit 0x800) so Windows Explorer shows the Chinese names, entries are
sorted and dated the assessment date, so nothing depends on when or where it was written.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

UTF8_FLAG = 0x800


def write_zip(folder: Path, target: Path, stamp: dt.date) -> None:
    """Archive every file below ``folder`` into ``target`` (names relative to ``folder``)."""
    files = sorted(
        (path.relative_to(folder).as_posix(), path) for path in folder.rglob("*") if path.is_file()
    )
    moment = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in files:
            entry = zipfile.ZipInfo(name, date_time=moment)
            entry.flag_bits |= UTF8_FLAG  # set for ASCII names too: one rule for every entry
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # MS-DOS, whatever system wrote it: no owner bits to vary
            entry.external_attr = 0
            archive.writestr(entry, path.read_bytes())
