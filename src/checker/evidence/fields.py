"""The fields of a record, whatever file it came from: checked, converted, and merged over
the folder defaults. Positions are reported through a locator, so YAML keys and spreadsheet
cells are named the same way."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from checker.errors import Coded, Problem
from checker.evidence.context import LoadContext
from checker.evidence.model import REQUIRED_FIELDS, Record, Source, canonical_field
from checker.parsing import DateError, count_in_words, parse_number, parse_span, year_in
from checker.yamlfile import LocatedDoc, NodePath

_TAG_SPLIT = re.compile(r"[,，、;；\s]+")


class Locator(Protocol):
    """Makes the problem for a field (and, for a list, one of its items)."""

    def __call__(
        self,
        key: str,
        message: str,
        index: int | None = None,
        *,
        at_key: bool = False,
        code: str = "input-error",
    ) -> Problem: ...


def yaml_locator(doc: LocatedDoc, base: NodePath) -> Locator:
    def locate(
        key: str,
        message: str,
        index: int | None = None,
        *,
        at_key: bool = False,
        code: str = "input-error",
    ) -> Problem:
        path = (*base, key) if index is None else (*base, key, index)
        return doc.problem(path, message, key=at_key, code=code)

    return locate


class FieldError(ValueError):
    """A field value that cannot be used, with the message for the user and its code (a key
    of ``errors.CODES``): the record is left out."""

    def __init__(self, message: str, code: str = "value-invalid") -> None:
        super().__init__(message)
        self.code = code


class Notice(Coded):
    """A message that is a notice, not a problem, among a ledger cell's messages."""


class FieldNotice(ValueError):
    """Office wording the checker cannot fully use but a person reads fine (参与人数: 全体干部
    职工): the value is kept as ``value`` and the record counts where it can."""

    def __init__(self, message: str, value: Any, code: str = "input-error") -> None:
        super().__init__(message)
        self.value = value
        self.code = code


def _type(value: Any, ctx: LoadContext, dating: Dating) -> str:
    resolved = ctx.vocabulary.resolve(str(value))
    if resolved is None:
        raise FieldError(ctx.vocabulary.unknown_message(str(value)), "type-unknown")
    return resolved


@dataclass(frozen=True, slots=True)
class Dating:
    """What a day written without its year (3月8日) or month (8日) takes, from where it is
    written: the year its ledger's title, sheet or file name speaks of and the month of its
    sheet (3月); else the year of ``year_from``, a record file's name. Passed down with the
    fields it dates, never set on the context around a call."""

    year: int | None = None
    month: int | None = None
    year_from: str = ""


UNDATED = Dating()  # nothing around the fields says a year: a day must write its own


def _span(value: Any, dating: Dating) -> tuple[dt.date, dt.date]:
    """A day, a range (2022.7.5-7.7) or a month (2022年9月); a day without its year (3月8日)
    takes the year ``dating`` gives."""
    try:
        return parse_span(value, dating.year, dating.month)
    except DateError as exc:
        named = dating.year_from
        year = year_in(named) if dating.year is None and named else None
        if year is None:  # worked out only for a day without its year: names are many
            raise FieldError(str(exc), "date-invalid") from None
    try:
        return parse_span(value, year, dating.month)
    except DateError as exc:
        raise FieldError(str(exc), "date-invalid") from None


def _date(value: Any, ctx: LoadContext, dating: Dating) -> dt.date | tuple[dt.date, dt.date]:
    """One day, or the first and last day of a range or month."""
    start, end = _span(value, dating)
    return start if start == end else (start, end)


def _start(value: Any, ctx: LoadContext, dating: Dating) -> dt.date:
    return _span(value, dating)[0]


def _end(value: Any, ctx: LoadContext, dating: Dating) -> dt.date:
    return _span(value, dating)[1]


def bounds(day: Any) -> tuple[Any, Any]:
    """The first and last day of a date field's value (a day, or a range as a pair)."""
    return day if isinstance(day, tuple) else (day, day)


def _title(value: Any, ctx: LoadContext, dating: Dating) -> str:
    return "" if value is None else str(value).strip()


def _tags(value: Any, ctx: LoadContext, dating: Dating) -> tuple[str, ...]:
    items = value if isinstance(value, list) else _TAG_SPLIT.split(str(value or ""))
    return tuple(str(item).strip() for item in items if str(item).strip())


def _participants(value: Any, ctx: LoadContext, dating: Dating) -> Any:
    """A count as written (30, 约30人, 三十人); a number after words (班子成员7人) is the count;
    words alone (全体干部职工) leave it unknown."""
    if parse_number(value) is not None:
        return value
    counted = count_in_words(value)
    if counted is not None:
        return counted
    unstated = f"参与人数“{value}”没有写明人数，按人数不详计入（记录照常计入）"
    raise FieldNotice(unstated, value, "participants-unstated")


# What an office writes in a number column for “none”: it adds nothing, and says so plainly.
NONE_WRITTEN = frozenset({"/", "／", "-", "—", "——", "－", "无", "暂无", "没有"})


def not_a_number(key: str, value: Any) -> str | None:
    """The notice for a value of an added-up field that is not a number: it adds nothing."""
    if value is None or parse_number(value) is not None or str(value).strip() in NONE_WRITTEN:
        return None
    return f"“{key}”的值“{value}”不是数字，不计入合计"


ABSURD = 1e9  # no count of people, events or materials in one record comes near this


def check_number(key: str, value: Any) -> None:
    """Numbers in evidence are counts and amounts: finite, not negative, not absurd."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    if not math.isfinite(value):
        raise FieldError(f"'{key}' 不是有效数字（NaN 或无穷大）", "number-invalid")
    if value < 0:
        raise FieldError(f"'{key}' 不能为负数：{value}", "number-negative")
    if value > ABSURD:
        raise FieldError(f"'{key}' 数值过大：{value}", "number-too-large")


# The standard fields' checks, by canonical name; any other field is kept as written.
FIELD_PARSERS: dict[str, Callable[[Any, LoadContext, Dating], Any]] = {
    "type": _type,
    "date": _date,
    "start": _start,
    "end": _end,
    "title": _title,
    "tags": _tags,
    "participants": _participants,
}


def normalise_fields(
    data: dict[str, Any],
    locate: Locator,
    rel: str,
    ctx: LoadContext,
    canonical: bool = False,
    problems: list[Problem] | None = None,
    notices: list[Problem] | None = None,
    *,
    dating: Dating = UNDATED,
) -> tuple[dict[str, Any], bool]:
    """Check and convert each field of a record (or of ``_folder.yaml`` defaults).

    Returns the fields under canonical names, and whether all of them were valid (a record
    with a problem is left out; one with only notices counts). Problems and notices go to
    ``problems`` and ``notices`` when given (a ledger checks each distinct cell value once),
    else to the context. A day written without its year or month takes ``dating``'s.
    """
    sink = ctx.problems if problems is None else problems
    told = ctx.warnings if notices is None else notices
    known, summed = ctx.keys.known, ctx.keys.summed
    fields: dict[str, Any] = {}
    valid = True
    for key, value in data.items():
        name = key if canonical else canonical_field(key)  # a ledger's columns are already
        try:
            if not canonical and name not in known and (meant := ctx.keys.misspelt(name)):
                valid = False
                wrong = f"未知的键 '{key}'，是否为 '{meant}'？"
                sink.append(locate(key, wrong, at_key=True, code="key-unknown"))
                continue
            if value is None and name in REQUIRED_FIELDS:
                raise FieldError(f"'{key}' 不能为空", "field-empty")
            if name == "attachments":
                files = _attachments(value, key, locate, rel, ctx, sink, told)
                valid = valid and files is not None
                fields[name] = files or ()
                continue
            check_number(key, value)
            parser = FIELD_PARSERS.get(name)
            fields[name] = parser(value, ctx, dating) if parser else value
            # a ledger checks its added-up columns once per distinct value (LedgerReader._summed)
            if not canonical and name in summed and (notice := not_a_number(key, value)):
                told.append(locate(key, notice, code="number-not-counted"))
        except FieldNotice as exc:
            fields[name] = exc.value
            told.append(locate(key, str(exc), code=exc.code))
        except FieldError as exc:
            valid = False
            sink.append(locate(key, str(exc), code=exc.code))
    return fields, valid


_FILE_SPLIT = re.compile(r"[;；,，、\n]+")
# “2022-03-08 活动.jpg”: an entry with an extension names a file; “照片3张” describes
_FILE_NAME = re.compile(r"\.[A-Za-z0-9]{2,5}$")


def _entries(value: Any) -> list[tuple[int | None, str]]:
    """The entries of an attachments value with their list index: a list as written; a text
    (a 佐证材料 cell) is one path, or several separated by 、，；or new lines."""
    if isinstance(value, list):
        return [(index, str(item).strip()) for index, item in enumerate(value)]
    text = str(value).strip()
    if not _FILE_SPLIT.search(text):
        return [(None, text)]
    return [(None, part.strip()) for part in _FILE_SPLIT.split(text) if part.strip()]


def _attachments(
    value: Any,
    key: str,
    locate: Locator,
    rel: str,
    ctx: LoadContext,
    sink: list[Problem],
    notices: list[Problem],
) -> tuple[str, ...] | None:
    """Attachment paths, relative to the file that names them. An entry that names a file
    must name one inside the evidence folder that exists (an entry without its extension finds
    the one file of that name); an entry that describes (照片3张、签到表1份, 见附件) is a notice."""
    folder = posixpath.dirname(rel)
    whole = str(value).strip() if not isinstance(value, list) else ""
    if whole and ctx.archives.is_file(_target(folder, whole)):  # a name holding 、 or ，
        entries: list[tuple[int | None, str]] = [(None, whole)]
    else:
        entries = _entries(value)
    found: list[str] = []
    described: list[str] = []
    ok = True
    for where, item in entries:
        target = _target(folder, item)
        outside = target.startswith("../") or target == ".." or posixpath.isabs(item)
        if outside or not ctx.inside(target):
            sink.append(
                locate(key, f"附件 '{item}' 不在证据文件夹内", where, code="attachment-outside")
            )
            ok = False
        elif named := _existing(target, item, ctx):
            ctx.referenced.update(named)
            found.extend(named)
        elif (ctx.root / target).is_dir():
            folder_named = f"附件 '{item}' 是文件夹，请写出其中的文件名"
            sink.append(locate(key, folder_named, where, code="attachment-folder"))
            ok = False
        elif _FILE_NAME.search(item):
            sink.append(locate(key, f"附件 '{item}' 不存在", where, code="attachment-missing"))
            ok = False
        else:
            described.append(item)
    if described and ok:
        shown = "、".join(described)
        words = f"“{shown}”是文字说明，不是文件名，未关联到文件；记录照常计入"
        notices.append(locate(key, words, code="attachment-described"))
    return tuple(found) if ok else None


def _target(folder: str, item: str) -> str:
    """An entry as an evidence-relative path (written relative to its record's folder)."""
    return posixpath.normpath(posixpath.join(folder, item.replace("\\", "/")))


def _existing(target: str, item: str, ctx: LoadContext) -> tuple[str, ...]:
    """The evidence files an entry (``item``, at ``target``) names: the path as written;
    else, as Windows finds it, the file of that name in another case (IMG_1236.JPG for
    img_1236.jpg); else, written without its extension, the files of that name (签到表 →
    签到表.jpg and 签到表.pdf). Only files inside the evidence folder, not hidden, count."""
    if target.startswith("../") or not ctx.inside(target):
        return ()
    if ctx.archives.is_file(target):
        return (target,)
    where, name = posixpath.split(target)
    wanted = name.lower()
    with_ending = _FILE_NAME.search(item) is not None
    matches = [
        f"{where}/{other}" if where else other
        for other in _names_in(where, ctx)
        if (other.lower() if with_ending else posixpath.splitext(other)[0].lower()) == wanted
    ]
    return tuple(sorted(m for m in matches if ctx.inside(m)))


def _names_in(folder: str, ctx: LoadContext) -> list[str]:
    """The files of an evidence folder (or a folder inside a zip) that the walk would read."""
    names = [
        member.rsplit("/", 1)[-1]
        for member in ctx.archives.members
        if posixpath.dirname(member) == folder
    ]
    path = ctx.root / folder
    if path.is_dir():
        with contextlib.suppress(OSError):  # unreadable: nothing found there
            names += [entry.name for entry in os.scandir(path) if entry.is_file()]
    return [name for name in names if not name.startswith(("~$", "."))]


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
        first, last = bounds(day)
        start = start or first
        end = end or last
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
