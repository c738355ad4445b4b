"""``checker batch``: a directory of units built from the sample (as the 文明办 receives them:
a full one, one with most evidence gone, one with a veto, a new empty one, a broken one),
ranked with review verdicts, each unit scored as ``checker check`` scores it alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, run_cli

SAMPLE = REPO / "evidence"
# every on-site and survey item of the sample's rule set at full marks: 44.1 becomes 70.1
FULL_RATINGS = "".join(
    f"- {{规则: {rule}, 得分: {points}, 评分人: 张三}}\n"
    for rule, points in [("B5", 2), ("E6", 4), ("F1", 5), ("F2", 3), ("F3", 6), ("F4", 6)]
)
VETO_RECORD = "- {类型: 事件, 日期: 2022-05-01, 标题: 党组成员张某严重违纪被立案审查}\n"
GOOD = ("ok/best", "ok/thin", "ok/veto", "ok/new")


def _copy(target: Path) -> Path:
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(scope="module")
def units(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("units")
    best = _copy(root / "ok" / "best")
    (best / "ratings.yaml").write_text(FULL_RATINGS, encoding="utf-8")
    thin = _copy(root / "ok" / "thin")
    for folder in thin.iterdir():
        if folder.is_dir() and folder.name[:2] in ("01", "02", "03", "04"):
            shutil.rmtree(folder)
    veto = _copy(root / "ok" / "veto")
    (veto / "ratings.yaml").write_text(FULL_RATINGS, encoding="utf-8")
    (veto / "08-一票否决" / "事件.yaml").write_text(VETO_RECORD, encoding="utf-8")
    made = run_cli("init", str(root / "ok" / "new"), "--type", "机关", "--name", "新单位")
    assert made.exit_code == 0, made.output
    unit = root / "ok" / "new" / "unit.yaml"  # the one line init asks to fill in first
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("职工人数: 0", "职工人数: 30"), "utf-8"
    )
    broken = root / "broken"
    broken.mkdir()
    (broken / "unit.yaml").write_text("名称: [未闭合\n类型: 机关\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def batch_run(units: Path, cache: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("out")
    args = ["batch", str(units), "-f", "json", "-f", "markdown", "-o", str(out)]
    result = run_cli(*args, "-j", "2", "--cache-dir", cache)
    summary = json.loads((out / "汇总.json").read_text(encoding="utf-8"))
    return result, summary, out


def _by_folder(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {unit["folder"]: unit for unit in summary["units"]}


def test_units_are_ranked_with_verdicts_and_the_broken_one_is_last(batch_run: Any) -> None:
    result, summary, _ = batch_run
    assert result.exit_code == 2, result.output  # the broken unit.yaml
    units = _by_folder(summary)
    assert sorted(units) == sorted([*GOOD, "broken"])
    assert [unit["rank"] for unit in summary["units"]] == [1, 2, 3, 4, 5]
    assert summary["units"][0]["folder"] == "ok/best"
    assert summary["units"][-1]["folder"] == "broken"
    assert units["ok/best"]["score"] == 70.1 and units["ok/best"]["verdict"] == "限期整改"
    assert units["ok/veto"]["veto"] == ["V1"] and units["ok/veto"]["verdict"] == "撤销"
    assert (
        units["ok/veto"]["verdict_reason"] == "一票否决（领导班子成员严重违纪违法）"
    )  # the finding, not V1
    # vetoed, it ranks below the units without a veto though its score is the best one's
    assert units["ok/veto"]["score"] == units["ok/best"]["score"]
    assert units["ok/veto"]["rank"] > units["ok/thin"]["rank"]
    assert units["ok/thin"]["score"] < units["ok/best"]["score"]
    broken = units["broken"]
    assert broken["verdict"] == "无法评定" and not broken["passed"]
    assert broken["problems"][0]["file"].endswith("broken/unit.yaml")
    assert broken["problems"][0]["line"] >= 1 and "YAML" in broken["problems"][0]["message"]
    assert "Traceback" not in result.output
    assert summary["ruleset_note"] == "参考版测评表（非官方）"


def test_each_unit_has_its_reports_outside_its_evidence(batch_run: Any, units: Path) -> None:
    _, summary, out = batch_run
    for unit in summary["units"]:
        if unit["folder"] == "broken":
            continue
        assert unit["reports"]["json"] == f"{unit['folder']}/report.json"
        report = json.loads((out / unit["reports"]["json"]).read_text(encoding="utf-8"))
        assert report["score"] == unit["score"]
        assert not (units / unit["folder"] / "report.json").exists()
    first = summary["units"][0]
    assert [item["rule"] for item in first["items"]][:3] == ["A1", "A2", "A3"]
    a3 = first["items"][2]
    assert a3["status"] == "partial" and "年度创建工作计划" in a3["reason"]
    assert first["items"][0]["reason"] == ""
    f1 = next(item for item in first["items"] if item["rule"] == "F1")
    assert f1["rated_by"] == "张三" and f1["earned"] == 5.0


def test_batch_scores_equal_check_one_unit_at_a_time(batch_run: Any, units: Path) -> None:
    _, summary, _ = batch_run
    batch = _by_folder(summary)
    for folder in GOOD:
        result = run_cli("check", str(units / folder), "-f", "json", "--no-cache")
        alone = json.loads(result.stdout)
        unit = batch[folder]
        assert (unit["score"], unit["best_score"], unit["veto"], unit["passed"]) == (
            alone["score"],
            alone["best_score"],
            alone["veto"],
            alone["passed"],
        ), folder
        assert unit["categories"] == [
            {"name": c["name"], "earned": c["earned"], "max": c["max"]} for c in alone["categories"]
        ]


def test_one_job_gives_the_same_summary_and_exit_1_without_the_broken_unit(
    batch_run: Any, units: Path, cache: str
) -> None:
    _, summary, _ = batch_run
    result = run_cli("batch", str(units / "ok"), "-f", "json", "-j", "1", "--cache-dir", cache)
    assert result.exit_code == 1, result.output  # every unit fails; none has a problem
    alone = json.loads(result.stdout)
    for unit in summary["units"][:4]:  # the broken unit ranked last: the others' ranks stand
        unit = {**unit, "folder": unit["folder"].removeprefix("ok/"), "reports": {}}
        assert alone["units"][unit["rank"] - 1] == unit


def test_the_markdown_summary_ranks_and_lists_what_needs_attention(batch_run: Any) -> None:
    _, _, out = batch_run
    text = (out / "汇总.md").read_text(encoding="utf-8")
    ranking = text.split("## 排名")[1].split("##")[0]
    rows = [line for line in ranking.splitlines() if line.startswith("| ") and "排名" not in line]
    assert rows[0].startswith("| 1 | 兴义市人大常委会机关（ok/best） | 机关 | 70.1 |")
    assert "| 限期整改 |" in rows[0]
    assert "| V1 | 撤销 |" in rows[3]  # vetoed: below every unit without a veto
    attention = text.split("## 需关注的单位")[1].split("## 问题")[0]
    assert "一票否决（领导班子成员严重违纪违法）" in attention and "无法评定" in attention
    assert "broken/unit.yaml:2:3` YAML 语法错误" in text.split("## 问题")[1]


def test_reports_inside_a_unit_folder_are_refused(units: Path) -> None:
    result = run_cli("batch", str(units), "-f", "json", "-o", str(units / "ok" / "new" / "out"))
    assert result.exit_code == 2
    assert "证据文件夹" in result.output
    assert not (units / "ok" / "new" / "out").exists()
    result = run_cli("batch", str(units), "-f", "json", "-o", str(units))
    assert result.exit_code == 2 and "证据文件夹" in result.output


def test_no_units_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("batch", str(tmp_path))
    assert result.exit_code == 2 and "没有单位" in result.output


def test_a_veto_is_named_by_what_it_found_not_by_the_rules_title() -> None:
    """The title names the condition met (干部职工无被追究刑事责任): a 撤销 that quoted it would
    read as its own opposite; the clause names the finding."""
    from checker.result import veto_finding

    result = {
        "rule": "V2",
        "title": "干部职工无被追究刑事责任",
        "clause": "一票否决：干部职工被追究刑事责任",
    }
    assert veto_finding(result) == "干部职工被追究刑事责任"
    assert veto_finding({"rule": "V9", "title": "无重大事故", "clause": ""}) == "无重大事故"
