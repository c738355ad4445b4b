"""The CI integration files: the workflows in docs/ci.md parse, the GitHub one validates against
the workflow schema check-jsonschema ships; the pre-commit hooks; progress and --quiet."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checker.progress import ProgressLine
from conftest import REPO, build_case, run_cli

CI_DOC = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", CI_DOC, flags=re.S)


def test_every_yaml_and_json_block_parses() -> None:
    assert len(_blocks("yaml")) >= 4
    for block in _blocks("yaml"):
        yaml.safe_load(block)
    for block in _blocks("json"):
        json.loads(block)


def test_github_workflow_validates_against_the_workflow_schema(tmp_path: Path) -> None:
    workflow = next(b for b in _blocks("yaml") if b.startswith("name:") and "jobs:" in b)
    path = tmp_path / "checker.yml"
    path.write_text(workflow, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_job_uses_the_gate_and_keeps_reports() -> None:
    job = next(yaml.safe_load(b) for b in _blocks("yaml") if b.startswith("stages:"))
    (name,) = [key for key in job if key != "stages"]
    script = "\n".join(job[name]["script"])
    assert (
        "checker validate" in script
        and "--fail-under" in script
        and "--fail-on-regression" in script
    )
    assert job[name]["artifacts"]["reports"]["junit"] == "reports/report.xml"


def test_pre_commit_hooks() -> None:
    hooks = {
        hook["id"]: hook
        for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    }
    assert hooks["checker-validate"]["entry"] == "checker-precommit validate"
    assert hooks["checker-validate"]["args"] == ["evidence"]
    assert hooks["checker-validate"]["pass_filenames"] is False
    assert hooks["checker-validate"]["language"] == "python"
    assert hooks["checker-check"]["entry"] == "checker-precommit check --quiet"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_for_large_folders() -> None:
    assert ProgressLine.wanted(_Terminal(), quiet=False)
    assert not ProgressLine.wanted(_Terminal(), quiet=True)
    assert not ProgressLine.wanted(io.StringIO(), quiet=False)
    stream = _Terminal()
    progress = ProgressLine(stream)
    for done in range(1, 601):
        progress(done, 600)
    assert "读取证据 600/600（100%）" in stream.getvalue()
    small = _Terminal()
    ProgressLine(small)(10, 10)
    assert small.getvalue() == ""


def test_quiet_prints_only_reports_and_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_case(tmp_path, {"rules": [{"id": "R1", "score": 1, "method": "实地考察"}], "records": []})
    monkeypatch.chdir(tmp_path)
    loud = run_cli("check", "evidence", "--rules", "rules", "-f", "json", "-o", "out.json")
    quiet = run_cli("check", "evidence", "--rules", "rules", "-f", "json", "-o", "out.json", "-q")
    assert "已写入" in loud.stderr and quiet.stderr == ""
    assert run_cli("validate", "evidence", "--rules", "rules", "--quiet").stdout == ""
