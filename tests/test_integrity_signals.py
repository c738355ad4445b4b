"""Integrity signals inspectors use: topics named before they existed, festival activities far
from their festival, 文号 running backwards, and one title repeated across a month's records.

Evidence is built as offices write it: YAML records, Word notices with the 文号 under the
title, and .xlsx ledgers with a title row and a header row."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from checker.engine.anachronism import ANCHORS_FILE, anchors
from checker.engine.numbering import number_of
from checker.engine.repetition import normalise
from checker.evidence.model import Record, Source
from conftest import build_case, check_cli

RULESET = {
    "evidence_types": {
        "文件": ["通知"],
        "方案": ["计划"],
        "活动": [],
        "学习": [],
        "志愿服务": [],
        "名册": [],
        "照片": [],
    },
    "official_document_types": ["文件", "方案"],
}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _notice(title: str, number: str, *body: str) -> bytes:
    """A Word notice as offices lay it out: title, 文号 on a line of its own, then the body."""
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph(number)
    document.add_paragraph("机关各委室：")
    for paragraph in body:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _ledger(title: str, header: list[str], rows: list[list[Any]]) -> bytes:
    """An .xlsx register: a merged title row, a header row, then one row per activity."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "登记"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: dict[str, Any]) -> Any:
    build_case(
        tmp_path,
        {
            "unit": {"创建起始": "2020-01-01"},
            "rules": [{"id": "R1", "score": 1, "requires": [{"name": "活动", "type": "活动"}]}],
            "ruleset": {**RULESET, "cycle": {"start": "2020-01-01", "end": "2025-12-31"}},
            **case,
        },
    )
    monkeypatch.chdir(tmp_path)
    return json.loads(check_cli("-f", "json", "--as-of", "2025-12-31").stdout)


def _messages(report: Any, kind: str) -> list[str]:
    return [s["message"] for s in report["integrity"] if s["kind"] == kind]


def _activity(day: str, title: str, **fields: Any) -> dict[str, Any]:
    return {"类型": "活动", "日期": day, "标题": title, **fields}


# -- topics named before they existed ------------------------------------------------------


def test_studying_the_congress_before_it_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _check(
        tmp_path,
        monkeypatch,
        {"records": [_activity("2022-09-10", "专题学习党的二十大精神")]},
    )
    assert _messages(report, "anachronism") == [
        "“专题学习党的二十大精神”（records.yaml第1行）日期为 2022年9月10日，标题写有"
        "“专题学习党的二十大精神”，而党的二十大开幕是在 2022年10月16日"
    ]
    assert [s["label"] for s in report["integrity"]] == ["疑似时间倒置"]


@pytest.mark.parametrize(
    ("day", "title"),
    [
        ("2022-09-10", "迎接党的二十大胜利召开主题党日"),
        ("2022-09-10", "喜迎二十大 奋进新征程"),
        ("2022-08-01", "二十大召开前安全稳定工作部署"),
        ("2022-05-20", "党的二十大代表选举工作"),
        ("2022-03-01", "学习贯彻党的十九大精神"),
        ("2022-10-16", "收看党的二十大开幕会"),
        ("2024-07-20", "学习二十届三中全会精神"),
        ("2024-06-28", "迎接二十届三中全会胜利召开"),
        ("2021-11-12", "学习十九届六中全会精神"),
        ("2021-01-10", "2021年工作计划：开展党史学习教育"),
        ("2022-03-01", "全市二十大项重点工程观摩"),
    ],
)
def test_topics_that_could_be_named_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str, title: str
) -> None:
    report = _check(tmp_path, monkeypatch, {"records": [_activity(day, title)]})
    assert _messages(report, "anachronism") == []


@pytest.mark.parametrize(
    ("day", "title", "event"),
    [
        ("2024-07-10", "学习二十届三中全会精神", "党的二十届三中全会开幕是在 2024年7月15日"),
        ("2023-02-01", "学习二十届二中全会精神", "党的二十届二中全会开幕是在 2023年2月26日"),
        ("2021-10-20", "学习十九届六中全会精神", "党的十九届六中全会开幕是在 2021年11月8日"),
        ("2020-12-01", "部署党史学习教育", "党史学习教育开展是在 2021年1月1日"),
        ("2023-12-01", "党纪学习教育读书班", "党纪学习教育开展是在 2024年1月1日"),
    ],
)
def test_other_topics_before_their_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str, title: str, event: str
) -> None:
    report = _check(tmp_path, monkeypatch, {"records": [_activity(day, title)]})
    (message,) = _messages(report, "anachronism")
    assert message.endswith(event)


def test_a_plan_whose_body_names_the_congress_months_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _notice(
        "兴义市某局2022年度教育计划",
        "兴某党〔2022〕3号",
        "将党的二十大精神、习近平新时代中国特色社会主义思想列入年度学习内容。",
    )
    report = _check(
        tmp_path,
        monkeypatch,
        {"records": [], "files": {"计划/2022-02-25 2022年度教育计划.docx": plan}},
    )
    (message,) = _messages(report, "anachronism")
    assert "日期为 2022年2月25日，正文写有“将党的二十大精神”" in message


def test_ledger_rows_naming_the_congress_early_are_one_signal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        [dt.datetime(2022, 1, 13), "党组扩大会议", "学习党的二十大精神", 41],
        [dt.datetime(2022, 2, 17), "干部职工学习会", "学习《宪法》", 36],
        [dt.datetime(2022, 8, 11), "党组扩大会议", "学习党的二十大精神", 40],
        [dt.datetime(2022, 11, 3), "党组扩大会议", "学习党的二十大精神", 42],
    ]
    ledger = _ledger("2022年学习会登记", ["日期", "会议名称", "学习内容", "参加人数"], rows)
    report = _check(
        tmp_path,
        monkeypatch,
        {
            "records": [],
            "files": {"学习/_folder.yaml": "类型: 学习\n", "学习/学习会登记.xlsx": ledger},
        },
    )
    (signal,) = [s for s in report["integrity"] if s["kind"] == "anachronism"]
    assert signal["files"] == ["学习/学习会登记.xlsx"]
    assert signal["message"] == (
        "“党组扩大会议”（学习/学习会登记.xlsx第3行（工作表“登记”））日期为 2022年1月13日，"
        "“学习内容”写有“学习党的二十大精神”，而党的二十大开幕是在 2022年10月16日；"
        "同一文件中还有第 5 行（2022年8月11日）"
    )


# -- festivals far from their date ----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "title", "says"),
    [
        ("2022-08-01", "中秋节慰问活动", "离中秋节（2022年9月10日）还有 40 天"),
        ("2022-07-20", "端午节包粽子活动", "离端午节（2022年6月3日）已过 47 天"),
        ("2023-11-20", "重阳节敬老活动", "离重阳节（2023年10月23日）已过 28 天"),
        ("2022-05-01", "学雷锋日志愿服务", "离学雷锋纪念日（2022年3月5日）已过 57 天"),
        ("2022-11-01", "国际志愿者日宣传", "离国际志愿者日（2022年12月5日）还有 34 天"),
    ],
)
def test_festival_activities_far_from_the_festival(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str, title: str, says: str
) -> None:
    report = _check(tmp_path, monkeypatch, {"records": [_activity(day, title)]})
    (message,) = _messages(report, "anachronism")
    assert message.endswith(says)
    assert not _ISO.search(message.split("）", 1)[1])  # dates as people write them


@pytest.mark.parametrize(
    ("day", "title"),
    [
        ("2022-09-05", "中秋节慰问活动"),  # five days early
        ("2022-06-02", "我们的节日·端午 包粽子送社区老人"),
        ("2022-01-20", "元旦春节走访慰问困难党员"),  # far from 元旦, near 春节
        ("2022-03-25", "学雷锋活动月志愿服务"),  # March is 学雷锋 month
        ("2022-06-10", "庆祝七一建党节主题党日"),
        ("2022-09-01", "学习七一勋章获得者先进事迹"),
        ("2022-10-20", "中秋国庆活动总结"),  # a summary is written afterwards
        ("2036-06-01", "端午节包粽子活动"),  # beyond the table: not judged
        ("2022-02-25", "第二十五一线工作法交流"),  # 五一 inside a longer numeral
    ],
)
def test_festival_activities_near_the_festival(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str, title: str
) -> None:
    report = _check(tmp_path, monkeypatch, {"records": [_activity(day, title)]})
    assert _messages(report, "anachronism") == []


def test_a_notice_about_a_festival_is_written_weeks_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = {"类型": "文件", "日期": "2022-12-20", "标题": "关于做好2023年春节期间有关工作的通知"}
    record["文号"] = "兴某办发〔2022〕30号"
    report = _check(tmp_path, monkeypatch, {"records": [record]})
    assert _messages(report, "anachronism") == []


def test_lunar_festival_dates_agree_with_the_lunar_calendar() -> None:
    import lunardate  # a test dependency: the table is checked, never skipped

    days = {"春节": (1, 1), "元宵节": (1, 15), "端午节": (5, 5), "七夕节": (7, 7)}
    days |= {"中秋节": (8, 15), "重阳节": (9, 9)}
    table = {a.name: a for a in anchors().festivals.by_spelling.values()}
    for name, (month, day) in days.items():
        for year in range(2020, 2036):
            expected = lunardate.LunarDate(year, month, day).to_solar_date()
            assert table[name].on(year) == expected, (name, year)


def test_qingming_falls_on_the_fourth_or_fifth_of_april() -> None:
    table = {a.name: a for a in anchors().festivals.by_spelling.values()}
    dates = [table["清明节"].on(year) for year in range(2020, 2036)]
    assert all(d is not None and (d.month, d.day) in ((4, 4), (4, 5)) for d in dates)


def test_the_anchor_table_ships_inside_the_package() -> None:
    import checker

    assert ANCHORS_FILE.parent.is_relative_to(Path(checker.__file__).parent)
    assert ANCHORS_FILE.is_file()


# -- 文号 running backwards -------------------------------------------------------------------


def _documents(numbers: dict[str, tuple[str, str]]) -> dict[str, bytes | str]:
    """Notices in 文件/, each ``file name → (文号, body)``, with the folder's type."""
    files: dict[str, bytes | str] = {"文件/_folder.yaml": "类型: 文件\n"}
    for name, (number, body) in numbers.items():
        files[f"文件/{name}.docx"] = _notice(name.split(" ", 1)[1], number, body)
    return files


def test_a_lower_number_dated_after_a_higher_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _documents(
        {
            "2022-03-01 关于成立志愿服务队的通知": (
                "兴人常机党〔2022〕4号",
                "为深入开展志愿服务活动。",
            ),
            "2022-04-08 关于成立帮扶工作组的通知": (
                "兴人常机党〔2022〕7号",
                "为持续落实帮扶工作。",
            ),
            "2022-04-06 关于印发学习制度的通知": ("兴人常机党〔2022〕8号", "为加强学习。"),
        }
    )
    report = _check(tmp_path, monkeypatch, {"records": [], "files": files})
    (signal,) = [s for s in report["integrity"] if s["kind"] == "document_order"]
    assert signal["label"] == "文号顺序异常"
    assert signal["files"] == [
        "文件/2022-04-06 关于印发学习制度的通知.docx",
        "文件/2022-04-08 关于成立帮扶工作组的通知.docx",
    ]
    assert signal["message"] == (
        "兴人常机党〔2022〕7号“关于成立帮扶工作组的通知”（文件/2022-04-08 关于成立帮扶工作组的通知.docx，"
        "2022年4月8日） 的文号较小，日期却晚于文号较大的 兴人常机党〔2022〕8号“关于印发学习制度的通知”"
        "（文件/2022-04-06 关于印发学习制度的通知.docx，2022年4月6日）：同一机关代字同一年的文号应按发文先后编号"
    )


def test_numbers_in_order_and_two_offices_codes_are_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _documents(
        {
            "2022-02-25 关于印发教育计划的通知": ("兴人常机党〔2022〕3号", "列入年度学习内容。"),
            "2022-03-15 关于调整领导小组的通知": (
                "兴人常机党〔2022〕5号",
                "根据市文明〔2022〕9号文件精神，调整领导小组。",
            ),
            "2022-03-15 关于调整联络员的通知": ("兴人常机党〔2022〕6号", "调整联络员。"),
            # another code of the same office: its own sequence
            "2022-01-05 关于印发工作要点的通知": ("兴人常发〔2022〕8号", "印发工作要点。"),
            # a new year starts again at 1
            "2023-01-10 关于印发2023年工作要点的通知": ("兴人常机党〔2023〕1号", "印发。"),
        }
    )
    report = _check(tmp_path, monkeypatch, {"records": [], "files": files})
    assert _messages(report, "document_order") == []


def test_each_inversion_is_named_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """3 (2月1日), 4 (5月1日), 5 (3月1日), 6 (6月1日): only 4 stands out of order."""
    records = [
        {"类型": "文件", "日期": day, "标题": f"通知{n}", "文号": f"兴某发〔2022〕{n}号"}
        for n, day in [(3, "2022-02-01"), (4, "2022-05-01"), (5, "2022-03-01"), (6, "2022-06-01")]
    ]
    report = _check(tmp_path, monkeypatch, {"records": records})
    (message,) = _messages(report, "document_order")
    assert message.startswith("兴某发〔2022〕4号“通知4”（records.yaml第")
    assert "兴某发〔2022〕5号“通知5”" in message


def test_one_number_on_two_different_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        {
            "类型": "文件",
            "日期": "2022-03-01",
            "标题": "关于成立领导小组的通知",
            "文号": "兴某发〔2022〕5号",
        },
        {
            "类型": "文件",
            "日期": "2022-03-09",
            "标题": "关于开展志愿服务的通知",
            "文号": "兴某发〔2022〕5号",
        },
        # the same notice filed twice (Word and PDF) is one document
        {
            "类型": "文件",
            "日期": "2022-04-01",
            "标题": "关于表彰的通知",
            "文号": "兴某发〔2022〕6号",
        },
        {
            "类型": "文件",
            "日期": "2022-04-01",
            "标题": "关于表彰的通知",
            "文号": "兴某发〔2022〕6号",
        },
    ]
    report = _check(tmp_path, monkeypatch, {"records": records})
    assert _messages(report, "document_order") == [
        "文号 兴某发〔2022〕5号 用在了 2 份不同的文件上：兴某发〔2022〕5号“关于成立领导小组的通知”"
        "（records.yaml第1行，2022年3月1日）、兴某发〔2022〕5号“关于开展志愿服务的通知”（records.yaml第5行，"
        "2022年3月9日）；同一机关代字同一年的文号不应重复"
    ]


def test_the_number_heading_a_line_is_the_documents_own() -> None:
    body = "关于调整领导小组的通知\n根据市文明〔2021〕6号文件精神\n兴人常机党〔2022〕5号　签发人：张三\n各委室："
    record = Record(
        Source("a.md"), "文件", "关于调整领导小组的通知", dt.date(2022, 3, 1), text=body
    )
    found = number_of(record, lambda name: None)
    assert found is not None and str(found) == "兴人常机党〔2022〕5号"
    cited_only = record._replace(text="根据市文明〔2021〕6号文件精神，决定：")
    found = number_of(cited_only, lambda name: None)
    assert found is not None and (found.year, found.number) == (2021, 6)


# -- one title repeated across a month -------------------------------------------------------


def test_four_identical_records_in_a_month(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = [
        _activity(f"2022-03-{day:02d}", f"第{n}次周末志愿服务", 地点="栗坪社区", 参与人数=12)
        for n, day in enumerate([5, 12, 19, 26], start=1)
    ]
    records.append(_activity("2022-04-02", "第5次周末志愿服务", 地点="栗坪社区", 参与人数=12))
    report = _check(tmp_path, monkeypatch, {"records": records})
    (signal,) = [s for s in report["integrity"] if s["kind"] == "repeated_title"]
    assert signal["label"] == "疑似凑数"
    assert signal["files"] == ["records.yaml"]
    assert signal["message"] == (
        "2022年3月有 4 条活动记录标题同为“第1次周末志愿服务”，内容相同（“参与人数”“地点”各项也相同）："
        "records.yaml第1行（2022年3月5日）、records.yaml第6行（2022年3月12日）、records.yaml第11行（2022年3月19日）、"
        "records.yaml第16行（2022年3月26日）；请核实是否确为不同的活动"
    )


def test_a_weekly_volunteer_ledger_with_its_own_details_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saturdays = [dt.datetime(2022, 10, d) for d in (1, 8, 15, 22, 29)]
    places = ["栗坪社区", "洒金街道", "栗坪社区", "黄草街道", "栗坪社区"]
    rows = [
        [n, day, "周末志愿服务", place, 9 + n]
        for n, (day, place) in enumerate(zip(saturdays, places, strict=True), start=1)
    ]
    header = ["序号", "日期", "活动名称", "服务地点", "参与人数"]
    ledger = _ledger("2022年志愿服务活动台账", header, rows)
    files = {"志愿/_folder.yaml": "类型: 志愿服务\n", "志愿/志愿服务台账.xlsx": ledger}
    report = _check(tmp_path, monkeypatch, {"records": [], "files": files})
    assert _messages(report, "repeated_title") == []


def test_identical_ledger_rows_differing_only_in_row_number_and_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    days = [dt.datetime(2022, 4, d) for d in (2, 6, 11, 16, 20)]
    rows = [
        [n, day, "“4·15”全民国家安全教育日宣传", "黄草街道", 40] for n, day in enumerate(days, 1)
    ]
    ledger = _ledger(
        "2022年普法宣传活动登记表", ["序号", "日期", "活动名称", "地点", "发放资料（份）"], rows
    )
    files = {"普法/_folder.yaml": "类型: 活动\n", "普法/普法宣传登记.xlsx": ledger}
    report = _check(tmp_path, monkeypatch, {"records": [], "files": files})
    (message,) = _messages(report, "repeated_title")
    assert message.startswith("2022年4月有 5 条活动记录标题同为““4·15”全民国家安全教育日宣传”")
    assert "普法/普法宣传登记.xlsx第3行（工作表“登记”）（2022年4月2日）" in message


@pytest.mark.parametrize(
    "records",
    [
        # three are not many
        [_activity(f"2022-03-0{d}", "周末志愿服务", 参与人数=12) for d in (5, 6, 7)],
        # four, but across two months
        [
            _activity(day, "周末志愿服务", 参与人数=12)
            for day in ("2022-03-26", "2022-03-27", "2022-04-02", "2022-04-09")
        ],
        # four of one day with different numbers of people: four sessions
        [_activity("2022-03-05", "周末志愿服务", 参与人数=n) for n in (8, 9, 10, 11)],
        # four with one title but of two types
        [
            {**_activity(f"2022-03-0{d}", "周末志愿服务"), "类型": t}
            for d, t in [(1, "活动"), (2, "学习"), (3, "活动"), (4, "学习")]
        ],
    ],
    ids=["three", "two-months", "different-details", "two-types"],
)
def test_repeated_titles_that_are_not_flagged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: list[dict[str, Any]]
) -> None:
    report = _check(tmp_path, monkeypatch, {"records": records})
    assert _messages(report, "repeated_title") == []


def test_a_roster_without_titles_is_not_repetition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [[f"干部{n:02d}", "办公室", "队员", f"1390000000{n}"] for n in range(1, 7)]
    roster = _ledger("志愿服务队队员名册", ["姓名", "科室", "职务", "联系电话"], rows)
    files = {"名册/_folder.yaml": "类型: 名册\n", "名册/2022-03-01 队员名册.xlsx": roster}
    report = _check(tmp_path, monkeypatch, {"records": [], "files": files})
    assert _messages(report, "repeated_title") == []


@pytest.mark.parametrize(
    ("title", "normalised"),
    [
        ("第3次周末志愿服务（2022年3月5日）", "周末志愿服务"),
        ("“4·15”全民国家安全教育日宣传（一）", "全民国家安全教育日宣传"),
        ("市人大常委会机关1月文明创建工作动态", "市人大常委会机关文明创建工作动态"),
        ("2022年十二月份干部职工学习会", "干部职工学习会"),
        ("第十二期道德讲堂", "道德讲堂"),
    ],
)
def test_titles_are_compared_without_dates_numbers_and_punctuation(
    title: str, normalised: str
) -> None:
    assert normalise(title) == normalised


def test_tags_and_attached_documents_are_read_and_the_end_date_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = _notice("学习笔记", "", "深入学习二十届三中全会精神。")
    records = [
        {**_activity("2024-06-20", "专题学习", 附件="笔记.docx")},
        # a series running into the plenum's days may well name it
        {
            "类型": "活动",
            "开始日期": "2024-07-01",
            "结束日期": "2024-07-31",
            "标题": "学习二十届三中全会精神系列活动",
        },
    ]
    tagged = "类型: 活动\n日期: 2024-06-21\n标题: 主题党日\n标签: [二十届三中全会]\n"
    files = {"笔记.docx": notes, "党日.yaml": tagged}
    report = _check(tmp_path, monkeypatch, {"records": records, "files": files})
    messages = _messages(report, "anachronism")
    assert sorted(m.split("，")[1] for m in messages) == [
        "标签写有“二十届三中全会”",
        "笔记.docx 的正文写有“深入学习二十届三中全会精神”",
    ]


def test_official_documents_are_not_festival_activities(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = {
        "类型": "文件",
        "日期": "2022-08-01",
        "标题": "中秋节走访慰问",
        "文号": "兴某发〔2022〕9号",
    }
    report = _check(tmp_path, monkeypatch, {"records": [record]})
    assert _messages(report, "anachronism") == []


def test_photos_and_different_attachments_do_not_tell_records_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four photos of one activity are one activity; four identical records each with a photo
    of its own are still alike."""
    days = ["2022-03-05", "2022-03-12", "2022-03-19", "2022-03-26"]
    files: dict[str, bytes | str] = {
        f"照片/{day} 周末志愿服务-1.jpg": b"\xff\xd8\xff" + day.encode() for day in days
    }
    files["照片/_folder.yaml"] = "类型: 照片\n"
    records = [
        _activity(day, "周末志愿服务", 参与人数=12, 附件=f"照片/{day} 周末志愿服务-1.jpg")
        for day in days
    ]
    report = _check(tmp_path, monkeypatch, {"records": records, "files": files})
    (signal,) = [s for s in report["integrity"] if s["kind"] == "repeated_title"]
    assert signal["files"] == ["records.yaml"]


def test_official_documents_are_not_counted_as_repetition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        {
            "类型": "文件",
            "日期": f"2022-03-0{d}",
            "标题": "转发通知",
            "文号": f"兴某发〔2022〕{d}号",
        }
        for d in (1, 2, 3, 4)
    ]
    report = _check(tmp_path, monkeypatch, {"records": records})
    assert _messages(report, "repeated_title") == []
