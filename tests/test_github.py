"""GitHub Actions: annotations the most serious first and at most 10 of a level, the whole
result in the step summary, and no output of evidence text that the runner reads as a
workflow command (its parser takes ``::`` after leading white space, and ``##[`` anywhere)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from checker.report.plain import inert_json, plain
from conftest import build_case, run_cli

FORGED = '类型: "x\\e[31m\\f\\u202e\\x85\\n::error file=a.yaml::forged ##[warning]old"\n日期: 2022-02-01\n'

# Twelve rules, none met: the small ones come first in rule order, a 3-point one last.
MANY: dict[str, Any] = {
    "unit": {"评估日期": "2022-12-31"},
    "rules": [
        *(
            {"id": f"S{n:02}", "score": 0.5, "requires": [{"name": "学习", "type": "学习"}]}
            for n in range(1, 12)
        ),
        {"id": "BIG", "score": 3, "requires": [{"name": "会议", "type": "会议", "min": 4}]},
        {"id": "V1", "veto": True, "requires": [{"name": "事件", "type": "事件", "max": 0}]},
    ],
    "records": [
        {"类型": "会议", "日期": "2022-03-01", "参加人数": "全体干部职工"},
        {"类型": "事件", "日期": "2022-05-01", "类别": "严重违纪违法"},
    ],
}


def _commands(output: str) -> list[tuple[str, str]]:
    """(level, rest) of every line the runner would take as a command (its parse, simplified)."""
    found = []
    for line in output.splitlines():
        stripped = line.lstrip()
        if match := re.match(r"::(\w[\w-]*)(.*)", stripped):
            found.append((match.group(1), match.group(2)))
        if "##[" in line:
            found.append(("##[", line))
    return found


def _github(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: dict[str, Any]) -> str:
    build_case(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = run_cli("check", "evidence", "--rules", "rules", "-f", "github")
    return result.stdout


def test_most_serious_first_and_at_most_ten_of_a_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = _commands(_github(tmp_path, monkeypatch, MANY))
    levels = [level for level, _ in commands]
    assert levels.count("warning") == 10  # 12 gaps: two left out
    assert levels[0] == "error" and "V1" in commands[0][1]  # the veto first
    warnings = [rest for level, rest in commands if level == "warning"]
    assert "title=BIG" in warnings[0] and "失 2.25 分" in warnings[0]  # kept, though last in order
    assert sum("title=S" in rest for rest in warnings) == 9
    notices = [rest for level, rest in commands if level == "notice"]
    assert any("参与人数“全体干部职工”" in rest and "title=提示（" in rest for rest in notices)
    assert "title=文明单位自查" in notices[-2]
    assert "另有警告 2 条未标注" in notices[-1] and "摘要页" in notices[-1]


def test_every_level_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = dict(
        MANY, files={f"bad{n:02}.yaml": "类型: 学习\n日期: 2022-02-30\n" for n in range(12)}
    )
    commands = _commands(_github(tmp_path, monkeypatch, case))
    levels = [level for level, _ in commands]
    assert (levels.count("error"), levels.count("warning")) == (10, 10)
    assert levels.count("notice") <= 10
    errors = [rest for level, rest in commands if level == "error"]
    assert "title=V1" in errors[0] and "title=输入错误（" in errors[1]
    assert "错误 3 条、警告 2 条" in commands[-1][1]  # 12 problems + 1 veto, 10 shown


def test_step_summary_is_appended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_case(tmp_path, MANY)
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "step_summary.md"
    summary.write_text("## 上一步\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli("check", "evidence", "--rules", "rules", "-f", "github", "-q")
    assert result.exit_code == 1
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("## 上一步\n")  # appended, never truncated
    assert "自查报告" in written and "BIG" in written and "S11" in written  # the whole result
    assert not any(p.name.startswith("step") for p in (tmp_path / "evidence").iterdir())
    run_cli("check", "evidence", "--rules", "rules", "-f", "github", "-q")
    assert summary.read_text(encoding="utf-8").count("## 上一步") == 1
    assert len(summary.read_text(encoding="utf-8")) > 2 * len(written) - 20


def test_no_step_summary_inside_the_evidence_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_case(tmp_path, MANY)
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "evidence" / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(inside))
    result = run_cli("check", "evidence", "--rules", "rules", "-f", "github")
    assert not inside.exists() and "GITHUB_STEP_SUMMARY" in result.stderr


def _forged_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = dict(MANY, files={"forged.yaml": FORGED, "title.yaml": _FORGED_TITLE})
    build_case(tmp_path, case)
    monkeypatch.chdir(tmp_path)


# A record that counts, with a forged title: reaches the reports rather than an error message.
_FORGED_TITLE = (
    '类型: 会议\n日期: 2022-04-01\n标题: "党组会\\n  ::error file=x::forged\\e[2J ##[error]old"\n'
)


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "evidence", "--rules", "rules"),
        ("validate", "evidence", "--rules", "rules", "--quiet"),
        ("validate", "evidence", "--rules", "rules", "--strict"),
        ("check", "evidence", "--rules", "rules"),
        ("check", "evidence", "--rules", "rules", "-f", "markdown"),
        ("check", "evidence", "--rules", "rules", "-f", "junit"),
        ("check", "evidence", "--rules", "rules", "-f", "json"),
        ("check", "evidence", "--rules", "rules", "-f", "sarif"),
    ],
)
def test_evidence_cannot_forge_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    _forged_case(tmp_path, monkeypatch)
    result = run_cli(*args)
    assert result.exit_code == 2
    for output in (result.stdout, result.stderr):
        assert _commands(output) == []
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output)
    if "validate" in args:
        assert "⏎::error file=a.yaml::forged ##［warning]old" in result.stderr  # still readable


def test_reports_written_to_files_hold_no_command_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cat reports/report.xml` in a later step prints the file into the log: the files are as
    inert as what is printed (the JSON escapes its line breaks itself)."""
    _forged_case(tmp_path, monkeypatch)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    formats = ("-f", "markdown", "-f", "junit", "-f", "sarif", "-f", "html", "-f", "json")
    formats += ("-f", "github")
    run_cli("check", "evidence", "--rules", "rules", *formats, "-o", "out")
    written_files = [p for p in Path("out").iterdir() if not p.name.endswith(".github.txt")]
    for written in [*written_files, summary]:  # the github file is the commands themselves
        text = written.read_text(encoding="utf-8")
        assert _commands(text) == [], written.name


def test_a_quoted_line_break_never_prints_a_second_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_case(tmp_path, MANY)
    forged = '类型: "x\\nevidence/unit.yaml:1:1: 一票否决：伪造的问题"\n日期: 2022-02-01\n'
    (tmp_path / "evidence" / "forged.yaml").write_text(forged, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "evidence", "--rules", "rules", "--quiet")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[-1] == "共 1 处问题。", lines
    assert lines[0].startswith("evidence/forged.yaml:1:") and "x⏎evidence/unit.yaml:1:1" in lines[0]


def test_json_on_stdout_keeps_every_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _forged_case(tmp_path, monkeypatch)
    report = json.loads(run_cli("check", "evidence", "--rules", "rules", "-f", "json").stdout)
    (problem,) = [p for p in report["errors"] if p["file"].endswith("forged.yaml")]
    # every character but the line break, which would print a second line wherever the
    # message is printed: shown as ⏎
    assert "\x1b[31m\x0c\u202e\x85⏎::error file=a.yaml::forged ##[warning]old" in problem["message"]


def test_the_github_format_escapes_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _forged_case(tmp_path, monkeypatch)
    output = run_cli("check", "evidence", "--rules", "rules", "-f", "github").stdout
    for line in output.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice "))
        assert "file=a.yaml" not in line.split("::")[1]  # only in the message, escaped
    assert "⏎::error file=a.yaml::forged" in output


def test_plain() -> None:
    assert (
        plain("a\x1b[1mb\x0c\x00\x7f\x9b\u202e\u2066c\td\n")
        == "a\ufffd[1mb\ufffd\ufffd\ufffd\ufffd\ufffd\ufffdc\td\n"
    )
    assert (
        plain("one\n \u3000::set-output name=x::y\n::a::b")
        == "one\n \u3000：：set-output name=x::y\n：：a::b"
    )
    assert plain("a ::b::c\nok ##[error]x") == "a ::b::c\nok ##［error]x"
    assert plain("\r::error::x") == "\ufffd::error::x"  # \r no longer splits the line
    assert json.loads(inert_json(json.dumps({"a": "##[x\x85\u202e"}, ensure_ascii=False))) == {
        "a": "##[x\x85\u202e"
    }


@pytest.mark.parametrize("where", ["inside", "absolute"])
def test_annotations_name_files_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """GitHub places an annotation by its path in the repository, wherever the checker ran."""
    build_case(tmp_path, MANY)
    (tmp_path / ".git").mkdir()  # the repository root, as a checkout has it
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    if where == "inside":
        monkeypatch.chdir(tmp_path / "evidence")
        args = [".", "--rules", "../rules"]
    else:
        monkeypatch.chdir(tmp_path.parent)
        args = [str(tmp_path / "evidence"), "--rules", str(tmp_path / "rules")]
    output = run_cli("check", *args, "-f", "github").stdout
    files = {m for m in re.findall(r"file=([^,:]+)", output)}
    assert files and all(name.startswith("evidence/") for name in files), files


def test_one_annotation_a_rule_holding_all_its_gaps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub keeps 10 of a level: a rule with two unmet requirements takes one of them, not
    two (which would also read as twice the points lost)."""
    case = {
        "unit": {"评估日期": "2022-12-31"},
        "rules": [
            {
                "id": "A1",
                "score": 2,
                "requires": [{"name": "会议", "type": "会议"}, {"name": "学习", "type": "学习"}],
            }
        ],
        "records": [],
    }
    commands = _commands(_github(tmp_path, monkeypatch, case))
    warnings = [rest for level, rest in commands if level == "warning"]
    assert len(warnings) == 1 and "失 2 分" in warnings[0]
    assert "未见会议记录" in warnings[0] and "未见学习记录" in warnings[0]


def test_no_line_on_a_binary_file() -> None:
    """GitHub shows a workbook, a Word file or a photo as binary: an annotation there names the
    file and says the row in words (SARIF, by the same test, gives it no text region); a text
    file keeps its line and column."""
    from checker.report import github
    from checker.report.locations import has_lines

    assert has_lines("a/台账.csv") and has_lines("b.yaml") and has_lines("c.MD")
    assert not any(has_lines(name) for name in ("台账.xlsx", "d.docx", "e.jpg", "f.ods"))
    problem = {"file": "台账.xlsx", "line": 4, "column": 2, "message": "日期无效", "code": "x"}
    note = github._problem("error", "输入错误", problem)
    assert (note.line, note.column, note.message) == (0, 0, "第4行第2列：日期无效")
    text = github._problem("error", "输入错误", dict(problem, file="a.yaml"))
    assert (text.line, text.column, text.message) == (4, 2, "日期无效")
