"""Ledgers: header rows under titles, units in headers, totals rows, encodings, and bad cells
located by row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.evidence.ledgers import decode_csv, find_header, header_name
from checker.rules.loader import RuleSet
from conftest import load_folder


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
        "ev/台账.csv:4:1: 缺少日期",
        "ev/台账.csv:5:4: 附件 '没有.jpg' 不存在",
    ]


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
    assert [w.message for w in evidence.warnings] == [
        "表中没有日期列，文件名中也没有日期，未计入；请加“日期”列或在文件名前加日期"
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
    assert str(problem).startswith("ev/坏表.xlsx:1:1: 无法读取表格（文件损坏或已加密？）")


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
