"""``unit.yaml`` (单位档案) and ``waivers.yaml`` (豁免)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from checker.errors import Problem
from checker.parsing import parse_number
from checker.rules.loader import RuleSet
from checker.rules.models import LooseDate, Text, TextList
from checker.validation import closest, problems_from
from checker.yamlfile import LocatedDoc

UNIT_FILE = "unit.yaml"
WAIVERS_FILE = "waivers.yaml"


def _count(value: Any) -> Any:
    """``职工人数: 45人`` or ``约45`` is 45; anything else is left for pydantic to reject."""
    number = parse_number(value) if isinstance(value, str) else None
    return int(number) if number is not None and number == int(number) else value


LooseCount = Annotated[int, BeforeValidator(_count)]


# unit.yaml's named facts: Chinese key -> English key
UNIT_KEYS = {
    "名称": "name",
    "简称": "short_name",
    "类型": "type",
    "职工人数": "staff",
    "创建起始": "since",
    "评估日期": "as_of",
    "创建周期": "cycle",
    "启用": "enabled",
}
CHINESE_KEYS = {english: chinese for chinese, english in UNIT_KEYS.items()}


def _keys(*names: str) -> Any:
    return Field(validation_alias=AliasChoices(*names))


class UnitCycle(BaseModel):
    """``创建周期: {开始, 结束}``: the unit's own cycle, over the rule set's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: LooseDate = _keys("start", "开始")
    end: LooseDate = _keys("end", "结束")

    @model_validator(mode="after")
    def _ordered(self) -> UnitCycle:
        if self.end < self.start:
            raise ValueError("创建周期的结束日期早于开始日期")
        return self


class Unit(BaseModel):
    """The unit's facts. Keys beyond the named ones are facts rules may use (numbers, lists)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    name: str = _keys("name", "名称")
    short_name: str | None = Field(
        default=None, validation_alias=AliasChoices("short_name", "简称")
    )
    type: Text = _keys("type", "类型")
    staff: LooseCount | None = Field(
        default=None, ge=0, validation_alias=AliasChoices("staff", "职工人数")
    )
    since: LooseDate | None = Field(
        default=None, validation_alias=AliasChoices("since", "创建起始")
    )
    as_of: LooseDate | None = Field(
        default=None, validation_alias=AliasChoices("as_of", "评估日期")
    )
    cycle: UnitCycle | None = Field(
        default=None, validation_alias=AliasChoices("cycle", "创建周期")
    )
    # Optional parts of the rule set switched on (``启用: [兴义创文]``).
    enabled: TextList = Field(
        default_factory=list, validation_alias=AliasChoices("enabled", "启用")
    )

    def fact(self, name: str) -> object | None:
        """A fact by either of its names (``staff`` or ``职工人数``), or any other key. The
        short name (简称) is the name when none is given."""
        english = UNIT_KEYS.get(name, name)
        if english == "short_name" and not self.short_name:
            return self.name
        if english in type(self).model_fields:
            value: object = getattr(self, english)
            return value
        extra: dict[str, object] = self.model_extra or {}
        return extra.get(name)


DEPARTMENT_KEYS = ("责任科室", "responsible")


def departments(unit: Unit) -> dict[str, str]:
    """The unit's own responsible departments: by rule id (``A1: 综合科``) or renaming a
    default department (``机关党委: 机关党总支``)."""
    for key in DEPARTMENT_KEYS:
        table = unit.fact(key)
        if isinstance(table, dict):
            return {str(k): str(v) for k, v in table.items()}
    return {}


def department_for(table: dict[str, str], rule_id: str, default: str) -> str:
    return table.get(rule_id) or table.get(default) or default


class Waiver(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: Text = _keys("rule", "规则")
    reason: str = _keys("reason", "理由")
    approved_by: str = Field(default="", validation_alias=AliasChoices("approved_by", "批准人"))
    expires: LooseDate | None = Field(
        default=None, validation_alias=AliasChoices("expires", "有效期至")
    )

    def active(self, as_of: dt.date) -> bool:
        return self.expires is None or self.expires >= as_of


_UNIT_KEYS = {*UNIT_KEYS, *UNIT_KEYS.values()}
_WAIVER_KEYS = {"rule", "规则", "reason", "理由", "approved_by", "批准人", "expires", "有效期至"}


def parse_unit(doc: LocatedDoc, rules: RuleSet, problems: list[Problem]) -> Unit | None:
    if not isinstance(doc.data, dict):
        problems.append(
            doc.problem((), "unit.yaml 应为映射，至少含 名称 与 类型", code="shape-invalid")
        )
        return None
    try:
        unit = Unit.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, suggestions=_UNIT_KEYS))
        return None
    for key in DEPARTMENT_KEYS:
        table = doc.data.get(key)
        if table is not None and (
            not isinstance(table, dict)
            or not all(isinstance(v, str) and v.strip() for v in table.values())
        ):
            problems.append(
                doc.problem(
                    (key,),
                    f"'{key}' 应为映射：规则编号或默认科室: 本单位科室，如 A1: 综合科",
                    code="departments-invalid",
                )
            )
            return None
    unknown = False
    for position, name in enumerate(unit.enabled):  # every unknown name, not the first only
        if name not in rules.overlays:
            unknown = True
            key = "启用" if "启用" in doc.data else "enabled"
            known = "、".join(rules.overlays) or "（本规则集没有可选部分）"
            hint = closest(name, list(rules.overlays))
            problems.append(
                doc.problem(
                    (key, position) if isinstance(doc.data.get(key), list) else (key,),
                    f"启用的 '{name}' 不是本规则集的可选部分（可选：{known}）"
                    + (f"，是否为 '{hint}'？" if hint else ""),
                    code="overlay-unknown",
                )
            )
    if unknown:
        return None
    if unit.type not in rules.meta.unit_types:
        hint = closest(unit.type, rules.meta.unit_types)
        key = "类型" if "类型" in doc.data else "type"
        problems.append(
            doc.problem(
                (key,),
                f"单位类型 '{unit.type}' 不在规则集的 unit_types"
                f"（{'、'.join(rules.meta.unit_types)}）中"
                + (f"，是否为 '{hint}'？" if hint else ""),
                code="unit-type-unknown",
            )
        )
        return None
    return unit


def parse_waivers(doc: LocatedDoc, rules: RuleSet, problems: list[Problem]) -> list[Waiver]:
    data = doc.entries(problems, "waivers.yaml 应为列表，每项含 rule、理由、批准人、有效期至")
    waivers = []
    for index, item in enumerate(data):
        try:
            waiver = Waiver.model_validate(item)
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, (index,), suggestions=_WAIVER_KEYS))
            continue
        if rules.rule(waiver.rule) is None:
            hint = closest(waiver.rule, [rule.id for rule in rules.rules])
            key = "rule" if "rule" in item else "规则"
            problems.append(
                doc.problem(
                    (index, key),
                    f"豁免的规则 '{waiver.rule}' 不存在" + (f"，是否为 '{hint}'？" if hint else ""),
                    code="rule-unknown",
                )
            )
            continue
        waivers.append(waiver)
    return waivers
