"""Finding a 测评细则 table's header, items, categories, title and 合计 row.

Offices lay the table out in a few ways: the 2012 national 测评体系 (测评项目 | 测评内容 | 测评方法
| 分值, the 测评项目 cell merged over its items), municipal tables with a title row, a 序号 column,
a 评分标准 column and a 合计 row, or a category written as a banner row across the table
(“一、组织领导（10分）”). Merged cells arrive filled in, so a category's value carries down."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Header words, by column role; a cell is read without its spaces (“分　值”).
_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "criteria",
        (
            "评分标准",
            "评分细则",
            "考核标准",
            "评分办法",
            "计分办法",
            "扣分标准",
            "评分方法",
            "考核细则",
            "评分说明",
            "评分依据",
        ),
    ),
    (
        "method",
        ("测评方法", "测评方式", "考核方法", "考核方式", "检查方法", "评价方式", "方法", "方式"),
    ),
    ("score", ("分值", "分数", "标准分", "满分", "权重分", "分")),
    ("id", ("序号", "编号", "代码", "项目编号")),
    ("category", ("测评项目", "考核项目", "项目", "类别", "一级指标", "测评类别", "考核类别")),
    (
        "content",
        (
            "测评内容",
            "考核内容",
            "内容",
            "标准",
            "测评标准",
            "二级指标",
            "三级指标",
            "具体内容",
            "工作内容",
            "考核要求",
            "测评要求",
            "要求",
        ),
    ),
)
_TOTAL = re.compile(r"^(合计|总计|总分|共计|小计合计)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_BANNER_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
_ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+|[A-Za-z])\s*[、．.，,]\s*")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Item:
    """One item row of the table, as text."""

    row: int  # 1-based row in the sheet (or table)
    category: str
    content: str
    score: str
    method: str = ""
    criteria: str = ""
    given_id: str = ""


@dataclass
class ReadTable:
    title: str
    header_row: int  # 1-based
    columns: dict[str, int]
    items: list[Item] = field(default_factory=list)
    total: float | None = None  # the 合计 row's number
    total_row: int = 0
    category_points: dict[str, float] = field(default_factory=dict)  # from banner or cell


def header_roles(row: list[str]) -> dict[str, int]:
    """The column of each role a header row names (the first column for each role)."""
    found: dict[str, int] = {}
    for column, cell in enumerate(row):
        text = squeeze(cell)
        if not text or len(text) > 8:
            continue
        for role, words in _ROLES:
            if text in words or any(text.startswith(word) for word in words if len(word) > 1):
                if role not in found:
                    found[role] = column
                break
    return found


def find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The first row (0-based) within the first 15 that names a score and a content (or
    category) column."""
    for index, row in enumerate(rows[:15]):
        roles = header_roles(row)
        if "score" in roles and ("content" in roles or "category" in roles):
            if "content" not in roles:  # 测评项目 alone: the items are written there
                roles["content"] = roles.pop("category")
            return index, roles
    return None


def parse_points(text: str) -> float | None:
    match = _NUMBER.search(text.replace("．", "."))
    return float(match.group(0)) if match else None


def category_name(text: str) -> tuple[str, float | None]:
    """``一、组织领导（10分）`` → (组织领导, 10)."""
    text = " ".join(text.split())
    points = _BANNER_POINTS.search(text)
    name = _BANNER_POINTS.sub("", text) if points else text
    name = _ORDINAL.sub("", name).strip()
    return name, float(points.group(1)) if points else None


def read_items(rows: list[list[str]], start: int, columns: dict[str, int]) -> ReadTable:
    title = _title(rows[:start])
    table = ReadTable(title, start + 1, columns)
    category = ""
    for index in range(start + 1, len(rows)):
        row = rows[index]
        cells = [cell for cell in row if cell]
        if not cells:
            continue
        if _TOTAL.match(squeeze(cells[0])):
            table.total = _total_points(row, columns)
            table.total_row = index + 1
            break
        if _looks_like_note(cells[0]):
            break
        if len(set(cells)) == 1 and "否决" in cells[0]:  # a veto line written across the table
            table.items.append(Item(index + 1, "一票否决", cells[0], "", "", cells[0]))
            continue
        if len(set(cells)) == 1:  # a banner row: “一、组织领导（10分）”
            name, points = category_name(cells[0])
            category = name
            if points is not None:
                table.category_points[name] = points
            continue
        item = _item(row, index + 1, columns, category)
        if item is None:
            continue
        category = item.category
        table.items.append(item)
    return table


def _item(row: list[str], number: int, columns: dict[str, int], category: str) -> Item | None:
    content = _at(row, columns.get("content"))
    score = _at(row, columns.get("score"))
    criteria = _at(row, columns.get("criteria"))
    if not content and not criteria:
        return None
    raw_category = _at(row, columns.get("category"))
    if raw_category:
        category, _ = category_name(raw_category)
    return Item(
        row=number,
        category=category or "测评项目",
        content=content or criteria,
        score=score,
        method=_at(row, columns.get("method")),
        criteria=criteria,
        given_id=squeeze(_at(row, columns.get("id"))),
    )


def _at(row: list[str], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return row[column].strip()


def _total_points(row: list[str], columns: dict[str, int]) -> float | None:
    score = _at(row, columns.get("score"))
    if score:
        return parse_points(score)
    for cell in row[1:]:
        points = parse_points(cell)
        if points is not None:
            return points
    return None


def _title(rows: list[list[str]]) -> str:
    """The longest text above the header: the table's title (a merged title row, or the
    paragraph above a Word table)."""
    texts = [cell for row in rows for cell in row if cell and not _looks_like_note(cell)]
    return max(texts, key=len).strip() if texts else ""


def _looks_like_note(text: str) -> bool:
    return bool(re.match(r"\s*(说明|备注|注)\s*[:：0-9１-９]", text))
