"""One vocabulary in every human format: an office reading the text summary, the Markdown,
the web page and the Word report sees the same words for the same things."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
import pytest

from checker.report import FORMATS, RenderOptions
from test_reports import _report

# the word reports use → the words they once used for the same thing
WORDS = {"需现场核验": "需人工核验", "需要核实的情况": "完整性提示"}


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return _report("sample")


def _rendered(data: dict[str, Any], name: str) -> str:
    rendered = FORMATS[name].render(data, RenderOptions())
    if isinstance(rendered, bytes):  # the Word report: its paragraphs and table cells
        document = docx.Document(io.BytesIO(rendered))
        cells = (c.text for t in document.tables for row in t.rows for c in row.cells)
        return "\n".join([*(p.text for p in document.paragraphs), *cells])
    return re.sub(r"<[^>]+>", "", rendered)  # HTML: the text a reader sees


@pytest.mark.parametrize("name", ["text", "markdown", "html", "docx"])
def test_one_vocabulary_in_every_format(sample: dict[str, Any], name: str) -> None:
    assert sample["integrity"] and any(r["status"] == "manual" for r in sample["results"])
    text = _rendered(sample, name)
    for word, old in WORDS.items():
        assert old not in text, f"{name} still says {old}"
        assert word in text, f"{name} never says {word}"


@pytest.mark.parametrize("name", ["text", "markdown", "html"])
def test_the_sections_carry_the_shared_words(sample: dict[str, Any], name: str) -> None:
    """The sections themselves are titled with the words, not only the body text."""
    text = _rendered(sample, name)
    heading = {"text": r"^\S*需要核实的情况", "markdown": r"^## 需要核实的情况$"}
    pattern = heading.get(name, r"需要核实的情况")
    assert re.search(pattern, text, re.MULTILINE), text[:400]
    if name == "markdown":
        assert "\n## 需现场核验\n" in text
