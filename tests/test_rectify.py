"""Honest rectification (CRITERIA principle 7): a gap that can be closed now gets a deadline; a
gap in a period that is over gets none, and no report ever asks to back-fill past records."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document

from checker.report import FORMATS, RenderOptions
from checker.report.rectify import rectification
from conftest import REPO, build_case, run_cli

CASES = Path(__file__).parent / "cases"
# 补齐/补记/补做/补写 asked for; “不补做”, “不事后补写”, “不自行补写” forbid it and may stay.
BACKFILL = re.compile(r"(?<!不)(?<!不事后)(?<!不自行)补[齐记做写]")
TEXT_FORMATS = ["text", "markdown", "html", "json", "junit", "sarif", "github"]


def _data(as_of: str, window_end: str, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "window": {"start": "2022-01-01", "end": window_end},
        "deadline": "2023-01-30" if as_of == "2022-12-31" else "2022-08-14",
        "results": results,
    }


def _result(*requirements: dict[str, Any], veto: bool = False) -> dict[str, Any]:
    return {
        "rule": "C3",
        "status": "fail" if veto else "partial",
        "veto": veto,
        "guidance": "每月报送信息。",
        "requirements": list(requirements),
    }


def _monthly(*missing: str, in_progress: str | None = None) -> dict[str, Any]:
    return {
        "met": False,
        "period": "month",
        "missing_periods": list(missing),
        "in_progress": in_progress,
    }


def test_a_month_that_is_over_gets_no_deadline_and_says_from_when() -> None:
    fix = rectification(_result(_monthly("2022-07")), _data("2022-12-31", "2022-12-31", []))
    assert fix["kind"] == "past"
    assert fix["deadline"] is None
    assert fix["deadline_text"] == "长期坚持"
    assert fix["since"] == "2023年1月"
    assert fix["measure"].startswith(
        "如实说明原因，不补做、不倒签，自2023年1月起按期开展并同步留存资料。每月报送信息"
    )


def test_the_month_in_progress_is_closable_before_it_ends() -> None:
    """The deadline is the as-of date plus the rule set's days, but no later than the end of
    the month still open: July's report made in August would be back-dated."""
    data = _data("2022-07-15", "2022-07-15", [])
    fix = rectification(_result(_monthly("2022-07", in_progress="2022-07")), data)
    assert (fix["kind"], fix["deadline"], fix["since"]) == ("now", "2022-07-31", None)
    assert fix["deadline_text"] == "2022年7月31日"
    both = rectification(_result(_monthly("2022-03", "2022-07", in_progress="2022-07")), data)
    assert both["kind"] == "both"
    assert both["deadline_text"] == "2022年7月31日；此后长期坚持"
    assert "自2022年7月起" in both["measure"]


def test_quarters_and_weeks_name_the_next_period_as_people_write_it() -> None:
    data = _data("2022-12-31", "2022-12-31", [])
    quarter = dict(_monthly("2022-Q3"), period="quarter")
    assert rectification(_result(quarter), data)["since"] == "2023年第1季度"
    # 2022-12-31 is a Saturday of 2022-W52, a week that runs into 2023: it is still open
    week = dict(_monthly("2022-W50", "2022-W52"), period="week")
    fix = rectification(_result(week), data)
    assert fix["kind"] == "both"
    assert fix["deadline"] == "2023-01-01"
    assert fix["since"] == "2022年12月26日"


def test_a_cycle_requirement_is_closable_while_the_cycle_runs() -> None:
    roster = {"met": False, "period": "cycle", "missing_periods": [], "in_progress": None}
    running = rectification(_result(roster), _data("2022-12-31", "2022-12-31", []))
    assert (running["kind"], running["deadline"]) == ("now", "2023-01-30")
    assert "不补做" not in running["measure"]
    over = rectification(_result(roster), _data("2023-03-01", "2022-12-31", []))
    assert (over["kind"], over["deadline"], over["since"]) == ("past", None, "2023年")


def test_a_veto_is_reported_not_given_a_deadline() -> None:
    event = {"met": False, "period": "cycle", "missing_periods": [], "in_progress": None}
    fix = rectification(_result(event, veto=True), _data("2022-12-31", "2022-12-31", []))
    assert fix["kind"] == "veto"
    assert fix["deadline"] is None
    assert fix["measure"].startswith("如实报告文明办")


def _texts(data: dict[str, Any]) -> dict[str, str]:
    """Every format of one report as text (the Word report read back with python-docx)."""
    texts = {name: str(FORMATS[name].render(data, RenderOptions())) for name in TEXT_FORMATS}
    word = FORMATS["docx"].render(data, RenderOptions())
    assert isinstance(word, bytes)
    document = Document(io.BytesIO(word))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    texts["docx"] = "\n".join([p.text for p in document.paragraphs] + cells)
    return texts


def _backfills(texts: dict[str, str]) -> list[str]:
    found = []
    for name, text in texts.items():
        for match in BACKFILL.finditer(text):
            found.append(f"{name}: …{text[max(0, match.start() - 30) : match.end() + 10]}…")
    return found


def test_the_sample_never_asks_to_backfill(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli("check", "evidence", "--rules", "rules/文明单位-机关", "-f", "json")
    texts = _texts(json.loads(result.stdout))
    assert _backfills(texts) == []
    assert "不补做、不倒签，自2023年1月起按期开展并同步留存资料" in texts["docx"]
    assert "长期坚持" in texts["docx"]


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}/{case['name']}"))
    return params


@pytest.mark.parametrize("case", _cases())
def test_no_case_asks_to_backfill(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_case(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    args = ["check", "evidence", "--rules", "rules", "--format", "json"]
    if "as_of" in case:
        args += ["--as-of", str(case["as_of"])]
    data = json.loads(run_cli(*args).stdout)
    assert _backfills(_texts(data)) == []
    for result in data["results"]:
        if result["status"] in ("fail", "partial", "error"):
            fix = result["rectification"]
            assert (fix["deadline"] is None) == (fix["kind"] in ("past", "veto"))


def test_backfill_pattern_spares_prohibitions() -> None:
    assert not BACKFILL.search("如实说明，不补做、不补记；不事后补写；不自行补写")
    assert BACKFILL.search("完成整改并补齐台账")


def test_a_rule_without_guidance_still_gets_a_measure() -> None:
    from checker.report.rectify import rectification

    result = {
        "guidance": "",
        "veto": False,
        "status": "error",
        "title": "网格分工",
        "requirements": [],
    }
    data = {"as_of": "2022-06-30", "window": {"end": "2022-12-31"}, "deadline": None}
    measure = rectification(result, data)["measure"]
    assert measure == "对照“网格分工”的测评要求逐项整改。"


def test_next_years_plan_can_be_issued_now_though_this_years_is_over() -> None:
    """A missing 2022 plan on 2022-12-31 is not written after the fact, but the 2023 plan can be
    issued today: a deadline, and 长期坚持 for the year that is over."""
    plan = {"name": "年度工作计划", "met": False, "period": "year", "missing_periods": ["2022"]}
    fix = rectification(_result(plan), _data("2022-12-31", "2022-12-31", []))
    assert (fix["kind"], fix["deadline"], fix["since"]) == ("both", "2023-01-30", "2023年")
    meeting = dict(plan, name="年度总结会议")
    assert rectification(_result(meeting), _data("2022-12-31", "2022-12-31", []))["kind"] == "past"


def test_an_item_with_records_kept_out_is_corrected_and_judged_again() -> None:
    """Records a problem kept out may be the very ones missing: correct them first, no 补做."""
    result = dict(_result(_monthly("2022-07")), left_out=[{"file": "a.yaml", "line": 3}])
    fix = rectification(result, _data("2022-12-31", "2022-12-31", []))
    assert (fix["kind"], fix["deadline"], fix["since"]) == ("correct", "2023-01-30", None)
    assert fix["measure"].startswith("核对并更正有误、未能计入的记录，更正后重新自查；")
    assert "不补做、不倒签" in fix["measure"] and not BACKFILL.search(fix["measure"])
