"""Text of evidence documents, for ``keywords`` and ``content``: one extractor per suffix.

An extractor returns the text, or ``None`` when the file is a document whose text cannot be
extracted (a scan, an old binary format): such a file never silently counts as matching.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Extractor = Callable[[Path], str | None]

# Documents people write; photos and other files have no text to look for.
DOCUMENT_SUFFIXES = frozenset({".md", ".txt", ".docx", ".doc", ".wps", ".pdf", ".rtf", ".odt"})


def _plain(path: Path) -> str | None:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _markdown(path: Path) -> str | None:
    text = _plain(path)
    if text is None:
        return None
    return split_front_matter(text)[1]


EXTRACTORS: dict[str, Extractor] = {".md": _markdown, ".txt": _plain}


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """``(front matter, body, line where the front matter starts)`` of a Markdown text."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 1
    return None, text, 0


class TextStore:
    """Extracts each document's text once, on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, str | None] = {}

    @staticmethod
    def is_document(relpath: str) -> bool:
        return Path(relpath).suffix.lower() in DOCUMENT_SUFFIXES

    def text_of(self, relpath: str) -> str | None:
        """The file's text; ``None`` when it is a document whose text cannot be extracted."""
        if relpath not in self._cache:
            extractor = EXTRACTORS.get(Path(relpath).suffix.lower())
            try:
                self._cache[relpath] = extractor(self.root / relpath) if extractor else None
            except OSError:
                self._cache[relpath] = None
        return self._cache[relpath]
