"""Review verdicts from a rule set's ``review:`` bands, last year's summary (a second 限期整改
is 撤销), summaries merged from several machines, and the 测评组's ratings replacing a unit's
own: on a small rule set of one file rule and one on-site rule, each worth half."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from checker.batch.run import Job, assess_unit
from checker.errors import InputError
from checker.evidence.ratings import Rating
from checker.pipeline import run
from checker.rules.loader import load_ruleset
from conftest import BASE_RULESET, dump, run_cli, write_tree

REVIEW = {
    "bands": [
        {"min": 90, "verdict": "保留"},
        {"min": 40, "verdict": "限期整改"},
        {"verdict": "撤销"},
    ],
    "veto": "撤销",
    "repeated": {"限期整改": "撤销"},
}
RULES = dump(
    {
        "category": "测试",
        "rules": [
            {
                "id": "R1",
                "title": "开会",
                "score": 1,
                "requires": [{"name": "会议", "type": "会议"}],
            },
            {"id": "R2", "title": "现场", "score": 1, "method": "实地考察"},
        ],
    }
)
MEETING = dump([{"类型": "会议", "日期": "2022-03-01", "标题": "创建工作会议"}])


def _rules(root: Path, review: Any = REVIEW) -> Path:
    ruleset = {**BASE_RULESET, **({"review": review} if review is not None else {})}
    write_tree(root / "rules", {"ruleset.yaml": dump(ruleset), "r.yaml": RULES})
    return root / "rules"


def _unit(root: Path, name: str, meeting: bool = True, rating: float | None = None) -> Path:
    files: dict[str, str | bytes] = {"unit.yaml": dump({"名称": name, "类型": "机关"})}
    if meeting:
        files["records.yaml"] = MEETING
    if rating is not None:
        files["ratings.yaml"] = dump([{"规则": "R2", "得分": rating, "评分人": "本单位"}])
    write_tree(root / name, files)
    return root / name


def _batch(units: Path, rules: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = run_cli(
        "batch",
        str(units),
        "--rules",
        str(rules),
        "--as-of",
        "2022-12-31",
        "-f",
        "json",
        "--no-cache",
        "-j",
        "1",
        *args,
    )
    return result.exit_code, json.loads(result.stdout)


def test_verdicts_follow_the_rule_sets_bands(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    units = tmp_path / "units"
    _unit(units, "甲", rating=1)  # 100
    _unit(units, "乙", rating=0)  # 50: 限期整改 by this set's bands (CRITERIA's default: 撤销)
    _unit(units, "丙", meeting=False, rating=0)  # 0
    code, summary = _batch(units, rules)
    assert code == 1
    found = {u["folder"]: (u["rank"], u["score"], u["verdict"]) for u in summary["units"]}
    assert found == {"甲": (1, 100.0, "保留"), "乙": (2, 50.0, "限期整改"), "丙": (3, 0.0, "撤销")}
    reasons = {u["folder"]: u["verdict_reason"] for u in summary["units"]}
    assert reasons["乙"] == (
        "得分 50，在 40—90 分之间；其中1项现场评分为单位自评（R2），以测评组评分为准"
    )
    assert reasons["丙"].startswith("得分 0，低于 40 分；其中1项现场评分为单位自评")
    assert summary["as_of"] == "2022-12-31" and summary["ruleset_note"] == ""


def test_ties_share_a_rank(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    units = tmp_path / "units"
    for name in ("甲", "乙", "丙"):
        _unit(units, name, meeting=name != "丙")
    _, summary = _batch(units, rules)
    assert [(u["folder"], u["rank"]) for u in summary["units"]] == [("乙", 1), ("甲", 1), ("丙", 3)]


def test_default_bands_are_criterias(tmp_path: Path) -> None:
    rules = _rules(tmp_path, review=None)
    assert load_ruleset(rules).meta.review.band(79.9).verdict == "限期整改"
    assert load_ruleset(rules).meta.review.band(80).verdict == "保留"
    assert load_ruleset(rules).meta.review.band(69.9).verdict == "撤销"
    _unit(tmp_path / "units", "乙", rating=0)
    _, summary = _batch(tmp_path / "units", rules)
    assert summary["units"][0]["verdict"] == "撤销"  # 50 < 70


def test_unrated_on_site_items_that_could_change_the_band_leave_the_verdict_pending(
    tmp_path: Path,
) -> None:
    """No title is kept or revoked on points nobody has given yet: 50 from the files, 100 if
    the on-site item is rated in full, so neither 限期整改 nor 保留 until it is rated. A unit is
    judged once its score and its best reachable score fall in one band."""
    rules = _rules(tmp_path)
    units = tmp_path / "units"
    _unit(units, "乙")  # 50, at most 100: 限期整改 or 保留
    _unit(units, "丙", meeting=False)  # 0, at most 50: 撤销 or 限期整改
    _, summary = _batch(units, rules)
    found = {u["folder"]: u for u in summary["units"]}
    assert found["乙"]["verdict"] == found["丙"]["verdict"] == "待现场测评"
    assert found["乙"]["verdict_reason"] == (
        "得分 50，在 40—90 分之间（限期整改）；实地考察、问卷调查项目尚未评分，"
        "全部得满分可达 100 分（保留），须现场测评后评定"
    )
    _unit(units, "丁", meeting=False, rating=0)  # rated: 0 and at most 0, 撤销
    _, summary = _batch(units, rules)
    assert {u["folder"]: u["verdict"] for u in summary["units"]}["丁"] == "撤销"


@pytest.mark.parametrize(
    ("review", "shown", "words"),
    [
        (
            {"bands": [{"min": 70, "verdict": "甲"}, {"min": 80, "verdict": "乙"}]},
            "- min: 70",
            "从高到低",
        ),
        (
            {"bands": [{"verdict": "甲"}, {"min": 80, "verdict": "乙"}]},
            "- verdict: 甲",
            "只有最后一档",
        ),
        ({"repeated": {"警告": "撤销"}}, "repeated:", "'警告' 不是 bands 中的结论"),
        ({"bands": [{"min": 120, "verdict": "甲"}]}, "- min: 120", "'min' 应 ≤ 100"),
    ],
)
def test_a_wrong_review_is_a_located_problem(
    tmp_path: Path, review: dict[str, Any], shown: str, words: str
) -> None:
    rules = _rules(tmp_path, review)
    with pytest.raises(InputError) as caught:
        load_ruleset(rules)
    problem = caught.value.problems[0]
    assert problem.file.endswith("ruleset.yaml") and words in problem.message
    text = (rules / "ruleset.yaml").read_text(encoding="utf-8").splitlines()
    assert text[problem.line - 1].strip() == shown  # the line written wrong, under review:


def _previous(folder: str, verdict: str, score: float, rank: int) -> dict[str, Any]:
    unit = {"folder": folder, "name": folder, "score": score, "rank": rank, "verdict": verdict}
    return {"schema_version": 1, "as_of": "2021-12-31", "ruleset_note": "", "units": [unit]}


def test_a_second_warning_in_a_row_is_revocation(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    units = tmp_path / "units"
    _unit(units, "甲", rating=1)
    _unit(units, "乙", rating=0)
    baseline = tmp_path / "last.json"
    last = _previous("乙", "限期整改", 45.5, 1)
    last["units"].append(
        {"folder": "改名前", "name": "甲", "score": 30, "rank": 2, "verdict": "撤销"}
    )
    baseline.write_text(json.dumps(last, ensure_ascii=False), encoding="utf-8")
    _, summary = _batch(units, rules, "--baseline", str(baseline))
    second, first = summary["units"][1], summary["units"][0]
    assert second["folder"] == "乙" and second["verdict"] == "撤销"
    assert "连续两年限期整改（上年得分 45.5），改为撤销" in second["verdict_reason"]
    assert second["previous"] == {"score": 45.5, "rank": 1, "verdict": "限期整改"}
    assert (second["score_change"], second["rank_change"]) == (4.5, -1)
    # matched by name when the folder was renamed; its 撤销 last year changes nothing now
    assert first["previous"]["rank"] == 2 and first["rank_change"] == 1
    assert first["verdict"] == "保留" and first["score_change"] == 70.0


def test_a_baseline_that_is_not_a_summary_is_refused(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    _unit(tmp_path / "units", "甲")
    wrong = tmp_path / "report.json"
    wrong.write_text('{"schema_version": 1, "results": []}', encoding="utf-8")
    result = run_cli(
        "batch", str(tmp_path / "units"), "--rules", str(rules), "--baseline", str(wrong)
    )
    assert result.exit_code == 2 and "不是 checker batch 的 JSON 汇总" in result.output


def _summary_file(tmp_path: Path, rules: Path, name: str, units: dict[str, bool]) -> Path:
    root = tmp_path / name
    for unit, meeting in units.items():
        _unit(root, unit, meeting=meeting)
    path = tmp_path / f"{name}.json"
    result = run_cli(
        "batch",
        str(root),
        "--rules",
        str(rules),
        "--as-of",
        "2022-12-31",
        "--no-cache",
        "-j",
        "1",
        "-f",
        "json",
        "-o",
        str(path),
    )
    assert result.exit_code == 1, result.output
    return path


def test_summaries_of_several_machines_merge_into_one_ranking(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    one = _summary_file(tmp_path, rules, "一号机", {"甲": False, "乙": True})
    two = _summary_file(tmp_path, rules, "二号机", {"丙": True})
    result = run_cli("batch", "--merge", str(one), str(two), "-f", "json")
    assert result.exit_code == 1
    merged = json.loads(result.stdout)
    assert [(u["folder"], u["rank"]) for u in merged["units"]] == [("丙", 1), ("乙", 1), ("甲", 3)]
    markdown = run_cli("batch", "--merge", str(one), str(two), "-f", "markdown").stdout
    assert "| 3 | 甲（甲） | 机关 | 0 |" in markdown


def test_a_merge_of_different_dates_or_the_same_unit_twice_is_refused(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    one = _summary_file(tmp_path, rules, "一号机", {"甲": True})
    again = _summary_file(tmp_path, rules, "二号机", {"甲": True})
    result = run_cli("batch", "--merge", str(one), str(again))
    assert result.exit_code == 2
    assert "单位文件夹 '甲' 同时出现在" in result.output
    other = json.loads(again.read_text(encoding="utf-8"))
    other["as_of"], other["units"][0]["folder"] = "2023-12-31", "乙"
    again.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    result = run_cli("batch", "--merge", str(one), str(again))
    assert result.exit_code == 2 and "评估日期不同" in result.output


def test_the_teams_rating_replaces_the_units_own_and_says_so(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    unit = _unit(tmp_path / "units", "甲", rating=1)
    team = (Rating.model_validate({"规则": "R2", "得分": 0.5, "评分人": "李四"}),)
    data = run(rules, unit, dt.date(2022, 12, 31), team_ratings=team).as_dict()
    r2 = next(result for result in data["results"] if result["rule"] == "R2")
    assert r2["earned"] == 0.5 and r2["rating"]["source"] == "测评组"
    assert r2["rating"]["rated_by"] == "李四" and data["score"] == 75.0
    own = run(rules, unit, dt.date(2022, 12, 31)).as_dict()
    assert own["score"] == 100.0
    assert "source" not in next(r for r in own["results"] if r["rule"] == "R2")["rating"]
    out = tmp_path / "out"
    job = Job(tmp_path / "units", "甲", rules, dt.date(2022, 12, 31), out, None, team)
    entry = assess_unit(job).entry
    assert entry["team_ratings"] == ["R2"] and entry["score"] == 75.0
    assert next(i for i in entry["items"] if i["rule"] == "R2")["rated_by"] == "测评组（李四）"
    report = json.loads((out / "甲" / "report.json").read_text(encoding="utf-8"))
    assert report["results"][1]["rating"]["source"] == "测评组"


def test_a_pending_verdict_is_settled_when_a_second_warning_would_revoke_either_way(
    tmp_path: Path,
) -> None:
    """0 from the files (撤销) and at most 50 (限期整改, a second one in a row: 撤销): both ends
    are 撤销, so no visit can change it; without last year's 限期整改 it stays pending."""
    rules = _rules(tmp_path)
    units = tmp_path / "units"
    _unit(units, "丙", meeting=False)
    baseline = tmp_path / "last.json"
    baseline.write_text(
        json.dumps(_previous("丙", "限期整改", 45.5, 1), ensure_ascii=False), encoding="utf-8"
    )
    _, summary = _batch(units, rules, "--baseline", str(baseline))
    (unit,) = summary["units"]
    assert unit["verdict"] == "撤销", unit["verdict_reason"]
    assert "现场测评不改变结论" in unit["verdict_reason"]
    baseline.write_text(
        json.dumps(_previous("丙", "保留", 95, 1), ensure_ascii=False), encoding="utf-8"
    )
    _, summary = _batch(units, rules, "--baseline", str(baseline))
    assert summary["units"][0]["verdict"] == "待现场测评"


def test_the_ratings_template_says_which_units_it_could_not_list(tmp_path: Path) -> None:
    """A unit whose unit.yaml cannot be read has no items to rate; the team must hear that it
    is missing from the sheet rather than find out on site."""
    units = tmp_path / "units"
    _unit(units, "甲")  # the bundled 机关 set, chosen by its 类型
    write_tree(units / "乙", {"unit.yaml": "名称: 乙\n类型: [机关\n"})
    book = tmp_path / "现场评分.xlsx"
    result = run_cli("batch", str(units), "--ratings-template", str(book))
    assert result.exit_code == 0 and book.exists()
    assert "未列入评分表：乙" in result.stderr


def test_summary_files_hold_no_runner_command_from_a_units_name(tmp_path: Path) -> None:
    """A unit.yaml name is evidence: written into 汇总.md and later `cat` into a CI log, it must
    not start a line the runner reads as a command (as check's reports)."""
    rules = _rules(tmp_path)
    units = tmp_path / "units"
    _unit(units, "甲\n::error file=a.yaml::forged", rating=1)
    out = tmp_path / "out"
    result = run_cli(
        "batch",
        str(units),
        "--rules",
        str(rules),
        "-f",
        "markdown",
        "-f",
        "html",
        "-f",
        "json",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("汇总.*"))) == 3
    for written in out.glob("汇总.*"):
        text = written.read_text(encoding="utf-8")
        assert not [line for line in text.splitlines() if line.lstrip().startswith("::")], written
