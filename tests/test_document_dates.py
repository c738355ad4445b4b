"""Documents named as offices name them (文号 and title, no date) are dated by their 落款, and
typed by their title when no ``_folder.yaml`` types them (evidence/files.py, docdates.py)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from checker.evidence.docdates import signed_on, title_line, written_on
from checker.evidence.loader import Evidence
from checker.rules.loader import RuleSet
from conftest import load_folder

FIXTURES = Path(__file__).parent / "fixtures" / "documents"

UNIT = "兴义市某某局"
FS = "\u3000"


def _official(title: str, body: list[str], date_line: str, *, wenhao: str = "") -> bytes:
    """A red-header document as offices type it: the issuing organ's 文件 line in red, the
    文号, a red rule, the title, the body, the 落款 (unit, then date) and a 抄送 line."""
    doc = Document()
    if wenhao:
        head = doc.add_paragraph()
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = head.add_run(f"{UNIT}文件")
        run.font.size, run.font.color.rgb = Pt(36), RGBColor(0xC0, 0, 0)
        doc.add_paragraph(wenhao).alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.add_paragraph("━" * 22)
    doc.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("局机关各科室：")
    for text in body:
        doc.add_paragraph(FS * 2 + text)
    for text in (UNIT, date_line):
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("抄送：市文明办。")
    stream = io.BytesIO()
    doc.save(stream)
    return stream.getvalue()


def _by_file(evidence: Evidence) -> dict[str, tuple[str | None, dt.date | None]]:
    return {record.files[0]: (record.type, record.start) for record in evidence.records}


GROUP = "兴某发〔2024〕3号 关于成立创建文明单位工作领导小组的通知.docx"
POINTS = "兴义市某某局2024年工作要点.docx"


def test_a_red_header_document_is_dated_by_its_sign_off(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            f"一、组织领导/{GROUP}": _official(
                "关于成立创建文明单位工作领导小组的通知",
                ["经局党组研究，决定成立领导小组。", f"组{FS}长：张{FS}伟{FS}局党组书记、局长"],
                "2024年1月10日",
                wenhao="兴某发〔2024〕3号",
            ),
            f"一、组织领导/{POINTS}": _official(
                f"{UNIT}2024年工作要点", ["（七）深入开展文明单位创建。"], "二〇二四年二月二十日"
            ),
        },
    )
    found = _by_file(evidence)
    assert found[f"一、组织领导/{GROUP}"] == ("文件", dt.date(2024, 1, 10))
    # the 要点's type is not in the test set's aliases: dated, left untyped
    assert found[f"一、组织领导/{POINTS}"] == (None, dt.date(2024, 2, 20))
    record = next(r for r in evidence.records if r.files[0].endswith(GROUP))
    assert record.title == "兴某发〔2024〕3号 关于成立创建文明单位工作领导小组的通知"
    assert record.fields["日期来源"] == "正文"
    assert evidence.warnings == []


def test_a_pdf_sign_off_in_mid_page_before_the_copy_line(tmp_path: Path, rules: RuleSet) -> None:
    # made with reportlab in a CJK font by tests/fixtures/documents/make_fixtures.py
    pdf = (FIXTURES / "目标考核结果通报.pdf").read_bytes()
    evidence = load_folder(tmp_path, rules, {"2023年度目标考核结果通报（市目标办）.pdf": pdf})
    # 通报 announces as a 通知 does; the 印发 line is not the 成文日期
    assert list(_by_file(evidence).values()) == [("文件", dt.date(2024, 3, 28))]


def test_the_folder_type_wins_and_a_title_line_types_a_bare_name(
    tmp_path: Path, rules: RuleSet
) -> None:
    minutes = _official("中共兴义市某某局党组会议纪要", ["研究精神文明建设工作。"], "2024年3月12日")
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "台账/_folder.yaml": "类型: 学习\n",
            "台账/关于开展集中学习的通知.docx": _official("通知", ["学习。"], "2024年5月6日"),
            "纪要/第3期.docx": minutes,
        },
    )
    found = _by_file(evidence)
    assert found["台账/关于开展集中学习的通知.docx"] == ("学习", dt.date(2024, 5, 6))
    assert found["纪要/第3期.docx"] == ("会议", dt.date(2024, 3, 12))


def test_undated_documents_are_left_out_with_a_notice_wherever_they_are(
    tmp_path: Path, rules: RuleSet
) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "道德讲堂（诚实守信）.docx": _official("道德讲堂", ["唱歌曲。"], "（盖章）"),
            "说明.txt": "没有日期的说明。\n",
            "README.md": "# 收集说明\n\n2024年1月1日\n",
        },
    )
    assert evidence.records == []
    messages = {problem.file: problem.message for problem in evidence.warnings}
    assert set(messages) == {"ev/道德讲堂（诚实守信）.docx", "ev/说明.txt"}
    assert "正文末尾也没有落款的成文日期" in messages["ev/说明.txt"]
    assert "“2024-01-10 道德讲堂（诚实守信）.docx”" in messages["ev/道德讲堂（诚实守信）.docx"]


def test_an_unreadable_document_says_why_it_has_no_date(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(tmp_path, rules, {"关于成立领导小组的通知.docx": b"not a zip"})
    [notice] = evidence.warnings
    assert notice.message.startswith("文件名没有日期，正文无法读取（")


def test_photos_without_a_folder_type_are_photos(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(tmp_path, rules, {"IMG_20240305_093512.jpg": b"\xff\xd8\xff"})
    assert list(_by_file(evidence).values()) == [("照片", dt.date(2024, 3, 5))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"正文。\n{UNIT}\n2024年1月10日\n抄送：市文明办。", dt.date(2024, 1, 10)),
        ("正文。\n二〇二四年一月十日", dt.date(2024, 1, 10)),
        (f"正文。\n{UNIT}{FS}２０２４年１２月１６日", dt.date(2024, 12, 16)),
        ("正文。\n（2024年1月10日）\n（此件公开发布）", dt.date(2024, 1, 10)),
        ("附件：名单\n2024年2月26日\n附件\n名单 2024年3月1日起执行。", dt.date(2024, 2, 26)),
        ("公示期：2024年12月16日至12月20日。", None),  # a fact in the body
        ("2024年1月10日，局长主持召开会议。", None),
        ("正文\n2024年2月30日", None),  # not a day: no date trusted
        ("正文\n2024年1月", None),
    ],
)
def test_signed_on(text: str, expected: dt.date | None) -> None:
    assert signed_on(text) == expected


def test_a_record_is_dated_by_its_labelled_time_line() -> None:
    text = "道德讲堂活动记录\n时间：2024年11月26日上午9:30　地点：局四楼道德讲堂\n唱歌曲"
    assert written_on(text) == dt.date(2024, 11, 26)
    assert written_on("会议时间: 二〇二四年三月十二日\n议题") == dt.date(2024, 3, 12)
    assert written_on("标题\n正文写于2024年3月12日：见附件") is None


def test_title_line_skips_the_red_header() -> None:
    text = f"{UNIT}文件\n兴某发〔2024〕3号\n━━━━\n关于成立领导小组的通知\n各科室："
    assert title_line(text) == "关于成立领导小组的通知"


def test_attachments_after_the_sign_off_do_not_date_the_document() -> None:
    # a sign-in sheet printed after the 落款 carries the day it was used, not the 成文日期
    text = "关于开展活动的通知\n正文。\n附件：签到表\n兴义市某某局\n2022年2月28日\n附件\n签到表\n2024年3月5日"
    assert signed_on(text) == dt.date(2022, 2, 28)
    assert signed_on("正文\n附件1\n2024年3月5日") == dt.date(2024, 3, 5)  # nothing before it


def test_title_line_skips_a_document_number_beside_its_signer() -> None:
    text = "兴某发〔2024〕3号　　　　签发人：张三\n关于成立领导小组的通知\n各科室："
    assert title_line(text) == "关于成立领导小组的通知"
