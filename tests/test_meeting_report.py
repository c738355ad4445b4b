"""The party-group meeting report (.docx), the HTML report, and “what changed since last time”
in every human format."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest

from checker.report import FORMATS, RenderOptions
from conftest import REPO, build_case, check_cli, run_cli

HOSTILE = '<script>alert("x")</script> & 学习'

CASE: dict[str, Any] = {
    "unit": {
        "名称": "测试局",
        "评估日期": "2022-12-31",
        "责任科室": {"R2": "综合科", "机关党委": "党总支"},
    },
    "rules": [
        {
            "id": "V1",
            "veto": True,
            "requires": [{"name": "事件", "type": "事件", "max": 0}],
            "guidance": "如实登记。",
            "responsible": "纪检",
        },
        {
            "id": "R1",
            "score": 6,
            "requires": [{"name": "会议", "type": "会议", "min": 2}],
            "guidance": "每年召开两次会议研究创建工作。",
            "responsible": "办公室",
        },
        {
            "id": "R2",
            "score": 4,
            "requires": [{"name": "学习", "type": "学习", "min": 2}],
            "guidance": "每月组织学习。",
            "responsible": "机关党委",
        },
        {"id": "R3", "score": 2, "method": "实地考察", "guidance": "迎检前整理办公环境。"},
    ],
    "records": [
        {"类型": "会议", "日期": "2022-03-01", "标题": "党组会议"},
        {"类型": "学习", "日期": "2022-03-02", "标题": HOSTILE},
        {"类型": "文件", "日期": "2022-03-03", "标题": HOSTILE},  # no 文号: named in a signal
    ],
}


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    build_case(tmp_path, CASE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(*args: str) -> dict[str, Any]:
    result = check_cli("-f", "json", *args)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_docx_reads_back_with_its_problem_list(case: Path) -> None:
    result = check_cli(
        "-f",
        "docx",
        "-o",
        "报告.docx",
        "--deadline",
        "2023-02-15",
    )
    assert result.exit_code == 1, result.output
    document = docx.Document(str(case / "报告.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于测试局创建文明单位自查情况的报告" in text
    assert "测试局党组：" in text
    parts = ["一、基本情况和主要做法", "二、自查得分情况", "三、存在的问题", "四、整改措施"]
    parts += [
        "五、下一步工作",
        "特此报告。",
        "附件：1. 问题清单",
        "测试局\n2022年12月31日",
        "\n附件1\n",
    ]
    places = [text.find(part) for part in parts]
    assert -1 not in places and places == sorted(places), dict(zip(parts, places, strict=True))
    problems = document.tables[1]
    header = [cell.text for cell in problems.rows[0].cells]
    assert header == ["序号", "测评项目", "存在问题", "整改措施", "责任科室", "完成时限"]
    rows = [[cell.text for cell in row.cells] for row in problems.rows[1:]]
    assert [row[0] for row in rows] == ["1", "2"]
    assert rows[0][1] == "R1 规则R1"  # no status or points syntax in the item
    r2 = next(row for row in rows if row[1].startswith("R2"))
    assert r2[3].endswith("每月组织学习。")
    assert r2[4] == "综合科"  # the unit's own department for R2
    body = text[: text.index("特此报告")]
    assert "“规则R3”" in body  # the on-site item, named in 二
    assert not re.search(r"\d{4}-\d{2}-\d{2}", body)
    assert "类型:" not in text and "类型：" not in text and "补齐" not in text
    assert "迎检前请对照准备" not in text and "records.yaml" not in body
    # the category table's total is the sum of its rows as printed
    scores = document.tables[0]
    earned = sum(float(row.cells[2].text) for row in scores.rows[1:])
    total = re.search(r"合计：满分[\d.]+分，得分([\d.]+)分", text)
    assert total and abs(earned - float(total.group(1))) < 1e-9


def test_docx_is_byte_identical_and_a_unit_template_is_used(case: Path) -> None:
    first = check_cli("-f", "docx", "-o", "a.docx")
    second = check_cli("-f", "docx", "-o", "b.docx")
    assert first.exit_code == second.exit_code == 1
    assert (case / "a.docx").read_bytes() == (case / "b.docx").read_bytes()
    own = docx.Document(str(REPO / "templates" / "meeting.docx"))
    own.paragraphs[0].runs[0].text = "{{ unit.name }}自查报告（本单位样式）"
    own.save(str(case / "我的模板.docx"))
    check_cli(
        "-f",
        "docx",
        "-o",
        "c.docx",
        "--template",
        "我的模板.docx",
    )
    assert docx.Document(str(case / "c.docx")).paragraphs[0].text == "测试局自查报告（本单位样式）"


def test_docx_needs_an_output_file(case: Path) -> None:
    result = check_cli("-f", "docx")
    assert result.exit_code == 2
    assert "请用 --output 指定" in result.stderr


def test_hostile_text_stays_text(case: Path) -> None:
    data = _json()
    html = str(FORMATS["html"].render(data, RenderOptions()))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    markdown = str(FORMATS["markdown"].render(data, RenderOptions()))
    # Markdown viewers show the characters as written, and never take them for HTML
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; 学习' in markdown
    assert "<script>" not in markdown
    check_cli("-f", "docx", "-o", "h.docx")
    document = docx.Document(str(case / "h.docx"))  # still a valid document, text intact
    assert any(HOSTILE in p.text for p in document.paragraphs)


def test_html_is_self_contained_with_a_chart_and_print_styles(case: Path) -> None:
    html = str(FORMATS["html"].render(_json(), RenderOptions(evidence_href="../evidence/")))
    assert "<svg" in html and "分类得分图" in html
    assert "@page" in html and "size: A4" in html and "@media print" in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "<script" not in html and "<link" not in html
    assert 'href="../evidence/records.yaml"' in html


def test_baseline_changes_in_every_human_format(case: Path) -> None:
    check_cli("-f", "json", "-o", "上次.json")
    (case / "evidence" / "records.yaml").write_text(
        "- {类型: 会议, 日期: 2022-03-01}\n- {类型: 会议, 日期: 2022-04-01}\n"
        "- {类型: 学习, 日期: 2022-03-02}\n",
        encoding="utf-8",
    )
    data = _json("--baseline", "上次.json")
    changes = data["changes"]
    assert [(e["rule"], e["points"]) for e in changes["improved"]] == [("R1", 3.0)]
    # before: (3 + 2) / 12 = 41.7; now: (6 + 2) / 12 = 66.7
    assert changes["score_change"] == 25.0
    for name in ("text", "markdown", "html"):
        rendered = str(FORMATS[name].render(data, RenderOptions()))
        assert "较上次自查变化" in rendered
        assert "R1" in rendered and "+3" in rendered
    check_cli(
        "-f",
        "docx",
        "-o",
        "变化.docx",
        "--baseline",
        "上次.json",
    )
    text = "\n".join(p.text for p in docx.Document(str(case / "变化.docx")).paragraphs)
    assert "与上次自查" in text and "五、下一步工作" in text and "六、" not in text
    assert "新达标：R1 规则R1（部分达标→达标，+3分）" in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")
def test_docx_converts_in_libreoffice(tmp_path: Path) -> None:
    previous = Path.cwd()
    try:
        import os

        os.chdir(REPO)
        result = run_cli("check", "-f", "docx", "-o", str(tmp_path / "报告.docx"), "--no-cache")
    finally:
        os.chdir(previous)
    assert result.exit_code == 1  # the report is written; the sample is below the pass line
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "报告.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(tmp_path / "报告.pdf"))
    text = "".join(page.get_textpage().get_text_range() for page in pdf).replace(" ", "")
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert "问题清单" in text and "道德讲堂" in text.replace("\r\n", "")
    assert len(pdf) >= 3
    pages = [
        pdf[i].get_textpage().get_text_range().replace("\r\n", "").replace(" ", "")
        for i in range(len(pdf))
    ]
    assert "关于兴义市人大常委会机关创建文明单位自查情况的报告" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in page, number
    # GB/T 9704's 28 characters a line: full lines of Chinese hold 28 (29 only when a closing
    # punctuation mark hangs at the end, as the line-breaking rules allow)
    lines = [
        line.replace(" ", "")
        for i in range(len(pdf))
        for line in pdf[i].get_textpage().get_text_range().split("\r\n")
    ]
    chinese = [line for line in lines if line and all(ord(c) > 0x2E80 for c in line)]
    assert sum(len(line) == 28 for line in chinese) >= 5
    assert all(len(line) <= 28 or line[-1] in "，。；、：）”" for line in chinese)


def test_a_template_folder_overrides_the_bundled_templates(case: Path) -> None:
    own = case / "模板"
    own.mkdir()
    (own / "report.md.j2").write_text("# 本单位格式：{{ report.unit.name }}\n", encoding="utf-8")
    assert check_cli("-f", "markdown", "--template", "模板").stdout == "# 本单位格式：测试局\n"
    html = check_cli("-f", "html", "--template", "模板").stdout  # not overridden: bundled
    assert html.startswith("<!DOCTYPE html>")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sample_docx(tmp_path: Path) -> docx.document.Document:
    previous = Path.cwd()
    try:
        import os

        os.chdir(REPO)
        result = run_cli("check", "-f", "docx", "-o", str(tmp_path / "报告.docx"), "--no-cache")
    finally:
        os.chdir(previous)
    assert result.exit_code == 1
    return docx.Document(str(tmp_path / "报告.docx"))


def test_docx_layout_follows_gb_t_9704(tmp_path: Path) -> None:
    document = _sample_docx(tmp_path)
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    assert round((section.bottom_margin - section.footer_distance) / 36000) == 7  # mm
    for footer, side, indent in (
        (section.footer, "right", "w:ind"),
        (section.even_page_footer, "left", "w:ind"),
    ):
        para = footer.paragraphs[0]
        assert "".join(t.text or "" for t in para._p.iter(f"{W}t")) == "— 1 —"
        xml = para._p.xml
        assert f'w:jc w:val="{side}"' in xml and indent in xml and 'w:instr="PAGE"' in xml
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}type") in ("lines", "linesAndChars")
    assert grid.get(f"{W}linePitch") == "579" and grid.get(f"{W}charSpace") == "-849"
    normal = document.styles["Normal"].element.find(f"{W}rPr/{W}spacing")
    assert normal.get(f"{W}val") == "-5"  # 16 pt − 0.25 pt: 28 characters fill 156 mm
    styles = document.styles.element.xml
    assert 'w:eastAsia="zh-CN"' in styles and "ja-JP" not in styles
    assert "ja-JP" not in document.settings.element.xml
    core = document.core_properties
    assert core.author == "" and "python-docx" not in (core.comments or "")
    assert not any(r.reltype.endswith("/thumbnail") for r in document.part.package.rels.values())
    title = document.paragraphs[0].text
    assert title == "关于兴义市人大常委会机关\n创建文明单位自查情况的报告"
    headings = [p for p in document.paragraphs if p._p.find(f"{W}pPr/{W}outlineLvl") is not None]
    assert [p.text for p in headings][:5] == [
        "一、基本情况和主要做法",
        "二、自查得分情况",
        "三、存在的问题",
        "四、整改措施",
        "五、下一步工作",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本测评表为参考版" in text  # the sample's rule set is not official
    assert "不补做、不倒签" in text and "补齐" not in text


def test_docx_signature_tables_and_citation(tmp_path: Path) -> None:
    from checker.report.docx import cite

    assert cite("兴义市文明单位管理办法（市文明〔2021〕6号）") == (
        "《兴义市文明单位管理办法》（市文明〔2021〕6号）"
    )
    document = _sample_docx(tmp_path)
    paragraphs = document.paragraphs
    date = next(i for i, p in enumerate(paragraphs) if p.text == "2022年12月31日")
    assert paragraphs[date - 1].text == "兴义市人大常委会机关"
    char = 203200  # 16 pt in EMU
    assert paragraphs[date].paragraph_format.right_indent == 4 * char  # 右空四字
    assert paragraphs[date - 1].paragraph_format.right_indent == int(2.5 * char)  # centred
    problems = document.tables[1]
    assert len(problems.rows) > 10
    for row in problems.rows:
        assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None
    assert problems.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    deadline = problems.rows[1].cells[5]._tc
    assert deadline.find(f"{W}tcPr/{W}noWrap") is not None
