"""A ledger's header row, and the record field each of its columns holds.

Real ledgers have title rows above the header and units in the headers (“发放资料(份)”): the
header row is found by its known column names, and a column is named without spaces or unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

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
    ),
    "type": ("类型", "type", "活动类型", "证据类型"),
    "participants": ("参与人数", "参加人数", "participants"),
    "tags": ("标签", "tags"),
    "attachments": ("附件", "佐证材料", "佐证照片", "照片", "图片", "相关照片", "attachments"),
}
# A date column by another name: “报送日期”, “整治时间”, …
_DATE_ENDINGS = ("日期", "时间")
_HEADER_FIELD = {name: field for field, names in HEADERS.items() for name in names}
_SKIPPED = frozenset({"序号", "编号", "no", "no."})
_UNIT_SUFFIX = re.compile(r"[(（\[［【][^)）\]］】]*[)）\]］】]$")
_SPACES = re.compile(r"\s+")
_HEADER_SEARCH = 20  # title rows above the header: at most this many rows are searched


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
        if len(cells) >= 2 and all(
            isinstance(cell, str) and "：" not in cell and ":" not in cell for cell in cells
        ):
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
    if "date" not in columns.values() and "start" not in columns.values():
        index = next((i for i, n in names.items() if n.endswith(_DATE_ENDINGS)), None)
        if index is not None and index not in columns:
            columns[index] = "date"
    taken = set(columns.values())
    for index, name in names.items():
        if index not in columns:
            columns[index] = name if name not in taken else f"{name}{index + 1}"
            taken.add(columns[index])
    return dict(sorted(columns.items()))


def header_label(field: str) -> str:
    return {"participants": "参与人数"}.get(field, field)
