"""Ledgers: header rows under titles, units in headers, totals rows, encodings, and bad cells
located by row and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.evidence.columns import BLANK, convert
from checker.evidence.headers import find_header, header_name
from checker.evidence.tables import decode_csv
from checker.evidence.workbooks import ReadAhead, read_sheets
from checker.rules.loader import RuleSet
from conftest import REPO, load_folder

OFFICE = Path(__file__).parent / "fixtures" / "office" / "evidence"


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ("发放资料(份)", "发放资料"),
        ("参与人数\n（人）", "参与人数"),
        (" 日 期 ", "日期"),
        ("金额[元]", "金额"),
        ("（备注）", "（备注）"),
    ],
)
def test_header_names_drop_units_and_spaces(cell: str, name: str) -> None:
    assert header_name(cell) == name


def test_header_is_found_under_title_and_info_rows() -> None:
    rows = [
        ["2022年志愿服务活动台账", "", ""],
        ["填报单位：机关", "", "填报人：张三"],
        ["序号", "活动日期", "活动名称"],
        [1, "2022-03-05", "劝导"],
    ]
    assert find_header(rows) == 2
    roster = [["网格分工表", ""], ["网格", "网格员"], ["一网格", "张三"]]
    assert find_header(roster) == 1
    assert find_header([["只有一个标题"], [""]]) is None


def test_csv_encodings_are_detected_deterministically() -> None:
    text = "日期,标题\n2022-03-08,学习\n"
    assert decode_csv(text.encode("utf-8")) == text
    assert decode_csv(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_csv(text.encode("gbk")) == text
    assert decode_csv(text.encode("gb18030")) == text
    assert decode_csv(text.encode("utf-16")) == text


def test_rows_become_records_with_row_provenance(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "学习会.csv": "2022年学习会登记\n序号,日期,学习内容,参加人数,主讲人\n"
            "1,2022年1月13日,学习党的二十大精神,约40人,张三\n,,,,\n"
            "2,20220217,学习民法典,38,李四\n合 计,,,78,\n",
        },
    )
    assert evidence.problems == []
    first, second = evidence.records
    assert (str(first.source), first.type, first.title) == (
        "学习会.csv:3",
        "学习",
        "学习党的二十大精神",
    )
    assert first.number("participants") == 40
    assert first.fields["主讲人"] == "张三"
    assert str(second.source) == "学习会.csv:5"
    (claim,) = evidence.claims
    assert (claim.field, claim.claimed, claim.itemised, claim.consistent) == (
        "参与人数",
        78,
        78,
        True,
    )


def test_bad_cells_are_located_by_row_and_column(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "台账.csv": "日期,类型,标题,附件\n2022-02-30,活动,a,\n2022-03-01,会义,b,\n"
            ",活动,c,\n2022-03-02,活动,d,没有.jpg；照片.jpg\n",
            "照片.jpg": b"\xff\xd8",
        },
    )
    assert [str(p) for p in evidence.problems] == [
        "ev/台账.csv:2:1: 日期 '2022-02-30' 不是有效日期",
        "ev/台账.csv:3:2: 类型 '会义' 未定义，是否为 '会议'？",
        "ev/台账.csv:5:4: 附件 '没有.jpg' 不存在",
    ]
    # a row without a date is a notice, and not counted
    assert [str(w) for w in evidence.warnings] == ["ev/台账.csv:4:1: 没有日期，未计入"]
    assert [r.title for r in evidence.records] == []


def test_a_ledger_without_a_date_column_is_dated_by_its_name(
    tmp_path: Path, rules: RuleSet
) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "2022-09-01 网格分工表.csv": "网格,网格员\n一网格,张三\n二网格,李四\n",
            "花名册.csv": "姓名,科室\n张三,办公室\n",
        },
    )
    assert [(r.type, str(r.start), r.fields["网格"]) for r in evidence.records] == [
        ("名册", "2022-09-01", "一网格"),
        ("名册", "2022-09-01", "二网格"),
    ]
    assert [str(w) for w in evidence.warnings] == [
        # a list of people is counted as of the day it was exported or registered
        "ev/花名册.csv:1:1: 名册没有日期列，文件名中也没有日期，未计入；名册按导出或登记的那一天"
        "计入，请在文件名前写明导出日期或登记日期（如“2024-12-20 花名册.csv”）"
    ]


def test_type_from_folder_defaults_wins_over_the_title(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "台账/_folder.yaml": "类型: 会议\n",
            "台账/学习会.csv": "学习会登记\n日期,标题\n2022-01-01,x\n",
        },
    )
    assert [r.type for r in evidence.records] == ["会议"]


def test_broken_workbook_is_a_problem_not_a_crash(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(tmp_path, rules, {"坏表.xlsx": b"PK\x03\x04 not really a workbook"})
    (problem,) = evidence.problems
    assert str(problem) == "ev/坏表.xlsx:1:1: 表格文件已损坏或不是 Excel/WPS 表格，无法打开"


def test_the_most_specific_header_wins_whatever_the_column_order(
    tmp_path: Path, rules: RuleSet
) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "会议.csv": "时间,日期,会议名称,内容\n9:30-11:00,2022-03-08,党组会,研究创建工作\n",
        },
    )
    assert evidence.problems == []
    (record,) = evidence.records
    assert (str(record.start), record.title) == ("2022-03-08", "党组会")
    assert record.fields == {"时间": "9:30-11:00", "内容": "研究创建工作"}


def test_a_merged_title_row_is_not_taken_for_the_header() -> None:
    rows = [
        ["网格分工表", "网格分工表", "网格分工表"],
        ["网格", "网格员", "电话"],
        ["一网格", "张三", "1"],
    ]
    assert find_header(rows) == 1


def test_csv_with_nul_bytes_is_a_problem_not_a_crash(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(tmp_path, rules, {"坏.csv": b"\xe6\x97\xa5\xe6\x9c\x9f,x\n\x00\x00,1\n"})
    (problem,) = evidence.problems
    assert (problem.line, problem.column, problem.message[:3]) == (2, 1, "日期 ")


# The rows are converted column by column, each distinct value once: these pin what that
# must not change about reading a row on its own.


def test_values_that_compare_equal_but_differ_are_converted_apart() -> None:
    seen: list[object] = []

    def check(value: object) -> tuple[object, list[str]]:
        seen.append(value)
        return (f"{type(value).__name__}:{value}", [] if value != 2 else ["二"])

    values, problems = convert([True, 1, 1.0, True, 2, "x"], "数量", check)
    assert values == ["bool:True", "int:1", "float:1.0", "bool:True", "int:2", "str:x"]
    assert problems == {4: ["二"]}
    assert len(seen) == 5  # True once, though it appears twice


def test_a_plain_text_column_is_stripped_and_blank_cells_marked() -> None:
    values, problems = convert([" 一网格 ", "", "  ", "二网格"], "网格", lambda v: (v, []))
    assert values == ["一网格", BLANK, BLANK, "二网格"]
    assert problems == {}
    floats, _ = convert([2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], "份数", lambda v: (v, []))
    assert floats == [2, 2.5, 3, 4, 5, 6, 7, 8, 9]
    assert [type(v) for v in floats[:2]] == [int, float]


def test_a_totals_row_is_never_checked_as_a_record(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "活动.csv": "类型,日期,标题,份数\n活动,2022-03-01,a,10\n活动,2022-03-02,b,20\n"
            "合  计,,,30\n活动,2022-04-01,c,5\n总计,,,36\n",
        },
    )
    assert evidence.problems == []
    assert evidence.unusable == []  # 合计 in the type column is not an unknown type
    assert [str(r.source) for r in evidence.records] == ["活动.csv:2", "活动.csv:3", "活动.csv:5"]
    assert [(c.claimed, c.itemised, c.scope) for c in evidence.claims] == [
        (30, 30, "本表第 2—3 行"),
        (36, 5, "本表第 5 行"),
    ]


def test_blank_cells_take_the_folder_defaults(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "台账/_folder.yaml": "类型: 活动\n日期: 2022-06-01\n地点: 机关\n标签: [创文]\n",
            "台账/活动.csv": "日期,标题,地点,标签\n2022-03-01,a,社区,志愿\n,b,,\n",
        },
    )
    assert evidence.problems == []
    first, second = evidence.records
    assert (str(first.start), first.fields["地点"], first.tags) == (
        "2022-03-01",
        "社区",
        ("创文", "志愿"),
    )
    assert (str(second.start), second.fields["地点"], second.tags) == (
        "2022-06-01",
        "机关",
        ("创文",),
    )
    assert second.type == first.type == "活动"


def test_problems_come_in_row_then_column_order(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "台账.csv": "日期,类型,标题,附件\n2022-13-01,活动,a,无.jpg\n2022-13-01,会义,b,\n"
            ",活动,c,\n2022-05-01,活动,d,无.jpg\n",
        },
    )
    assert [(p.line, p.column) for p in evidence.problems] == [
        (2, 1),
        (2, 4),
        (3, 1),
        (3, 2),
        (5, 4),
    ]
    assert [(w.line, w.column) for w in evidence.warnings] == [(4, 1)]  # no date: a notice
    assert evidence.records == []
    # each row left out once, with the type it would have counted for
    assert [(u.source.line, u.type) for u in evidence.unusable] == [
        (2, "活动"),
        (3, "会议"),
        (5, "活动"),
    ]


def test_a_cells_problems_keep_their_order(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path, rules, {"台账.csv": "日期,类型,标题,附件\n2022-05-01,活动,a,甲.jpg;乙.jpg\n"}
    )
    assert [p.message for p in evidence.problems] == [
        "附件 '甲.jpg' 不存在",
        "附件 '乙.jpg' 不存在",
    ]


def test_a_blank_count_column_falls_back_to_counting_the_files(
    tmp_path: Path, rules: RuleSet
) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "台账.csv": "日期,类型,标题,照片数,附件\n2022-03-01,活动,a,,1.jpg;2.jpg\n"
            "2022-03-02,活动,b,5,1.jpg\n",
            "1.jpg": b"\xff\xd8",
            "2.jpg": b"\xff\xd8\xff",
        },
    )
    assert [r.number("照片数") for r in evidence.records] == [2, 5]


def test_a_workbook_read_ahead_is_what_reading_it_gives(tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    (folder / "台账").mkdir(parents=True)
    book = folder / "台账" / "活动.xlsx"
    shutil.copy(OFFICE / "台账" / "2022年志愿服务活动台账.xlsx", book)
    (folder / "台账" / "坏.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    ahead = ReadAhead(folder)
    assert ahead.take(book) == read_sheets(book)
    assert ahead.take(book) is None  # handed out once
    with pytest.raises(Exception) as raised:
        ahead.take(folder / "台账" / "坏.xlsx")
    with pytest.raises(type(raised.value)):
        read_sheets(folder / "台账" / "坏.xlsx")


def test_a_workbook_changed_after_reading_ahead_is_read_again(tmp_path: Path) -> None:
    book = tmp_path / "活动.xlsx"
    shutil.copy(OFFICE / "台账" / "2022年志愿服务活动台账.xlsx", book)
    ahead = ReadAhead(tmp_path)
    ahead.join()
    with book.open("ab") as stream:
        stream.write(b"\0")
    assert ahead.take(book) is None


def test_links_and_refused_files_are_left_to_the_loader(tmp_path: Path) -> None:
    book = tmp_path / "活动.xlsx"
    shutil.copy(OFFICE / "台账" / "2022年志愿服务活动台账.xlsx", book)
    (tmp_path / "链接.xlsx").symlink_to(book)
    ahead = ReadAhead(tmp_path)
    assert ahead.take(tmp_path / "链接.xlsx") is None
    assert ahead.take(book) is not None


def test_totals_rows_as_offices_word_them(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "活动.csv": "类型,日期,标题,份数\n活动,2022-03-01,a,10\n活动,2022-04-02,b,20\n"
            "上半年小计,,,30\n活动,2022-08-01,c,5\n7-12月小计,,,5\n本页合计：,,,35\n",
        },
    )
    assert evidence.problems == []
    assert [r.title for r in evidence.records] == ["a", "b", "c"]
    assert [(c.claimed, c.itemised, c.source.line) for c in evidence.claims] == [
        (30, 30, 4),
        (5, 5, 6),
        (35, 0, 7),  # the rows since the totals row above it: none
    ]


def test_a_day_without_its_year_takes_the_titles_not_the_filling_in_date(
    tmp_path: Path, rules: RuleSet
) -> None:
    """“填报时间：2023年1月” under the title says when the table was filled in."""
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "学习.csv": "2022年中心组学习记录\n填报单位：某局　填报时间：2023年1月\n"
            "日期,类型,学习主题,参会人数\n4月15日,学习,学习二十大精神,全体党员\n",
        },
    )
    (record,) = evidence.records
    assert (str(record.start), record.title) == ("2022-04-15", "学习二十大精神")
    # 参会人数 is the participants column: words there are a notice, located at the cell
    assert [(w.line, w.column) for w in evidence.warnings] == [(4, 4)]


def _encrypted_xls(path: Path) -> None:
    """A BIFF workbook whose second record is FILEPASS, as Excel writes one with a password
    (written by xlwt, then its 2-byte INTERFACEHDR record turned into a 2-byte FILEPASS)."""
    import olefile
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("学习").write(0, 0, "日期")
    book.save(str(path))
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
        offset = 4 + int.from_bytes(stream[2:4], "little")  # the record after the BOF
        assert int.from_bytes(stream[offset + 2 : offset + 4], "little") == 2
        stream[offset : offset + 2] = (0x002F).to_bytes(2, "little")
        ole.write_stream("Workbook", bytes(stream))


def test_a_workbook_with_an_open_password_says_so(tmp_path: Path, rules: RuleSet) -> None:
    root = tmp_path / "ev"
    root.mkdir()
    shutil.copyfile(REPO / "tests" / "fixtures" / "documents" / "加密台账.xlsx", root / "a.xlsx")
    _encrypted_xls(root / "b.xls")
    evidence = load_folder(tmp_path, rules, {})
    assert [str(p) for p in evidence.problems] == [
        f"ev/{name}:1:1: 表格设置了打开密码（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存"
        for name in ("a.xlsx", "b.xls")
    ]


def test_a_note_between_rows_does_not_end_the_table(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "活动.csv": "日期,类型,标题,地点\n2022-01-05,活动,a,社区\n2022-02-05,活动,b,社区\n"
            "说明：3月因疫情暂停活动,,,\n2022-04-05,活动,c,社区\n2022-05-05,活动,d,广场\n"
            "填表人：张三,审核人：李四,,\n注：1.本表每月报送,,,\n2.照片另存,,,\n",
        },
    )
    assert evidence.problems == [] and evidence.warnings == []
    assert [r.title for r in evidence.records] == ["a", "b", "c", "d"]


def test_a_summary_as_of_a_day_is_not_dated_by_it(tmp_path: Path, rules: RuleSet) -> None:
    """“截至2022年12月31日” says when the totals were taken, not when anything happened."""
    evidence = load_folder(
        tmp_path,
        rules,
        {"志愿服务汇总表（截至2022年12月31日）.csv": "活动名称,类型,次数\n周末志愿红,活动,52\n"},
    )
    assert evidence.records == []
    (notice,) = evidence.warnings
    assert "没有日期" in notice.message and "文件名前加" not in notice.message


def test_a_workbook_of_month_sheets_with_days_written_short(tmp_path: Path, rules: RuleSet) -> None:
    """Sheets 1月, 3月 and 一季度 in 2022年志愿服务台账.xlsx: 8日, 8号, 3.8 are days."""
    import openpyxl

    book = openpyxl.Workbook()
    january = book.active
    assert january is not None
    january.title = "1月"
    for sheet, rows in (
        (
            january,
            [["日期", "活动名称", "服务时长（小时）"], ["8日", "清扫", 2], ["15号", "宣传", 3]],
        ),
        (book.create_sheet("3月"), [["日期", "活动名称"], [8, "慰问"]]),
        (book.create_sheet("一季度"), [["日期", "活动名称"], ["2.15", "义诊"], ["8日", "?"]]),
    ):
        for row in rows:
            sheet.append(row)
    root = tmp_path / "ev"
    root.mkdir()
    book.save(root / "2022年志愿服务台账.xlsx")
    evidence = load_folder(tmp_path, rules, {})
    assert sorted((str(r.start), r.title) for r in evidence.records) == [
        ("2022-01-08", "清扫"),
        ("2022-01-15", "宣传"),
        ("2022-02-15", "义诊"),
        ("2022-03-08", "慰问"),
    ]
    (problem,) = evidence.problems  # 一季度 gives no month: 8日 cannot be placed
    assert (problem.line, problem.column) == (3, 1) and "8日" in problem.message


def test_a_totals_row_over_a_row_left_out_is_not_checked(tmp_path: Path, rules: RuleSet) -> None:
    """The 合计 of 1月 is right; one of its rows has an impossible date, so it cannot be
    checked, and no 合计数与明细不符 is claimed; 2月's is checked as usual."""
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "活动.csv": "类型,日期,标题,份数\n活动,2022-01-05,a,10\n活动,2022-01-32,b,20\n"
            "小计,,,30\n活动,2022-02-01,c,5\n合计,,,35\n",
        },
    )
    assert [p.line for p in evidence.problems] == [3]
    assert [(c.source.line, c.claimed, c.itemised) for c in evidence.claims] == [(6, 35, 5)]


@pytest.mark.parametrize("heading", ["佐证", "佐证资料", "活动照片", "现场照片"])
def test_attachment_columns_by_the_names_offices_give_them(
    tmp_path: Path, rules: RuleSet, heading: str
) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "台账.csv": f"日期,类型,标题,{heading}\n2022-03-08,活动,植树,照片/IMG_0003.JPG\n",
            "照片/IMG_0003.JPG": b"\xff\xd8",
        },
    )
    (record,) = [r for r in evidence.records if r.source.file == "台账.csv"]
    assert record.files == ("照片/IMG_0003.JPG",) and record.number("照片数") == 1
