"""The drafts read as an office's 说明: no tool phrasing over the sample and the scenario, and
the phrasing helpers' own forms."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from checker.pack.phrasing import action, by_period, dates, periods, tidy
from conftest import run_cli
from test_pack import pack, scenario  # noqa: F401  (the scenario fixture)
from test_plain_words import MACHINE

ROOT = Path(__file__).resolve().parent.parent

# What reads like a tool in a 说明, with why.
FORBIDDEN = [
    (re.compile(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]"), "ASCII space around a number"),
    (re.compile(r"有\d+次，要求\d+次|要求\d+次，缺"), "a counter"),
    (re.compile(r"共\s*\d+\s*个）均没有记录|均没有记录"), "a counter of empty periods"),
    (re.compile(r"\d+个[季月]度?中\d+个"), "a coverage counter"),
    (re.compile(r"（\d+%）"), "a percentage of periods"),
    (re.compile(r"：[^。；]*："), "a double-colon label"),
    (re.compile(r"登记\d+条"), "a roster counted in rows"),
    (re.compile(r"存在不足："), "a label before the gap"),
    (re.compile(r"如实说明原因"), "a reason promised and not given"),
    (re.compile(r"补做|补记|倒签"), "back-filling named"),
    (re.compile(r"开展(?:讲堂|网格|帮扶|信息报送|宣传阵地|名册)\d"), "a type name as a noun"),
    (re.compile(r"每日开展、[^。]*每日开展、[^。]*每日开展"), "runs of days listed, not a span"),
]


def offending(text: str) -> list[str]:
    found = [why for pattern, why in FORBIDDEN if pattern.search(text)]
    return found + (["machine words"] if MACHINE.search(text) else [])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("2022年“我们的节日”主题活动有 2 次，要求 3 次，缺 1 次", True),
        ("附有记录的道德讲堂活动：2022年第1季度均没有记录", True),
        ("宣传阵地更新：4个季度中3个季度有记录（75%）", True),
        ("建立名册，登记30条", True),
        ("对此如实说明原因，不补做、不倒签", True),
        ("2022年第1季度更新宣传阵地2次，第2、4季度各1次。", False),
    ],
)
def test_the_table_catches_tool_phrasing(text: str, bad: bool) -> None:
    assert bool(offending(text)) is bad


def drafts_of(folder: Path) -> dict[str, str]:
    return {
        f.stem: f.read_text(encoding="utf-8-sig").strip() for f in (folder / "说明").glob("*.txt")
    }


def test_the_sample_drafts_read_as_an_office_writes_them(tmp_path: Path) -> None:
    result = run_cli("pack", str(ROOT / "evidence"), "-o", str(tmp_path / "包"), "-q")
    assert result.exit_code == 0, result.output
    drafts = drafts_of(tmp_path / "包")
    bad = {name: offending(text) for name, text in drafts.items() if offending(text)}
    assert not bad
    by_id = {name.split(" ", 1)[0]: text for name, text in drafts.items()}
    assert by_id["C3"] == (
        "2022年1—6、8—12月各报送创建信息1次。因＿＿＿＿（请如实填写原因），2022年7月未报送创建"
        "信息；自2023年1月起按期开展并同步留存资料。"
    )
    assert by_id["C2"].startswith("2022年第1季度更新宣传阵地2次，第2、4季度各1次")
    assert by_id["X1"] == "22个网格均明确了机关网格员。"
    assert by_id["D1"].endswith("志愿服务队名册登记30人。")
    assert by_id["B4"].startswith("因＿＿＿＿（请如实填写原因），2022年全年未见道德讲堂活动记录")
    assert by_id["X2"] == "2022年1月10日至12月31日，共开展网格包保工作1057次。"


def test_the_scenario_drafts_have_no_tool_phrasing(
    scenario: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    rules_dir, evidence = scenario
    assert pack(rules_dir, evidence, tmp_path / "pack") == 0
    drafts = drafts_of(tmp_path / "pack")
    assert drafts and not {n: offending(t) for n, t in drafts.items() if offending(t)}


def test_the_phrasing_helpers() -> None:
    d = dt.date
    run = [d(2022, 1, day) for day in range(10, 18)] + [d(2022, 3, 5)]
    assert dates(run, 8) == "1月10日至17日每日开展、3月5日"
    assert dates([d(2022, 3, 8), d(2022, 6, 15), d(2022, 9, 1)], 2) == "3月8日、6月15日等"
    assert periods(["2022-Q1", "2022-Q2", "2022-Q4"]) == "2022年第1、2、4季度"
    assert periods([f"2022-{m:02d}" for m in (1, 2, 3, 4, 5, 6, 8, 9, 10)]) == "2022年1—6、8—10月"
    days = [d(2022, 2, 1), d(2022, 5, 1), d(2022, 11, 1)]
    assert by_period("quarter", days, ["2022-Q3"], "开展道德讲堂活动") == (
        "2022年第1、2、4季度各开展道德讲堂活动1次"
    )
    assert action("宣传阵地更新", "设置、更新") == "更新宣传阵地"
    assert action("附有记录的道德讲堂活动", "开展") == "开展道德讲堂活动"
    assert action("每月集中学习", "组织") == "组织集中学习"
    assert tidy("职工人数 48 的 50%，即 24 人") == "职工人数48的50%，即24人"
