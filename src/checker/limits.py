"""Limits that keep a hostile or broken evidence folder from exhausting time or memory.
Each is reported with a message when hit (docs/reliability.md lists them)."""

from __future__ import annotations

MB = 1024 * 1024

TEXT_FILE_BYTES = 10 * MB  # a YAML record file, Markdown or text document
LEDGER_FILE_BYTES = 100 * MB  # a CSV or workbook on disk
DOCUMENT_FILE_BYTES = 200 * MB  # a Word or PDF file whose text is extracted
UNZIPPED_BYTES = 512 * MB  # all parts of an Office file, uncompressed
ZIP_RATIO = 200  # uncompressed / compressed, above which a large Office file is a zip bomb
ZIP_MEMBERS = 10_000  # entries of one zip (an Office file or a .zip in the evidence folder)
UNZIPPED_TOTAL_BYTES = 2048 * MB  # all .zip files of one evidence folder, unpacked for the run
YAML_NODES = 200_000  # values in one YAML document, aliases expanded
YAML_DEPTH = 64  # nesting of mappings and lists
PDF_PAGES = 2_000  # pages whose text is read
LEDGER_ROWS = 1_000_000  # rows of one sheet


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB"
