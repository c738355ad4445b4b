"""A ledger's records are assembled column by column: the columns must stand in the order of
Record's fields, or every ledger row would silently swap, say, its type and its title."""

from __future__ import annotations

import datetime as dt

from checker.evidence.columns import assemble
from checker.evidence.model import Record, Source


def test_columns_are_assembled_in_the_order_of_records_fields() -> None:
    day, later = dt.date(2022, 3, 8), dt.date(2022, 3, 9)
    records = assemble(
        [True, False],
        [Source("台账.xlsx", 3, "学习"), Source("台账.xlsx", 4, "学习")],
        ["会议", "会议"],
        ["党组会", "不要"],
        [day, day],
        [later, later],
        [("创建",), ()],
        {"发放资料": [200, 1]},
        [("照片/a.jpg",), ()],
    )
    assert records == [
        Record(
            source=Source("台账.xlsx", 3, "学习"),
            type="会议",
            title="党组会",
            start=day,
            end=later,
            tags=("创建",),
            fields={"发放资料": 200},
            text="",
            files=("照片/a.jpg",),
        )
    ]
    assert Record._fields == (
        "source",
        "type",
        "title",
        "start",
        "end",
        "tags",
        "fields",
        "text",
        "files",
    )


def test_many_records_at_once_are_what_make_builds_one_by_one() -> None:
    rows = [
        (Source("台账.xlsx", line, "学习"), "会议", f"第{line}次", None, None, (), {}, "", ())
        for line in range(2, 6)
    ]
    built = Record.rows(rows)
    assert built == [Record._make(row) for row in rows]
    assert all(type(record) is Record for record in built)
    assert [record.title for record in built] == ["第2次", "第3次", "第4次", "第5次"]
