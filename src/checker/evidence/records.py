"""Record files: ``*.yaml``/``*.yml`` (one record or a list) and Markdown with front matter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.evidence.context import LoadContext, parse_yaml, read_text
from checker.evidence.fields import Dating, build_record, normalise_fields, yaml_locator
from checker.evidence.model import Record, Source, canonical_field
from checker.evidence.text import split_front_matter
from checker.parsing import DateError, date_in_name
from checker.yamlfile import LocatedDoc, NodePath, load_yaml


def load_record_file(
    path: Path, rel: str, defaults: dict[str, Any], ctx: LoadContext
) -> list[Record] | None:
    """A ``.yaml``/``.yml`` record file, or a ``.md`` with front matter.

    ``None`` means the file is not a record file after all (Markdown without front matter).
    """
    body = ""
    if path.suffix.lower() == ".md":
        text = read_text(path, rel, ctx)
        if text is None:
            return []
        front, body, offset = split_front_matter(text)
        if front is None:
            return None
        doc, problems = load_yaml(front, ctx.shown(rel), line_offset=offset)
        ctx.problems.extend(problems)
        if problems:
            ctx.leave_out(Source(rel), defaults)
            return []
    else:
        parsed = parse_yaml(path, rel, ctx)
        if parsed is None:
            ctx.leave_out(Source(rel), defaults)
            return []
        doc = parsed
    if doc.data is None or doc.data == []:
        ctx.warn(
            rel, 1, 1, "文件中没有记录（是空的或只有注释），未计入；不需要就删除它", "records-empty"
        )
        return []
    return _records(doc, path, rel, defaults, body, ctx)


def _records(
    doc: LocatedDoc, path: Path, rel: str, defaults: dict[str, Any], body: str, ctx: LoadContext
) -> list[Record]:
    items = doc.data if isinstance(doc.data, list) else [doc.data]
    dating = Dating(year_from=path.stem)  # a day written without its year takes the name's
    records = []
    for index, item in enumerate(items):
        base: NodePath = (index,) if isinstance(doc.data, list) else ()
        if not isinstance(item, dict):
            ctx.problems.append(
                doc.problem(base, "记录应为映射（“键: 值”），如 类型: 会议", code="shape-invalid")
            )
            continue
        own, valid = normalise_fields(item, yaml_locator(doc, base), rel, ctx, dating=dating)
        needs_name = not own.get("title") or ("date" not in own and "start" not in own)
        if needs_name and not isinstance(doc.data, list):
            valid = _name_defaults(own, path, doc, ctx) and valid
        record = build_record(own, defaults, Source(rel, doc.mark(base)[0]), body)
        if record.start is None and valid:
            missing = "记录缺少日期（日期，或 开始日期 与 结束日期）"
            ctx.problems.append(doc.problem(base, missing, code="date-missing"))
            valid = False
        elif record.start and record.end and record.end < record.start:
            ctx.problems.append(doc.problem(base, "结束日期早于开始日期", code="date-order"))
            valid = False
        if valid:
            records.append(record)
        else:
            written = {canonical_field(str(key)): value for key, value in item.items()}
            ctx.leave_out(record.source, defaults, written.get("type"), written.get("title"))
    return records


def _name_defaults(own: dict[str, Any], path: Path, doc: LocatedDoc, ctx: LoadContext) -> bool:
    """A file holding one record is dated and titled by its name unless it says otherwise."""
    try:
        day, title = date_in_name(path.stem)
    except DateError as exc:
        if "date" in own or "start" in own:
            return True
        ctx.problems.append(doc.problem((), f"文件名中的{exc}", code="date-invalid"))
        return False
    if day is not None and "date" not in own and "start" not in own:
        own["date"] = day
    if not own.get("title"):
        own["title"] = title or path.stem
    return True
