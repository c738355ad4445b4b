"""The 台账目录 at the top of the pack, as ``目录.xlsx`` and ``目录.docx``.

One line per file the item's folder holds (its path in the pack, its date as people write it,
its pages where they can be read), the ledger rows taken, the links with their address, a line
for every item met by nothing, and the files that counted for nothing, so the unit can decide.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from checker.engine.signals import day
from checker.evidence.model import suffix
from checker.pack.extract import extract_text
from checker.pack.layout import LINKS, Item, Layout
from checker.pack.word import print_table
from checker.parsing import format_number
from checker.report.sheet import row_height

HEADINGS = ("序号", "测评项目", "得分/分值", "状态", "材料（包内位置）", "日期", "页数", "备注")
UNCOUNTED = "未计入任何测评项目"
# column widths: the material (its path in the pack) widest, then the note and the item
_XLSX_WIDTHS = (6.0, 30.0, 10.0, 10.0, 50.0, 16.0, 6.0, 40.0)
_DOCX_WIDTHS_MM = (10, 42, 18, 16, 84, 25, 12, 50)  # 257 mm: A4 landscape less the margins
TO_CHECK = "需要核实的情况"


class Line(NamedTuple):
    number: str
    item: str
    score: str
    status: str
    file: str
    date: str
    pages: str
    note: str


def pages(path: Path) -> int | None:
    """A PDF's pages (pypdfium2), a .docx's as Word last saved them (docProps/app.xml)."""
    ending = suffix(path.name)
    try:
        if ending == ".pdf":
            import pypdfium2

            document = pypdfium2.PdfDocument(str(path))
            try:
                return len(document)
            finally:
                document.close()
        if ending == ".docx":
            with zipfile.ZipFile(path) as archive:
                app = archive.read("docProps/app.xml").decode("utf-8", "replace")
            found = re.search(r"<Pages>(\d+)</Pages>", app)
            return int(found.group(1)) if found else None
    except Exception:
        return None
    return None


@dataclass
class Index:
    title: str
    lines: list[Line]


def _score(result: dict[str, Any]) -> str:
    return f"{format_number(result['earned'])}/{format_number(result['max'])}"


def _item_lines(number: int, item: Item, counts: dict[str, int | None]) -> list[Line]:
    result = item.result
    head = (str(number), f"{result['rule']} {result['title']}", _score(result), result["label"])
    rows: list[tuple[str, str, str, str]] = []
    for placed in item.files:
        count = counts.get(placed.source)
        note = "；".join(filter(None, [f"链接：{placed.url}" if placed.url else "", placed.note]))
        when = day(placed.date) if placed.date else ""
        rows.append((placed.target, when, "" if count is None else str(count), note))
    if item.rows:
        rows.append((item.extract, "", "", "摘自 " + "；".join(extract_text(item.rows))))
    if item.links:
        rows.append((f"{item.folder}/{LINKS}", "", "", "、".join(a for a, _ in item.links)))
    if not rows:
        rows.append(("（无计入本项的材料，未建文件夹）", "", "", ""))
    first = [Line(*head, *rows[0])]
    return first + [Line("", "", "", "", *row) for row in rows[1:]]


def build_index(data: dict[str, Any], layout: Layout, counts: dict[str, int | None]) -> Index:
    lines: list[Line] = []
    for number, item in enumerate(layout.items, 1):
        lines.extend(_item_lines(number, item, counts))
    for finding in layout.findings:
        files = "、".join(finding.files)
        lines.append(Line("", TO_CHECK, "", finding.label, files, "", "", finding.message))
    for file, why in layout.uncounted:
        lines.append(Line("", UNCOUNTED, "", "", file, "", "", f"{why}（未复制）"))
    title = f"{data['unit']['name']}创建文明单位台账目录"
    return Index(title, lines)


def index_xlsx(index: Index, stamp: dt.date) -> bytes:
    from checker.report.office import freeze_zip
    from checker.report.sheet import workbook

    with workbook(stamp.isoformat(), index.title) as (book, buffer):
        _index_sheet(book, index, stamp)
    return freeze_zip(buffer.getvalue(), stamp.isoformat())


def _index_sheet(book: Any, index: Index, stamp: dt.date) -> None:
    sheet = book.add_worksheet("目录")
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    bold = book.add_format({"border": 1, "bold": True, "align": "center", "valign": "vcenter"})
    heading = book.add_format({"bold": True, "font_size": 16, "align": "center"})
    sheet.merge_range(0, 0, 0, len(HEADINGS) - 1, index.title, heading)
    sheet.write(1, 0, f"截至{day(stamp)}")
    sheet.write_row(2, 0, HEADINGS, bold)
    for at, line in enumerate(index.lines, 3):
        sheet.write_row(at, 0, list(line), cell)
        # WPS and older Excel do not re-fit rows a program wrote: without a height, text is cut
        sheet.set_row(at, row_height(list(zip(line, _XLSX_WIDTHS, strict=True))))
    for column, width in enumerate(_XLSX_WIDTHS):
        sheet.set_column(column, column, width)


def index_docx(index: Index, stamp: dt.date) -> bytes:
    from checker.pack.word import a4_document, save

    document = a4_document(index.title, stamp, landscape=True)
    document.add_heading(index.title, level=1)
    document.add_paragraph(f"截至{day(stamp)}")
    table = document.add_table(rows=1, cols=len(HEADINGS))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, HEADINGS, strict=True):
        cell.text = text
    for line in index.lines:
        for cell, text in zip(table.add_row().cells, line, strict=True):
            cell.text = text
    print_table(table, _DOCX_WIDTHS_MM)
    return save(document, stamp)
