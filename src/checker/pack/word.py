"""Word files of the pack (目录.docx, 说明.docx): A4, no author, byte-identical when re-run.

python-docx comes with docxtpl, a runtime dependency.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from checker.report.office import freeze_zip


def a4_document(title: str, stamp: dt.date, landscape: bool = False) -> Any:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    width, height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    # the template's own author, dates and revision would differ from run to run or mislead
    moment = dt.datetime(stamp.year, stamp.month, stamp.day)
    properties = document.core_properties
    properties.author = properties.last_modified_by = ""
    properties.title = title
    properties.comments = properties.keywords = properties.subject = ""
    properties.created = properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1
    return document


def save(document: Any, stamp: dt.date) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return freeze_zip(buffer.getvalue(), stamp.isoformat())


def print_table(table: Any, widths_mm: tuple[int, ...]) -> None:
    """A table that prints: fixed column widths, the header row repeated on every page, and no
    row split across two pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
            cell.width = Mm(width)
    for number, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if number == 0:
            properties.append(OxmlElement("w:tblHeader"))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
