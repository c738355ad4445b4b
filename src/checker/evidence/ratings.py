"""``ratings.yaml`` (现场评分): the points the unit (自评) or the assessment team (测评组) gives
an on-site or survey item. Files cannot show what inspectors see on site, so these items
earn only what someone rated them; every rating is checked against the rule it rates."""

from __future__ import annotations

import math
from collections.abc import Container
from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from checker.errors import Problem
from checker.parsing import parse_number
from checker.result import points
from checker.rules.loader import RuleSet
from checker.rules.models import LooseDate, Text
from checker.validation import closest, problems_from
from checker.yamlfile import LocatedDoc

RATINGS_FILE = "ratings.yaml"


def _number(value: Any) -> Any:
    """``得分: 3.5分`` or ``"3"`` is a number; anything else is left for pydantic to reject."""
    number = parse_number(value) if isinstance(value, str) else None
    return number if number is not None else value


LooseScore = Annotated[float, BeforeValidator(_number)]


class Rating(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: Text = Field(validation_alias=AliasChoices("rule", "规则"))
    score: LooseScore = Field(validation_alias=AliasChoices("score", "得分"))
    rated_by: str = Field(default="", validation_alias=AliasChoices("rated_by", "评分人"))
    date: LooseDate | None = Field(default=None, validation_alias=AliasChoices("date", "日期"))
    note: str = Field(default="", validation_alias=AliasChoices("note", "说明"))

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": points(self.score),
            "rated_by": self.rated_by,
            "date": self.date.isoformat() if self.date else None,
            "note": self.note,
        }


RATING_KEYS = {
    "rule": "规则",
    "score": "得分",
    "rated_by": "评分人",
    "date": "日期",
    "note": "说明",
}
_KEYS = {*RATING_KEYS, *RATING_KEYS.values()}


def _key(item: dict[str, Any], english: str) -> str:
    """The key the user wrote, so a problem points at the value they typed."""
    return english if english in item else RATING_KEYS[english]


def rating_problem(
    rating: Rating, rules: RuleSet, seen: Container[str]
) -> tuple[str, str, str] | None:
    """What is wrong with one valid-looking rating: (key to point at, message, code), or
    None. ``seen`` holds the rules already rated for the same unit. Shared by ratings.yaml
    and the 测评组's workbook for many units (checker.batch.ratings_book), so both say the
    same about the same mistake."""
    rule = rules.rule(rating.rule)
    if rule is None:
        hint = closest(rating.rule, [known.id for known in rules.rules])
        hinted = f"，是否为 '{hint}'？" if hint else ""
        return "rule", f"评分的规则 '{rating.rule}' 不存在{hinted}", "rule-unknown"
    if not rule.manual:
        return (
            "rule",
            f"规则 {rule.id} 的考核方式是{rule.method}，按材料评估，不能现场评分"
            "（只有实地考察、问卷调查的规则可以评分）",
            "rating-not-manual",
        )
    if rating.rule in seen:
        return "rule", f"规则 {rule.id} 已评过分，同一规则只能评一次", "rating-duplicate"
    if not math.isfinite(rating.score):  # “nan” and “inf” parse as floats
        return "score", f"规则 {rule.id} 的得分不是有效数字", "value-invalid"
    if rating.score < 0 or points(rating.score) > points(rule.score):
        return (
            "score",
            f"规则 {rule.id} 的得分 {rating.score:g} 超出范围，应在 0 到 {rule.score:g} 分之间",
            "rating-too-high",
        )
    return None


def parse_ratings(doc: LocatedDoc, rules: RuleSet, problems: list[Problem]) -> list[Rating]:
    """The valid ratings; every invalid one is a located problem (the run exits 2)."""
    data = doc.entries(problems, "ratings.yaml 应为列表，每项含 规则、得分、评分人、日期、说明")
    ratings: list[Rating] = []
    seen: set[str] = set()
    for index, item in enumerate(data):
        try:
            rating = Rating.model_validate(item)
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, (index,), suggestions=_KEYS))
            continue
        wrong = rating_problem(rating, rules, seen)
        if wrong is not None:
            key, message, code = wrong
            problems.append(doc.problem((index, _key(item, key)), message, code=code))
            continue
        seen.add(rating.rule)
        ratings.append(rating)
    return ratings
