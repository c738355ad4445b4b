"""Text of evidence documents, for ``keywords``, ``content`` and document numbers.

One reader per suffix. Reading gives the text, or the reason there is none (a scan, an
encrypted or broken file, a format that is not read): such a file never silently counts as
matching, and reports name it with its reason. Extraction is cached by content hash outside
the evidence folder, and runs across cores when many documents are new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from checker.evidence.archives import Archives
from checker.evidence.documents import odt_text, pdf_text, word_text
from checker.evidence.model import suffix
from checker.evidence.ofd import ofd_text
from checker.evidence.reasons import BROKEN, UNSUPPORTED, Unreadable, too_large
from checker.evidence.rtf import rtf_text
from checker.limits import DOCUMENT_FILE_BYTES
from checker.textfile import TextFileError, read_text_file

Reader = Callable[[Path], str]

# Documents people write; photos and other files have no text to look for.
DOCUMENT_SUFFIXES = frozenset(
    {".md", ".txt", ".docx", ".doc", ".wps", ".pdf", ".rtf", ".odt", ".docm", ".wpt", ".ofd"}
)
EXTRACTION_VERSION = "2"  # bump when an extractor changes, so cached text is redone
_PARALLEL_FROM = 8  # fewer new documents than this are extracted in this process


class Extraction(NamedTuple):
    """A document's text, or (``text`` is ``None``) the reason it cannot be read."""

    text: str | None
    reason: str | None = None


def _plain(path: Path) -> str:
    try:
        return read_text_file(path)
    except TextFileError as error:
        raise Unreadable(str(error)) from error


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """``(front matter, body, line where the front matter starts)`` of a Markdown text."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 1
    return None, text, 0


def _markdown(path: Path) -> str:
    return split_front_matter(_plain(path))[1]


READERS: dict[str, Reader] = {
    ".md": _markdown,
    ".txt": _plain,
    ".docx": word_text,
    ".docm": word_text,
    ".doc": word_text,
    ".wps": word_text,
    ".wpt": word_text,
    ".odt": odt_text,
    ".pdf": pdf_text,
    ".ofd": ofd_text,
    ".rtf": rtf_text,
}


def extraction(path: Path) -> Extraction:
    """The text of one document, or why it cannot be read; never raises."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return Extraction(None, None)
    try:
        size = path.stat().st_size
        if size > DOCUMENT_FILE_BYTES:
            return Extraction(None, too_large(size, DOCUMENT_FILE_BYTES))
        return Extraction(reader(path))
    except Unreadable as error:
        return Extraction(None, error.reason)
    except Exception:  # a broken or hostile file is unreadable, never a crash
        return Extraction(None, BROKEN)


def extract(path: Path) -> str | None:
    """The text of one document; ``None`` when it cannot be read, whatever the reason."""
    return extraction(path).text


def _extract_named(path: str) -> Extraction:
    return extraction(Path(path))


def _in_parallel(paths: list[str]) -> list[Extraction]:
    """Extract across cores; if a worker dies (a file crashed the PDF engine), the files are
    done one by one here instead, each still guarded by :func:`extraction`."""
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor() as pool:
            return list(pool.map(_extract_named, paths, chunksize=4))
    except Exception:
        return [extraction(Path(path)) for path in paths]


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
        self._texts: dict[str, Extraction] = {}
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
        return self._texts[relpath].text

    def reason_of(self, relpath: str) -> str | None:
        """Why a document's text cannot be read (“扫描件，没有文字层”, “文件已加密”…);
        ``None`` when it was read, or when the file is not a document."""
        if relpath not in self._texts:
            self.prefetch([relpath])
        return self._texts[relpath].reason

    def prefetch(self, relpaths: Iterable[str]) -> None:
        """Extract every document not yet known: cached ones from the cache, new ones in
        parallel when there are many."""
        wanted = [p for p in dict.fromkeys(relpaths) if p not in self._texts]
        new: list[str] = []
        for relpath in wanted:
            if suffix(relpath) not in READERS:
                unsupported = UNSUPPORTED if self.is_document(relpath) else None
                self._texts[relpath] = Extraction(None, unsupported)
            elif not self._from_cache(relpath):
                new.append(relpath)
        if len(new) >= _PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            texts = _in_parallel([str(self.archives.path_of(p)) for p in new])
        else:
            texts = [extraction(self.archives.path_of(p)) for p in new]
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
            cached = json.loads(path.read_text(encoding="utf-8"))
            self._texts[relpath] = Extraction(cached["text"], cached["reason"])
        except (OSError, ValueError, KeyError, TypeError):
            return False
        return True

    def _to_cache(self, relpath: str, text: Extraction) -> None:
        path = self._cache_file(relpath)
        if path is None:
            return
        try:  # a read-only or full cache only costs speed
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            entry = {"text": text.text, "reason": text.reason}
            temporary.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            temporary.replace(path)
        except OSError:
            pass
