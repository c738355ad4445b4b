"""JSON Schemas of what people write, for editors (VS Code's YAML extension and others):
rule files and ruleset.yaml from the strict models; records, unit.yaml, waivers.yaml and
ratings.yaml describing their English and Chinese keys, with the rule set's own type names and
rule ids."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from checker.evidence.keys import RecordKeys
from checker.evidence.model import COUNTED_FILES, FIELD_ALIASES
from checker.rules.loader import RuleSet
from checker.rules.models import DATE_SCHEMA, RuleFile, RuleSetMeta
from checker.rules.placeholders import names_in

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


# A date as the checker reads it: ISO (format date, what editors check), or as offices write
# it (2022年3月8日, 2022.3.8, 二〇二二年三月八日, a range 2022.7.5-7.7, a month 2022年9月), which
# JSON Schema cannot parse: such a text must at least hold a digit or a Chinese numeral, and the
# checker judges it. 20220308 is an integer in YAML.
_DAY = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {
            "type": "string",
            "pattern": "[0-9〇零一二三四五六七八九十]",
            "not": {"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},  # ISO: format date judges
        },
        {"type": "integer", "minimum": 19000101, "maximum": 21001231},
    ],
    "description": DATE_SCHEMA["description"],
}
_ANY = {"description": "规则读取的字段"}


def _spelling(names: list[str]) -> dict[str, Any]:
    """Any of ``names``, with the surrounding spaces the checker strips (`类型: ' 会议 '`)."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    spaced = {"type": "string", "pattern": f"^\\s*(?:{alternatives})\\s*$"}
    return {"anyOf": [{"type": "string", "enum": names}, spaced]}


def _unit_facts(ruleset: RuleSet) -> set[str]:
    """The unit.yaml facts the rules read: ``of``/``per`` and placeholders ({简称})."""
    rules = [*ruleset.rules, *(r for overlay in ruleset.overlays.values() for r in overlay.rules)]
    facts = {name for rule in rules for req in rule.requires for name in (req.of, req.per) if name}
    return facts | {
        name for rule in rules for text in _texts(rule.model_dump()) for name in names_in(text)
    }


def _texts(value: Any) -> Iterator[str]:
    """Every text in a rule's fields, however deep: a placeholder stands in a text, never in
    the braces of the rule's structure (its JSON dump would read {"kind": …} as one)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)


def record_schema(ruleset: RuleSet) -> dict[str, Any]:
    """Every key a record may have: the standard ones in both languages and their aliases, and
    the fields the rule set reads; any other key is an error in the editor. The checker reports
    only keys that misspell a known one (标提), and keeps other keys as fields nobody reads:
    the editor is stricter on purpose, a key no rule reads is a slip worth seeing."""
    keys = RecordKeys.of(ruleset)
    number = {**_NUMBER, "description": "数字，可写 30、约30人、三十人；写“全体干部职工”只给提示"}
    text = {"type": ["string", "number"]}
    texts = {"anyOf": [text, {"type": "array", "items": text}]}
    standard = {
        "type": {**_spelling(sorted(ruleset.vocabulary.canonical)), "description": "证据类型"},
        "title": {**text, "description": "标题"},
        "date": _DAY,
        "start": {**_DAY, "description": "跨天活动的开始日期"},
        "end": {**_DAY, "description": "跨天活动的结束日期"},
        "tags": {**texts, "description": "标签"},
        "attachments": {**texts, "description": "附件：相对于本文件的路径"},
        "participants": number,
    }
    properties: dict[str, Any] = {name: _ANY for name in sorted(keys.named | set(COUNTED_FILES))}
    properties |= {name: {**_NUMBER, "description": "规则合计的数字"} for name in keys.summed}
    properties |= standard
    properties |= {alias: standard[name] for alias, name in FIELD_ALIASES.items()}
    properties["claims"] = properties["声称"] = {
        "type": "object",
        "additionalProperties": _NUMBER,
        "description": "总结中写明的总数，与逐条记录核对",
    }
    record = {
        "type": "object",
        "properties": properties,
        # a count of its own (听众人数: 86) is data a person reads: a number, never a slip
        "patternProperties": {"数$": {**_NUMBER, "description": "计数"}},
        "additionalProperties": False,
    }
    return _wrap(
        "checker 证据记录（记录文件或 _folder.yaml）",
        {
            "anyOf": [
                {"$ref": "#/$defs/record"},
                {"type": "array", "items": {"$ref": "#/$defs/record"}},
                {"type": "null", "description": "只有注释的文件（checker init 写的 _folder.yaml）"},
            ],
            "$defs": {"record": record},
        },
    )


def unit_schema(ruleset: RuleSet) -> dict[str, Any]:
    """The named keys and the facts the rules read; any other key is an error in the editor
    (the checker keeps it as a fact nobody reads)."""
    unit_types = _spelling(list(ruleset.meta.unit_types))
    departments = {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}}
    count = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "[0-9]"}]}
    cycle = {
        "type": "object",
        "properties": {
            **_both("start", "开始", _DAY, "本届创建周期的第一天"),
            **_both("end", "结束", _DAY, "本届创建周期的最后一天"),
        },
        "additionalProperties": False,
    }
    overlays = {"type": "string", "enum": list(ruleset.overlays)}
    facts = {name: {"description": "规则读取的单位情况"} for name in sorted(_unit_facts(ruleset))}
    return _wrap(
        "checker 单位档案 unit.yaml",
        {
            "type": "object",
            "properties": {
                **facts,
                **_both("name", "名称", _TEXT, "单位全称"),
                **_both("short_name", "简称", _TEXT, "单位简称"),
                **_both("type", "类型", unit_types, "单位类型"),
                **_both("staff", "职工人数", count, "在编在岗人数（不小于 0）"),
                **_both("since", "创建起始", _DAY, "开始创建的日期"),
                **_both("as_of", "评估日期", _DAY, "默认的评估日期"),
                **_both("cycle", "创建周期", cycle, "本届创建周期"),
                **_both(
                    "enabled",
                    "启用",
                    {"anyOf": [overlays, {"type": "array", "items": overlays}]},
                    "启用的规则集可选部分",
                ),
                **_both(
                    "responsible", "责任科室", departments, "按规则编号或默认科室指定本单位科室"
                ),
            },
            "allOf": [
                {"anyOf": [{"required": ["名称"]}, {"required": ["name"]}]},
                {"anyOf": [{"required": ["类型"]}, {"required": ["type"]}]},
            ],
            "additionalProperties": False,
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
            **_both("expires", "有效期至", _DAY, "有效期至（含当天）"),
        },
        "allOf": [
            {"anyOf": [{"required": ["规则"]}, {"required": ["rule"]}]},
            {"anyOf": [{"required": ["理由"]}, {"required": ["reason"]}]},
        ],
        "additionalProperties": False,
    }
    return _wrap(
        "checker 豁免 waivers.yaml",
        {"type": ["array", "null"], "items": waiver, "description": "空文件表示没有豁免"},
    )


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
            **_both("date", "日期", _DAY, "评分日期"),
            **_both("note", "说明", _TEXT, "说明"),
        },
        "allOf": [
            {"anyOf": [{"required": ["规则"]}, {"required": ["rule"]}]},
            {"anyOf": [{"required": ["得分"]}, {"required": ["score"]}]},
        ],
        "additionalProperties": False,
    }
    return _wrap(
        "checker 现场评分 ratings.yaml",
        {"type": ["array", "null"], "items": rating, "description": "空文件表示没有评分"},
    )


SCHEMAS: dict[str, Callable[[RuleSet], dict[str, Any]]] = {
    "rules": rules_schema,
    "ruleset": ruleset_schema,
    "record": record_schema,
    "unit": unit_schema,
    "waivers": waivers_schema,
    "ratings": ratings_schema,
}
