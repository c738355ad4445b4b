"""The fields of a record, whatever file it came from: checked, converted, and merged over
the folder defaults. Positions are reported through a locator, so YAML keys and spreadsheet
cells are named the same way."""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Callable
from typing import Any, Protocol

from checker.errors import Problem
from checker.evidence.context import LoadContext
from checker.evidence.model import Record, Source, canonical_field
from checker.parsing import DateError, parse_date, parse_number
from checker.yamlfile import LocatedDoc, NodePath

_TAG_SPLIT = re.compile(r"[,，、;；\s]+")


class Locator(Protocol):
    """Makes the problem for a field (and, for a list, one of its items)."""

    def __call__(self, key: str, message: str, index: int | None = None) -> Problem: ...


def yaml_locator(doc: LocatedDoc, base: NodePath) -> Locator:
    def locate(key: str, message: str, index: int | None = None) -> Problem:
        path = (*base, key) if index is None else (*base, key, index)
        return doc.problem(path, message)

    return locate


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


ABSURD = 1e9  # no count of people, events or materials in one record comes near this


def check_number(key: str, value: Any) -> None:
    """Numbers in evidence are counts and amounts: finite, not negative, not absurd."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    if not math.isfinite(value):
        raise FieldError(f"'{key}' 不是有效数字（NaN 或无穷大）")
    if value < 0:
        raise FieldError(f"'{key}' 不能为负数：{value}")
    if value > ABSURD:
        raise FieldError(f"'{key}' 数值过大：{value}")


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
    data: dict[str, Any],
    locate: Locator,
    rel: str,
    ctx: LoadContext,
    canonical: bool = False,
    problems: list[Problem] | None = None,
) -> tuple[dict[str, Any], bool]:
    """Check and convert each field of a record (or of ``_folder.yaml`` defaults).

    Returns the fields under canonical names, and whether all of them were valid. Problems go
    to ``problems`` when given (a ledger checks each distinct cell value once), else to
    ``ctx.problems``.
    """
    sink = ctx.problems if problems is None else problems
    fields: dict[str, Any] = {}
    valid = True
    for key, value in data.items():
        name = key if canonical else canonical_field(key)  # a ledger's columns are already
        try:
            if value is None and name in _REQUIRED_VALUES:
                raise FieldError(f"'{key}' 不能为空")
            if name == "attachments":
                files = _attachments(value, key, locate, rel, ctx, sink)
                valid = valid and files is not None
                fields[name] = files or ()
                continue
            check_number(key, value)
            parser = FIELD_PARSERS.get(name)
            fields[name] = parser(value, ctx) if parser else value
        except FieldError as exc:
            valid = False
            sink.append(locate(key, str(exc)))
    return fields, valid


def _attachments(
    value: Any, key: str, locate: Locator, rel: str, ctx: LoadContext, sink: list[Problem]
) -> tuple[str, ...] | None:
    """Attachment paths, relative to the file that names them; each must exist inside the
    evidence folder."""
    items: list[Any] = value if isinstance(value, list) else [value]
    found: list[str] = []
    ok = True
    folder = posixpath.dirname(rel)
    for index, item in enumerate(items):
        where = index if isinstance(value, list) else None
        target = posixpath.normpath(posixpath.join(folder, str(item).replace("\\", "/")))
        outside = target.startswith("../") or target == ".." or posixpath.isabs(str(item))
        if outside or not ctx.inside(target):
            sink.append(locate(key, f"附件 '{item}' 不在证据文件夹内", where))
            ok = False
        elif not ctx.archives.is_file(target):
            sink.append(locate(key, f"附件 '{item}' 不存在", where))
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
    attachments: tuple[str, ...] = merged.get("attachments", ())
    return Record(
        source=source,
        type=merged.get("type"),
        title=merged.get("title", ""),
        start=start,
        end=end or start,
        tags=merged["tags"],
        fields=extras,
        text=text,
        files=attachments,
    )


def mark_invalid(fields: dict[str, Any], ctx: LoadContext) -> None:
    """Rules that count this type cannot be judged while one of its records is invalid."""
    if fields.get("type"):
        ctx.invalid_types.add(fields["type"])
