"""SARIF that real clients accept: valid against the OASIS schema with formats checked, RFC 3986
URIs relative to the repository root whatever the working folder, rules described as GitHub
asks, and reports that do not depend on where the checker is installed."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import openpyxl
import pytest
from rfc3986_validator import validate_rfc3986  # type: ignore[import-untyped]

from conftest import REPO, build_case, run_cli

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"
# Names offices give files: Chinese, spaces, curly quotes, and the URI delimiters % # ? & +
ODD_FOLDER = "会议 记录"
ODD_RECORD = "2022-03-01 “党组”会议 100%#1?&+.yaml"
ODD_BAD = "错误 #2 %d.yaml"
GBK_LEDGER = "台账/学习 登记.csv"
WORKBOOK = "台账/2022年活动登记表.xlsx"


def _workbook() -> bytes:
    """A register as offices keep one: a merged title row, the header, a row, a sign-off."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "活动登记"
    sheet.append(["2022年主题活动登记表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "时间", "内容（主题）", "参加人数"])
    sheet.append([1, dt.date(2022, 5, 4), "青年节主题活动", 20])
    sheet.append(["填表人：张三", None, "审核人：李四", None])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


CASE: dict[str, Any] = {
    "unit": {"评估日期": "2022-12-31"},
    "rules": [
        {"id": "R1", "score": 4, "requires": [{"name": "会议", "type": "会议", "min": 3}]},
        {"id": "R2", "score": 4, "requires": [{"name": "网格包保", "type": "网格"}]},
        {"id": "R3", "score": 4, "requires": [{"name": "学习", "type": "学习", "min": 5}]},
        {"id": "R4", "score": 4, "requires": [{"name": "主题活动", "type": "活动", "min": 3}]},
    ],
    "files": {
        f"{ODD_FOLDER}/{ODD_RECORD}": "类型: 会议\n日期: 2022-03-01\n标题: 党组会\n",
        ODD_BAD: "类型: 会议\n日期: 2022-02-30\n",
        GBK_LEDGER: "日期,标题,类型\n2022-04-01,理论学习,学习\n".encode("gb18030"),
        WORKBOOK: _workbook(),
        "台账/_folder.yaml": "类型: 活动\n",
    },
}


def _validate(log: dict[str, Any]) -> None:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def _uris(log: dict[str, Any]) -> list[str]:
    run = log["runs"][0]
    found = [artifact["location"]["uri"] for artifact in run["artifacts"]]
    for result in run["results"]:
        for location in result["locations"]:
            found.append(location["physicalLocation"]["artifactLocation"]["uri"])
    return found


def _repository(tmp_path: Path) -> Path:
    """A git repository holding ``rules/`` and ``evidence/`` of CASE."""
    repo = tmp_path / "仓库 一"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    build_case(repo, CASE)
    return repo


def _sarif(cwd: Path, evidence: str, rules: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(cwd)
    result = run_cli("check", evidence, "--rules", rules, "-f", "sarif", "--no-cache")
    assert result.exit_code == 2, result.output  # ODD_BAD's date
    return result.stdout


def test_uris_are_rfc_3986_and_the_same_from_any_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repository(tmp_path)
    (tmp_path / "link").symlink_to(repo)
    outputs = [
        _sarif(repo, "evidence", "rules", monkeypatch),
        _sarif(repo, "./evidence/", "./rules/", monkeypatch),
        _sarif(repo / "evidence", ".", "../rules", monkeypatch),
        _sarif(tmp_path, str(repo / "evidence"), str(repo / "rules"), monkeypatch),
        _sarif(tmp_path, "./link/evidence/", "link/rules", monkeypatch),
    ]
    assert all(output == outputs[0] for output in outputs)  # byte for byte
    log = json.loads(outputs[0])
    _validate(log)
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"]
    uris = _uris(log)
    for uri in uris:
        assert validate_rfc3986(uri, rule="URI_reference"), uri
        assert (repo / unquote(uri)).is_file(), uri  # decodes back to the repository path
    wanted = {f"evidence/{ODD_FOLDER}/{ODD_RECORD}", f"evidence/{ODD_BAD}", "evidence/unit.yaml"}
    assert wanted <= {unquote(uri) for uri in uris}
    for character in " “”#?&+":
        assert not any(character in uri for uri in uris)
    for location in (loc for r in log["runs"][0]["results"] for loc in r["locations"]):
        assert location["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"


def _results(log: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for result in log["runs"][0]["results"]:
        by_rule.setdefault(result["ruleId"], []).append(result)
    return by_rule


def test_gaps_problems_and_ledgers_are_located_as_github_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repository(tmp_path)
    log = json.loads(_sarif(repo, "evidence", "rules", monkeypatch))
    run = log["runs"][0]
    by_rule = _results(log)
    (absent,) = by_rule["R2"]  # no evidence at all: the unit's file, as a whole
    assert absent["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "evidence/unit.yaml"
    )
    assert "region" not in absent["locations"][0]["physicalLocation"]
    (problem,) = by_rule["date-invalid"]
    assert problem["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 5,
    }
    (ledger,) = by_rule["R3"]  # a CSV is text: its line is a line of the GBK text
    physical = ledger["locations"][0]["physicalLocation"]
    assert unquote(physical["artifactLocation"]["uri"]) == f"evidence/{GBK_LEDGER}"
    assert physical["region"] == {"startLine": 2}
    artifact = run["artifacts"][physical["artifactLocation"]["index"]]
    assert artifact["encoding"] == "GB18030"
    assert all("encoding" not in a for a in run["artifacts"] if a is not artifact)
    (row,) = by_rule["R4"]  # a spreadsheet's row is no text line: sheet and row as properties
    assert unquote(row["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) == (
        f"evidence/{WORKBOOK}"
    )
    assert "region" not in row["locations"][0]["physicalLocation"]
    assert row["locations"][0]["properties"] == {"row": 3, "sheet": "活动登记"}
    for result in run["results"]:
        assert not result["message"]["text"].startswith(result["ruleId"])
        assert result["locations"] and result["partialFingerprints"]
    prints = [tuple(r["partialFingerprints"].items()) for r in run["results"]]
    assert len(set(prints)) == len(prints)


def test_every_rule_has_a_name_in_words_and_a_full_description(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)  # the sample: integrity signals, ledgers, bundled rules
    result = run_cli("check", "evidence", "-f", "sarif", "--no-cache")
    log = json.loads(result.stdout)
    _validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    ids = {rule["id"] for rule in rules}
    assert {"input-error", "integrity/duplicate", "integrity/photo_date"} <= ids
    for rule in rules:
        assert rule["fullDescription"]["text"].strip(), rule["id"]
        assert rule["name"] != rule["id"] and rule["id"] not in rule["name"]
    source = next(rule for rule in rules if rule["id"] == "A3")["properties"]["source"]
    assert source["file"] == "内置规则/文明单位-机关/a-组织领导.yaml"
    by_rule = _results(log)
    for signal in by_rule["integrity/duplicate"] + by_rule["integrity/photo_date"]:
        for location in signal["locations"]:  # a photo as a whole: no text region
            assert "region" not in location["physicalLocation"]


def test_fingerprints_follow_the_finding_not_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repository(tmp_path)
    before = _results(json.loads(_sarif(repo, "evidence", "rules", monkeypatch)))
    record = repo / "evidence" / ODD_FOLDER / ODD_RECORD
    record.write_text("# 会议记录\n\n" + record.read_text("utf-8"), "utf-8")
    after = _results(json.loads(_sarif(repo, "evidence", "rules", monkeypatch)))
    (r1_before,), (r1_after,) = before["R1"], after["R1"]
    region = r1_after["locations"][0]["physicalLocation"]["region"]
    assert (
        region["startLine"]
        == r1_before["locations"][0]["physicalLocation"]["region"]["startLine"] + 2
    )
    assert r1_after["partialFingerprints"] == r1_before["partialFingerprints"]


def _install(site: Path) -> Path:
    """The package laid out as a wheel installs it (rules and templates in ``_data``)."""
    target = site / "lib" / "python3" / "site-packages"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "src" / "checker", target / "checker", ignore=ignore)
    shutil.copytree(REPO / "rules", target / "checker" / "_data" / "rules", ignore=ignore)
    shutil.copytree(REPO / "templates", target / "checker" / "_data" / "templates")
    return target


TEXT_FORMATS = ("json", "sarif", "junit", "github", "markdown", "html", "text")


def _reports(site: Path, repo: Path, out: str) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1")
    where = subprocess.run(
        [sys.executable, "-c", "import checker; print(checker.__file__)"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(site))  # the copy runs, not the source checkout
    formats = [option for name in TEXT_FORMATS for option in ("-f", name)]
    command = [sys.executable, "-m", "checker", "check", "evidence", "-q", "--no-cache"]
    done = subprocess.run(
        [*command, *formats, "-o", out], cwd=repo, env=env, capture_output=True, check=False
    )
    assert done.returncode == 1, done.stderr.decode()  # the sample fails: reports written
    return {path.name: path.read_bytes() for path in sorted((repo / out).iterdir())}


def test_reports_do_not_depend_on_where_the_checker_is_installed(tmp_path: Path) -> None:
    repo = tmp_path / "evidence-repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copytree(REPO / "evidence", repo / "evidence")
    first, second = _install(tmp_path / "venv-a"), _install(tmp_path / "其他 位置" / "venv-b")
    reports = _reports(first, repo, "reports-a")
    assert reports == _reports(second, repo, "reports-b")
    assert len(reports) == len(TEXT_FORMATS)
    for name, content in reports.items():
        text = content.decode("utf-8")
        for leak in ("site-packages", "_data/rules", str(tmp_path), "venv-a"):
            assert leak not in text, (name, leak)
    sarif = json.loads(reports["report.sarif"])
    assert "内置规则/共用/一票否决.yaml" in reports["report.json"].decode("utf-8")
    for uri in _uris(sarif):
        assert (repo / unquote(uri)).is_file(), uri
