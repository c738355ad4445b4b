"""Regenerate templates/meeting.docx, the Word template of the party-group meeting report.

The template is an ordinary Word document with Jinja tags (docxtpl): a unit may open it in
Word or WPS, restyle it, and pass it with ``checker check --format docx --template 我的模板.docx``.
It follows the conventions of Chinese official documents (GB/T 9704): A4 with 37/35/28/26 mm
margins, title in 小标宋 二号, body in 仿宋 三号 on a grid of 28 characters × 22 lines, headings in 黑体 and 楷体,
page numbers “— 1 —” outside (odd right, even left). Where those fonts are missing, the font table names common substitutes.

    pip install -e '.[fixtures]'
    python scripts/make_meeting_template.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from checker.report.office import freeze_zip

LINE_PITCH = 579  # twips: 22 lines in the 225 mm of text
CHARACTER_SPACING = -6  # twentieths of a point: 28 characters of 三号 in the 156 mm line
CELL_MARGIN = 57  # twips (1 mm) each side of a cell: room for 序号, 责任科室 and a date
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
    fonts = _child(properties, "w:rFonts")
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
    fmt.line_spacing = Twips(LINE_PITCH)
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
    properties = para._p.get_or_add_pPr()
    # off the document grid: a grid line of 28.95 pt under each 10.5 pt line tripled the tables
    _child(properties, "w:snapToGrid", AFTER_SNAP).set(qn("w:val"), "0")
    # no extra space between Chinese and digits, so that 2023年12月31日 fits its column
    for flag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        _child(properties, flag, ("w:snapToGrid", *AFTER_SNAP)).set(qn("w:val"), "0")
    run = para.add_run(text)
    set_font(run, BODY_FONT if not bold else HEI, size, False)


def _flag(parent: object, tag: str) -> None:
    """Append an empty on/off element such as w:cantSplit or w:noWrap."""
    parent.append(OxmlElement(tag))  # type: ignore[attr-defined]


def loop_table(
    document: Document,
    header: list[str],
    cells: list[str],
    loop: str,
    widths: list[float],
    centered: set[int],
    size: float = 12,
    nowrap: frozenset[int] = frozenset(),
    footer: list[str] | None = None,
) -> None:
    """A table whose body row repeats for each item (docxtpl's {%tr %} rows). ``widths`` in
    millimetres fill the 156 mm between the margins, wide enough for the header and the
    ``nowrap`` columns (序号, dates) in one line at ``size``. The header repeats on every page,
    no row splits across pages; ``footer`` is a last row after the items (合计)."""
    table = document.add_table(rows=4 + (footer is not None), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table)
    for index, text in enumerate(header):
        cell_text(table.cell(0, index), text, bold=True, center=True, size=size)
    cell_text(table.cell(1, 0), f"{{%tr for {loop} %}}", size=size)
    for index, text in enumerate(cells):
        cell_text(table.cell(2, index), text, center=index in centered, size=size)
    cell_text(table.cell(3, 0), "{%tr endfor %}", size=size)
    for index, text in enumerate(footer or []):
        cell_text(table.cell(4, index), text, center=True, size=size)
    for index, width in enumerate(widths):
        table.columns[index].width = Mm(width)
        for row_index, row in enumerate(table.rows):
            row.cells[index].width = Mm(width)
            if row_index == 0 or index in nowrap:
                _flag(row.cells[index]._tc.get_or_add_tcPr(), "w:noWrap")
    for row_index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        _flag(properties, "w:cantSplit")
        if row_index == 0:
            _flag(properties, "w:tblHeader")


def _cell_margins(table: Any) -> None:
    """Narrow left and right cell margins (Word's 1.9 mm would wrap 序号 and 责任科室)."""
    properties = table._tbl.tblPr
    margins = _child(properties, "w:tblCellMar", AFTER_CELL_MARGINS)
    for side in ("w:left", "w:right"):
        margin = _child(margins, side)
        margin.set(qn("w:w"), str(CELL_MARGIN))
        margin.set(qn("w:type"), "dxa")


def _page_field(para: object, left: str, right: str) -> None:
    set_font(para.add_run(left), SONG, 14)  # type: ignore[attr-defined]
    field = OxmlElement("w:fldSimple")  # a field belongs to the paragraph, around its run
    field.set(qn("w:instr"), "PAGE")
    number = para.add_run("1")  # type: ignore[attr-defined]
    set_font(number, SONG, 14)
    number._r.addprevious(field)
    field.append(number._r)
    set_font(para.add_run(right), SONG, 14)  # type: ignore[attr-defined]


def page_number_footer(document: Document) -> None:
    """GB/T 9704 7.5: 4号 “— 1 —”, odd pages right and even pages left, each 空一字 from the
    edge of the text, 7 mm below the text (the footer sits 28 mm above the page's edge)."""
    section = document.sections[0]
    section.footer_distance = Mm(28)
    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    _page_field(odd, "— ", " —")
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    _page_field(even, "— ", " —")


def document_grid(document: Document) -> None:
    """28 characters × 22 lines. The pitch of a line is 225 mm / 22 = 579 twips. A 三号
    character is 16 pt and the line 156 mm = 442 pt, so 27 would fit: every character is
    narrowed by 0.3 pt (the Normal style's character spacing; 0.25 pt left 1.2 pt of slack),
    which Word, WPS and LibreOffice all honour, so that 28 fill the line. Word's character grid (``linesAndChars``) would do the
    same through ``charSpace`` but LibreOffice lays it out at half the characters, so the grid
    snaps lines only; ``charSpace`` keeps the value a character grid of 28 needs."""
    properties = document.sections[0]._sectPr
    grid = _child(properties, "w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), "-849")
    normal = document.styles["Normal"].element.get_or_add_rPr()
    _child(normal, "w:spacing", AFTER_SPACING).set(qn("w:val"), str(CHARACTER_SPACING))


def chinese_language(document: Document) -> None:
    """Every run is Chinese (zh-CN): the defaults and the theme's language, not ja-JP."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = _child(run, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    theme = _child(document.settings.element, "w:themeFontLang")
    theme.set(qn("w:val"), "en-US")
    theme.set(qn("w:eastAsia"), "zh-CN")


def _child(parent: Any, tag: str, before: tuple[str, ...] = ()) -> Any:
    """``parent``'s ``tag`` element, added when it has none: ahead of the first of ``before``
    that is there (the schema's order, which Word insists on), else at the end."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        following = [parent.find(qn(name)) for name in before]
        anchor = next((element for element in following if element is not None), None)
        if anchor is None:
            parent.append(found)
        else:
            anchor.addprevious(found)
    return found


# elements the schema places after w:snapToGrid in w:pPr, after w:spacing in w:rPr, after
# w:tblCellMar in w:tblPr
AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:jc")
AFTER_SNAP += ("w:textDirection", "w:textAlignment", "w:outlineLvl", "w:rPr", "w:sectPr")
AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u")
AFTER_SPACING += ("w:effect", "w:bdr", "w:shd", "w:vertAlign", "w:rtl", "w:cs", "w:lang")
AFTER_CELL_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription")


APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application></Application><DocSecurity>0</DocSecurity></Properties>"
)
# parts of python-docx's default template a unit's report has no use for: Word 2010's copy of
# the styles (en-US East Asian language), a sample bibliography (customXml), the thumbnail
DROPPED = ("/stylesWithEffects", "/customXml", "/thumbnail")


def clean_properties(document: Document) -> None:
    """No python-docx author, comments, thumbnail or leftover parts in the unit's document,
    and application properties that claim no Word version, template or page count."""
    core = document.core_properties
    core.title = "创建文明单位自查情况的报告"
    core.author = core.last_modified_by = core.comments = ""
    core.subject = core.keywords = core.category = ""
    core.revision = 1
    package = document.part.package
    for rels in (package.rels, document.part.rels):
        for key, rel in list(rels.items()):
            if rel.reltype.endswith(DROPPED):  # a part no relationship reaches is not saved
                del rels[key]
    for rel in package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = APP_XML


def heading(document: Document, text: str, level: int, font: str = HEI) -> None:
    """A heading paragraph with its outline level, so Word's navigation pane lists it, kept
    with the paragraph after it (never alone at the foot of a page)."""
    paragraph(document, text, font=font)
    outline_level(document.paragraphs[-1], level)


def outline_level(para: Any, level: int) -> None:
    para.paragraph_format.keep_with_next = True
    outline = _child(para._p.get_or_add_pPr(), "w:outlineLvl", ("w:rPr", "w:sectPr"))
    outline.set(qn("w:val"), str(level))


def tag(document: Document, text: str) -> None:
    paragraph(document, text, indent=False)


def body(document: Document) -> None:
    paragraph(
        document,
        "{{ title }}",
        font=TITLE_FONT,
        size=22,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    paragraph(document, "", indent=False)
    paragraph(document, "{{ addressee }}：", indent=False)
    paragraph(document, "{{ intro }}")
    heading(document, "一、基本情况和主要做法", 0)
    tag(document, "{%p for s in practices %}")
    paragraph(document, "{{ s }}")
    tag(document, "{%p endfor %}")
    paragraph(document, "{{ veto_text }}")
    heading(document, "二、自查得分情况", 0)
    paragraph(document, "{{ score_text }}")
    loop_table(
        document,
        ["测评类别", "满分", "得分"],
        ["{{ c.name }}", "{{ c.max }}", "{{ c.earned }}"],
        "c in categories",
        [86, 35, 35],
        centered={1, 2},
        footer=["合计", "{{ total.max }}", "{{ total.earned }}"],
    )
    paragraph(document, "{{ manual_text }}")
    tag(document, "{%p for line in changes %}")
    paragraph(document, "{{ line }}")
    tag(document, "{%p endfor %}")
    heading(document, "三、存在的问题", 0)
    paragraph(document, "{{ issues_text }}")
    tag(document, "{%p for line in issues %}")
    paragraph(document, "{{ line }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if issues_more %}")
    paragraph(document, "{{ issues_more }}")
    tag(document, "{%p endif %}")
    heading(document, "四、整改措施", 0)
    tag(document, "{%p for line in measures %}")
    paragraph(document, "{{ line }}")
    tag(document, "{%p endfor %}")
    heading(document, "五、下一步工作", 0)
    paragraph(document, "{{ closing }}")
    paragraph(document, "特此报告。")
    paragraph(document, "", indent=False)
    paragraph(document, "{{ annexes }}")
    paragraph(document, "", indent=False)
    paragraph(document, "{{ unit.name }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    paragraph(document, "{{ as_of_text }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)


def annexes(document: Document) -> None:
    annex_label(document, 1)
    annex_title(document, "问题清单")
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
        [10, 24, 30, 40, 18, 34],
        centered={0, 4, 5},
        size=10.5,
        nowrap=frozenset({0, 4, 5}),
    )
    annex_label(document, 2)
    annex_title(document, "台账核查明细")
    heading(document, "一、台账合计核对", 1)
    loop_table(
        document,
        ["台账位置", "栏目", "合计所记", "逐条合计", "结论"],
        [
            "{{ k.place }}",
            "{{ k.field }}",
            "{{ k.claimed }}",
            "{{ k.itemised }}",
            "{{ k.verdict }}",
        ],
        "k in claims",
        [70, 26, 22, 22, 16],
        centered={2, 3, 4},
        size=10.5,
    )
    heading(document, "二、需要核实的情况", 1)
    tag(document, "{%p if not integrity %}")
    paragraph(document, "未发现需要核实的情况。")
    tag(document, "{%p endif %}")
    tag(document, "{%p for line in integrity %}")
    paragraph(document, "{{ line }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if evidence_problems %}")
    annex_label(document, 3)
    annex_title(document, "材料中的问题")
    tag(document, "{%p for line in evidence_problems %}")
    paragraph(document, "{{ line }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")


def annex_label(document: Document, number: int) -> None:
    """附件N at the top of its own page (GB/T 9704: each annex starts a page), kept with the
    annex's title and the title with its table."""
    paragraph(document, f"附件{number}", font=HEI, indent=False)
    fmt = document.paragraphs[-1].paragraph_format
    fmt.page_break_before = fmt.keep_with_next = True


def annex_title(document: Document, text: str) -> None:
    paragraph(
        document, text, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    )
    outline_level(document.paragraphs[-1], 0)


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
    body(document)
    annexes(document)
    page_number_footer(document)
    document_grid(document)
    chinese_language(document)
    clean_properties(document)
    font_substitutes(document)
    return document


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    build().save(str(TARGET))
    TARGET.write_bytes(freeze_zip(TARGET.read_bytes(), "2022-12-31"))


if __name__ == "__main__":
    main()
