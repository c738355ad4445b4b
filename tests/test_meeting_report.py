"""The party-group meeting report (.docx), the HTML report, and “what changed since last time”
in every human format."""

from __future__ import annotations

import itertools
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
    assert rows[0][1] == "规则R1"  # the title alone: no code, status or points syntax
    r2 = rows[1]
    assert r2[1] == "规则R2"
    assert r2[3].endswith("每月组织学习。")
    assert r2[4] == "综合科"  # the unit's own department for R2
    body = text[: text.index("特此报告")]
    assert "“规则R3”" in body  # the on-site item, named in 二
    assert not re.search(r"\d{4}-\d{2}-\d{2}", body)
    assert "类型:" not in text and "类型：" not in text and "补齐" not in text
    assert "迎检前请对照准备" not in text and "records.yaml" not in body
    # the category table ends in its 合计 row, the sum of the rows as printed
    scores = document.tables[0]
    total = [cell.text for cell in scores.rows[-1].cells]
    assert total[0] == "合计" and "合计：" not in text
    earned = sum(float(row.cells[2].text) for row in scores.rows[1:-1])
    assert abs(earned - float(total[2])) < 1e-9
    # the list is announced with a full stop; what the other annexes hold is a sentence apart
    assert "逐项列出如下（详见附件1）。" in text and "逐项列出如下（详见附件1）：" not in text


def test_docx_annex_3_starts_a_page_and_cites_files_from_the_folder(case: Path) -> None:
    records = case / "evidence" / "records.yaml"
    records.write_text(
        records.read_text(encoding="utf-8") + "- {类型: 会议, 日期: 2022-13-45}\n",
        encoding="utf-8",
    )
    result = run_cli(
        "check", str(case / "evidence"), "--rules", "rules", "-f", "docx", "-o", "坏.docx"
    )
    assert result.exit_code == 2  # a problem in the evidence; the report is still written
    paragraphs = docx.Document(str(case / "坏.docx")).paragraphs
    texts = [p.text for p in paragraphs]
    annex = texts.index("附件3")
    assert paragraphs[annex].paragraph_format.page_break_before
    assert texts[annex + 1] == "材料中的问题"
    assert texts[annex + 2].startswith("【问题】records.yaml第")
    assert str(case) not in "\n".join(texts)
    assert any(
        t.startswith("此外，") and t.endswith("材料中有1处问题或提示，见附件3。") for t in texts
    )


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
    # GB/T 9704's 28 characters a line: every full body line of Chinese (one its paragraph
    # continues after) holds 28, counting a first line's two-character indent; 29 only when a
    # closing punctuation mark hangs at the end. With no character spacing they hold 27.
    full = _full_body_lines(pdf)
    assert len(full) >= 8, full
    assert all(
        len(line) == 28 or (len(line) == 29 and line[-1] in "，。；、：）”") for line in full
    ), [line for line in full if len(line) != 28]
    # every 附件 starts its own page, its title on the same page as its table's first rows
    for label in ("附件1", "附件2"):
        page = next(page for page in pages if page.startswith(label))
        assert "序号" in page or "台账位置" in page, page[:40]
    assert len(pdf) <= 16  # 25 while table lines snapped to the 28.95 pt grid
    # no cell breaks inside 序号, 责任科室 or a date: no line holds a lone tail of one
    cells = [
        line.strip() for page in pdf for line in page.get_textpage().get_text_range().split("\r\n")
    ]
    assert not {"号", "室", "委", "日"} & set(cells)


LEFT_MARGIN = 28 / 25.4 * 72  # points
LINE_PITCH = 579 / 20  # points


def _lines(pdf: Any) -> list[tuple[int, list[tuple[str, float, float, float]]]]:
    """Each page's text lines as (page, [(character, left, bottom, font size)])."""
    import pypdfium2.raw as pdfium_c

    lines: list[tuple[int, list[tuple[str, float, float, float]]]] = []
    for number in range(len(pdf)):
        textpage = pdf[number].get_textpage()
        current: list[tuple[str, float, float, float]] = []
        for index in range(textpage.count_chars()):
            char = textpage.get_text_range(index, 1)
            if char in "\r\n" and current:
                lines.append((number, current))
                current = []
            elif not char.isspace():
                left, bottom, _, _ = textpage.get_charbox(index)
                size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
                current.append((char, left, bottom, size))
        if current:
            lines.append((number, current))
    return lines


def _full_body_lines(pdf: Any) -> list[str]:
    """Lines of 三号 Chinese that their paragraph continues after: the next line, one grid
    line lower on the same page, starts at the left margin with a Chinese character. A first
    line's indent counts as the characters it stands for."""
    full = []
    lines = _lines(pdf)
    for (page, line), (next_page, after) in itertools.pairwise(lines):
        body = all(abs(size - 16) < 0.6 for _, _, _, size in line + after)
        if page != next_page or not body or abs(line[0][2] - after[0][2] - LINE_PITCH) > 2:
            continue
        text = "".join(char for char, _, _, _ in line)
        if abs(after[0][1] - LEFT_MARGIN) > 3 or ord(after[0][0]) < 0x2E80:
            continue
        if all(ord(char) > 0x2E80 for char in text):
            full.append("　" * round((line[0][1] - LEFT_MARGIN) / 16) + text)
    return full


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
    assert normal.get(f"{W}val") == "-6"  # 16 pt − 0.3 pt: 28 characters fill 156 mm
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
    levels = {p.text: p._p.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") for p in headings}
    assert levels["问题清单"] == levels["五、下一步工作"] == "0"
    assert levels["一、台账合计核对"] == levels["二、需要核实的情况"] == "1"
    assert all(p.paragraph_format.keep_with_next for p in headings)
    labels = [p for p in document.paragraphs if re.fullmatch(r"附件\d", p.text)]
    assert [p.text for p in labels] == ["附件1", "附件2"]
    assert all(p.paragraph_format.page_break_before for p in labels)
    assert all(p.paragraph_format.keep_with_next for p in labels)
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
    # table text leaves the document grid, or each 10.5 pt line takes a 28.95 pt grid line
    for table in document.tables:
        for para in table._tbl.iter(f"{W}p"):
            snap = para.find(f"{W}pPr/{W}snapToGrid")
            assert snap is not None and snap.get(f"{W}val") == "0"


def test_docx_metadata_is_clean(tmp_path: Path) -> None:
    import zipfile

    _sample_docx(tmp_path)
    with zipfile.ZipFile(tmp_path / "报告.docx") as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        everything = "".join(archive.read(name).decode("utf-8", "replace") for name in names)
    assert not [name for name in names if "stylesWithEffects" in name or "customXml" in name]
    assert "stylesWithEffects" not in types + rels and "customXml" not in types + rels
    assert "Microsoft" not in app and "<Template>" not in app and "<Pages>" not in app
    assert "<AppVersion>" not in app
    assert 'w:eastAsia="en-US"' not in everything and "thumbnail" not in everything


def test_a_veto_is_named_by_what_it_found_without_codes(tmp_path: Path) -> None:
    """The rule's title names the condition met (干部职工无被追究刑事责任): the report names the
    finding instead, never the code (V2) a 党组 member does not know."""
    from conftest import build_case, run_cli

    veto = {
        "id": "V2",
        "title": "干部职工无被追究刑事责任",
        "clause": "一票否决：干部职工被追究刑事责任",
        "veto": True,
        "requires": [{"name": "刑事责任事件", "type": "事件", "max": 0}],
    }
    case = {
        "unit": {"评估日期": "2022-12-31"},
        "rules": [veto, {"id": "A1", "score": 2, "requires": [{"name": "会议", "type": "会议"}]}],
        "records": [{"类型": "事件", "日期": "2022-06-01", "标题": "干部被追究刑事责任"}],
    }
    build_case(tmp_path, case)
    out = tmp_path / "报告.docx"
    run_cli(
        "check",
        str(tmp_path / "evidence"),
        "--rules",
        str(tmp_path / "rules"),
        "-f",
        "docx",
        "-o",
        str(out),
    )
    document = docx.Document(str(out))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "存在一票否决情形：干部职工被追究刑事责任" in text
    assert "存在一票否决情形（干部职工被追究刑事责任）" in text
    assert "V2" not in text and "干部职工无被追究刑事责任" not in text
