"""A ledger's header, and the record field each of its columns holds.

Real ledgers have title rows above the header and units in the headers (“发放资料(份)”): the
header row is found by its known column names, and a column is named without spaces or unit.
A header may take two rows: a group cell (“宣传情况”) over its sub-columns (“发放资料（份）”,
“受教育群众（人）”), the other columns merged down both rows; the sub-columns name the fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from checker.evidence.model import PARTICIPANTS

# The standard fields' column headers, most specific first. Any other header is a field of
# its own name (“发放资料”), usable by rules.
HEADERS: dict[str, tuple[str, ...]] = {
    "date": (
        "日期",
        "date",
        "活动日期",
        "活动时间",
        "时间",
        "开展日期",
        "开展时间",
        "会议日期",
        "会议时间",
        "学习日期",
        "学习时间",
        "走访日期",
        "走访时间",
        "发文日期",
        "印发日期",
        "登记日期",
        "服务日期",
        "服务时间",
    ),
    "start": ("开始日期", "开始时间", "start"),
    "end": ("结束日期", "结束时间", "end"),
    "title": (
        "标题",
        "title",
        "活动名称",
        "名称",
        "会议名称",
        "活动主题",
        "主题",
        "会议主题",
        "活动内容",
        "学习内容",
        "内容",
        "事项",
        "文件名称",
        "服务内容",
        "会议内容",
        "学习主题",
        "信息标题",
        "会议议题",
        "议题",
        "文件标题",
    ),
    "type": ("类型", "type", "活动类型", "证据类型"),
    "participants": (*PARTICIPANTS, "participants"),
    "tags": ("标签", "tags"),
    "attachments": (
        "附件",
        "佐证材料",
        "佐证资料",
        "佐证",
        "佐证照片",
        "照片",
        "图片",
        "相关照片",
        "活动照片",
        "现场照片",
        "照片名称",
        "attachments",
    ),
}
# A date column by another name: “报送日期”, “整治时间”, …
_DATE_ENDINGS = ("日期", "时间")
# A standard field by another name, when no column has one of its own: “报送日期”, “宣讲主题”
_BY_ENDING = {"date": _DATE_ENDINGS, "title": ("标题", "主题", "名称", "议题")}
_HEADER_FIELD = {name: field for field, names in HEADERS.items() for name in names}
_SKIPPED = frozenset({"序号", "编号", "no", "no."})
_UNIT_SUFFIX = re.compile(r"[(（\[［【][^)）\]］】]*[)）\]］】]$")
_SPACES = re.compile(r"\s+")
_HEADER_SEARCH = 20  # title rows above the header: at most this many rows are searched


@dataclass(frozen=True)
class Header:
    """Where a table's header stands, and the field of each column."""

    top: int  # its first row (the rows above are titles)
    last: int  # its last row (the body starts below)
    columns: dict[int, str]

    @property
    def dated(self) -> bool:
        return any(field in ("date", "start") for field in self.columns.values())


def table_header(rows: Sequence[Sequence[Any]]) -> Header | None:
    """The header of a table, of one row or two, or None when there is none."""
    index = find_header(rows)
    if index is None:
        return None
    for top in (index, index - 1):  # the found row may be the group row or the sub-row
        if top >= 0 and top + 1 < len(rows):
            names = two_row_names(rows[top], rows[top + 1])
            if names is not None:
                return Header(top, top + 1, column_fields(names))
    return Header(index, index, column_fields(rows[index]))


def header_name(cell: Any) -> str:
    """“参与人数\\n(人)” → 参与人数: no spaces, no unit in brackets."""
    text = _SPACES.sub("", str(cell or ""))
    return _UNIT_SUFFIX.sub("", text) or text


def blank(cell: Any) -> bool:
    """An empty cell: nothing, or only spaces (checked without building a stripped copy)."""
    return cell is None or cell == "" or (isinstance(cell, str) and cell.isspace())


def find_header(rows: Sequence[Sequence[Any]]) -> int | None:
    """The header row: the first with a known column name; failing that, the first with two
    or more different text cells that are not “填报单位：…” lines (a merged title row repeats
    one text across its cells)."""
    for index, row in enumerate(rows[:_HEADER_SEARCH]):
        names = [header_name(cell) for cell in row if not blank(cell)]
        if any(name in _HEADER_FIELD for name in names) or (
            len(names) >= 2 and any(name.endswith(_DATE_ENDINGS) for name in names)
        ):
            return index
    for index, row in enumerate(rows[:_HEADER_SEARCH]):
        cells = {cell for cell in row if not blank(cell)}
        if len(cells) >= 2 and all(map(plain_text, cells)):
            return index
    return None


def column_fields(header: Sequence[Any]) -> dict[int, str]:
    """Column index → field name. Each standard field takes its most specific header (日期
    before 时间, whatever their order in the sheet); other columns are fields of their own."""
    names = {
        index: name
        for index, cell in enumerate(header)
        if (name := header_name(cell)) and name.lower() not in _SKIPPED
    }
    columns: dict[int, str] = {}
    for field, spellings in HEADERS.items():
        for spelling in spellings:
            index = next((i for i, n in names.items() if n == spelling and i not in columns), None)
            if index is not None:
                columns[index] = field
                break
    for field, endings in _BY_ENDING.items():  # 报送日期, 整治时间; 宣讲主题, 简报标题
        if field in columns.values() or (field == "date" and "start" in columns.values()):
            continue
        index = next((i for i, n in names.items() if n.endswith(endings)), None)
        if index is not None and index not in columns:
            columns[index] = field
    taken = set(columns.values())
    for index, name in names.items():
        if index not in columns:
            columns[index] = name if name not in taken else f"{name}{index + 1}"
            taken.add(columns[index])
    return dict(sorted(columns.items()))


def header_label(field: str) -> str:
    return {"participants": "参与人数"}.get(field, field)


def _at(row: Sequence[Any], col: int) -> Any:
    return row[col] if col < len(row) else None


def _runs(top: Sequence[Any], width: int) -> list[tuple[int, int]]:
    """Each filled cell of the upper row with the cells to its right that repeat it or are
    blank: a merged group (filled in), a group WPS unmerged, or a single column."""
    runs = []
    col = 0
    while col < width:
        text = _at(top, col)
        if blank(text):
            col += 1
            continue
        end = col
        while end + 1 < width and (blank(_at(top, end + 1)) or _at(top, end + 1) == text):
            end += 1
        runs.append((col, end))
        col = end + 1
    return runs


def plain_text(cell: Any) -> bool:
    """A text that is no “名称：值” line (填报单位：…, 填报时间：…): a title or a header."""
    return isinstance(cell, str) and "：" not in cell and ":" not in cell


def two_row_names(top: Sequence[Any], sub: Sequence[Any]) -> list[Any] | None:
    """The column names of a two-row header, or None when ``sub`` is not its second row.

    ``sub`` is a sub-header when under every single column it is blank or repeats the name
    (merged down), under at least one group it holds two or more other names, and at least
    one column stands alone (a group row with no column of its own is a title). A group
    left blank to the right (WPS unmerge) also needs a sign that it is a header: a known
    name, a unit in brackets, or a name repeated down."""
    width = max(len(top), len(sub))
    names: list[Any] = [_at(sub, col) for col in range(width)]  # columns blank above
    grouped: set[int] = set()
    alone = 0
    signs = False
    runs = _runs(top, width)
    for left, right in runs:
        group = _at(top, left)
        below = [(col, _at(sub, col)) for col in range(left, right + 1)]
        subs = {col: cell for col, cell in below if not blank(cell) and cell != group}
        if len(subs) < 2:
            if subs:  # a value under a single column: a data row
                return None
            alone += 1
            signs = signs or any(cell == group for _, cell in below)
            names[left : right + 1] = [group, *[None] * (right - left)]
            continue
        if not all(map(plain_text, subs.values())):
            return None
        grouped.update(range(left, right + 1))
        signs = signs or _at(top, left + 1) == group or any(map(_known, subs.values()))
        names[left : right + 1] = [subs.get(col) for col in range(left, right + 1)]
    covered = {col for left, right in runs for col in range(left, right + 1)}
    leading = [cell for col, cell in enumerate(names) if col not in covered and not blank(cell)]
    if not grouped or not alone or not signs or not all(map(plain_text, leading)):
        return None
    return _distinct(names, top, grouped)


def _known(cell: str) -> bool:
    name = header_name(cell)
    return name in _HEADER_FIELD or name != _SPACES.sub("", cell)  # a unit in brackets


def _distinct(names: list[Any], top: Sequence[Any], grouped: set[int]) -> list[Any]:
    """The same sub-name under two groups (“男”, “女”) is told apart by its group."""
    seen = [header_name(name) for name in names if not blank(name)]
    return [
        f"{_group_of(top, col)}{name}"
        if col in grouped and not blank(name) and seen.count(header_name(name)) > 1
        else name
        for col, name in enumerate(names)
    ]


def _group_of(top: Sequence[Any], col: int) -> str:
    """The name of the group over ``col``: the nearest filled cell above, to the left."""
    return next(
        (header_name(_at(top, left)) for left in range(col, -1, -1) if not blank(_at(top, left))),
        "",
    )
