"""Text of office documents by their content: Word (.docx, and .doc/.wps whatever their bytes
really are), OpenDocument text and PDF. Each reader returns the text or raises
:class:`~checker.evidence.reasons.Unreadable` saying why there is none.

Offices rename files freely: a ``.doc`` may be a .docx inside, a ``.docx`` may be a Word 97
file, and a password-protected .docx is not a zip at all but an OLE file holding
``EncryptionInfo``. So Word-family files are read by their first bytes, not their suffix.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from checker.evidence.reasons import BROKEN, ENCRYPTED, SCAN, Unreadable, unpacked_too_large
from checker.evidence.rtf import rtf_text
from checker.evidence.webdoc import webdoc_text
from checker.evidence.word97 import word97_text
from checker.evidence.workbooks import OLE, ZIP  # the magic numbers, in one place
from checker.evidence.zipcheck import zip_bomb
from checker.limits import PDF_PAGES, size_text

XML_PART_BYTES = 64 * 1024 * 1024  # an uncompressed XML part larger than this is not read
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _docx_part(data: bytes) -> str:
    """Paragraph text of one WordprocessingML part: body, tables, text boxes alike."""
    lines: list[str] = []
    current: list[str] = []
    for _event, element in ElementTree.iterparse(io.BytesIO(data), events=("end",)):
        tag = element.tag
        if tag == f"{_W}t":
            current.append(element.text or "")
        elif tag == f"{_W}tab":
            current.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            current.append("\n")
        elif tag == f"{_W}p":
            lines.append("".join(current))
            current = []
            element.clear()
    return "\n".join(lines)


def open_zip(path: Path) -> zipfile.ZipFile:
    bomb = zip_bomb(path)
    if bomb:
        raise Unreadable(unpacked_too_large(bomb))
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise Unreadable(BROKEN) from error


def docx_text(path: Path) -> str:
    with open_zip(path) as archive:
        parts = sorted(
            (info for info in archive.infolist() if _DOCX_PARTS.match(info.filename)),
            key=lambda info: info.filename,
        )
        if not any(info.filename == "word/document.xml" for info in parts):
            raise Unreadable(BROKEN)
        texts = [
            _docx_part(archive.read(info)) for info in parts if info.file_size <= XML_PART_BYTES
        ]
    return "\n".join(texts)


def odt_text(path: Path) -> str:
    with open_zip(path) as archive:
        try:
            info = archive.getinfo("content.xml")
        except KeyError as error:
            raise Unreadable(BROKEN) from error
        if info.file_size > XML_PART_BYTES:
            detail = f"content.xml 解压后达 {size_text(info.file_size)}"
            raise Unreadable(unpacked_too_large(detail))
        root = ElementTree.fromstring(archive.read(info))
    return "\n".join(text for text in root.itertext() if text.strip())


def word_text(path: Path) -> str:
    """A Word-family file (.docx, .docm, .doc, .wps, .wpt) read as what its bytes are."""
    with path.open("rb") as stream:
        head = stream.read(512)
    if head.startswith(ZIP):
        return docx_text(path)
    if head.startswith(OLE):
        return word97_text(path)  # Word 97–2003, or an encrypted .docx (EncryptionInfo)
    if head.startswith(b"{\\rtf"):
        return rtf_text(path)  # an RTF saved with a .doc name, as OA systems export
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().lower().startswith((b"<", b"mime-version")):
        return webdoc_text(path)  # saved as 网页 or 单个文件网页, and opened by Word as a .doc
    raise Unreadable(BROKEN)


def pdf_text(path: Path) -> str:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise Unreadable(ENCRYPTED) from error
        raise Unreadable(BROKEN) from error
    try:
        pages = []
        for index, page in enumerate(document):
            if index >= PDF_PAGES:
                page.close()
                break
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    if not pages:
        raise Unreadable(BROKEN)
    text = "\n".join(pages).replace("\r\n", "\n")
    if not text.strip():
        raise Unreadable(SCAN)  # pages without a text layer
    return text
