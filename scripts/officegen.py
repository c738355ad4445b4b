"""Small writers of office files (Word, PDF, Excel, GBK CSV, JPEG with EXIF) for the sample
evidence folder. Needs the ``fixtures`` extra: openpyxl, python-docx, reportlab, pillow."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

STAMP = dt.datetime(2022, 12, 31, 12, 0, 0)


def freeze(path: Path) -> None:
    """Fixed zip entry times and document-property times: regenerating gives the same bytes."""
    from checker.report.office import freeze_zip

    path.write_bytes(freeze_zip(path.read_bytes(), "2022-12-31"))


def docx(
    path: Path,
    title: str,
    number: str,
    paragraphs: Sequence[str],
    table: Sequence[Sequence[str]] | None = None,
) -> None:
    """A red-header style document: the document number under the title, then the body."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    document.core_properties.created = STAMP
    document.core_properties.modified = STAMP
    document.core_properties.author = "办公室"
    heading = document.add_heading(title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if number:
        line = document.add_paragraph(number)
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        grid.style = "Table Grid"
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    freeze(path)


def pdf(path: Path, lines: Sequence[str]) -> None:
    """A PDF with a text layer (as “save as PDF” makes it), CJK text in STSong."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path.parent.mkdir(parents=True, exist_ok=True)
    page = canvas.Canvas(str(path), invariant=1)
    y = 780
    for text in lines:
        for start in range(0, len(text), 34):  # wrap long lines
            if y < 60:
                page.showPage()
                y = 780
            page.setFont("STSong-Light", 16 if y == 780 else 12)
            page.drawString(60, y, text[start : start + 34])
            y -= 22
    page.showPage()
    page.save()


def xlsx(path: Path, sheets: Sequence[dict[str, Any]]) -> None:
    """Each sheet: name, title (merged over the header), optional note row, header, rows,
    merges (cell ranges), and totals (a 合计 row summing the named columns)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(spec["name"])
        header = spec["header"]
        if spec.get("title"):
            sheet.append([spec["title"]])
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
            sheet.cell(1, 1).font = Font(bold=True, size=14)
            sheet.cell(1, 1).alignment = Alignment(horizontal="center")
        if spec.get("note"):
            sheet.append(spec["note"])
        sheet.append(header)
        first = sheet.max_row + 1
        for row in spec["rows"]:
            sheet.append(list(row))
        for column in spec.get("totals", []):
            index = header.index(column)
            if sheet.cell(sheet.max_row, 1).value != "合计":
                sheet.append(["合计"])
            total = sum(r[index] for r in spec["rows"] if isinstance(r[index], (int, float)))
            sheet.cell(sheet.max_row, index + 1).value = total
        for row in sheet.iter_rows(min_row=first):
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        for cells in spec.get("merges", []):
            sheet.merge_cells(cells)
        for index in range(len(header)):
            sheet.column_dimensions[chr(ord("A") + index)].width = 18
    book.properties.created = STAMP
    book.properties.modified = STAMP
    book.properties.creator = "办公室"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    freeze(path)


def gbk_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """CSV as Excel/WPS save it on Chinese Windows: GBK, CRLF."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode("gbk"))


def photo(path: Path, seed: int, taken: dt.datetime | None) -> bytes:
    """A small JPEG with an EXIF DateTimeOriginal; its pixels differ with ``seed``."""
    from PIL import Image, ImageDraw

    width, height = 96, 72
    picture = Image.new(
        "RGB", (width, height), color=(120 + seed * 37 % 100, 160, 90 + seed * 53 % 120)
    )
    draw = ImageDraw.Draw(picture)
    for index in range(4):
        x = (seed * 17 + index * 23) % width
        y = (seed * 29 + index * 11) % height
        draw.rectangle([x, y, x + 18, y + 12], fill=((seed * 41 + index * 60) % 255, 80, 60))
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
        exif[0x0110] = "HUAWEI P40"  # camera model, as phones write it
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=60, exif=exif.tobytes())
    data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data
