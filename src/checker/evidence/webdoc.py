"""Text of Word files that are web pages inside: a ``.doc`` saved by Word as 网页 (HTML) or
单个文件网页 (MHT), or exported so by an OA system. Word and WPS open them as documents, so
offices hand them in as ``.doc``; they are read with the standard library's HTML parser.
"""

from __future__ import annotations

import email
import re
from html.parser import HTMLParser
from pathlib import Path

from checker.evidence.reasons import BROKEN, Unreadable

_HIDDEN = frozenset({"script", "style", "head", "xml", "template"})
_LINES = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table"})
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _LINES:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in _LINES:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data) if data.strip() else "")


def html_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (line.strip(" ") for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line.strip())


def _decode(data: bytes, declared: str | None) -> str:
    """Bytes of a page in the charset it declares, else UTF-8, else GB18030 (Chinese Windows)."""
    found = _CHARSET.search(data[:4096])
    for charset in (declared, found.group(1).decode() if found else None, "utf-8"):
        if charset:
            try:
                return data.decode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset)
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("gb18030", errors="replace")


def webdoc_text(path: Path) -> str:
    data = path.read_bytes()
    if data[:200].lower().lstrip().startswith(b"mime-version"):
        message = email.message_from_bytes(data)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    return html_text(_decode(payload, part.get_content_charset()))
        raise Unreadable(BROKEN)
    return html_text(_decode(data, None))
