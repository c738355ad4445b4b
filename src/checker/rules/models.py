"""Strict models of what rule authors write: a typo is an error, never an ignored check."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)

from checker.parsing import parse_date
from checker.rules.review import Review

PeriodName = Literal["cycle", "year", "quarter", "month", "week"]
Method = Literal["材料审核", "实地考察", "问卷调查"]
MANUAL_METHODS: frozenset[str] = frozenset({"实地考察", "问卷调查"})


def _date(value: Any) -> dt.date:
    return parse_date(value)


def _text(value: Any) -> Any:
    """Accept ``version: 2022.1`` or ``id: 101`` written without quotes."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _text_list(value: Any) -> Any:
    """A single string where a list is expected means a one-item list."""
    if isinstance(value, str):
        return [value]
    return value


DATE_SCHEMA: dict[str, Any] = {
    "type": ["string", "integer"],
    "description": "日期，如 2022-03-08、2022/3/8、2022.3.8、2022年3月8日、20220308",
}
LooseDate = Annotated[dt.date, BeforeValidator(_date), WithJsonSchema(DATE_SCHEMA)]
Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": ["string", "number"]})]
TextList = Annotated[
    list[Text],
    BeforeValidator(_text_list),
    WithJsonSchema(
        {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": ["string", "number"]}}]}
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Cycle(Strict):
    """The creation cycle (届期): fixed (``start`` and ``end``) or rolling (``start`` and
    ``years``: cycles of that many years from ``start``, the one holding the assessment date
    is used)."""

    start: LooseDate
    end: LooseDate | None = None
    years: int | None = Field(default=None, ge=1, le=10)

    @model_validator(mode="after")
    def _ordered(self) -> Cycle:
        if (self.end is None) == (self.years is None):
            raise ValueError("创建周期须给出 end（结束日期）或 years（每届年数）之一")
        if self.end is not None and self.end < self.start:
            raise ValueError("创建周期的结束日期早于开始日期")
        return self

    def holding(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """The first and last day of the cycle holding ``day``: a fixed cycle is itself; a
        rolling one is the ``years``-long cycle from ``start`` that holds the day (the first
        when the day comes before ``start``)."""
        if self.end is not None:
            return self.start, self.end
        assert self.years is not None
        before = _day_of_year(day) < _day_of_year(self.start)  # not yet a full year
        elapsed = max(0, day.year - self.start.year - before)
        first = _years_after(self.start, elapsed // self.years * self.years)
        return first, _years_after(first, self.years) - dt.timedelta(days=1)


def _day_of_year(day: dt.date) -> tuple[int, int]:
    return day.month, day.day


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Grade(Strict):
    min: float = Field(ge=0, le=100)
    name: str


class RuleSetMeta(Strict):
    """``ruleset.yaml``."""

    id: Text
    title: str
    source: str = ""
    version: Text
    description: str = ""
    # False: the official table was not available and this is a reference version (参考版).
    official: bool = True
    cycle: Cycle
    # Shared rule files or folders, relative to this folder (``../共用/一票否决.yaml``).
    include: TextList = Field(default_factory=list)
    # Optional overlays a unit switches on in unit.yaml (``启用: [兴义创文]``): name -> file or
    # folder of rule files, relative to this folder.
    overlays: dict[str, Text] = Field(default_factory=dict)
    pass_score: float = Field(ge=0, le=100)
    grades: list[Grade] = Field(min_length=1)
    unit_types: TextList = Field(min_length=1)
    evidence_types: dict[str, TextList | None] = Field(default_factory=dict)
    # Days after the assessment date by which the gaps are to be put right (完成时限).
    rectification_days: int = Field(default=30, ge=1, le=3650)
    # Types whose records are official documents, which should carry a document number.
    official_document_types: TextList = Field(
        default_factory=lambda: ["文件", "方案", "制度", "要点"]
    )
    # How a yearly review (复查) turns the score into a verdict (checker batch).
    review: Review = Field(default_factory=Review)


class Bounds(Strict):
    """A field condition: a numeric range, or ``filled: true`` (the field is written in)."""

    min: float | None = None
    max: float | None = None
    filled: bool | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Bounds:
        if self.filled is not None and (self.min is not None or self.max is not None):
            raise ValueError("'filled' 不能与 'min'/'max' 同时使用")
        if self.filled is None and self.min is None and self.max is None:
            raise ValueError("条件须给出 min、max 或 filled")
        return self


Scalar = str | float | bool
Condition = Bounds | Scalar | list[Scalar]


class Count(Strict):
    kind: Literal["count"] = "count"


class Sum(Strict):
    kind: Literal["sum"] = "sum"
    field: str


class Distinct(Strict):
    kind: Literal["distinct"] = "distinct"
    field: str


Aggregate = Annotated[Count | Sum | Distinct, Field(discriminator="kind")]


class Requirement(Strict):
    """One ``requires`` item: which records count, how they add up, and the threshold."""

    name: str
    type: TextList = Field(default_factory=list)
    tags: TextList = Field(default_factory=list)
    keywords: TextList = Field(default_factory=list)
    content: TextList = Field(default_factory=list)
    # Regular expressions (RE2 syntax: linear time), searched like keywords in the title,
    # tags, fields and document text.
    pattern: TextList = Field(default_factory=list)
    where: dict[str, Condition] = Field(default_factory=dict)
    sum: str | None = None
    distinct: str | None = None
    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    min_ratio: float | None = Field(default=None, gt=0)
    of: str | None = None
    period: PeriodName = "cycle"
    coverage: float = Field(default=1.0, gt=0, le=1)
    per: str | None = None
    weight: float | None = Field(default=None, gt=0)
    # Deduction scoring: this many points off the requirement's share per missing period
    # (several periods) or missing item (one period), floored at 0.
    deduct: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _consistent(self) -> Requirement:
        if self.sum is not None and self.distinct is not None:
            raise ValueError("'sum' 与 'distinct' 只能二选一")
        if (self.min_ratio is None) != (self.of is None):
            raise ValueError("'min_ratio' 与 'of' 须同时给出，如 min_ratio: 0.2, of: staff")
        if self.min_ratio is not None and self.min is not None:
            raise ValueError("'min' 与 'min_ratio' 只能二选一")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError("'max' 小于 'min'，此要求永远无法满足")
        return self

    @property
    def aggregate(self) -> Count | Sum | Distinct:
        if self.sum is not None:
            return Sum(field=self.sum)
        if self.distinct is not None:
            return Distinct(field=self.distinct)
        return Count()

    @property
    def threshold_min(self) -> float | None:
        """The ``min`` to judge by: a requirement with no threshold asks for at least one."""
        if self.min is None and self.max is None and self.min_ratio is None:
            return 1.0
        return self.min


Lookback = Annotated[
    str,
    WithJsonSchema({"type": "string", "description": "回溯期，如 24 months、2 years、cycle"}),
]
BasisKind = Literal["核实", "参照", "推定"]


class Basis(Strict):
    """Where a rule comes from: 核实 (a public table says it), 参照 (a comparable table does it
    this way), 推定 (a reasoned default)."""

    kind: BasisKind
    source: str = Field(min_length=1)


class Rule(Strict):
    id: Text = Field(min_length=1)
    title: str
    clause: str = ""
    basis: Basis | None = None
    score: float = Field(ge=0)
    method: Method = "材料审核"
    veto: bool = False
    # A veto rule's look-back: ``24 months``, ``2 years`` or ``cycle`` (the default).
    lookback: Lookback | None = None
    applies_to: TextList | None = None
    guidance: str = ""
    responsible: str = ""
    requires: list[Requirement] = Field(default_factory=list)

    # Where the rule was written; set by the loader, not by authors.
    _category: str = PrivateAttr(default="")
    _file: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)

    @model_validator(mode="before")
    @classmethod
    def _veto_scores_nothing(cls, data: Any) -> Any:
        """A veto rule usually carries no points, so its ``score`` may be left out."""
        if isinstance(data, dict) and data.get("veto") is True and "score" not in data:
            return {**data, "score": 0}
        return data

    @model_validator(mode="after")
    def _lookback_on_veto(self) -> Rule:
        if self.lookback is not None:
            if not self.veto:
                raise ValueError("'lookback'（回溯期）只用于一票否决规则（veto: true）")
            months = lookback_months(self.lookback)
            if months is None and self.lookback.strip() != "cycle":
                raise ValueError(
                    f"回溯期 '{self.lookback}' 无法识别，应写作 24 months、2 years 或 cycle"
                )
            if months == 0:  # a window ending before it starts: the veto could never find a case
                raise ValueError(f"回溯期 '{self.lookback}' 至少为 1 个月")
        return self

    @model_validator(mode="after")
    def _has_requirements(self) -> Rule:
        if not self.requires and self.method not in MANUAL_METHODS:
            raise ValueError("材料审核的规则须有至少一项 'requires'")
        given = [req.weight for req in self.requires if req.weight is not None]
        if given and len(given) < len(self.requires) and sum(given) >= 1:
            raise ValueError("部分要求给出了 'weight'，其和须小于 1，其余要求平分剩余分值")
        return self

    @property
    def manual(self) -> bool:
        return self.method in MANUAL_METHODS

    @property
    def category(self) -> str:
        return self._category

    @property
    def file(self) -> str:
        return self._file

    @property
    def line(self) -> int:
        return self._line

    def placed(self, category: str, file: str, line: int) -> Rule:
        self._category, self._file, self._line = category, file, line
        return self

    def shares(self) -> list[float]:
        """Each requirement's share of the points: weights where given, equal shares otherwise.

        Given weights are normalised to sum to one; unweighted requirements split what the
        weighted ones leave.
        """
        weights = [req.weight for req in self.requires]
        given = [w for w in weights if w is not None]
        if len(given) == len(weights):
            total = sum(given)
            return [w / total for w in given]
        rest = (1.0 - sum(given)) / (len(weights) - len(given))
        return [w if w is not None else rest for w in weights]


class RuleFile(Strict):
    category: str
    # In an overlay: the categories or rule ids of the base set it takes the place of.
    replaces: TextList = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)


_LOOKBACK = re.compile(r"^\s*(\d{1,3})\s*(months?|years?|个月|年)\s*$")


def lookback_months(text: str) -> int | None:
    """``24 months`` / ``2 years`` / ``24个月`` / ``2年`` in months; None for anything else."""
    match = _LOOKBACK.match(text)
    if match is None:
        return None
    count = int(match.group(1))
    return count * 12 if match.group(2).startswith(("year", "年")) else count
