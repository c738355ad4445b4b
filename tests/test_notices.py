"""Problems and notices (SPEC): what is certainly wrong is a problem and its record is left out;
office wording a person reads fine is a notice and its record counts where it can."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from checker.evidence.loader import Evidence, load_evidence
from checker.rules.loader import load_ruleset
from conftest import build_case, check_cli, run_cli

RULES = [
    {"id": "R1", "score": 4, "requires": [{"name": "会议", "type": "会议", "min": 2}]},
    {
        "id": "R2",
        "score": 4,
        "requires": [{"name": "宣传资料", "type": "活动", "sum": "发放资料", "min": 100}],
    },
    {"id": "R3", "score": 2, "requires": [{"name": "学习", "type": "学习"}]},
]


def _case(tmp_path: Path, files: dict[str, Any], records: list[Any] | None = None) -> Path:
    _rules, evidence_dir = build_case(
        tmp_path, {"rules": RULES, "records": records or [], "files": files}
    )
    return evidence_dir


def _load(tmp_path: Path, evidence_dir: Path) -> Evidence:
    return load_evidence(evidence_dir, load_ruleset(tmp_path / "rules"), "evidence")


def _report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, Any]:
    monkeypatch.chdir(tmp_path)
    result = check_cli("-f", "json", "--as-of", "2022-12-31", *args)
    return result.exit_code, json.loads(result.stdout)


def test_participants_in_words_still_count_as_a_meeting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _case(
        tmp_path,
        {
            "a.yaml": "类型: 会议\n日期: 2022-03-01\n参加人数: 全体干部职工\n",
            "b.yaml": "类型: 会议\n日期: 2022-04-01\n参与人数: 班子成员7人\n",
        },
    )
    evidence = _load(tmp_path, tmp_path / "evidence")
    assert evidence.problems == []
    assert [str(w) for w in evidence.warnings] == [
        "evidence/a.yaml:3:7: 参与人数“全体干部职工”没有写明人数，按人数不详计入（记录照常计入）"
    ]
    counts = {r.source.file: r.number("参与人数") for r in evidence.records}
    assert counts == {"a.yaml": None, "b.yaml": 7}  # unknown; the number after the words
    code, report = _report(tmp_path, monkeypatch)
    assert code != 2  # a notice never exits 2
    statuses = {r["rule"]: r["status"] for r in report["results"]}
    assert statuses["R1"] == "pass"  # both meetings count
    assert report["warnings"][0]["line"] == 3


def test_a_misspelt_key_is_a_problem_naming_the_key_it_resembles(tmp_path: Path) -> None:
    _case(
        tmp_path,
        {
            "a.yaml": "类型: 会议\n日期: 2022-03-01\n标提: 党组会议\n",
            # keys of their own, however close in writing: 类别/类型, 主题/标题 sound different
            "b.yaml": "类型: 会议\n日期: 2022-04-01\n类别: 专题\n主题: 学习\n地点: 会议室\n",
            # a field the rules add up, misspelt the way a pinyin input method does
            "c.yaml": "类型: 活动\n日期: 2022-04-01\n法放资料: 200\n",
        },
    )
    evidence = _load(tmp_path, tmp_path / "evidence")
    assert [str(p) for p in evidence.problems] == [
        "evidence/a.yaml:3:1: 未知的键 '标提'，是否为 '标题'？",
        "evidence/c.yaml:3:1: 未知的键 '法放资料'，是否为 '发放资料'？",
    ]
    assert [r.source.file for r in evidence.records] == ["b.yaml"]
    (record,) = evidence.records
    assert (record.fields["类别"], record.fields["主题"]) == ("专题", "学习")


def test_a_value_that_is_not_a_number_in_a_summed_field_is_a_notice(tmp_path: Path) -> None:
    _case(
        tmp_path,
        {
            "a.yaml": "- {类型: 活动, 日期: 2022-03-01, 发放资料: 见附件}\n"
            "- {类型: 活动, 日期: 2022-03-02, 发放资料: 二百余份}\n",
        },
    )
    evidence = _load(tmp_path, tmp_path / "evidence")
    assert evidence.problems == []
    assert [str(w) for w in evidence.warnings] == [
        "evidence/a.yaml:1:34: “发放资料”的值“见附件”不是数字，不计入合计"
    ]
    assert [r.number("发放资料") for r in evidence.records] == [None, 200]


def _ledger(path: Path, rows: list[list[Any]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "宣传活动"
    sheet.append(["2022年法治宣传活动台账"])
    sheet.merge_cells("A1:E1")
    sheet.append(["日期", "活动名称", "发放资料（份）", "佐证材料", "类型"])
    for row in rows:
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def test_ledger_notices_are_one_per_column_and_wording(tmp_path: Path) -> None:
    evidence_dir = _case(tmp_path, {"照片/2022-03-05 宣传.jpg": b"\xff\xd8"})
    _ledger(
        evidence_dir / "宣传台账.xlsx",
        [
            ["2022-03-05", "三八普法", 120, "照片/2022-03-05 宣传.jpg", "活动"],
            ["2022-04-05", "禁毒宣传", "见附件", "照片3张、签到表1份", "活动"],
            ["2022-05-05", "反诈宣传", 80, "照片3张、签到表1份", "活动"],
            [None, "社区宣讲", 30, None, "活动"],
            ["2022-06-05", "扫黑宣传", 50, "现场照片.jpg", "活动"],
        ],
    )
    evidence = _load(tmp_path, evidence_dir)
    # the missing photo is a problem: its row is left out
    assert [str(p) for p in evidence.problems] == [
        "evidence/宣传台账.xlsx:7:4: 工作表“宣传活动”：附件 '现场照片.jpg' 不存在"
    ]
    assert [str(w) for w in evidence.warnings] == [
        "evidence/宣传台账.xlsx:4:3: 工作表“宣传活动”：“发放资料”的值“见附件”不是数字，不计入合计",
        "evidence/宣传台账.xlsx:4:4: 工作表“宣传活动”：“照片3张、签到表1份”是文字说明，不是文件名，"
        "未关联到文件；记录照常计入（共 2 行：第 4—5 行）",
        "evidence/宣传台账.xlsx:6:1: 工作表“宣传活动”：没有日期，未计入",
    ]
    assert [(r.source.line, r.files) for r in evidence.records] == [
        (3, ("照片/2022-03-05 宣传.jpg",)),
        (4, ()),
        (5, ()),
    ]
    assert [str(u.source) for u in evidence.unusable] == ["宣传台账.xlsx:7（工作表 宣传活动）"]


def test_attachments_named_several_ways(tmp_path: Path) -> None:
    evidence_dir = _case(
        tmp_path,
        {
            "2022-03-08 签到表.pdf": b"%PDF-1.4",
            "2022-03-08 现场照片.jpg": b"\xff\xd8",
            "a.yaml": "类型: 会议\n日期: 2022-03-08\n"
            "附件: 2022-03-08 签到表.pdf、2022-03-08 现场照片\n",  # the photo without its ending
            "b.yaml": "类型: 会议\n日期: 2022-03-09\n附件: [见附件]\n",
        },
    )
    evidence = _load(tmp_path, evidence_dir)
    assert evidence.problems == []
    by_file = {r.source.file: r.files for r in evidence.records}
    assert by_file["a.yaml"] == ("2022-03-08 签到表.pdf", "2022-03-08 现场照片.jpg")
    assert by_file["b.yaml"] == ()
    assert [str(w) for w in evidence.warnings] == [
        "evidence/b.yaml:3:5: “见附件”是文字说明，不是文件名，未关联到文件；记录照常计入"
    ]


def test_an_empty_record_file_is_a_notice(tmp_path: Path) -> None:
    _case(tmp_path, {"a.yaml": "[]\n", "b.yaml": "# 下半年再补充\n"})
    evidence = _load(tmp_path, tmp_path / "evidence")
    assert evidence.problems == []
    assert [(w.file, w.line) for w in evidence.warnings] == [
        ("evidence/a.yaml", 1),
        ("evidence/b.yaml", 1),
    ]


def test_validate_strict_makes_notices_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _case(tmp_path, {"a.yaml": "类型: 会议\n日期: 2022-03-01\n参与人数: 全体干部职工\n"})
    monkeypatch.chdir(tmp_path)
    relaxed = run_cli("validate", "evidence", "--rules", "rules")
    assert relaxed.exit_code == 0
    assert "提示：evidence/a.yaml:3:7: 参与人数“全体干部职工”" in relaxed.stderr
    strict = run_cli("validate", "evidence", "--rules", "rules", "--strict")
    assert strict.exit_code == 2
    assert strict.stderr.startswith("evidence/a.yaml:3:7: 参与人数“全体干部职工”")
    assert "Traceback" not in strict.output


def test_reports_place_each_notice_at_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clerk finds the row in a long ledger by the place the printed report gives."""
    _case(tmp_path, {"a.yaml": "类型: 会议\n日期: 2022-03-01\n参与人数: 全体干部职工\n"})
    monkeypatch.chdir(tmp_path)
    for name in ("markdown", "html"):
        result = check_cli("-f", name, "--as-of", "2022-12-31")
        assert "evidence/a.yaml:3:7" in result.stdout, name


def test_an_attachment_without_its_extension_finds_its_files_inside_the_folder(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "外部.txt"
    outside.write_text("不属于证据", encoding="utf-8")
    evidence_dir = _case(
        tmp_path,
        {
            "签到表.jpg": b"\xff\xd8",
            "签到表.pdf": b"%PDF-1.4",
            "a.yaml": "类型: 会议\n日期: 2022-03-08\n附件: [签到表, 说明]\n",
        },
    )
    (evidence_dir / "说明.txt").symlink_to(outside)  # a link out of the folder is no evidence
    evidence = _load(tmp_path, evidence_dir)
    (record,) = [r for r in evidence.records if r.source.file == "a.yaml"]
    assert record.files == ("签到表.jpg", "签到表.pdf")  # the sign-in sheet in both forms
    assert [w.message for w in evidence.warnings if w.file == "evidence/a.yaml"] == [
        "“说明”是文字说明，不是文件名，未关联到文件；记录照常计入"
    ]


def test_many_wordings_of_one_notice_in_a_column_are_one_line(tmp_path: Path) -> None:
    """照片1张 … 照片20张 in 佐证材料, each row its own wording: one notice, its rows capped."""
    rows = "".join(f"2022-03-{day:02d},活动,活动{day},照片{day}张\n" for day in range(1, 21))
    rows += "".join(f"2022-04-{day:02d},活动,活动{day},见附件\n" for day in range(1, 3))
    _case(tmp_path, {"台账.csv": "日期,类型,标题,佐证材料\n" + rows})
    evidence = _load(tmp_path, tmp_path / "evidence")
    assert len(evidence.records) == 22
    messages = [(w.line, w.message) for w in evidence.warnings]
    assert messages == [
        (
            2,
            "“照片1张”是文字说明，不是文件名，未关联到文件；记录照常计入（同类写法共 21 种）"
            "（共 22 行：第 2—23 行）",
        )
    ]


def test_row_ranges_are_capped() -> None:
    from checker.evidence.ledgers import row_ranges

    assert row_ranges([4, 5, 6, 9]) == "第 4—6、9 行"
    assert row_ranges(list(range(1, 40, 2))) == "第 1、3、5、7、9、11、13、15 行等"


def test_an_english_key_one_letter_off_is_a_misspelling(tmp_path: Path) -> None:
    _case(tmp_path, {"a.yaml": "type: 会议\ndate: 2022-03-01\ntitel: 党组会议\nnote: 无\n"})
    evidence = _load(tmp_path, tmp_path / "evidence")
    assert [str(p) for p in evidence.problems] == [
        "evidence/a.yaml:3:1: 未知的键 'titel'，是否为 'title'？"
    ]


def test_an_attachment_named_in_another_case_is_found_as_windows_finds_it(
    tmp_path: Path,
) -> None:
    evidence_dir = _case(
        tmp_path,
        {
            "照片/IMG_1236.JPG": b"\xff\xd8",
            "a.yaml": "类型: 会议\n日期: 2022-03-08\n附件: 照片/img_1236.jpg\n",
        },
    )
    evidence = _load(tmp_path, evidence_dir)
    assert evidence.problems == []
    (record,) = [r for r in evidence.records if r.source.file == "a.yaml"]
    assert record.files == ("照片/IMG_1236.JPG",)


def test_none_written_in_a_summed_field_is_no_notice(tmp_path: Path) -> None:
    _case(
        tmp_path,
        {
            "台账.csv": "日期,类型,标题,发放资料\n2022-03-01,活动,a,/\n2022-03-02,活动,b,无\n"
            "2022-03-03,活动,c,—\n2022-03-04,活动,d,若干\n"
        },
    )
    evidence = _load(tmp_path, tmp_path / "evidence")
    assert [(w.line, w.column) for w in evidence.warnings] == [(5, 4)]  # only 若干
    assert [r.number("发放资料") for r in evidence.records] == [None, None, None, None]
