"""Photo dates from EXIF: when the camera says the picture was taken."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from checker.evidence.model import PHOTO_ENDINGS, suffix

PHOTO_SUFFIXES = frozenset(PHOTO_ENDINGS) - {".heic"}  # Pillow cannot read HEIC
_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 0x9003
_EXIF_DATE = re.compile(r"^(\d{4})[:\-](\d{2})[:\-](\d{2})")


def is_photo(relpath: str) -> bool:
    return suffix(relpath) in PHOTO_SUFFIXES


def taken_on(path: Path) -> dt.date | None:
    """EXIF ``DateTimeOriginal``, or ``None`` when the photo does not say (or cannot be read).

    ``DateTime`` is deliberately not used: editing software rewrites it.
    """
    from PIL import Image

    try:
        with Image.open(path) as image:
            value = image.getexif().get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL)
    except Exception:  # not a picture, broken, or hostile: the photo just has no date
        return None
    match = _EXIF_DATE.match(str(value or ""))
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


class PhotoDates:
    """Each photo's EXIF date, read once: while loading (to date undated photos) and later
    (to compare photos with their records)."""

    def __init__(self, path_of: Callable[[str], Path]) -> None:
        self.path_of = path_of  # evidence-relative name → where to read it (zips unpacked)
        self._dates: dict[str, dt.date | None] = {}

    def __call__(self, relpath: str) -> dt.date | None:
        if relpath not in self._dates:
            self._dates[relpath] = taken_on(self.path_of(relpath))
        return self._dates[relpath]
