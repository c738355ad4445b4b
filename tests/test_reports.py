"""Report formats: golden files of the starter sample, colour rules, the format registry."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from checker.cli import color_wanted
from checker.evidence.model import Source
from checker.report import FORMATS, RenderOptions
from checker.result import Citations
from conftest import REPO, run_cli

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


FIXTURES = Path(__file__).parent / "fixtures"
# (name, folder to run in, evidence, rules): the starter sample as README runs it, and a
# fixture with every status, a veto, waivers, an input error and a warning.
SOURCES = {
    "sample": (REPO, "evidence", "rules/文明单位-机关"),
    "all-statuses": (FIXTURES, "all-statuses/evidence", "all-statuses/rules"),
}


def _report(name: str) -> dict[str, object]:
    folder, evidence, rules = SOURCES[name]
    previous = Path.cwd()
    os.chdir(folder)
    try:
        result = run_cli("check", evidence, "--rules", rules, "-f", "json")
    finally:
        os.chdir(previous)
    report: dict[str, object] = json.loads(result.stdout)
    return report


@pytest.fixture(scope="module")
def sample() -> dict[str, object]:
    return _report("sample")


# The sample's JSON is pinned by tests/test_sample.py instead: its golden would be 700 kB of
# citations that churn whenever the sample is regenerated.
GOLDENS = [
    *(
        (source, name, ext)
        for source in SOURCES
        for name, ext in (("markdown", "md"), ("text", "txt"), ("html", "html"))
    ),
    ("all-statuses", "json", "json"),
]


@pytest.mark.parametrize(("source", "name", "extension"), GOLDENS)
def test_golden(source: str, name: str, extension: str) -> None:
    """Regenerate on purpose with ``UPDATE_GOLDEN=1 pytest tests/test_reports.py``."""
    rendered = FORMATS[name].render(_report(source), RenderOptions())
    path = GOLDEN / f"{source}.{extension}"
    if UPDATE:
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


def test_every_section_of_the_markdown_report_is_exercised() -> None:
    markdown = FORMATS["markdown"].render(_report("all-statuses"), RenderOptions())
    for heading in (
        "## 总体情况",
        "## 分类得分",
        "## 问题清单",
        "## 需现场核验",
        "## 逐项结果",
        "## 豁免",
        "## 材料中的问题",
        "## 提示",
    ):
        assert heading in markdown
    assert "已过期，不再适用" in markdown
    # a pipe cannot break the table, and markup stays text
    assert "现场检查 &lt;办公环境&gt; \\| 整洁" in markdown


def test_json_has_the_contract_fields(sample: dict[str, object]) -> None:
    for key in (
        "schema_version",
        "ruleset",
        "unit",
        "as_of",
        "score",
        "best_score",
        "earned",
        "max",
        "grade",
        "passed",
        "veto",
        "categories",
        "results",
        "errors",
    ):
        assert key in sample
    assert sample["schema_version"] == 1
    result = sample["results"][0]  # type: ignore[index]
    for key in ("rule", "title", "category", "status", "earned", "max", "requirements", "gaps"):
        assert key in result
    requirement = result["requirements"][0]
    for key in ("name", "met", "found", "needed", "missing_periods", "evidence"):
        assert key in requirement


def test_markdown_lists_every_gap_with_guidance(sample: dict[str, object]) -> None:
    markdown = FORMATS["markdown"].render(sample, RenderOptions())
    for result in sample["results"]:  # type: ignore[attr-defined]
        if result["status"] in ("fail", "partial"):
            assert f"{result['rule']} {result['title']}" in markdown
            for gap in result["gaps"]:
                assert gap in markdown
            assert result["guidance"] in markdown


def test_text_colour_only_when_asked(sample: dict[str, object]) -> None:
    plain = FORMATS["text"].render(sample, RenderOptions(color=False))
    coloured = FORMATS["text"].render(sample, RenderOptions(color=True))
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_needs_a_terminal_and_no_no_color() -> None:
    assert color_wanted(_Tty(), {}) is True
    assert color_wanted(_Tty(), {"NO_COLOR": "1"}) is False
    assert color_wanted(io.StringIO(), {}) is False


def test_registry_feeds_the_format_choice() -> None:
    result = run_cli("check", "--help")
    for name in FORMATS:
        assert name in result.stdout


def test_citations_written_by_template_are_what_json_writes() -> None:
    sources = [
        Source("台账/100%完成.xlsx", 3, "网格%d"),
        Source("台账/100%完成.xlsx", 4, "网格%d"),
        Source('引号"与\\反斜杠.xlsx', 2, "表\x01"),
        Source("记录/a.yaml", 1),
        Source("记录/b.yaml", 7),
        Source("台账/100%完成.xlsx", 9, "网格%d"),
    ]
    data = {
        "results": [{"rule": "A1", "requirements": [{"name": "x", "evidence": Citations(sources)}]}]
    }
    plain = json.loads(json.dumps(data))
    assert FORMATS["json"].render(data, RenderOptions()) == FORMATS["json"].render(
        plain, RenderOptions()
    )
    assert plain["results"][0]["requirements"][0]["evidence"][3] == {
        "file": "记录/a.yaml",
        "line": 1,
    }
