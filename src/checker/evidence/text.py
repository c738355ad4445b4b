"""Text of evidence documents, for ``keywords``, ``content`` and document numbers.

One extractor per suffix. An extractor returns the text, or ``None`` when the file is a
document whose text cannot be extracted (a scan, an old binary format, a broken file): such a
file never silently counts as matching, and reports name it. Extraction is cached by content
hash outside the evidence folder, and runs across cores when many documents are new.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from checker.evidence.archives import Archives
from checker.evidence.model import suffix
from checker.evidence.zipcheck import zip_bomb
from checker.limits import DOCUMENT_FILE_BYTES, PDF_PAGES
from checker.textfile import TextFileError, read_text_file

Extractor = Callable[[Path], str | None]

# Documents people write; photos and other files have no text to look for.
DOCUMENT_SUFFIXES = frozenset(
    {".md", ".txt", ".docx", ".doc", ".wps", ".pdf", ".rtf", ".odt", ".docm", ".wpt"}
)
EXTRACTION_VERSION = "1"  # bump when an extractor changes, so cached text is redone
_PART_LIMIT = 64 * 1024 * 1024  # an uncompressed XML part larger than this is not read
_PARALLEL_FROM = 8  # fewer new documents than this are extracted in this process
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _plain(path: Path) -> str | None:
    try:
        return read_text_file(path)
    except TextFileError:
        return None


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """``(front matter, body, line where the front matter starts)`` of a Markdown text."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 1
    return None, text, 0


def _markdown(path: Path) -> str | None:
    text = _plain(path)
    return None if text is None else split_front_matter(text)[1]


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


def _docx(path: Path) -> str | None:
    if zip_bomb(path):
        return None
    with zipfile.ZipFile(path) as archive:
        parts = sorted(
            (info for info in archive.infolist() if _DOCX_PARTS.match(info.filename)),
            key=lambda info: info.filename,
        )
        if not any(info.filename == "word/document.xml" for info in parts):
            return None
        texts = [_docx_part(archive.read(info)) for info in parts if info.file_size <= _PART_LIMIT]
    return "\n".join(texts)


def _odt(path: Path) -> str | None:
    if zip_bomb(path):
        return None
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("content.xml")
        if info.file_size > _PART_LIMIT:
            return None
        root = ElementTree.fromstring(archive.read(info))
    return "\n".join(text for text in root.itertext() if text.strip())


def _pdf(path: Path) -> str | None:
    import pypdfium2

    if path.stat().st_size > DOCUMENT_FILE_BYTES:
        return None
    document = pypdfium2.PdfDocument(str(path))
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
    text = "\n".join(pages).replace("\r\n", "\n")
    return text if text.strip() else None  # no text layer: a scan


EXTRACTORS: dict[str, Extractor] = {
    ".md": _markdown,
    ".txt": _plain,
    ".docx": _docx,
    ".docm": _docx,
    ".odt": _odt,
    ".pdf": _pdf,
}


def extract(path: Path) -> str | None:
    """The text of one document; ``None`` when it cannot be extracted, whatever the reason."""
    extractor = EXTRACTORS.get(path.suffix.lower())
    if extractor is None:
        return None
    try:
        return extractor(path)
    except Exception:  # a broken, encrypted or hostile file is unreadable, never a crash
        return None


def _extract_named(path: str) -> str | None:
    return extract(Path(path))


def _in_parallel(paths: list[str]) -> list[str | None]:
    """Extract across cores; if a worker dies (a file crashed the PDF engine), the files are
    done one by one here instead, each still guarded by :func:`extract`."""
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor() as pool:
            return list(pool.map(_extract_named, paths, chunksize=4))
    except Exception:
        return [extract(Path(path)) for path in paths]


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


class TextStore:
    """Each document's text, extracted once: from the cache when its content was seen before."""

    def __init__(
        self, root: Path, cache_dir: Path | None = None, archives: Archives | None = None
    ) -> None:
        self.root = root
        self.archives = archives or Archives(root)  # where each file is read (zips unpacked)
        self.cache_dir = cache_dir / f"text-v{EXTRACTION_VERSION}" if cache_dir else None
        self._texts: dict[str, str | None] = {}
        self._digests: dict[str, str] = {}
        # Content digests of files whose size and modification time have not changed since
        # the last run (as git's index does), so a second run need not read them again.
        self._index: dict[str, list[Any]] | None = None
        self._index_changed = False

    @staticmethod
    def is_document(relpath: str) -> bool:
        return suffix(relpath) in DOCUMENT_SUFFIXES

    def digest(self, relpath: str) -> str:
        """The file's SHA-256: from the index when the file is unchanged, else read."""
        if relpath not in self._digests:
            member = self.archives.digest(relpath)  # taken while unpacking the zip
            if member is not None:
                self._digests[relpath] = member
                return member
            path = self.root / relpath
            stat = path.stat()
            known = self._load_index().get(relpath)
            if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
                self._digests[relpath] = known[2]
            else:
                self._digests[relpath] = digest(path)
                if self._index is not None and self.cache_dir is not None:
                    self._index[relpath] = [stat.st_size, stat.st_mtime_ns, self._digests[relpath]]
                    self._index_changed = True
        return self._digests[relpath]

    def _index_file(self) -> Path | None:
        if self.cache_dir is None:
            return None
        folder = hashlib.sha256(str(self.root.resolve()).encode()).hexdigest()[:16]
        return self.cache_dir / "index" / f"{folder}.json"

    def _load_index(self) -> dict[str, list[Any]]:
        if self._index is None:
            self._index = {}
            path = self._index_file()
            if path is not None and path.is_file():
                try:
                    loaded = json.loads(path.read_text(encoding="utf-8"))
                    self._index = loaded if isinstance(loaded, dict) else {}
                except (OSError, ValueError):
                    self._index = {}
        return self._index

    def flush(self) -> None:
        """Keep the digests for the next run (quietly skipped when the cache is read-only)."""
        path = self._index_file()
        if path is None or not self._index_changed or self._index is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self._index, ensure_ascii=False), encoding="utf-8")
            temporary.replace(path)
            self._index_changed = False
        except OSError:
            pass

    def text_of(self, relpath: str) -> str | None:
        """The file's text; ``None`` when it is a document whose text cannot be extracted."""
        if relpath not in self._texts:
            self.prefetch([relpath])
        return self._texts[relpath]

    def prefetch(self, relpaths: Iterable[str]) -> None:
        """Extract every document not yet known: cached ones from the cache, new ones in
        parallel when there are many."""
        wanted = [p for p in dict.fromkeys(relpaths) if p not in self._texts]
        new: list[str] = []
        for relpath in wanted:
            if suffix(relpath) not in EXTRACTORS:
                self._texts[relpath] = None
            elif not self._from_cache(relpath):
                new.append(relpath)
        if len(new) >= _PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            texts = _in_parallel([str(self.archives.path_of(p)) for p in new])
        else:
            texts = [extract(self.archives.path_of(p)) for p in new]
        for relpath, text in zip(new, texts, strict=True):
            self._texts[relpath] = text
            self._to_cache(relpath, text)

    def _cache_file(self, relpath: str) -> Path | None:
        if self.cache_dir is None:
            return None
        try:
            key = self.digest(relpath)
        except OSError:
            return None
        return self.cache_dir / key[:2] / f"{key}.json"

    def _from_cache(self, relpath: str) -> bool:
        path = self._cache_file(relpath)
        if path is None or not path.is_file():
            return False
        try:
            self._texts[relpath] = json.loads(path.read_text(encoding="utf-8"))["text"]
        except (OSError, ValueError, KeyError, TypeError):
            return False
        return True

    def _to_cache(self, relpath: str, text: str | None) -> None:
        path = self._cache_file(relpath)
        if path is None:
            return
        try:  # a read-only or full cache only costs speed
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps({"text": text}, ensure_ascii=False), encoding="utf-8")
            temporary.replace(path)
        except OSError:
            pass
