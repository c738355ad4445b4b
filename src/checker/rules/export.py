"""``checker rules export``: a rule set printed as the 测评细则 table people circulate
(序号 | 测评项目 | 测评内容 | 分值 | 测评方法 | 评分标准), its 评分标准 written in the words the
importer reads back (“每季度至少1次，少1次扣0.5分”), so an import of the export is the same set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.report.sheet import row_height
from checker.rules.importer_embedded import Row, definition_rows, write_part, write_sheet
from checker.rules.importer_words import PERIOD_NAMES, detect_types
from checker.rules.loader import RuleSet, Vocabulary
from checker.rules.models import Requirement, Rule

HEADER = ("序号", "测评项目", "测评内容", "分值", "测评方法", "评分标准")
_ONE = {"week": "1周", "month": "1个月", "quarter": "1个季度", "year": "1年"}
TableRow = tuple[str, str, str, float, str, str]
_RATED = {"实地考察": "由测评组实地考察评定", "问卷调查": "由问卷调查（满意度测评）评定"}


def _number(value: float) -> str:
    return f"{value:g}"


def requirement_phrase(req: Requirement) -> str:
    """What a requirement asks, in the table's words: “每季度至少1次，少1次扣0.5分”."""
    period = "" if req.period == "cycle" else "每" + PERIOD_NAMES[req.period]
    if req.min_ratio is not None:
        whole = "职工总数" if req.of in ("staff", "职工人数") else str(req.of)
        asked = f"不低于{whole}的{_number(round(req.min_ratio * 100, 2))}%"
    elif req.max is not None and req.min is None:
        asked = "不得有" if req.max == 0 else f"不超过{_number(req.max)}次"
    else:
        least = req.threshold_min if req.threshold_min is not None else 1
        summed = f"{req.sum}合计" if req.sum else ""
        asked = f"{summed}至少{_number(least)}" + ("" if req.sum else "次")
    phrase = period + asked
    if req.deduct is not None:
        missing = "少1次" if req.period == "cycle" else "缺" + _ONE[req.period]
        phrase += f"，{missing}扣{_number(req.deduct)}分"
    return phrase


def criteria_text(rule: Rule, vocabulary: Vocabulary) -> str:
    """The 评分标准 cell of a rule: one numbered line per requirement; 一票否决 last."""
    known = set(vocabulary.names)
    lines = []
    for index, req in enumerate(rule.requires, start=1):
        types = [vocabulary.resolve(t) or t for t in req.type]
        name = req.name.replace("：", " ").replace(":", " ")
        hint = ""
        if (types and detect_types(name, known) != types[:1]) or len(types) > 1:
            hint = f"（类型：{'、'.join(types)}）"
        numbered = f"（{index}）" if len(rule.requires) > 1 else ""
        lines.append(f"{numbered}{name}{hint}：{requirement_phrase(req)}")
    if not rule.requires:
        lines.append(_RATED.get(rule.method, "由测评组评定"))
    if rule.veto:
        months = (
            f"近{rule.lookback.split()[0]}个月内"
            if rule.lookback and "month" in rule.lookback
            else ""
        )
        lines.append(f"{months}一票否决")
    return "\n".join(lines)


def table_rows(ruleset: RuleSet) -> list[TableRow]:
    vocabulary = ruleset.vocabulary
    return [
        (
            str(rule.id),
            rule.category,
            rule.title,
            rule.score,
            rule.method,
            criteria_text(rule, vocabulary),
        )
        for rule in ruleset.rules
    ]


def export_ruleset(ruleset: RuleSet, out: Path, kind: str) -> None:
    """The human table, and beside it the exact rule set (a hidden sheet or a custom XML
    part) so an import of the export is the same rule set, not a re-translation."""
    rows = table_rows(ruleset)
    title = ruleset.meta.title
    definition = definition_rows(ruleset)
    if kind == "docx":
        _write_docx(title, rows, out, definition)
    else:
        _write_xlsx(title, rows, out, definition)


# Column widths: xlsx in characters, docx in centimetres of the 26.1 cm an A4 landscape page
# leaves inside its margins; 评分标准 and 测评内容 take most of the line.
_XLSX_WIDTHS = (6, 12, 36, 6, 10, 64)
_DOCX_WIDTHS = (1.2, 2.6, 7.0, 1.3, 2.2, 11.8)


def _write_xlsx(title: str, rows: list[TableRow], out: Path, definition: list[Row]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(out))
    sheet = book.add_worksheet("测评细则")
    wrap = book.add_format({"text_wrap": True, "valign": "vcenter", "border": 1})
    middle = book.add_format(
        {"text_wrap": True, "valign": "vcenter", "align": "center", "border": 1}
    )
    bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1})
    sheet.merge_range(
        0,
        0,
        0,
        len(HEADER) - 1,
        title,
        book.add_format({"bold": True, "align": "center", "font_size": 16}),
    )
    sheet.write_row(1, 0, HEADER, bold)
    for column, width in enumerate(_XLSX_WIDTHS):
        short = column in (0, 1, 3, 4)  # 序号, 测评项目, 分值, 测评方法: centred
        sheet.set_column(column, column, width, middle if short else wrap)
    first = 2
    for index, row in enumerate(rows):
        # Excel and LibreOffice do not grow a row to its wrapped text on opening: set it
        sheet.set_row(first + index, _height(row))
        for column, value in enumerate(row):
            short = column in (0, 1, 3, 4)
            sheet.write(first + index, column, value, middle if short else wrap)
    for top, bottom, category in _runs(rows):  # the category merged over its items
        if bottom > top:
            sheet.merge_range(first + top, 1, first + bottom, 1, category, middle)
    total = first + len(rows)
    sheet.write_row(total, 0, ("合计", "", "", sum(row[3] for row in rows), "", ""), bold)
    _print_setup(sheet)
    write_sheet(book, definition)
    book.close()


def _height(row: TableRow) -> float:
    """The row's height from its tallest wrapped cell (report.sheet's estimate, shared by every
    workbook the checker writes); the category is merged over its items and has their height."""
    cells = enumerate(zip(row, _XLSX_WIDTHS, strict=True))
    return row_height([(str(value), width) for column, (value, width) in cells if column != 1])


def _print_setup(sheet: Any) -> None:
    """A4 landscape, one page wide, the header row on every page: as offices print it."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.repeat_rows(1)
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&C第 &P 页，共 &N 页")


def _runs(rows: list[TableRow]) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, str]] = []
    for index, row in enumerate(rows):
        if runs and runs[-1][2] == row[1] and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index, row[1])
        else:
            runs.append((index, index, row[1]))
    return runs


def _write_docx(title: str, rows: list[TableRow], out: Path, definition: list[Row]) -> None:
    import docx

    document = docx.Document()
    _landscape(document)
    document.add_heading(title, level=1)
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = _number(value) if isinstance(value, float) else str(value)
    for top, bottom, category in _runs(rows):
        if bottom > top:
            merged = table.cell(top + 1, 1).merge(table.cell(bottom + 1, 1))
            merged.text = category
    cells = table.add_row().cells
    cells[0].text, cells[3].text = "合计", _number(sum(row[3] for row in rows))
    _table_layout(table)
    write_part(document, definition)
    document.save(str(out))


def _landscape(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin = section.bottom_margin = Cm(1.8)


def _table_layout(table: Any) -> None:
    """Fixed column widths (Word and LibreOffice read the cell widths), the header row
    repeated on each page, and no row split across two pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, _DOCX_WIDTHS, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            properties.append(header)
