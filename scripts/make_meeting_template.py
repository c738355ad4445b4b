"""Regenerate templates/meeting.docx, the Word template of the party-group meeting report.

The template is an ordinary Word document with Jinja tags (docxtpl): a unit may open it in
Word or WPS, restyle it, and pass it with ``checker check --format docx --template 我的模板.docx``.
It follows the conventions of Chinese official documents (GB/T 9704): A4 with 37/35/28/26 mm
margins, title in 小标宋 二号, body in 仿宋 三号 on a 28 pt grid, headings in 黑体 and 楷体,
page numbers “— 1 —”. Where those fonts are missing, the font table names common substitutes.

    pip install -e '.[fixtures]'
    python scripts/make_meeting_template.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from checker.report.office import freeze_zip

TARGET = Path(__file__).resolve().parents[1] / "templates" / "meeting.docx"
TITLE_FONT, BODY_FONT, HEI, KAI, SONG = (
    "方正小标宋简体",
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "宋体",
)
# font → (substitute named in the font table, family), for machines without the official fonts
SUBSTITUTES = {
    TITLE_FONT: ("华文中宋", "roman"),
    BODY_FONT: ("仿宋", "modern"),
    KAI: ("楷体", "script"),
    HEI: ("SimHei", "swiss"),
    SONG: ("SimSun", "roman"),
}


def set_font(run_or_style: object, name: str, size: float, bold: bool = False) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element  # type: ignore[attr-defined]
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.append(fonts)
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), name)


def paragraph(
    document: Document,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = 16,
    bold: bool = False,
    align: int | None = None,
    indent: bool = True,
) -> None:
    para = document.add_paragraph()
    if align is not None:
        para.alignment = align
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    run = para.add_run(text)
    set_font(run, font, size, bold)


def cell_text(
    cell: object, text: str, *, bold: bool = False, center: bool = False, size: float = 12
) -> None:
    para = cell.paragraphs[0]  # type: ignore[attr-defined]
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = para.paragraph_format
    fmt.space_before = fmt.space_after = Pt(2)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    run = para.add_run(text)
    set_font(run, BODY_FONT if not bold else HEI, size, False)


def loop_table(
    document: Document,
    header: list[str],
    cells: list[str],
    loop: str,
    widths: list[float],
    centered: set[int],
    size: float = 12,
) -> None:
    """A table whose body row repeats for each item (docxtpl's {%tr %} rows). ``widths`` in
    millimetres fill the 156 mm between the margins."""
    table = document.add_table(rows=4, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, text in enumerate(header):
        cell_text(table.cell(0, index), text, bold=True, center=True, size=size)
    cell_text(table.cell(1, 0), f"{{%tr for {loop} %}}", size=size)
    for index, text in enumerate(cells):
        cell_text(table.cell(2, index), text, center=index in centered, size=size)
    cell_text(table.cell(3, 0), "{%tr endfor %}", size=size)
    for index, width in enumerate(widths):
        table.columns[index].width = Mm(width)
        for row in table.rows:
            row.cells[index].width = Mm(width)
    header_row = table.rows[0]._tr
    properties = header_row.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header repeats on every page
    properties.append(repeat)


def page_number_footer(document: Document) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(footer.add_run("— "), SONG, 14)
    field = OxmlElement("w:fldSimple")  # a field belongs to the paragraph, around its run
    field.set(qn("w:instr"), "PAGE")
    number = footer.add_run("1")
    set_font(number, SONG, 14)
    number._r.addprevious(field)
    field.append(number._r)
    set_font(footer.add_run(" —"), SONG, 14)


def font_substitutes(document: Document) -> None:
    """Name a substitute for each official font in the font table, so Word, WPS and
    LibreOffice fall back to a look-alike instead of a default Latin font."""
    fonts_part = next(
        (
            rel.target_part
            for rel in document.part.rels.values()
            if rel.reltype.endswith("/fontTable")
        ),
        None,
    )
    if fonts_part is None:
        return
    from lxml import etree

    root = etree.fromstring(fonts_part.blob)
    for name, (alternative, family) in SUBSTITUTES.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt = etree.SubElement(font, qn("w:altName"))
        alt.set(qn("w:val"), alternative)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        kind = etree.SubElement(font, qn("w:family"))
        kind.set(qn("w:val"), family)
    fonts_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    set_font(normal, BODY_FONT, 16)
    document.core_properties.title = "创建文明单位自查情况的报告"
    document.core_properties.author = "checker"

    paragraph(
        document,
        "关于{{ unit.name }}创建文明单位自查情况的报告",
        font=TITLE_FONT,
        size=22,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    paragraph(document, "", indent=False)
    paragraph(document, "{{ addressee }}：", indent=False)
    paragraph(
        document,
        "按照《{{ ruleset.source or ruleset.title }}》和《{{ ruleset.title }}》的要求，"
        "我们以{{ as_of_text }}为评估日期，对{{ window_text }}的创建工作台账进行了逐项自查。"
        "现将有关情况报告如下：",
    )
    paragraph(document, "一、基本情况", font=HEI)
    paragraph(document, "{{ summary }}")
    paragraph(document, "{{ veto_text }}")
    paragraph(document, "（一）分类得分", font=KAI)
    loop_table(
        document,
        ["测评类别", "满分", "得分", "得分率"],
        ["{{ c.name }}", "{{ c.max }}", "{{ c.earned }}", "{{ c.rate }}"],
        "c in categories",
        [66, 30, 30, 30],
        centered={1, 2, 3},
    )
    paragraph(document, "二、存在问题及整改措施", font=HEI)
    paragraph(document, "{{ problems_intro }}")
    paragraph(
        document, "问题清单", font=HEI, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    )
    loop_table(
        document,
        ["序号", "测评项目", "存在问题", "整改措施", "责任科室", "完成时限"],
        [
            "{{ p.index }}",
            "{{ p.item }}",
            "{{ p.problem }}",
            "{{ p.measure }}",
            "{{ p.department }}",
            "{{ p.deadline }}",
        ],
        "p in problems",
        [10, 27, 39, 39, 18, 23],
        centered={0, 4, 5},
        size=10.5,
    )
    paragraph(document, "三、需现场核验的项目", font=HEI)
    paragraph(document, "{{ manual_text }}")
    paragraph(document, "四、需要核实的情况", font=HEI)
    paragraph(document, "{{ integrity_intro }}")
    paragraph(document, "{%p for s in integrity %}", indent=False)
    paragraph(document, "{{ s.index }}. 【{{ s.label }}】{{ s.message }}")
    paragraph(document, "{%p endfor %}", indent=False)
    paragraph(document, "{%p if changes %}", indent=False)
    paragraph(document, "五、较上次自查变化", font=HEI)
    paragraph(document, "{{ changes.summary }}")
    paragraph(document, "{%p for line in changes.lines %}", indent=False)
    paragraph(document, "{{ line }}")
    paragraph(document, "{%p endfor %}", indent=False)
    paragraph(document, "{%p endif %}", indent=False)
    paragraph(document, "{{ next_heading }}", font=HEI)
    paragraph(document, "{{ closing }}")
    paragraph(document, "", indent=False)
    paragraph(document, "{{ unit.name }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    paragraph(document, "{{ as_of_text }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    page_number_footer(document)
    font_substitutes(document)
    return document


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    build().save(str(TARGET))
    TARGET.write_bytes(freeze_zip(TARGET.read_bytes(), "2022-12-31"))


if __name__ == "__main__":
    main()
