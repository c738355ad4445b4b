"""The command line: exit codes, formats and outputs, gates, and Chinese messages."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, build_case, check_cli, run_cli

CASE: dict[str, Any] = {
    "rules": [
        {"id": "R1", "score": 10, "requires": [{"name": "会议", "type": "会议", "min": 2}]},
        {"id": "R2", "score": 10, "requires": [{"name": "活动", "type": "活动"}]},
    ],
    "records": [
        {"类型": "会议", "日期": "2022-01-05"},
        {"类型": "会议", "日期": "2022-02-05"},
        {"类型": "活动", "日期": "2022-03-05"},
    ],
    "unit": {"评估日期": "2022-12-31"},
}


@pytest.fixture
def case_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    build_case(tmp_path, CASE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_passing_check_exits_0_with_a_text_summary(case_dir: Path) -> None:
    result = check_cli()
    assert result.exit_code == 0, result.output
    assert "得分 100（20/20 分）" in result.stdout
    assert "结论：达到及格线" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_failing_score_exits_1_and_fail_under_replaces_the_pass_line(case_dir: Path) -> None:
    (case_dir / "evidence" / "records.yaml").write_text(
        "- {类型: 会议, 日期: 2022-01-05}\n- {类型: 会议, 日期: 2022-01-06}\n", encoding="utf-8"
    )
    assert check_cli().exit_code == 1
    assert check_cli("--fail-under", "50").exit_code == 0
    assert check_cli("--fail-under", "50.1").exit_code == 1


def test_as_of_option_wins_over_unit_yaml(case_dir: Path) -> None:
    result = check_cli("-f", "json", "--as-of", "2022-01-31")
    report = json.loads(result.stdout)
    assert report["as_of"] == "2022-01-31"
    assert report["results"][1]["status"] == "fail"  # the activity is after the assessment date


def test_bad_options_are_explained_in_chinese_with_exit_2(case_dir: Path) -> None:
    result = check_cli("--as-of", "2022-02-30")
    assert result.exit_code == 2
    assert "日期 '2022-02-30' 不是有效日期" in result.stderr
    result = run_cli("check", "evidence", "--format", "pdf")
    assert result.exit_code == 2
    assert "取值无效" in result.stderr
    result = check_cli("-f", "json", "-f", "markdown")
    assert result.exit_code == 2
    assert "请用 --output 指定一个文件夹" in result.stderr
    result = check_cli("--as-of", "2020-06-01")
    assert result.exit_code == 2
    assert "早于评估起点" in result.stderr


def test_several_formats_into_a_folder_never_into_the_evidence(case_dir: Path) -> None:
    before = _digest(case_dir / "evidence")
    result = check_cli(
        "-f",
        "json",
        "-f",
        "markdown",
        "-f",
        "text",
        "-o",
        "out",
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (case_dir / "out").iterdir()) == [
        "report.json",
        "report.md",
        "report.txt",
    ]
    result = check_cli("-f", "json", "-o", "evidence/report.json")
    assert result.exit_code == 2
    assert "报告不能写入证据文件夹" in result.stderr
    assert _digest(case_dir / "evidence") == before


def test_reports_are_byte_identical_across_runs(case_dir: Path) -> None:
    for name in ("json", "markdown", "text"):
        first = check_cli("-f", name).stdout
        second = check_cli("-f", name).stdout
        assert first == second
        assert len(first) > 100


def test_invalid_evidence_still_reports_and_exits_2(case_dir: Path) -> None:
    (case_dir / "evidence" / "bad.yaml").write_text(
        "类型: 会议\n日期: 2022-13-01\n", encoding="utf-8"
    )
    result = check_cli("-f", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["errors"][0]["file"] == "evidence/bad.yaml"
    assert "evidence/bad.yaml:2:5: 日期 '2022-13-01' 不是有效日期" in result.stderr
    assert "Traceback" not in result.output


def test_validate_lists_problems_or_confirms(case_dir: Path) -> None:
    result = run_cli("validate", "evidence", "--rules", "rules")
    assert result.exit_code == 0
    assert "校验通过：规则 2 条，证据文件 2 个，记录 3 条。" in result.stdout
    (case_dir / "evidence" / "a.yaml").write_text(
        "类型: 会义\n日期: 2022-02-30\n", encoding="utf-8"
    )
    result = run_cli("validate", "evidence", "--rules", "rules")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "evidence/a.yaml:1:5: 类型 '会义' 未定义，是否为 '会议'？",
        "evidence/a.yaml:2:5: 日期 '2022-02-30' 不是有效日期",
        "共 2 处问题。",
    ]


def test_regression_gate_against_a_baseline(case_dir: Path) -> None:
    check_cli("-f", "json", "-o", "base.json")
    (case_dir / "evidence" / "records.yaml").write_text(
        "- {类型: 会议, 日期: 2022-01-05}\n- {类型: 会议, 日期: 2022-01-06}\n"
        "- {类型: 活动, 日期: 2022-01-06}\n- {类型: 活动, 日期: 2022-01-07}\n",
        encoding="utf-8",
    )
    assert (
        check_cli(
            "--baseline",
            "base.json",
            "--fail-on-regression",
        ).exit_code
        == 0
    )
    (case_dir / "evidence" / "records.yaml").write_text(
        "- {类型: 会议, 日期: 2022-01-05}\n- {类型: 活动, 日期: 2022-01-06}\n", encoding="utf-8"
    )
    result = check_cli(
        "--baseline",
        "base.json",
        "--fail-under",
        "10",
        "--fail-on-regression",
    )
    assert result.exit_code == 1
    assert "退步：规则 R1 上次达标，本次未达标" in result.stderr
    assert check_cli("--baseline", "base.json", "--fail-under", "10").exit_code == 0
    Path("broken.json").write_text("{", encoding="utf-8")
    result = check_cli("--baseline", "broken.json")
    assert result.exit_code == 2
    assert "不是 checker 的 JSON 报告" in result.stderr


def test_rules_list_and_show(case_dir: Path) -> None:
    listing = run_cli("rules", "--rules", "rules", "list")
    assert listing.exit_code == 0
    assert "R1" in listing.stdout and "R2" in listing.stdout
    shown = run_cli("rules", "--rules", "rules", "show", "R1")
    assert "创建周期记录数 ≥ 2" in shown.stdout
    assert "定义于：rules/rules.yaml:3" in shown.stdout
    missing = run_cli("rules", "--rules", "rules", "show", "R3")
    assert missing.exit_code == 2
    assert "没有编号为 'R3' 的规则，是否为 'R2'？" in missing.stderr


def test_help_is_chinese() -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "用法：" in result.stdout and "命令" in result.stdout
    assert "检查证据文件夹" in run_cli("check", "--help").stdout


def test_bundled_rules_are_used_outside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("rules", "list")
    assert result.exit_code == 0
    assert "兴义市文明单位测评细则" in result.stdout


def test_sample_evidence_in_a_fresh_process() -> None:
    """The README's first command: ``checker check`` on the bundled sample, in the repo root."""
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "checker", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "兴义市人大常委会机关" in result.stdout
    assert "Traceback" not in result.stderr


def test_validate_finds_facts_the_rules_need(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = {
        "rules": [
            {
                "id": "D2",
                "score": 3,
                "requires": [
                    {"name": "注册志愿者", "type": "名册", "min_ratio": 0.2, "of": "staff"}
                ],
            }
        ],
        "records": [{"类型": "名册", "日期": "2022-01-05"}],
        "unit": {"评估日期": "2022-12-31"},
    }
    build_case(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "evidence", "--rules", "rules")
    assert result.exit_code == 2
    assert "evidence/unit.yaml:1:1: 规则 D2：" in result.stderr
    (tmp_path / "evidence" / "unit.yaml").write_text(
        "名称: 单位\n类型: 机关\n职工人数: 45人\n评估日期: 2022-12-31\n", encoding="utf-8"
    )
    assert run_cli("validate", "evidence", "--rules", "rules").exit_code == 0


def test_missing_evidence_folder(case_dir: Path) -> None:
    result = run_cli("check", "nope", "--rules", "rules")
    assert result.exit_code == 2
    assert "nope: 证据文件夹不存在" in result.stderr


def test_a_window_that_cannot_be_is_said_plainly(tmp_path: Path, monkeypatch: Any) -> None:
    """创建起始 after the cycle's end, or an assessment date before the window: exit 2 and why."""
    build_case(
        tmp_path,
        {
            "rules": [{"id": "R1", "score": 1, "method": "实地考察"}],
            "unit": {"创建起始": "2024-03-01"},
        },
    )
    monkeypatch.chdir(tmp_path)
    late = check_cli("--as-of", "2024-06-30")
    assert late.exit_code == 2
    assert "创建起始 2024-03-01 晚于创建周期结束 2023-12-31" in late.stderr
    build_case(
        tmp_path,
        {
            "rules": [{"id": "R1", "score": 1, "method": "实地考察"}],
            "unit": {"创建起始": "2022-03-01"},
        },
    )
    early = check_cli("--as-of", "2022-02-01")
    assert early.exit_code == 2
    assert "评估日期 2022-02-01 早于评估起点 2022-03-01" in early.stderr


def test_run_inside_the_evidence_folder_the_root_is_dot(tmp_path: Path, monkeypatch: Any) -> None:
    build_case(tmp_path, {"rules": [{"id": "R1", "score": 1, "method": "实地考察"}], "records": []})
    monkeypatch.chdir(tmp_path / "evidence")
    result = run_cli("check", ".", "--rules", "../rules", "-f", "json", "--as-of", "2022-12-31")
    assert json.loads(result.stdout)["evidence"]["root"] == "."
