"""Record files: ``*.yaml``/``*.yml`` (one record or a list) and Markdown with front matter."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import Problem
from checker.evidence.model import Record, Source, canonical_field
from checker.evidence.text import split_front_matter
from checker.parsing import DateError, date_prefix, parse_date, parse_number
from checker.rules.loader import Vocabulary
from checker.yamlfile import LocatedDoc, NodePath, load_yaml

_TAG_SPLIT = re.compile(r"[,，、;；\s]+")


@dataclass
class LoadContext:
    """What every per-source loader shares: the folder, the vocabulary, and what went wrong."""

    root: Path
    shown_root: str
    vocabulary: Vocabulary
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)
    invalid_types: set[str] = field(default_factory=set)

    def shown(self, rel: str) -> str:
        return posixpath.join(self.shown_root, rel) if self.shown_root not in ("", ".") else rel

    def problem(self, rel: str, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.shown(rel), line, column, message))

    def warn(self, rel: str, line: int, column: int, message: str) -> None:
        self.warnings.append(Problem(self.shown(rel), line, column, message))


def read_text(path: Path, rel: str, ctx: LoadContext) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        ctx.problem(rel, 1, 1, "文件不是 UTF-8 编码，请另存为 UTF-8")
    except OSError as exc:
        ctx.problem(rel, 0, 0, f"无法读取：{exc.strerror}")
    return None


def parse_yaml(path: Path, rel: str, ctx: LoadContext) -> LocatedDoc | None:
    text = read_text(path, rel, ctx)
    if text is None:
        return None
    doc, problems = load_yaml(text, ctx.shown(rel))
    ctx.problems.extend(problems)
    return None if problems else doc


class FieldError(ValueError):
    """A field value that cannot be used, with the message for the user."""


def _type(value: Any, ctx: LoadContext) -> str:
    resolved = ctx.vocabulary.resolve(str(value))
    if resolved is None:
        hint = ctx.vocabulary.suggest(str(value))
        if hint:  # the rules of the type the author probably meant cannot be judged
            ctx.invalid_types.add(hint)
        raise FieldError(ctx.vocabulary.unknown_message(str(value)))
    return resolved


def _date(value: Any, ctx: LoadContext) -> Any:
    try:
        return parse_date(value)
    except DateError as exc:
        raise FieldError(str(exc)) from None


def _title(value: Any, ctx: LoadContext) -> str:
    return "" if value is None else str(value).strip()


def _tags(value: Any, ctx: LoadContext) -> tuple[str, ...]:
    items = value if isinstance(value, list) else _TAG_SPLIT.split(str(value or ""))
    return tuple(str(item).strip() for item in items if str(item).strip())


def _participants(value: Any, ctx: LoadContext) -> Any:
    if parse_number(value) is None:
        raise FieldError(f"参与人数 '{value}' 应为数字，如 30 或 约30人")
    return value


# The standard fields' checks, by canonical name; any other field is kept as written.
FIELD_PARSERS: dict[str, Callable[[Any, LoadContext], Any]] = {
    "type": _type,
    "date": _date,
    "start": _date,
    "end": _date,
    "title": _title,
    "tags": _tags,
    "participants": _participants,
}
_REQUIRED_VALUES = frozenset({"type", "date", "start", "end"})


def normalise_fields(
    data: dict[str, Any], doc: LocatedDoc, base: NodePath, rel: str, ctx: LoadContext
) -> tuple[dict[str, Any], bool]:
    """Check and convert each field of a record (or of ``_folder.yaml`` defaults).

    Returns the fields under canonical names, and whether all of them were valid.
    """
    fields: dict[str, Any] = {}
    valid = True
    for key, value in data.items():
        name = canonical_field(key)
        try:
            if value is None and name in _REQUIRED_VALUES:
                raise FieldError(f"'{key}' 不能为空")
            if name == "attachments":
                files = _attachments(value, doc, (*base, key), rel, ctx)
                valid = valid and files is not None
                fields[name] = files or ()
                continue
            parser = FIELD_PARSERS.get(name)
            fields[name] = parser(value, ctx) if parser else value
        except FieldError as exc:
            valid = False
            ctx.problems.append(doc.problem((*base, key), str(exc)))
    return fields, valid


def _attachments(
    value: Any, doc: LocatedDoc, path: NodePath, rel: str, ctx: LoadContext
) -> tuple[str, ...] | None:
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    ok = True
    folder = posixpath.dirname(rel)
    for index, item in enumerate(items):
        place = (*path, index) if isinstance(value, list) else path
        target = posixpath.normpath(posixpath.join(folder, str(item).replace("\\", "/")))
        if target.startswith("../") or target == ".." or posixpath.isabs(str(item)):
            ctx.problems.append(doc.problem(place, f"附件 '{item}' 不在证据文件夹内"))
            ok = False
        elif not (ctx.root / target).is_file():
            ctx.problems.append(doc.problem(place, f"附件 '{item}' 不存在"))
            ok = False
        else:
            ctx.referenced.add(target)
            found.append(target)
    return tuple(found) if ok else None


def build_record(
    own: dict[str, Any], defaults: dict[str, Any], source: Source, text: str = ""
) -> Record:
    """Merge a record's own fields over its folder defaults (tags add up)."""
    merged = {**defaults, **own}
    merged["tags"] = tuple(dict.fromkeys((*defaults.get("tags", ()), *own.get("tags", ()))))
    start = merged.pop("start", None)
    day = merged.pop("date", None)
    end = merged.pop("end", None)
    if day is not None:
        start = start or day
        end = end or day
    extras = {
        key: value
        for key, value in merged.items()
        if key not in ("type", "title", "tags", "attachments")
    }
    numbers = {key: n for key, value in extras.items() if (n := parse_number(value)) is not None}
    attachments: tuple[str, ...] = merged.get("attachments", ())
    return Record(
        source=source,
        type=merged.get("type"),
        title=merged.get("title", ""),
        start=start,
        end=end or start,
        tags=merged["tags"],
        fields=extras,
        numbers=numbers,
        text=text,
        documents=attachments,
    )


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
            _mark_invalid(defaults, ctx)
            return []
    else:
        parsed = parse_yaml(path, rel, ctx)
        if parsed is None:
            _mark_invalid(defaults, ctx)
            return []
        doc = parsed
    items = doc.data if isinstance(doc.data, list) else [doc.data]
    records = []
    for index, item in enumerate(items):
        base: NodePath = (index,) if isinstance(doc.data, list) else ()
        if not isinstance(item, dict):
            ctx.problems.append(doc.problem(base, "记录应为映射（“键: 值”），如 类型: 会议"))
            continue
        own, valid = normalise_fields(item, doc, base, rel, ctx)
        if not isinstance(doc.data, list):
            valid = _name_defaults(own, path, doc, ctx) and valid
        record = build_record(own, defaults, Source(rel, doc.mark(base)[0]), body)
        if record.start is None and valid:
            ctx.problems.append(doc.problem(base, "记录缺少日期（日期，或 开始日期 与 结束日期）"))
            valid = False
        elif record.start and record.end and record.end < record.start:
            ctx.problems.append(doc.problem(base, "结束日期早于开始日期"))
            valid = False
        if valid:
            records.append(record)
        else:
            _mark_invalid({**defaults, **own}, ctx)
    return records


def _name_defaults(own: dict[str, Any], path: Path, doc: LocatedDoc, ctx: LoadContext) -> bool:
    """A file holding one record is dated and titled by its name unless it says otherwise."""
    try:
        day, title = date_prefix(path.stem)
    except DateError as exc:
        if "date" in own or "start" in own:
            return True
        ctx.problems.append(doc.problem((), f"文件名中的{exc}"))
        return False
    if day is not None and "date" not in own and "start" not in own:
        own["date"] = day
    if not own.get("title"):
        own["title"] = title or path.stem
    return True


def _mark_invalid(fields: dict[str, Any], ctx: LoadContext) -> None:
    if fields.get("type"):
        ctx.invalid_types.add(fields["type"])
