"""JSON Schemas of what people write, for editors (VS Code's YAML extension and others):
rule files and ruleset.yaml from the strict models; records, unit.yaml, waivers.yaml and
ratings.yaml describing their English and Chinese keys, with the rule set's own type names and
rule ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.rules.loader import RuleSet
from checker.rules.models import DATE_SCHEMA, RuleFile, RuleSetMeta

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = {"type": "string"}
_TEXTS = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
_NUMBER = {
    "type": ["number", "string"],
    "description": "数字，可写 2000、2,000、2000余份、约30人",
}


def _both(english: str, chinese: str, schema: dict[str, Any], text: str) -> dict[str, Any]:
    described = {**schema, "description": text}
    return {english: described, chinese: described}


def _wrap(title: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DRAFT, **schema, "title": title}


def rules_schema(ruleset: RuleSet) -> dict[str, Any]:
    schema = RuleFile.model_json_schema()
    rule = schema["$defs"]["Rule"]
    # a veto rule may leave out its score (it carries no points); any other rule needs one
    rule["required"] = [name for name in rule["required"] if name != "score"]
    rule["if"] = {"properties": {"veto": {"const": True}}, "required": ["veto"]}
    rule["else"] = {"required": ["score"]}
    return _wrap("checker 规则文件", schema)


def ruleset_schema(ruleset: RuleSet) -> dict[str, Any]:
    return _wrap("checker 规则集 ruleset.yaml", RuleSetMeta.model_json_schema())


def record_schema(ruleset: RuleSet) -> dict[str, Any]:
    types = sorted(ruleset.vocabulary.canonical)
    record = {
        "type": "object",
        "properties": {
            **_both("type", "类型", {"type": "string", "enum": types}, "证据类型（规范名或别名）"),
            **_both("title", "标题", _TEXT, "标题"),
            **_both(
                "date",
                "日期",
                DATE_SCHEMA,
                "日期，如 2022-03-08、2022年3月8日、二〇二二年三月八日；"
                "或一段时间 2022.7.5-7.7、一个月 2022年9月",
            ),
            **_both("start", "开始日期", DATE_SCHEMA, "跨天活动的开始日期"),
            **_both("end", "结束日期", DATE_SCHEMA, "跨天活动的结束日期"),
            **_both("tags", "标签", _TEXTS, "标签"),
            **_both("attachments", "附件", _TEXTS, "附件：相对于本文件的路径"),
            **_both(
                "participants",
                "参与人数",
                {
                    **_NUMBER,
                    "description": "数字，可写 30、约30人、三十人；写“全体干部职工”只给提示",
                },
                "参与人数（也可写作 参加人数）",
            ),
            **_both(
                "claims",
                "声称",
                {"type": "object", "additionalProperties": _NUMBER},
                "总结中写明的总数，与逐条记录核对",
            ),
        },
        "additionalProperties": True,  # any other field is data rules may use
    }
    return _wrap(
        "checker 证据记录（记录文件或 _folder.yaml）",
        {
            "anyOf": [
                {"$ref": "#/$defs/record"},
                {"type": "array", "items": {"$ref": "#/$defs/record"}},
            ],
            "$defs": {"record": record},
        },
    )


def unit_schema(ruleset: RuleSet) -> dict[str, Any]:
    unit_types = {"type": "string", "enum": list(ruleset.meta.unit_types)}
    departments = {"type": "object", "additionalProperties": {"type": "string"}}
    return _wrap(
        "checker 单位档案 unit.yaml",
        {
            "type": "object",
            "properties": {
                **_both("name", "名称", _TEXT, "单位全称"),
                **_both("type", "类型", unit_types, "单位类型"),
                **_both("staff", "职工人数", {"type": ["integer", "string"]}, "在编在岗人数"),
                **_both("since", "创建起始", DATE_SCHEMA, "开始创建的日期"),
                **_both("as_of", "评估日期", DATE_SCHEMA, "默认的评估日期"),
                **_both(
                    "responsible", "责任科室", departments, "按规则编号或默认科室指定本单位科室"
                ),
            },
            "allOf": [
                {"anyOf": [{"required": ["名称"]}, {"required": ["name"]}]},
                {"anyOf": [{"required": ["类型"]}, {"required": ["type"]}]},
            ],
            "additionalProperties": True,  # facts rules use: numbers, or lists for `per`
        },
    )


def waivers_schema(ruleset: RuleSet) -> dict[str, Any]:
    rule_ids = {"type": "string", "enum": [rule.id for rule in ruleset.rules]}
    waiver = {
        "type": "object",
        "properties": {
            **_both("rule", "规则", rule_ids, "豁免的规则编号"),
            **_both("reason", "理由", _TEXT, "豁免理由"),
            **_both("approved_by", "批准人", _TEXT, "批准人或批准机关"),
            **_both("expires", "有效期至", DATE_SCHEMA, "有效期至（含当天）"),
        },
        "allOf": [
            {"anyOf": [{"required": ["规则"]}, {"required": ["rule"]}]},
            {"anyOf": [{"required": ["理由"]}, {"required": ["reason"]}]},
        ],
        "additionalProperties": False,
    }
    return _wrap("checker 豁免 waivers.yaml", {"type": "array", "items": waiver})


def ratings_schema(ruleset: RuleSet) -> dict[str, Any]:
    """Only on-site and survey rules can be rated; the score's upper bound is each rule's own
    points, which JSON Schema cannot tie to the rule id: the checker says so when it reads."""
    manual = [rule.id for rule in ruleset.rules if rule.manual]
    score = {"type": ["number", "string"], "minimum": 0}
    rating = {
        "type": "object",
        "properties": {
            **_both(
                "rule", "规则", {"type": "string", "enum": manual}, "实地考察或问卷调查的规则编号"
            ),
            **_both("score", "得分", score, "现场评分，0 到该规则的分值"),
            **_both("rated_by", "评分人", _TEXT, "单位自评或测评组"),
            **_both("date", "日期", DATE_SCHEMA, "评分日期"),
            **_both("note", "说明", _TEXT, "说明"),
        },
        "allOf": [
            {"anyOf": [{"required": ["规则"]}, {"required": ["rule"]}]},
            {"anyOf": [{"required": ["得分"]}, {"required": ["score"]}]},
        ],
        "additionalProperties": False,
    }
    return _wrap("checker 现场评分 ratings.yaml", {"type": "array", "items": rating})


SCHEMAS: dict[str, Callable[[RuleSet], dict[str, Any]]] = {
    "rules": rules_schema,
    "ruleset": ruleset_schema,
    "record": record_schema,
    "unit": unit_schema,
    "waivers": waivers_schema,
    "ratings": ratings_schema,
}
