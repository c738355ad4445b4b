"""The exported JSON Schemas agree with the checker, checked with the real client
(check-jsonschema with a format checker) and with jsonschema in-process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import run_cli

ROOT = Path(__file__).parent.parent
CHECK = Path(sys.executable).parent / "check-jsonschema"


def _schema(kind: str, tmp_path: Path) -> Path:
    result = run_cli("schema", kind)
    assert result.exit_code == 0, result.output
    path = tmp_path / f"{kind}.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _client(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_sample_records_and_unit_pass_the_real_client(tmp_path: Path) -> None:
    records = [
        p
        for p in (ROOT / "evidence").rglob("*.yaml")
        if p.name not in ("unit.yaml", "waivers.yaml", "ratings.yaml")
    ]
    assert records
    done = _client(_schema("record", tmp_path), *records)
    assert done.returncode == 0, done.stdout + done.stderr
    done = _client(_schema("unit", tmp_path), ROOT / "evidence" / "unit.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_misspelt_key_fails_the_real_client(tmp_path: Path) -> None:
    bad = tmp_path / "2022-03-08 会议.yaml"
    bad.write_text("类型: 党组会议\n标提: 学习会\n日期: 2022-03-08\n", encoding="utf-8")
    done = _client(_schema("record", tmp_path), bad)
    assert done.returncode == 1 and "标提" in done.stdout, done.stdout
    unit = tmp_path / "unit.yaml"
    unit.write_text("名称: 单位\n类型: 机关\n职工人数: -1\n", encoding="utf-8")
    assert _client(_schema("unit", tmp_path), unit).returncode == 1


# (schema, value, accepted by both the checker and the schema)
TABLE = [
    ("record", {"类型": " 党组会议 ", "日期": "2022-03-08"}, True),
    ("record", {"类型": "党组会议", "日期": "2022年3月8日", "标题": 2022}, True),
    ("record", None, True),
    ("record", {"类型": "党组会议", "日期": "2022-02-30"}, False),
    ("record", {"类型": "党组会议", "标提": "x", "日期": "2022-03-08"}, False),
    ("unit", {"名称": "单位", "类型": "机关", "职工人数": 0}, True),
    ("unit", {"名称": "单位", "类型": "机关", "职工人数": -1}, False),
    ("waivers", None, True),
    ("ratings", None, True),
]


@pytest.mark.parametrize(("kind", "value", "accepted"), TABLE)
def test_the_schema_and_the_checker_agree(
    tmp_path: Path, kind: str, value: object, accepted: bool
) -> None:
    schema = json.loads(_schema(kind, tmp_path).read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert checker.is_valid(value) is accepted, list(checker.iter_errors(value))


@pytest.mark.parametrize("unit_type", ["机关", "企业", "学校", "社区", "村"])
def test_the_scaffold_passes_the_schemas_of_its_type(tmp_path: Path, unit_type: str) -> None:
    """Every YAML file ``init`` writes passes the exported schema of its kind, for the type's
    rule set, in the real client: an editor never marks a fresh folder red."""
    target = tmp_path / "证据"
    assert run_cli("init", str(target), "--type", unit_type).exit_code == 0
    kinds = {"unit.yaml": "unit", "ratings.yaml": "ratings", "waivers.yaml": "waivers"}
    files: dict[str, list[Path]] = {}
    for path in target.rglob("*.yaml"):
        files.setdefault(kinds.get(path.name, "record"), []).append(path)
    assert {"unit", "ratings", "record"} <= set(files)
    for kind, paths in files.items():
        result = run_cli("schema", kind, "--type", unit_type)
        assert result.exit_code == 0, result.output
        schema = tmp_path / f"{kind}.json"
        schema.write_text(result.stdout, encoding="utf-8")
        done = _client(schema, *paths)
        assert done.returncode == 0, (kind, done.stdout + done.stderr)


@pytest.mark.parametrize("unit_type", ["机关", "企业", "学校", "社区", "村"])
def test_the_unit_schema_offers_only_keys_a_person_writes(unit_type: str) -> None:
    """The facts rules read ({简称}, 网格, 帮扶户), never the braces of a rule's own structure
    (a basis {kind, source} read as a placeholder would offer its JSON as a key)."""
    result = run_cli("schema", "unit", "--type", unit_type)
    keys = list(json.loads(result.stdout)["properties"])
    assert "名称" in keys and "职工人数" in keys
    assert not [key for key in keys if any(mark in key for mark in '":{},')], keys
