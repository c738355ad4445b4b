"""Plain files (documents, photos, anything): records dated and titled by their names.

A document whose name gives no full date is dated by the 成文日期 of its 落款 (docdates.py);
a photo's by its EXIF ``DateTimeOriginal``. Without a type from ``_folder.yaml``, a document
is typed by its title (doctypes.py) and a photo is a 照片.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.evidence.context import LoadContext
from checker.evidence.docdates import title_line, written_on
from checker.evidence.doctypes import title_type
from checker.evidence.fields import build_record
from checker.evidence.model import Record, Source
from checker.evidence.photos import is_photo
from checker.evidence.text import TextStore
from checker.parsing import DateError, date_in_name

PHOTO_TYPE = "照片"
# Recorded on a record dated by its text, so the inventory can say where its date came from.
DATED_BY = "日期来源"
SIGNED = "正文"


def load_plain_file(
    path: Path, rel: str, defaults: dict[str, Any], ctx: LoadContext, texts: TextStore
) -> list[Record]:
    try:
        day, title = date_in_name(path.stem)
    except DateError as exc:
        ctx.problem(rel, 1, 1, f"文件名中的{exc}", "date-invalid")
        ctx.leave_out(Source(rel), defaults)
        return []
    # A README beside the evidence (checker init writes one per folder) says what to collect;
    # it is never evidence itself, so it earns no notice and no record (nor a text to read).
    if path.stem.upper() == "README":
        return []
    own: dict[str, Any] = {"title": title or path.stem}
    document = texts.is_document(rel)
    if day is None and is_photo(rel):
        day = ctx.photo_date(rel)
    elif day is None and document:
        day = written_on(texts.text_of(rel) or "")
        if day is not None:
            own[DATED_BY] = SIGNED
    if day is None:
        if document or defaults.get("type"):
            ctx.warn(rel, 1, 1, _undated(rel, path, document, texts), "document-undated")
        return []
    if not defaults.get("type"):
        kind = _own_type(rel, own["title"], document, ctx, texts)
        if kind is not None:
            own["type"] = kind
    own["date"] = day
    return [build_record(own, defaults, Source(rel))._replace(files=(rel,))]


def _own_type(
    rel: str, title: str, document: bool, ctx: LoadContext, texts: TextStore
) -> str | None:
    """The type of a file its folder does not type: a photo is a 照片; a document is typed by
    its name, else by the title line of its text."""
    vocabulary = ctx.vocabulary
    if is_photo(rel):
        return vocabulary.resolve(PHOTO_TYPE)
    if not document:
        return None
    return title_type(title, vocabulary) or title_type(
        title_line(texts.text_of(rel) or ""), vocabulary
    )


def _undated(rel: str, path: Path, document: bool, texts: TextStore) -> str:
    """Why a file counts nowhere, and where to put its date."""
    example = f"“2024-01-10 {path.stem}{path.suffix}”"
    if is_photo(rel):
        return (
            "文件名没有日期，照片里也没有拍摄日期（EXIF），未计入任何检查；请改名为“2022-03-08 标题"
            f"{path.suffix}”（写实际的日期）或为它写一条记录"
        )
    if not document:
        return (
            f"文件名没有日期，未计入任何检查；请改名为“2022-03-08 标题{path.suffix}”"
            "（写实际的日期）或为它写一条记录"
        )
    reason = texts.reason_of(rel)
    if reason:
        return (
            f"文件名没有日期，正文无法读取（{reason}），未计入任何检查；"
            f"请在文件名前写明成文日期，如{example}"
        )
    return (
        "文件名没有日期，正文末尾也没有落款的成文日期（如“2024年1月10日”单独一行），"
        f"未计入任何检查；请在文件名前写明日期，如{example}，或在落款处写明成文日期"
    )
