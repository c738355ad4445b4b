"""CI formats: SARIF 2.1.0 valid against its schema (JUnit: test_junit.py), GitHub
workflow commands; and the JSON Schemas editors use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from checker.report import FORMATS, RenderOptions
from conftest import REPO, build_case, run_cli

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"  # copies, with their notices

CASE: dict[str, Any] = {
    "unit": {"评估日期": "2022-12-31"},
    "rules": [
        {"id": "V1", "veto": True, "requires": [{"name": "事件", "type": "事件", "max": 0}]},
        {
            "id": "R1",
            "score": 4,
            "requires": [{"name": "会议", "type": "会议", "min": 2}],
            "guidance": "每年两次。",
        },
        {"id": "R2", "score": 4, "requires": [{"name": "学习", "type": "学习"}]},
        {"id": "R3", "score": 2, "method": "实地考察"},
        {
            "id": "R4",
            "score": 2,
            "applies_to": ["企业"],
            "requires": [{"name": "活动", "type": "活动"}],
        },
        {"id": "R5", "score": 2, "requires": [{"name": "活动", "type": "活动"}]},
        {  # cannot be evaluated: unit.yaml lacks the fact it needs
            "id": "R6",
            "score": 2,
            "requires": [{"name": "志愿者", "type": "活动", "min_ratio": 0.1, "of": "志愿者人数"}],
        },
    ],
    "records": [
        {"类型": "会议", "日期": "2022-03-01", "标题": "党组会 <b>&"},
        {"类型": "事件", "日期": "2022-05-01", "类别": "严重违纪违法"},
    ],
    "files": {"bad.yaml": "类型: 学习\n日期: 2022-02-30\n"},
}


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    build_case(tmp_path, CASE)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "evidence", "--rules", "rules", "-f", "json")
    assert result.exit_code == 2  # bad.yaml
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _render(name: str, data: dict[str, Any]) -> str:
    return str(FORMATS[name].render(data, RenderOptions()))


def _validate_sarif(log: dict[str, Any]) -> None:
    """Against the OASIS schema with every format checked (draft 4 itself knows no
    ``uri-reference``, which SARIF uses for artifact locations)."""
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def test_the_sarif_format_checker_enforces_uri_references() -> None:
    """Without an RFC 3986 validator installed, jsonschema would pass any string as a URI."""
    log = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "checker"}},
                "results": [
                    {
                        "message": {"text": "x"},
                        "locations": [
                            {"physicalLocation": {"artifactLocation": {"uri": "台账/a b.xlsx"}}}
                        ],
                    }
                ],
            }
        ],
    }
    with pytest.raises(jsonschema.ValidationError, match="uri-reference"):
        _validate_sarif(log)
    location = log["runs"][0]["results"][0]["locations"][0]  # type: ignore[index]
    location["physicalLocation"]["artifactLocation"]["uri"] = "%E5%8F%B0%E8%B4%A6/a%20b.xlsx"
    _validate_sarif(log)


def test_sarif_is_valid_and_located(data: dict[str, Any]) -> None:
    log = json.loads(_render("sarif", data))
    _validate_sarif(log)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["R1"]["help"]["text"] == "每年两次。"
    assert rules["R1"]["properties"]["points"] == 4
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for result in run["results"]:
        by_rule.setdefault(result["ruleId"], []).append(result)
    (veto,) = by_rule["V1"]
    assert veto["level"] == "error"
    assert veto["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "evidence/records.yaml", "uriBaseId": "%SRCROOT%", "index": 0},
        "region": {"startLine": 4},
    }
    (r1,) = by_rule["R1"]  # one record counted: pointed at
    assert r1["level"] == "warning"
    assert r1["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    (r5,) = by_rule["R5"]  # nothing counted: the unit's file, as a whole
    assert r5["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "evidence/unit.yaml", "uriBaseId": "%SRCROOT%", "index": 1}
    }
    (problem,) = by_rule["date-invalid"]  # bad.yaml
    (missing_fact,) = by_rule["rule-unevaluable"]  # unit.yaml lacks the fact R6 needs
    assert "志愿者人数" in missing_fact["message"]["text"]
    assert problem["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "evidence/bad.yaml", "uriBaseId": "%SRCROOT%", "index": 2},
        "region": {"startLine": 2, "startColumn": 5},
    }


def test_sarif_of_the_sample_has_rfc_3986_uris(tmp_path: Path) -> None:
    """The sample's files have Chinese names, spaces and full-width brackets."""
    result = run_cli("check", str(REPO / "evidence"), "-f", "sarif", "--as-of", "2022-12-31")
    log = json.loads(result.stdout)
    _validate_sarif(log)
    uris = [
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for location in result.get("locations", [])
    ]
    assert any("%E5" in uri or "%E6" in uri for uri in uris)  # Chinese, encoded


def test_github_annotations(data: dict[str, Any]) -> None:
    lines = _render("github", data).splitlines()
    assert lines[0].startswith(
        "::error file=evidence/records.yaml,line=4,title=V1 规则V1（否决）::"
    )
    assert lines[1].startswith("::error file=evidence/bad.yaml,line=2,col=5,title=输入错误（")
    assert lines[1].endswith("::日期 '2022-02-30' 不是有效日期")
    r1 = next(line for line in lines if "title=R1" in line)
    assert r1.startswith("::warning file=evidence/records.yaml,line=1,")
    assert "%0A整改：每年两次。" in r1
    assert lines[-1].startswith("::notice title=文明单位自查::")


def test_ci_formats_are_deterministic(data: dict[str, Any]) -> None:
    for name in ("junit", "sarif", "github"):
        assert _render(name, data) == _render(name, data)


def _schema(kind: str) -> dict[str, Any]:
    result = run_cli("schema", kind, "--rules", str(REPO / "rules" / "文明单位-机关"))
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_rule_schema_accepts_valid_rules_and_rejects_a_typo() -> None:
    schema = _schema("rules")
    for path in sorted((REPO / "rules" / "文明单位-机关").glob("[!r]*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)
    broken = yaml.safe_load(
        (REPO / "rules" / "文明单位-机关" / "b-思想道德建设.yaml").read_text("utf-8")
    )
    broken["rules"][0]["requires"][0]["keyword"] = broken["rules"][0]["requires"][0].pop("keywords")
    with pytest.raises(jsonschema.ValidationError, match="keyword"):
        jsonschema.validate(broken, schema)
    ruleset = yaml.safe_load((REPO / "rules" / "文明单位-机关" / "ruleset.yaml").read_text("utf-8"))
    ruleset["cycle"] = {"start": "2021-01-01", "end": "2023-12-31"}
    jsonschema.validate(ruleset, _schema("ruleset"))


def test_record_unit_and_waiver_schemas() -> None:
    record = _schema("record")
    jsonschema.validate({"类型": "党组会议", "日期": "2022-03-08", "服务时长": "2小时"}, record)
    with pytest.raises(jsonschema.ValidationError):  # a key no rule reads: stricter than checker
        jsonschema.validate({"类型": "党组会议", "日期": "2022-03-08", "发放资料": "2000"}, record)
    jsonschema.validate([{"type": "会议", "date": "2022/3/8"}], record)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"类型": "会义"}, record)
    unit = _schema("unit")
    jsonschema.validate({"名称": "单位", "类型": "机关", "网格": ["一网格"]}, unit)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"名称": "单位", "类型": "工厂"}, unit)
    waivers = _schema("waivers")
    jsonschema.validate([{"规则": "B5", "理由": "场地改造", "有效期至": "2022-12-31"}], waivers)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"规则": "B5", "原因": "x"}], waivers)
