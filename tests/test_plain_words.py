"""Reports read as the office writes: no machine period labels (2022-W05, 2022-Q3, 2022-07,
2022-03-05) in prose, no data-entry syntax (类型: 名册) and no counters such as "0/1", in every
format of the sample's report and of every evaluation case. JSON keeps ISO dates in its date
fields, and file names keep whatever dates they carry."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from checker.report import FORMATS, RenderOptions
from conftest import REPO, case_params, case_report, run_cli

# A machine label or an ISO date, not part of a longer number.
MACHINE = re.compile(
    r"\d{4}-W\d{2}|\d{4}-Q\d|(?<![\d.])\d{4}-\d{2}(?:-\d{2})?(?![\d.])|类型[:：]|标签[:：]"
    r"|(?<![\d.])[\d.]+/[\d.]+ ?[次个]"
)
# A record cited as tools do (台账.xlsx:31) in a report people read, rather than 台账.xlsx第31行;
# a problem's path:line:col stays, as editors and CI clients parse it.
CITATION = re.compile(r"\.(?:ya?ml|md|xlsx?|et|csv|docx?|wps|pdf|ofd|jpe?g|png|zip):\d+(?![\d:])")
READ_BY_PEOPLE = ("markdown", "html", "docx")
# What a problem quotes from the input ('2022-13-45' 不是有效日期) is the office's own text.
QUOTED = re.compile(r"'[^'\n]*'")
# JSON fields that are data, not prose: dates, file names, machine period labels, ids.
DATA_KEYS = {
    "as_of",
    "start",
    "end",
    "deadline",
    "expires",
    "date",
    "file",
    "files",
    "root",
    "missing_periods",
    "in_progress",
    "period",
    "rule",
    "id",
    "version",
}


def _file_names(data: Any) -> Iterator[str]:
    """Every file name the report mentions: these keep their own dates."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in ("file", "root"):
                yield value
            elif key == "files" and isinstance(value, list):
                yield from (name for name in value if isinstance(name, str))
            else:
                yield from _file_names(value)
    elif isinstance(data, list):
        for item in data:
            yield from _file_names(item)


def _prose(data: Any) -> Iterator[str]:
    """The JSON strings people read: every string outside the data fields."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in DATA_KEYS:
                yield from _prose(value)
    elif isinstance(data, list):
        for item in data:
            yield from _prose(item)
    elif isinstance(data, str):
        yield data


def _without_files(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "〈文件〉")
        # Directories and bare names as the evidence list and links show them.
        text = text.replace(name.rsplit("/", 1)[-1], "〈文件〉")
    return text


def _docx_text(data: dict[str, Any]) -> str:
    """Every paragraph of the Word report, its tables' cells and its footers included."""
    rendered = FORMATS["docx"].render(data, RenderOptions())
    assert isinstance(rendered, bytes)
    document = Document(io.BytesIO(rendered))
    body = document.element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def machine_words(data: dict[str, Any]) -> dict[str, list[str]]:
    """The offending lines, per format."""
    names = sorted(set(_file_names(data)), key=len, reverse=True)
    rendered = {
        "docx": _docx_text(data),
        "json": "\n".join(_prose(data)),
        "text": FORMATS["text"].render(data, RenderOptions()),
        "markdown": FORMATS["markdown"].render(data, RenderOptions()),
        "html": html.unescape(
            re.sub(
                r"<(style|script)[^>]*>.*?</\1>|<[^>]+>",
                "\n",
                FORMATS["html"].render(data, RenderOptions()),
                flags=re.S,
            )
        ),
    }
    found: dict[str, list[str]] = {}
    for kind, text in rendered.items():
        lines = [
            line.strip()
            for line in QUOTED.sub("'…'", _without_files(text, names)).splitlines()
            if MACHINE.search(line)
        ]
        if kind in READ_BY_PEOPLE:
            lines += [line.strip() for line in text.splitlines() if CITATION.search(line)]
        if lines:
            found[kind] = lines
    return found


def test_the_pattern_finds_machine_words() -> None:
    for bad in (
        "2022-W05",
        "2022-Q3",
        "评估日期：2022-12-31",
        "2022-07",
        "0/1 次",
        "0/24 个",
        "10/24 个",
        "2/3 次",
        "类型: 名册",
    ):
        assert MACHINE.search(bad), bad
    assert CITATION.search("台账.xlsx:31（工作表 志愿服务）") and CITATION.search("（a.yaml:3）")
    assert not CITATION.search("台账.xlsx第31行") and not CITATION.search("unit.yaml:1:1 评估日期")
    for fine in ("2022年7月", "有 2 次，要求 3 次", "2022—2023年度", "得分 0（0/1 分）"):
        assert not MACHINE.search(fine), fine


def test_the_sample_reads_in_plain_words() -> None:
    result = run_cli("check", str(REPO / "evidence"), "-f", "json")
    assert machine_words(json.loads(result.stdout)) == {}


@pytest.mark.parametrize("case", case_params())
def test_every_case_reads_in_plain_words(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = case_report(tmp_path, case, monkeypatch)
    assert result.stdout.startswith("{"), result.output  # every case's rules load
    assert machine_words(json.loads(result.stdout)) == {}


def test_one_vocabulary_across_formats() -> None:
    """The words the HTML and Word reports use (需现场核验, 需要核实的情况), in text and Markdown too."""
    data = json.loads(run_cli("check", str(REPO / "evidence"), "-f", "json").stdout)
    for kind in ("text", "markdown"):
        text = FORMATS[kind].render(data, RenderOptions())
        assert "需现场核验" in text and "需要核实的情况" in text, kind
        assert "需人工核验" not in text and "完整性提示" not in text, kind
    # the claims table and the problems section carry the Word report's names in every format
    docx = _docx_text(data)
    for kind in ("markdown", "html", "docx"):
        text = docx if kind == "docx" else FORMATS[kind].render(data, RenderOptions())
        assert isinstance(text, str)
        assert "台账合计核对" in text and "逐条合计" in text and "相符" in text, kind
        assert "合计数核对" not in text and "明细合计" not in text, kind
        assert "2000余" in text, kind  # “2000余份” stays as written: the inspector adds it up
