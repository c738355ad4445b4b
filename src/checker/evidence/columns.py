"""A ledger's rows as columns: each column converted and checked once per distinct value.

A ledger may hold a hundred thousand rows whose columns repeat a few values (a date, a
grid, a count). Converting and checking each distinct value once, and assembling the
records from whole columns with C loops (``map``, ``zip``, ``compress``), makes a row cost
little more than reading it; only rows with a problem and totals rows are looked at one by
one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import is_, is_not, itemgetter
from typing import Any, Final, TypeVar

from checker.evidence.fields import ABSURD, FIELD_PARSERS
from checker.evidence.model import STANDARD_FIELDS, Record, Source


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


BLANK: Final[Any] = _Marker("BLANK")  # an empty cell
INVALID: Final[Any] = _Marker("INVALID")  # a cell whose value cannot be used (see its problem)

# Fields a record keeps outside ``fields``: the rest of a row are its own fields.
NOT_EXTRA = STANDARD_FIELDS
_NUMERIC = frozenset({bool, int, float})
_FEW = 8  # memoise a column when it has at most one distinct value in this many cells

T = TypeVar("T")
Check = Callable[[Any], tuple[Any, list[str]]]  # raw cell → value (or BLANK/INVALID), problems


def is_plain(field: str) -> bool:
    """A column whose text is kept as written (stripped): a title or a field of its own."""
    return field == "title" or (field not in FIELD_PARSERS and field != "attachments")


def convert(raw: list[Any], field: str, check: Check) -> tuple[list[Any], dict[int, list[str]]]:
    """A column's values as records hold them, and the problems by row offset."""
    kinds = set(map(type, raw))
    if is_plain(field):
        if kinds == {str}:
            stripped = list(map(str.strip, raw))
            if "" in stripped:
                stripped = [value if value else BLANK for value in stripped]
            return stripped, {}
        if kinds == {float} and _sound(raw) and len(set(raw)) * _FEW > len(raw):
            return [int(value) if value.is_integer() else value for value in raw], {}
    results = each(check, raw)
    values = list(map(itemgetter(0), results))
    if not any(map(itemgetter(1), results)):
        return values, {}
    return values, {offset: messages for offset, (_, messages) in enumerate(results) if messages}


def each(function: Callable[[Any], T], values: list[Any]) -> list[T]:
    """``function`` of each value, worked out once per distinct value (a ledger column
    repeats a few)."""
    try:
        distinct = set(values)
    except TypeError:  # a list among them
        return list(map(function, values))
    if len(set(map(type, distinct)) & _NUMERIC) > 1:  # True == 1 == 1.0: tell them apart
        keys = list(zip(map(type, values), values, strict=True))
        typed = {key: function(key[1]) for key in set(keys)}
        return list(map(typed.__getitem__, keys))
    memo = {value: function(value) for value in distinct}
    return list(map(memo.__getitem__, values))


def _sound(numbers: list[float]) -> bool:
    """Finite, not negative, not absurd: every number passes ``check_number``."""
    return all(map(math.isfinite, numbers)) and min(numbers) >= 0 and max(numbers) <= ABSURD


def present(columns: Iterable[list[Any]]) -> list[bool]:
    """Per row: whether any of the columns has a value in it."""
    filled = [map(is_not, values, repeat(BLANK)) for values in columns]
    return list(map(any, zip(*filled, strict=True))) if filled else []


def filled_in(values: list[Any], default: Any) -> list[Any]:
    """A column with its blank cells given the default."""
    if not any(map(is_, values, repeat(BLANK))):
        return values
    return [default if value is BLANK else value for value in values]


def column_or(values: dict[str, list[Any]], name: str, default: Any) -> Iterable[Any]:
    """A standard field's column, blank cells given the folder's value; or that value."""
    return filled_in(values[name], default) if name in values else repeat(default)


def tags_column(values: dict[str, list[Any]], defaults: dict[str, Any]) -> Iterable[Any]:
    """Each row's tags after the folder's (each distinct tag list merged once)."""
    inherited = tuple(defaults.get("tags", ()))
    if "tags" not in values:
        return repeat(tuple(dict.fromkeys(inherited)))
    merged = {
        own: tuple(dict.fromkeys((*inherited, *(() if own in (BLANK, INVALID) else own))))
        for own in set(values["tags"])
    }
    return map(merged.__getitem__, values["tags"])


def extra_columns(
    values: dict[str, list[Any]], defaults: dict[str, Any], count: int
) -> dict[str, list[Any]]:
    """The rows' own fields: the folder's, then the sheet's other columns; a blank cell takes
    the folder's value, or is None."""
    extras = {
        name: filled_in(values[name], value) if name in values else [value] * count
        for name, value in defaults.items()
        if name not in NOT_EXTRA
    }
    for name, column in values.items():
        if name not in NOT_EXTRA and name not in extras:
            extras[name] = filled_in(column, None)
    return extras


def assemble(
    keep: Sequence[bool],
    sources: Iterable[Source],
    types: Iterable[str | None],
    titles: Iterable[str],
    starts: Iterable[Any],
    ends: Iterable[Any],
    tags: Iterable[tuple[str, ...]],
    extras: dict[str, list[Any]],
    files: Iterable[tuple[str, ...]],
) -> list[Record]:
    """The kept rows' records, built column by column (each argument has a value per row)."""
    names = tuple(extras)
    kept = [list(compress(values, keep)) for values in extras.values()]
    fields: Iterable[dict[str, Any]] = repeat({})
    if names:
        fields = map(dict, map(zip, repeat(names), zip(*kept, strict=True)))
    columns = zip(
        compress(sources, keep),
        compress(types, keep),
        compress(titles, keep),
        compress(starts, keep),
        compress(ends, keep),
        compress(tags, keep),
        fields,
        repeat(""),
        compress(files, keep),
    )
    return Record.rows(columns)  # the columns stand in Record's field order (test_columns)
