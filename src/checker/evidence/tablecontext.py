"""What a ledger table is about, beyond its rows: the words keywords also search for each
row (its title lines, sheet and file name), and what to tell about an undated roster."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def table_context(above: str, sheet: str, stem: str, columns: Sequence[str] = ()) -> str:
    """What a table's rows are, as keywords search it (casefolded): the title lines above its
    header, its sheet's name and its file's name; for a table without a date column (a
    roster), its column names too, since they say what is known of everyone on it (a 注册编号
    column: every row is registered). An activity register's column names are left out: a
    “会议类型（党组会议/支部会议）” column would make every row a 党组会议."""
    return " ".join(filter(None, (above, sheet, stem, *columns))).casefold()


def roster_notice(columns: Sequence[str], path: Path, undated_neighbours: int = 0) -> str | None:
    """The notice for a list of people (a 姓名 column) dated nowhere: a roster is counted as of
    the day it was exported or registered, so that day goes in its name. A year in its title
    (“2024年注册志愿者名册”) does not date it: it says which year the list is for, not when the
    names were on it, and people join all year. Beside other undated tables (a sheet per
    网格) the name would date them all: the usual notice stands."""
    if undated_neighbours or not any(str(name).strip() == "姓名" for name in columns):
        return None
    return (
        "名册没有日期列，文件名中也没有日期，未计入；名册按导出或登记的那一天计入，请在文件名前写明"
        f"导出日期或登记日期（如“2024-12-20 {path.name}”）"
    )
