"""Ledgers shaped as offices shape them in Excel and WPS: a title and unit row, a two-row
header, a 合计 row, sign-off and note lines below, hidden and summary sheets, and WPS .et
and renamed workbooks. Each workbook is written with the library offices' files come from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from checker.evidence.headers import table_header, two_row_names
from checker.evidence.loader import Evidence
from checker.evidence.tables import sign_off
from checker.evidence.workbooks import ReadAhead, read_sheets
from checker.rules.loader import RuleSet
from conftest import load_folder

SIGNED = "填表人：张三　　审核人：李四　　填报日期：2022年12月30日"


def _offices_sheet(sheet: Worksheet, merged_group: bool = True) -> None:
    """The volunteer ledger: title, unit row, a header of two rows (宣传情况 over two
    sub-columns), three rows, a 合计 row, a blank row, a merged sign-off line and notes."""
    sheet.append(["2022年志愿服务活动台账"])
    sheet.merge_cells("A1:G1")
    sheet.append(["填报单位：兴义市××局", None, None, None, "填报日期：2022年12月30日"])
    sheet.append(["序号", "日期", "活动名称", "宣传情况", None, "参加人数（人）", "备注"])
    sheet.append([None, None, None, "发放资料（份）", "受教育群众（人）"])
    if merged_group:
        sheet.merge_cells("D3:E3")
        for col in "ABCFG":
            sheet.merge_cells(f"{col}3:{col}4")
    sheet.append([1, dt.date(2022, 3, 5), "文明交通劝导", 300, 120, 12, None])
    sheet.append([2, "2022年3月12日", "社区环境整治", 0, 80, 15, "与社区联合"])
    sheet.append(
        [3, dt.date(2022, 4, 2), "普法宣传进社区", "200余份", 150, 10, "备注：另发放宣传册"]
    )
    sheet.append(["合计", None, None, 500, 350, 37])
    sheet.merge_cells("A8:C8")
    sheet.append([])
    sheet.append([SIGNED])
    sheet.merge_cells("A10:G10")
    sheet.append(["注：1.本表按月报送；"])
    sheet.merge_cells("A11:G11")
    sheet.append([None, "2.活动照片另附。", None, None, None, None, 3])  # not data either
    for cell in ("B5", "B7"):
        sheet[cell].number_format = "yyyy-mm-dd"


def _save(book: Workbook, path: Path) -> bytes:
    book.save(path)
    return path.read_bytes()


def _volunteer_book(tmp_path: Path, merged_group: bool = True) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "志愿服务"
    _offices_sheet(sheet, merged_group)
    return _save(book, tmp_path / "book.xlsx")


def _rows(evidence: Evidence) -> list[tuple[Any, ...]]:
    return [
        (
            str(record.source),
            record.type,
            record.title,
            str(record.start),
            record.number("发放资料"),
            record.number("受教育群众"),
            record.number("participants"),
            record.fields.get("备注"),
        )
        for record in evidence.records
    ]


VOLUNTEER_ROWS = [
    (
        "台账.xlsx:5（工作表 志愿服务）",
        "志愿服务",
        "文明交通劝导",
        "2022-03-05",
        300,
        120,
        12,
        None,
    ),
    (
        "台账.xlsx:6（工作表 志愿服务）",
        "志愿服务",
        "社区环境整治",
        "2022-03-12",
        0,
        80,
        15,
        "与社区联合",
    ),
    (
        "台账.xlsx:7（工作表 志愿服务）",
        "志愿服务",
        "普法宣传进社区",
        "2022-04-02",
        200,
        150,
        10,
        "备注：另发放宣传册",
    ),
]


@pytest.mark.parametrize("merged_group", [True, False], ids=["merged", "wps-unmerged"])
def test_a_ledger_as_offices_make_it(tmp_path: Path, rules: RuleSet, merged_group: bool) -> None:
    evidence = load_folder(tmp_path, rules, {"台账.xlsx": _volunteer_book(tmp_path, merged_group)})
    assert evidence.problems == []
    assert evidence.warnings == []
    assert _rows(evidence) == VOLUNTEER_ROWS
    assert [(c.field, c.claimed, c.itemised, c.consistent) for c in evidence.claims] == [
        ("发放资料", 500, 500, True),
        ("受教育群众", 350, 350, True),
        ("参与人数", 37, 37, True),
    ]


def test_hidden_sheets_are_not_read_and_a_notice_says_so(tmp_path: Path, rules: RuleSet) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "志愿服务"
    _offices_sheet(sheet)
    for name, state in (("草稿", "hidden"), ("数据源", "veryHidden")):
        hidden = book.create_sheet(name)
        hidden.append(["日期", "活动名称"])
        hidden.append([dt.date(2022, 5, 1), "不应计入的活动"])
        hidden.sheet_state = state
    evidence = load_folder(tmp_path, rules, {"台账.xlsx": _save(book, tmp_path / "b.xlsx")})
    assert _rows(evidence) == VOLUNTEER_ROWS
    assert evidence.problems == []
    assert [str(w) for w in evidence.warnings] == [
        "ev/台账.xlsx:1:1: 工作表“草稿”：是隐藏的工作表，未读取；如应计入，请在 Excel 或 WPS 中"
        "取消隐藏",
        "ev/台账.xlsx:1:1: 工作表“数据源”：是深度隐藏的工作表（只能用宏取消隐藏），未读取",
    ]


def _monthly_book(path: Path, summary: str = "汇总") -> bytes:
    """Monthly sheets with dates, and a summary sheet beside them that has none."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "1月"
    for sheet, day in ((first, 8), (book.create_sheet("2月"), 12)):
        sheet.append(["日期", "活动名称", "参加人数"])
        sheet.append([dt.date(2022, int(sheet.title[0]), day), f"{sheet.title}学习", 20])
    total = book.create_sheet(summary)
    total.append(["2022年志愿服务统计"])
    total.append(["月份", "活动次数", "参加人数"])
    total.append(["1月", 1, 20])
    total.append(["2月", 1, 20])
    return _save(book, path)


def test_a_summary_beside_dated_sheets_is_skipped_whatever_the_file_name(
    tmp_path: Path, rules: RuleSet
) -> None:
    # the date in the file name must not turn the summary's rows into records
    name = "2022-12-31 志愿服务台账.xlsx"
    evidence = load_folder(tmp_path, rules, {name: _monthly_book(tmp_path / "b.xlsx", "Sheet3")})
    assert [(r.title, str(r.start)) for r in evidence.records] == [
        ("1月学习", "2022-01-08"),
        ("2月学习", "2022-02-12"),
    ]
    (notice,) = evidence.warnings
    assert str(notice) == (
        f"ev/{name}:2:1: 工作表“Sheet3”：没有日期列，看作汇总表，未计入；"
        "本工作簿中有日期列的工作表已逐行读取"
    )
    assert evidence.problems == []


def test_advice_never_suggests_dating_a_summary(tmp_path: Path, rules: RuleSet) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "统计"
    sheet.append(["月份", "活动次数"])
    sheet.append(["1月", 4])
    evidence = load_folder(tmp_path, rules, {"志愿服务.xlsx": _save(book, tmp_path / "b.xlsx")})
    assert evidence.records == []
    (notice,) = evidence.warnings
    assert notice.message == (
        "工作表“统计”：没有日期列，看作汇总表，未计入；汇总的数字不作为记录，"
        "各次活动应逐行记在有“日期”列的台账中"
    )


def test_renaming_is_not_advised_for_a_workbook_of_several_undated_sheets(
    tmp_path: Path, rules: RuleSet
) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "一网格"
    first.append(["姓名", "住址"])
    first.append(["张三", "栗坪社区1号"])
    second = book.create_sheet("二网格")
    second.append(["姓名", "住址"])
    second.append(["李四", "栗坪社区2号"])
    evidence = load_folder(tmp_path, rules, {"入户.xlsx": _save(book, tmp_path / "b.xlsx")})
    assert evidence.records == []
    advice = (
        "表中没有日期列，文件名中也没有日期，未计入；如果每一行是一次活动，请加“日期”列逐行填写"
    )
    assert [str(w) for w in evidence.warnings] == [
        f"ev/入户.xlsx:1:1: 工作表“一网格”：{advice}",
        f"ev/入户.xlsx:1:1: 工作表“二网格”：{advice}",
    ]


def test_sign_off_spread_over_cells_after_a_blank_row(tmp_path: Path, rules: RuleSet) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "学习"
    sheet.append(["2022年干部职工学习会登记表"])
    sheet.append(["日期", "学习内容", "参加人数", "备注"])
    sheet.append([dt.date(2022, 1, 13), "学习党的二十大精神", 40, None])
    sheet.append([dt.date(2022, 2, 17), "学习《民法典》", 38, "说明：补学2人"])
    sheet.append([])
    sheet.append(["填表人：", "张三", "审核人：", "李四"])
    sheet.append(["制表日期", "2022年12月30日"])
    evidence = load_folder(tmp_path, rules, {"学习会.xlsx": _save(book, tmp_path / "b.xlsx")})
    assert evidence.problems == []
    assert evidence.warnings == []
    assert [(r.title, r.number("participants"), r.fields["备注"]) for r in evidence.records] == [
        ("学习党的二十大精神", 40, None),
        ("学习《民法典》", 38, "说明：补学2人"),
    ]


def test_a_csv_ends_at_its_note_lines(tmp_path: Path, rules: RuleSet) -> None:
    text = (
        "2022年普法宣传活动登记表,,,\n填报单位：兴义市××局,,,\n日期,活动名称,类型,发放资料（份）\n"
        "2022/3/8,三八妇女节法治宣传,活动,300\n2022/4/15,国家安全教育日宣传,活动,200\n"
        "小计,,,500\n,,,\n注:本表每季度报送,,,\n1.发放资料以签收单为准,,,\n"
        "填表人 张三,,审核人 李四,\n"
    )
    evidence = load_folder(tmp_path, rules, {"普法.csv": text.encode("gbk")})
    assert evidence.problems == []
    assert evidence.warnings == []
    assert [str(r.source) for r in evidence.records] == ["普法.csv:4", "普法.csv:5"]
    assert [(c.claimed, c.itemised) for c in evidence.claims] == [(500, 500)]


def test_a_merged_section_row_is_not_a_record(tmp_path: Path, rules: RuleSet) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["日期", "活动名称", "参加人数", "地点"])
    sheet.append(["第一季度"])
    sheet.merge_cells("A2:D2")
    sheet.append([dt.date(2022, 3, 5), "文明交通劝导", 12, "桔山广场"])
    sheet.append(["第二季度"])
    sheet.merge_cells("A4:D4")
    sheet.append([dt.date(2022, 4, 2), "普法宣传", 10, "栗坪社区"])
    evidence = load_folder(tmp_path, rules, {"活动.xlsx": _save(book, tmp_path / "b.xlsx")})
    assert evidence.problems == []
    assert evidence.warnings == []
    assert [r.source.line for r in evidence.records] == [3, 5]


@pytest.mark.parametrize(
    "cell",
    [
        SIGNED,
        "填表人：",
        "填表人",
        "审核人 李四",
        "填报单位（盖章）：",
        "注：1.本表",
        "注:",
        "说明：",
        "备注：无",
        "联系电话：0859-1234567",
    ],
)
def test_sign_off_and_note_lines_by_their_opening(cell: str) -> None:
    assert sign_off(cell)


@pytest.mark.parametrize(
    "cell", ["说明会", "备注", "文明交通劝导", "负责人员培训", "注意事项", "日期", 3, None]
)
def test_titles_that_start_with_the_same_words_are_not_sign_off_lines(cell: Any) -> None:
    assert not sign_off(cell)


def _biff_book(path: Path) -> bytes:
    """A BIFF workbook as WPS and old Excel write it: a merged title, a date cell, a date
    typed as a plain number (an integer serial), a text date, a 合计 row, a sign-off line
    and a hidden sheet."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("学习会")
    sheet.write_merge(0, 0, 0, 3, "2022年干部职工学习会登记")
    for col, name in enumerate(["序号", "日期", "学习内容", "参加人数"]):
        sheet.write(1, col, name)
    rows = [
        (1, dt.date(2022, 1, 13), "学习党的二十大精神", 40),
        (2, 44609, "学习《民法典》", "38人"),  # 2022-02-17, the cell not formatted as a date
        (3, "2022年3月8日", "学习《妇女权益保障法》", 35),
    ]
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for number, row in enumerate(rows, start=2):
        for col, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(number, col, value, date_style)
            else:
                sheet.write(number, col, value)
    sheet.write(5, 0, "合计")
    sheet.write(5, 3, 113)
    sheet.write_merge(7, 7, 0, 3, SIGNED)
    hidden = book.add_sheet("旧表")
    hidden.write(0, 0, "日期")
    hidden.write(1, 0, "2021-01-01")
    hidden.visibility = 1
    book.save(str(path))
    return path.read_bytes()


def _xlsx_book(path: Path) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "学习会"
    sheet.append(["日期", "学习内容", "参加人数"])
    sheet.append([dt.date(2022, 1, 13), "学习党的二十大精神", 40])
    return _save(book, path)


BIFF_RECORDS = [
    ("2022-01-13", "学习党的二十大精神", 40),
    ("2022-02-17", "学习《民法典》", 38),
    ("2022-03-08", "学习《妇女权益保障法》", 35),
]


@pytest.mark.parametrize("name", ["学习会.et", "学习会.xls", "学习会.xlsx"])
def test_a_biff_workbook_is_read_whatever_its_suffix(
    tmp_path: Path, rules: RuleSet, name: str
) -> None:
    evidence = load_folder(tmp_path, rules, {name: _biff_book(tmp_path / "b.xls")})
    assert evidence.problems == []
    assert [str(w) for w in evidence.warnings] == [
        f"ev/{name}:1:1: 工作表“旧表”：是隐藏的工作表，未读取；如应计入，请在 Excel 或 WPS 中"
        "取消隐藏"
    ]
    records = [(str(r.start), r.title, r.number("participants")) for r in evidence.records]
    assert records == BIFF_RECORDS
    assert [r.type for r in evidence.records] == ["学习"] * 3
    assert [(c.claimed, c.itemised) for c in evidence.claims] == [(113, 113)]


@pytest.mark.parametrize("name", ["学习会.et", "学习会.xls", "学习会.xlsx"])
def test_an_ooxml_workbook_is_read_whatever_its_suffix(
    tmp_path: Path, rules: RuleSet, name: str
) -> None:
    evidence = load_folder(tmp_path, rules, {name: _xlsx_book(tmp_path / "b.xlsx")})
    assert evidence.problems == []
    assert [(str(r.start), r.title) for r in evidence.records] == [
        ("2022-01-13", "学习党的二十大精神")
    ]


def test_an_integer_that_is_no_serial_date_stays_a_problem(tmp_path: Path, rules: RuleSet) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("活动")
    for col, name in enumerate(["日期", "活动名称"]):
        sheet.write(0, col, name)
    sheet.write(1, 0, 12)  # not 1900-01-12: outside the serial range
    sheet.write(1, 1, "文明劝导")
    book.save(str(tmp_path / "b.xls"))
    evidence = load_folder(tmp_path, rules, {"活动.et": (tmp_path / "b.xls").read_bytes()})
    assert evidence.records == []
    assert [(p.line, p.column) for p in [*evidence.problems, *evidence.warnings]] == [(2, 1)]


def test_an_et_workbook_is_read_ahead(tmp_path: Path) -> None:
    _biff_book(tmp_path / "学习会.et")
    sheets = ReadAhead(tmp_path).take(tmp_path / "学习会.et")
    assert sheets is not None
    assert sheets == read_sheets(tmp_path / "学习会.et")
    assert [(sheet.name, sheet.hidden, sheet.rows) for sheet in sheets[1:]] == [
        ("旧表", "hidden", [])
    ]


def test_a_table_exported_as_text_and_named_xls_is_read(tmp_path: Path, rules: RuleSet) -> None:
    text = "2022年学习会登记\n日期\t学习内容\t参加人数\n2022-01-13\t学习党的二十大精神\t40\n"
    evidence = load_folder(tmp_path, rules, {"导出.xls": text.encode("gb18030")})
    assert evidence.problems == []
    assert [(str(r.source), r.title, r.number("participants")) for r in evidence.records] == [
        ("导出.xls:3", "学习党的二十大精神", 40)
    ]


def test_a_web_page_named_xls_says_what_to_do(tmp_path: Path, rules: RuleSet) -> None:
    page = "<html><body><table><tr><td>日期</td></tr></table></body></html>"
    evidence = load_folder(tmp_path, rules, {"导出.xls": page})
    assert [str(p) for p in evidence.problems] == [
        "ev/导出.xls:1:1: 文件内容是网页或 XML，不是 Excel 或 WPS 工作簿（常见于系统导出的 .xls），"
        "未读取；请用 Excel 或 WPS 打开后另存为 .xlsx"
    ]


def test_a_broken_et_is_a_problem_not_a_crash(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path, rules, {"坏.et": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600}
    )
    (problem,) = evidence.problems
    assert str(problem) == "ev/坏.et:1:1: 表格文件已损坏或不是 Excel/WPS 表格，无法打开"


# The header of two rows, and what must not be taken for one.

HEADER = ["序号", "日期", "活动名称", "宣传情况", "宣传情况", "备注"]
SUB = ["序号", "日期", "活动名称", "发放资料（份）", "受教育群众（人）", "备注"]


@pytest.mark.parametrize(
    ("top", "sub"),
    [
        (HEADER, SUB),  # merged, filled in
        (HEADER, [None, None, None, *SUB[3:5], None]),  # the single columns unmerged
        ([*HEADER[:4], None, "备注"], [None, None, None, *SUB[3:5], None]),  # group unmerged
    ],
    ids=["merged", "unmerged-down", "unmerged-across"],
)
def test_a_two_row_header_names_columns_by_the_sub_header(top: list[Any], sub: list[Any]) -> None:
    rows = [["2022年志愿服务活动台账"] * 6, top, sub, [1, "2022-03-05", "劝导", 300, 120, ""]]
    header = table_header(rows)
    assert header is not None
    assert (header.top, header.last) == (1, 2)
    assert header.columns == {1: "date", 2: "title", 3: "发放资料", 4: "受教育群众", 5: "备注"}


def test_a_sub_header_found_first_reaches_up_to_its_group_row() -> None:
    rows = [
        ["台账"] * 4,
        ["序号", "活动情况", "活动情况", "备注"],
        ["序号", "日期", "名称", "备注"],
        [1, "2022-01-01", "a", ""],
    ]
    header = table_header(rows)
    assert header is not None
    assert (header.top, header.last, header.columns) == (1, 2, {1: "date", 2: "title", 3: "备注"})


def test_the_same_sub_name_under_two_groups_is_told_apart() -> None:
    top = ["日期", "参加人数", "参加人数", "志愿者人数", "志愿者人数"]
    names = two_row_names(top, ["日期", "男", "女", "男", "女"])
    assert names == ["日期", "参加人数男", "参加人数女", "志愿者人数男", "志愿者人数女"]


@pytest.mark.parametrize(
    ("top", "sub"),
    [
        (["日期", "活动名称", "备注"], ["2022-03-05", "劝导", "与社区联合"]),  # a data row
        (["日期", "活动名称", None, "备注"], [None, "劝导", "另附", None]),  # an unnamed column
        (["台账"] * 3, ["日期", "活动名称", "备注"]),  # a title over the header
        (["日期", "宣传情况", None], [None, "发放", "受教育"]),  # blank right, no sign of a header
        (["日期", "宣传情况", "宣传情况"], [None, 300, 120]),  # numbers under a group
    ],
    ids=["data-row", "unnamed-column", "title-row", "unmerged-without-sign", "numbers"],
)
def test_rows_that_are_not_a_sub_header(top: list[Any], sub: list[Any]) -> None:
    assert two_row_names(top, sub) is None


def test_a_unit_line_under_the_header_does_not_end_the_table(
    tmp_path: Path, rules: RuleSet
) -> None:
    text = (
        "日期,活动名称,参加人数\n填报单位：兴义市××局,,填报日期：2022年12月30日\n"
        "2022-03-05,文明交通劝导,12\n2022-04-02,普法宣传,10\n填表人：张三,,\n2022-05-01,不计入,1\n"
    )
    evidence = load_folder(tmp_path, rules, {"活动.csv": text})
    assert evidence.problems == []
    assert evidence.warnings == []
    assert [str(r.source) for r in evidence.records] == ["活动.csv:3", "活动.csv:4"]
