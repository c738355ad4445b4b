"""The pre-commit hooks, run by the real ``pre-commit try-repo`` in a temporary git repository:
they check what is committed (a draft left untracked does not block a commit, a staged one
does), take the evidence folder as an argument, and work with the evidence folder as the
repository's root.

The hook repository the tests try is this repository's ``.pre-commit-hooks.yaml`` with
``language: system`` instead of ``python``: with ``python``, pre-commit would build a virtual
environment and install checker and its dependencies from a package index, which tests must
not reach. Everything else (entry, args, filenames, stages) is the shipped manifest's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.precommit import _paths
from conftest import REPO, build_case, dump

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

CASE: dict[str, Any] = {
    "unit": {"评估日期": "2022-12-31"},
    "rules": [{"id": "R1", "score": 1, "requires": [{"name": "会议", "type": "会议"}]}],
    "records": [{"类型": "会议", "日期": "2022-03-01"}],
}
DRAFT = "类型: 学习\n日期: 2022-02-30\n"


def _environment(tmp_path: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_AUTHOR_NAME="测试",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="测试",
        GIT_COMMITTER_EMAIL="test@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        # the system-language hook finds checker-precommit where this interpreter is installed
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    environment.pop("GIT_INDEX_FILE", None)
    environment.pop("GITHUB_STEP_SUMMARY", None)
    return environment


def _run(cwd: Path, env: dict[str, str], *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _git(cwd: Path, env: dict[str, str], *arguments: str) -> None:
    result = _run(cwd, env, "git", *arguments)
    assert result.returncode == 0, result.stderr


def _hook_repository(tmp_path: Path, env: dict[str, str]) -> Path:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        assert hook["language"] == "python"
        hook["language"] = "system"
    repository = tmp_path / "hooks"
    repository.mkdir()
    (repository / ".pre-commit-hooks.yaml").write_text(dump(hooks), encoding="utf-8")
    _git(repository, env, "init", "-q")
    _git(repository, env, "add", ".")
    _git(repository, env, "commit", "-q", "-m", "hooks")
    return repository


def _try(
    repository: Path, hooks: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "checker-validate"]
    if args:  # a config of one's own: try-repo takes none, so write it and run it
        config = {
            "repos": [
                {
                    "repo": str(hooks),
                    "rev": _head(hooks, env),
                    "hooks": [{"id": "checker-validate", "args": list(args)}],
                }
            ]
        }
        (repository / ".pre-commit-config.yaml").write_text(dump(config), encoding="utf-8")
        command = [sys.executable, "-m", "pre_commit", "run", "checker-validate"]
    return _run(repository, env, *command)


def _head(repository: Path, env: dict[str, str]) -> str:
    result = _run(repository, env, "git", "rev-parse", "HEAD")
    return result.stdout.strip()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return _environment(tmp_path)


def test_checks_what_is_staged_not_the_working_folder(tmp_path: Path, env: dict[str, str]) -> None:
    hooks = _hook_repository(tmp_path, env)
    repository = tmp_path / "unit"
    repository.mkdir()
    build_case(repository, CASE)
    _git(repository, env, "init", "-q")
    _git(repository, env, "add", ".")
    result = _try(repository, hooks, env)
    assert result.returncode == 0, result.stdout + result.stderr

    (repository / "evidence" / "draft.yaml").write_text(DRAFT, encoding="utf-8")
    result = _try(repository, hooks, env)  # untracked: not part of the commit
    assert result.returncode == 0, result.stdout + result.stderr

    _git(repository, env, "add", "evidence/draft.yaml")
    result = _try(repository, hooks, env)
    assert result.returncode == 1
    assert "evidence/draft.yaml:2:5" in result.stdout  # the repository's path, not a copy's
    assert "checker-precommit-" not in result.stdout

    # Fixed in the working folder but not staged: the commit would still hold the error.
    (repository / "evidence" / "draft.yaml").write_text(
        DRAFT.replace("02-30", "02-28"), encoding="utf-8"
    )
    result = _run(repository, env, sys.executable, "-m", "checker.precommit", "validate")
    assert result.returncode == 2 and "evidence/draft.yaml:2:5" in result.stderr
    _git(repository, env, "add", "evidence/draft.yaml")
    assert _try(repository, hooks, env).returncode == 0


def test_the_repository_root_as_the_evidence_folder(tmp_path: Path, env: dict[str, str]) -> None:
    hooks = _hook_repository(tmp_path, env)
    build_case(tmp_path / "case", CASE)
    repository = tmp_path / "case" / "evidence"
    rules = str(tmp_path / "case" / "rules")  # outside the repository: read where it is
    _git(repository, env, "init", "-q")
    _git(repository, env, "add", ".")
    _git(repository, env, "commit", "-q", "-m", "evidence")
    (repository / "draft.yaml").write_text(DRAFT, encoding="utf-8")  # untracked
    result = _try(repository, hooks, env, "--rules", rules, ".")
    assert result.returncode == 0, result.stdout + result.stderr
    _git(repository, env, "add", "draft.yaml")
    result = _try(repository, hooks, env, "--rules", rules, ".")
    assert result.returncode == 1 and "draft.yaml:2:5" in result.stdout


def test_folder_and_rule_arguments() -> None:
    assert _paths([]) == ("evidence", ["rules"])
    assert _paths(["--quiet", "台账"]) == ("台账", ["rules"])
    assert _paths(["--rules", "我的规则", "."]) == (".", ["rules", "我的规则"])
    assert _paths(["--fail-under=80", "--rules=r", "-f", "json", "x"]) == ("x", ["rules", "r"])
    assert _paths(["--fail-under", "80"]) == ("evidence", ["rules"])
