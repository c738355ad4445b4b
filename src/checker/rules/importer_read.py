"""Reading a 测评细则 table (Excel, WPS, CSV or Word) into rows of text, merged cells filled in:
a category cell merged over its items gives its value to every item's row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.errors import UsageError

TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".csv", ".docx")


def cell_text(value: Any) -> str:
    """A cell as text: ``2.0`` read from a workbook is ``2``; None is empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table_rows(path: Path) -> list[list[list[str]]]:
    """Each sheet (or Word table) of the file as rows of cell text, largest first is not
    assumed: the caller picks the one with a header."""
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise UsageError(
            f"{path.name}：不支持的表格格式，请用 .xlsx、.xls、.et、.csv 或 .docx 文件"
        )
    if not path.is_file():
        raise UsageError(f"找不到测评细则表：{path}")
    try:
        if suffix == ".docx":
            return _docx_tables(path)
        return _sheets(path, suffix)
    except UsageError:
        raise
    except Exception as exc:  # a damaged or mislabelled file: say so, never a traceback
        raise UsageError(
            f"{path.name}：无法读取表格（{type(exc).__name__}），请用 Excel 或 WPS "
            "打开后另存为 .xlsx 再导入"
        ) from exc


def _sheets(path: Path, suffix: str) -> list[list[list[str]]]:
    from checker.evidence.tables import read_csv, read_workbook
    from checker.evidence.workbooks import ReadAhead, refused

    if suffix == ".csv":
        tables = read_csv(path)
    else:
        reason = refused(path)
        if reason is not None:
            raise UsageError(f"{path.name}：{reason}")
        tables = read_workbook(path, ReadAhead())
    return [[[cell_text(value) for value in row] for row in table.rows] for table in tables]


def _docx_tables(path: Path) -> list[list[list[str]]]:
    """Word tables: python-docx gives a vertically or horizontally merged cell's text to each
    grid position it covers, as the workbook reader does."""
    import docx

    document = docx.Document(str(path))
    found: list[list[list[str]]] = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            rows.append([cell_text(cell.text) for cell in row.cells])
        found.append(rows)
    if found:  # the title above the first table belongs to it, as a title row does in a sheet
        found[0] = [[line] for line in _lines_before_table(document)] + found[0]
    return found


def _lines_before_table(document: Any) -> list[str]:
    from docx.oxml.ns import qn

    lines = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            break
        if child.tag == qn("w:p"):
            text = "".join(node.text or "" for node in child.iter(qn("w:t"))).strip()
            if text:
                lines.append(text)
    return lines[-3:]
