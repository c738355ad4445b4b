"""Text of OFD documents (GB/T 33190, the Chinese fixed-layout format of 电子公文 and invoices).

An OFD is a zip: ``OFD.xml`` names each document's root (``DocBody/DocRoot``); that
``Document.xml`` lists the pages in order (``Pages/Page@BaseLoc``); each page's ``Content.xml``
holds ``TextObject`` elements whose ``TextCode`` children are the text, and ``ImageObject``
elements for pictures. A page may also draw a template page (``Template@TemplateID``), where
a 红头 is often kept; its text is read with the page. Text objects on one line are joined
without a space (writers cut a line wherever the font or spacing changes), and lines are
separated by new lines. Pages that hold pictures and no text are a scan.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from checker.evidence.documents import XML_PART_BYTES, open_zip
from checker.evidence.reasons import BROKEN, SCAN, Unreadable, unpacked_too_large
from checker.limits import PDF_PAGES, size_text

_LINE_TOLERANCE = 0.5  # text objects whose baselines differ by less (in mm) share a line


def _local(tag: str) -> str:
    """The tag without its namespace: writers differ in prefixes and some omit the namespace."""
    return tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [child for child in element.iter() if _local(child.tag) == name]


def _resolve(base: str, location: str) -> str:
    """A location inside the package: absolute from the root, else relative to ``base``'s folder."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


class _Package:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = {info.filename.lstrip("/"): info for info in archive.infolist()}

    def xml(self, name: str) -> ElementTree.Element:
        info = self.names.get(name)
        if info is None:
            raise Unreadable(BROKEN)
        if info.file_size > XML_PART_BYTES:
            raise Unreadable(unpacked_too_large(f"{name} 解压后达 {size_text(info.file_size)}"))
        try:
            return ElementTree.fromstring(self.archive.read(info))
        except ElementTree.ParseError as error:
            raise Unreadable(BROKEN) from error


def ofd_text(path: Path) -> str:
    """The text of every page of every document in the OFD, in order."""
    with open_zip(path) as archive:
        package = _Package(archive)
        roots = [
            _resolve("OFD.xml", element.text or "")
            for element in _children(package.xml("OFD.xml"), "DocRoot")
        ]
        if not roots:
            raise Unreadable(BROKEN)
        pages: list[str] = []
        pictures = False
        for root in roots:
            for page in _pages(package, root)[: PDF_PAGES - len(pages)]:
                text, images = _page_text(package, page)
                pages.append(text)
                pictures = pictures or images
    if not pages:
        raise Unreadable(BROKEN)
    if not any(text.strip() for text in pages) and pictures:
        raise Unreadable(SCAN)
    return "\n".join(pages)


def _pages(package: _Package, root: str) -> list[list[str]]:
    """Each page's content parts, in order: its template pages first, then the page itself."""
    document = package.xml(root)
    templates = {
        element.get("ID", ""): _resolve(root, element.get("BaseLoc", ""))
        for element in _children(document, "TemplatePage")
    }
    pages = []
    for element in _children(document, "Page"):
        location = element.get("BaseLoc")
        if location is None:
            continue
        content = _resolve(root, location)
        parts = []
        if content in package.names:
            for template in _children(package.xml(content), "Template"):
                found = templates.get(template.get("TemplateID", ""))
                if found in package.names:
                    parts.append(found)
        parts.append(content)
        pages.append(parts)
    return pages


def _page_text(package: _Package, parts: list[str]) -> tuple[str, bool]:
    """A page's text, line by line, and whether it draws any picture."""
    pieces: list[tuple[float, float, str]] = []
    images = False
    for part in parts:
        if part not in package.names:
            raise Unreadable(BROKEN)
        for element in package.xml(part).iter():
            name = _local(element.tag)
            if name == "ImageObject":
                images = True
            elif name == "TextObject":
                pieces.extend(_text_object(element))
    return _lines(pieces), images


def _text_object(element: ElementTree.Element) -> list[tuple[float, float, str]]:
    """``(baseline, x, text)`` of each TextCode of a TextObject, in page coordinates."""
    left, top = _origin(element.get("Boundary", ""))
    found = []
    for code in element:
        if _local(code.tag) == "TextCode" and code.text:
            x = left + _number(code.get("X"))
            y = top + _number(code.get("Y"))
            found.append((y, x, code.text))
    return found


def _origin(boundary: str) -> tuple[float, float]:
    values = boundary.split()
    return (_number(values[0]), _number(values[1])) if len(values) >= 2 else (0.0, 0.0)


def _number(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0


def _lines(pieces: list[tuple[float, float, str]]) -> str:
    """Text objects sorted into lines (top to bottom, then left to right)."""
    lines: list[list[tuple[float, str]]] = []
    baseline = None
    for y, x, text in sorted(pieces, key=lambda piece: (piece[0], piece[1])):
        if baseline is None or abs(y - baseline) >= _LINE_TOLERANCE:
            lines.append([])
            baseline = y
        lines[-1].append((x, text))
    return "\n".join("".join(text for _, text in sorted(line)) for line in lines)
