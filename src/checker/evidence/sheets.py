"""Which tables of a ledger file are read, and what a notice tells about those that are not.

Advice never makes things worse: no notice suggests a change (a date in the file name, a
date column) that would turn a summary's rows into records.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.evidence.headers import Header
from checker.evidence.workbooks import HIDDEN, VERY_HIDDEN

HIDDEN_NOTICE = {
    HIDDEN: "是隐藏的工作表，未读取；如应计入，请在 Excel 或 WPS 中取消隐藏",
    VERY_HIDDEN: "是深度隐藏的工作表（只能用宏取消隐藏），未读取",
}
_SUMMARY = re.compile("汇总|统计|合计|总表")


@dataclass(frozen=True)
class Neighbours:
    """What the other tables of the same file are: with a date column, or without."""

    dated: int = 0
    undated: int = 0


def neighbours(headers: Sequence[Header | None]) -> list[Neighbours]:
    """For each table (None: hidden, or no header), the other tables' kinds."""
    kinds = [header.dated for header in headers if header is not None]
    every = Neighbours(kinds.count(True), kinds.count(False))
    return [
        every
        if own is None
        else Neighbours(every.dated - own.dated, every.undated - (not own.dated))
        for own in headers
    ]


def undated_notice(
    sheet: str, title: str, file_name: str, named_date: dt.date | None, others: Neighbours
) -> str | None:
    """Why a table without a date column is not read, and what would help; None when the
    file name's date dates its rows. A summary beside dated sheets, or named so, is only
    skipped, whatever the file name says; renaming the file is offered only where it helps:
    one table whose rows are all of one day (a sign-in sheet), since the file name's date
    dates every table of the file without dates."""
    if others.dated:
        return "没有日期列，看作汇总表，未计入；本工作簿中有日期列的工作表已逐行读取"
    if named_date is not None:
        return None
    if _SUMMARY.search(f"{sheet} {title} {file_name}"):
        return (
            "没有日期列，看作汇总表，未计入；汇总的数字不作为记录，"
            "各次活动应逐行记在有“日期”列的台账中"
        )
    advice = (
        "表中没有日期列，文件名中也没有日期，未计入；如果每一行是一次活动，请加“日期”列逐行填写"
    )
    if others.undated:
        return advice
    return (
        f"{advice}；只有整张表同属一天（如一次活动的签到表）时，才在文件名前加这一天的日期"
        f"（如“2022-03-08 {file_name}”），每一行都按这一天计入"
    )
