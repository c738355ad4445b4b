"""Plain files (documents, photos, anything): records dated and titled by their names; a
photo whose name has no date is dated by its EXIF ``DateTimeOriginal``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.evidence.context import LoadContext
from checker.evidence.fields import build_record
from checker.evidence.model import Record, Source
from checker.evidence.photos import is_photo
from checker.parsing import DateError, date_in_name


def load_plain_file(
    path: Path, rel: str, defaults: dict[str, Any], ctx: LoadContext
) -> list[Record]:
    try:
        day, title = date_in_name(path.stem)
    except DateError as exc:
        ctx.problem(rel, 1, 1, f"文件名中的{exc}")
        ctx.leave_out(Source(rel), defaults)
        return []
    if day is None and is_photo(rel):
        day = ctx.photo_date(rel)
    if day is None:
        # A README beside the evidence (checker init writes one per folder) says what to
        # collect; it is never evidence itself, so it earns no notice.
        if defaults.get("type") and path.stem.upper() != "README":
            exif = "，照片里也没有拍摄日期（EXIF）" if is_photo(rel) else ""
            ctx.warn(
                rel,
                1,
                1,
                f"文件名没有日期{exif}，未计入任何检查；请改名为“2022-03-08 标题"
                f"{path.suffix}”（写实际的日期）或为它写一条记录",
            )
        return []
    own = {"date": day, "title": title or path.stem}
    return [build_record(own, defaults, Source(rel))._replace(files=(rel,))]
