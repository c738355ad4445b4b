"""The integrity signal, its kinds with their Chinese labels, and dates as people write them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

LABELS = {
    "duplicate": "疑似重复使用",
    "document_number": "缺少文号",
    "claim": "声称数与明细不符",
    "photo_date": "照片拍摄日期不符",
    "unreadable": "无法提取文本",
    "outside_window": "不在评估期内，未计入",
    "anachronism": "疑似时间倒置",
    "document_order": "文号顺序异常",
    "repeated_title": "疑似凑数",
}


@dataclass
class Signal:
    kind: str
    message: str
    files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": LABELS[self.kind],
            "message": self.message,
            "files": self.files,
        }


def day(value: dt.date) -> str:
    """2022-09-10 → 2022年9月10日, as a notice or a ledger writes it."""
    return f"{value.year}年{value.month}月{value.day}日"


def span(start: dt.date, end: dt.date | None) -> str:
    """A record's dates: one day, or 2022年3月1日至3月10日 (the year once when it is shared)."""
    if end is None or end == start:
        return day(start)
    if end.year == start.year:
        return f"{day(start)}至{end.month}月{end.day}日"
    return f"{day(start)}至{day(end)}"


def written(value: object) -> str:
    """An ISO date from a JSON report (2022-03-31) as people write it (2022年3月31日); anything
    else (None, a label, text) as it is, so templates can pass any field through."""
    if isinstance(value, dt.date):
        return day(value)
    try:
        return day(dt.date.fromisoformat(str(value)))
    except ValueError:
        return "" if value is None else str(value)


def written_span(start: object, end: object) -> str:
    """A window from a JSON report as people write it: 2022年1月1日至12月31日."""
    try:
        first = dt.date.fromisoformat(str(start))
        last = dt.date.fromisoformat(str(end))
    except ValueError:
        return f"{written(start)}至{written(end)}"
    return span(first, last)
