"""Shared helpers: build a rule set and an evidence folder in a temporary directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import settings

from checker.cli import main
from checker.evidence.loader import Evidence, load_evidence
from checker.rules.loader import RuleSet, load_ruleset

REPO = Path(__file__).resolve().parents[1]

# Property tests assert what is true, not how fast: Hypothesis's per-example deadline (200 ms)
# would fail a correct example on a busy CI machine. Speed is measured in benchmarks/.
settings.register_profile("checker", deadline=None)
settings.load_profile("checker")

BASE_RULESET: dict[str, Any] = {
    "id": "test",
    "title": "测试规则集",
    "version": "1",
    "cycle": {"start": "2021-01-01", "end": "2023-12-31"},
    "pass_score": 80,
    "grades": [
        {"min": 90, "name": "优秀"},
        {"min": 80, "name": "达标"},
        {"min": 0, "name": "未达标"},
    ],
    "unit_types": ["机关", "企业", "学校", "社区"],
    "evidence_types": {
        "文件": ["通知", "红头文件"],
        "会议": ["会议记录", "党组会议"],
        "学习": ["学习会"],
        "活动": ["主题活动"],
        "志愿服务": [],
        "名册": ["花名册", "分工表"],
        "网格": ["网格包保"],
        "事件": ["负面事件"],
        "声明": [],
        "照片": [],
    },
}


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def build_case(tmp: Path, case: dict[str, Any]) -> tuple[Path, Path]:
    """Write ``rules/`` and ``evidence/`` for one case; returns both folders."""
    rules_dir, evidence_dir = tmp / "rules", tmp / "evidence"
    ruleset = {**BASE_RULESET, **case.get("ruleset", {})}
    rules = [{"title": f"规则{rule['id']}", **rule} for rule in case["rules"]]
    write_tree(
        rules_dir,
        {
            "ruleset.yaml": dump(ruleset),
            "rules.yaml": dump({"category": case.get("category", "测试"), "rules": rules}),
        },
    )
    unit = {"名称": "测试单位", "类型": "机关", **case.get("unit", {})}
    files: dict[str, str | bytes] = {"unit.yaml": dump(unit)}
    if case.get("records"):
        files["records.yaml"] = dump(case["records"])
    if "waivers" in case:
        files["waivers.yaml"] = dump(case["waivers"])
    files.update(case.get("files", {}))
    write_tree(evidence_dir, files)
    return rules_dir, evidence_dir


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never write into the user's real cache directory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


MANUAL_RULE = "category: c\nrules:\n  - {id: R1, title: t, score: 1, method: 实地考察}\n"


@pytest.fixture
def rules(tmp_path: Path) -> RuleSet:
    """The base rule set with one rule, for tests about loading evidence."""
    write_tree(tmp_path / "rules", {"ruleset.yaml": dump(BASE_RULESET), "r.yaml": MANUAL_RULE})
    return load_ruleset(tmp_path / "rules")


def load_folder(tmp_path: Path, rules: RuleSet, files: dict[str, str | bytes]) -> Evidence:
    """An evidence folder ``ev`` with a minimal unit.yaml and ``files``, loaded."""
    root = tmp_path / "ev"
    write_tree(root, {"unit.yaml": "名称: 单位\n类型: 机关\n", **files})
    return load_evidence(root, rules, "ev")


def check_cli(*args: str) -> Result:
    """``checker check evidence --rules rules …`` in the current folder (see build_case)."""
    return run_cli("check", "evidence", "--rules", "rules", *args)


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


CASES_DIR = Path(__file__).parent / "cases"


def case_params() -> list[Any]:
    """Every evaluation case of ``tests/cases/*.yaml``, as pytest parameters named
    ``file/case``."""
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}/{case['name']}"))
    return params


def case_report(tmp_path: Path, case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Result:
    """``checker check`` of one case's folder, as JSON."""
    build_case(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    args = ["check", "evidence", "--rules", "rules", "--format", "json"]
    if "as_of" in case:
        args += ["--as-of", str(case["as_of"])]
    return run_cli(*args)
