"""Where a day written without its year (3月8日) or month (8日) takes them from: a ``Dating``
passed down with the fields, never state set on the load context around a call."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from checker.errors import Problem
from checker.evidence.context import LoadContext
from checker.evidence.fields import UNDATED, Dating, normalise_fields
from checker.evidence.headers import table_header
from checker.evidence.ledgers import LedgerReader
from checker.evidence.sheets import Neighbours
from checker.evidence.tables import Table
from checker.rules.loader import RuleSet
from conftest import load_folder


def _locate(
    key: str,
    message: str,
    index: int | None = None,
    *,
    at_key: bool = False,
    code: str = "input-error",
) -> Problem:
    return Problem("a.yaml", 1, 1, message, code)


def _day(text: str, dating: Dating, ctx: LoadContext) -> dt.date | str:
    """The day ``text`` is with ``dating``, or the problem's message."""
    problems: list[Problem] = []
    fields, valid = normalise_fields(
        {"日期": text}, _locate, "a.yaml", ctx, problems=problems, notices=[], dating=dating
    )
    return fields["date"] if valid else problems[0].message


@pytest.fixture
def ctx(tmp_path: Path, rules: RuleSet) -> LoadContext:
    return LoadContext(tmp_path, "ev", rules.vocabulary)


def test_the_dating_passed_gives_the_missing_year_and_month(ctx: LoadContext) -> None:
    assert _day("3月8日", Dating(year=2022), ctx) == dt.date(2022, 3, 8)
    assert _day("8日", Dating(year=2022, month=3), ctx) == dt.date(2022, 3, 8)
    # a record file's name, when nothing nearer says a year
    assert _day("3月8日", Dating(year_from="2021年 学习记录"), ctx) == dt.date(2021, 3, 8)
    # the table's year comes before any name's
    assert _day("3月8日", Dating(2022, None, "2021年 学习记录"), ctx) == dt.date(2022, 3, 8)
    assert _day("2020年3月8日", Dating(year=2022), ctx) == dt.date(2020, 3, 8)
    assert "没有年份" in str(_day("3月8日", UNDATED, ctx))
    assert "没有年份" in str(_day("3月8日", Dating(year_from="学习记录"), ctx))
    assert _day("3月8日", Dating(year=2022), ctx) == dt.date(2022, 3, 8)  # nothing kept


def test_the_context_holds_no_dating_state(ctx: LoadContext) -> None:
    names = {f.name for f in dataclasses.fields(ctx)}
    assert not names & {"year", "month", "year_from"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        Dating(2022).year = 2023  # type: ignore[misc]


def test_a_sheet_s_year_and_month_stay_with_that_sheet(tmp_path: Path, rules: RuleSet) -> None:
    """A sheet whose title says 2021年 and a sheet per month (3月) date their own days only:
    the next sheet of the same workbook, with neither, cannot place 3月8日 or 9日."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "3月"
    first.append(["2021年学习记录"])
    first.append(["日期", "类型", "标题"])
    first.append(["8日", "会议", "学习会"])
    second = book.create_sheet("其他")
    second.append(["日期", "类型", "标题"])
    second.append(["9日", "会议", "例会"])
    second.append(["4月1日", "会议", "例会"])
    (tmp_path / "ev").mkdir()
    book.save(tmp_path / "ev" / "学习台账.xlsx")
    evidence = load_folder(tmp_path, rules, {})
    assert [(r.source.sheet, r.start) for r in evidence.records] == [("3月", dt.date(2021, 3, 8))]
    assert [(p.line, p.column) for p in evidence.problems] == [(2, 1), (3, 1)]
    assert all(p.message.startswith("工作表“其他”") for p in evidence.problems)


def _reader(tmp_path: Path, rules: RuleSet, name: str) -> tuple[LedgerReader, LoadContext]:
    ctx = LoadContext(tmp_path, "ev", rules.vocabulary)
    return LedgerReader(tmp_path / name, name, {}, ctx), ctx


def test_what_the_other_tables_are_is_passed_to_read(tmp_path: Path, rules: RuleSet) -> None:
    """A table without a date column beside a dated one is a summary; alone, it is told how
    to be counted. The same reader reads both ways: nothing of one call is kept."""
    table = Table("汇总", [["科室", "次数"], ["办公室", 3]])
    header = table_header(table.rows)
    assert header is not None and not header.dated
    reader, ctx = _reader(tmp_path, rules, "台账.xlsx")
    assert reader.read(table, header, Neighbours(dated=1)) == []
    assert reader.read(table, header, Neighbours()) == []
    beside, alone = (warning.message for warning in ctx.warnings)
    assert "有日期列的工作表已逐行读取" in beside
    assert "汇总的数字不作为记录" in alone and "有日期列的工作表" not in alone


def test_a_read_table_s_rows_come_out_in_order_with_their_notices(
    tmp_path: Path, rules: RuleSet
) -> None:
    """One table through every step: a problem row, a row without a day, a totals row and
    rows with a notice, each reported once at its row."""
    rows = [
        ["2022年活动台账", "", "", ""],
        ["日期", "类型", "标题", "参与人数"],
        ["3月8日", "会议", "学习会", "全体干部"],
        ["", "会议", "没有日期", 5],
        ["4月1日", "会议", "例会", "全体干部"],
        ["合计", "", "", 15],
        ["3月32日", "会议", "坏日期", 10],
    ]
    table = Table("一季度", rows)
    header = table_header(rows)
    assert header is not None
    reader, ctx = _reader(tmp_path, rules, "活动.xlsx")
    records = reader.read(table, header, Neighbours())
    assert [(r.title, r.start, r.source.line) for r in records] == [
        ("学习会", dt.date(2022, 3, 8), 3),
        ("例会", dt.date(2022, 4, 1), 5),
    ]
    assert [(p.line, p.column) for p in ctx.problems] == [(7, 1)]
    assert [(w.line, w.column, w.message.split("，")[0]) for w in ctx.warnings] == [
        (3, 4, "工作表“一季度”：参与人数“全体干部”没有写明人数"),
        (4, 1, "工作表“一季度”：没有日期"),
    ]
    assert "共 2 行：第 3、5 行" in ctx.warnings[0].message
    assert [u.source.line for u in ctx.unusable] == [7]
    (claim,) = ctx.claims  # the totals row, against the rows above it
    assert (claim.source.line, claim.claimed) == (6, 15)
