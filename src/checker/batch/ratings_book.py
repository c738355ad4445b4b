"""The 测评组's workbook of on-site and survey ratings for many units (``checker batch
--ratings 现场评分.xlsx``), and the empty workbook it fills in (``--ratings-template``).

One row rates one item of one unit: 单位, 测评项目, 得分, 评分人, 说明. Teams keep it as
offices keep any table (a title row, a 序号 column, the unit merged down its rows, blank
lines, a 合计 row and signatures at the bottom), so the header is found by its names and
what is not a rating is passed over. Every rating is checked as ratings.yaml's are, by the
same function; an empty 得分 is an item not yet rated, never a problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checker.batch.ratings_sheet import item_label, write_template
from checker.engine.tailor import with_overlays
from checker.errors import Problem
from checker.evidence.headers import blank, header_name
from checker.evidence.ratings import Rating, rating_problem
from checker.evidence.tables import Table, read_csv, read_workbook, sign_off, table_body
from checker.evidence.unit import Unit
from checker.evidence.workbooks import ReadAhead, refused
from checker.rules.loader import RuleSet
from checker.rules.models import Rule
from checker.textfile import unreadable
from checker.validation import closest

# The book's columns by the names teams give them; 单位, 测评项目 and 得分 are required.
COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": ("单位", "单位名称", "被测评单位", "测评单位", "参评单位", "申报单位"),
    "item": ("测评项目", "项目", "测评内容", "规则", "规则编号", "项目编号", "编号"),
    "score": ("得分", "评分", "实得分", "测评得分", "分数"),
    "rated_by": ("评分人", "测评人", "打分人", "评分人员"),
    "note": ("说明", "备注", "评分说明", "扣分理由", "扣分原因"),
    "date": ("日期", "评分日期", "测评日期"),
}
_REQUIRED = ("unit", "item", "score")
_LABELS = {"unit": "单位", "item": "测评项目", "score": "得分"}
_HEADER_SEARCH = 20  # rows searched for the header below the title rows
_TOTAL = re.compile(r"(?:合计|总计|小计|总分|平均分?)$")
# “F1”, “F1 办公环境整洁有序”, “F1、办公环境…”, “F1.办公环境…”: an id then its title
_ITEM_ID = re.compile(r"\s*([A-Za-z]{1,3}\d{1,3}(?:[.-]\d{1,2})?)(?![\d.-]*\d)\s*[、.．:：\s]*(.*)")
_SPACES = re.compile(r"\s+")
Report = Callable[[str, str, str], None]  # a row's problem: (field, message, code)


@dataclass(frozen=True)
class UnitRef:
    """A unit as the book names it and the rules its ratings are checked against."""

    folder: str  # POSIX path relative to UNITS_DIR: the key of what ``read`` returns
    name: str  # unit.yaml 名称
    ruleset: RuleSet
    unit_type: str
    short_name: str = ""  # unit.yaml 简称
    enabled: tuple[str, ...] = ()  # unit.yaml 启用: the optional parts it switches on

    @classmethod
    def of(cls, folder: str, unit: Unit, ruleset: RuleSet) -> UnitRef:
        """The reference to a unit from its unit.yaml: name, 简称, type and overlays."""
        short = unit.short_name or ""
        return cls(folder, unit.name, ruleset, unit.type, short, tuple(unit.enabled))

    def rules(self) -> list[Rule]:
        """Every rule the unit is assessed on: the base set with its overlays in place."""
        return [
            rule
            for rule in with_overlays(self.ruleset, list(self.enabled))
            if rule.applies_to is None or self.unit_type in rule.applies_to
        ]

    def items(self) -> list[Rule]:
        """The unit's on-site and survey items: the ones the team rates."""
        return [rule for rule in self.rules() if rule.manual]


def template(path: Path, units: list[UnitRef]) -> None:
    """Write the empty workbook the team fills in: one row per unit and on-site item."""
    write_template(path, [(unit_label(unit, units), unit.items()) for unit in units])


def unit_label(unit: UnitRef, units: Sequence[UnitRef]) -> str:
    """The unit's name, or its folder when another unit has the same name (the book must
    name one unit only)."""
    twins = sum(1 for other in units if _norm(other.name) == _norm(unit.name))
    return unit.name if unit.name.strip() and twins == 1 else unit.folder


def read(path: Path, units: list[UnitRef]) -> tuple[dict[str, list[Rating]], list[Problem]]:
    """The valid ratings of each unit (by folder) and a located problem for every row that
    is wrong. Rows without a score are items not yet rated: skipped."""
    shown = path.as_posix()
    tables, why = _tables(path)
    if why is not None:
        return {}, [Problem(shown, 0, 0, f"现场评分表无法读取：{why}", "ledger-unreadable")]
    book = _Book(shown, units)
    found = False
    for table in tables:
        if table.hidden:
            continue
        header = _header(table.rows)
        if header is not None:
            found = True
            book.read_table(table, *header)
    if not found:
        columns = "、".join(_LABELS.values())
        message = f"现场评分表找不到表头（应有 {columns} 列），未读取"
        book.problems.append(Problem(shown, 1, 1, message, "rating-header-missing"))
    return book.ratings, book.problems


def _tables(path: Path) -> tuple[list[Table], str | None]:
    """The sheets of the book (a CSV file is one), or why it cannot be read."""
    if not path.is_file():
        return [], "文件不存在" if not path.exists() else "不是文件"
    why = refused(path)
    if why is not None:
        return [], why
    try:
        if path.suffix.lower() == ".csv":
            return read_csv(path), None
        return read_workbook(path, ReadAhead()), None
    except OSError as exc:
        return [], unreadable(exc)
    except Exception as exc:  # calamine's own errors: a damaged or foreign file
        return [], f"不是可读的 Excel、WPS 或 CSV 表格（{type(exc).__name__}）"


def _header(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]] | None:
    """The header row and the column of each field, or None when no row names the required
    columns (the rows above it are titles)."""
    for index, row in enumerate(rows[:_HEADER_SEARCH]):
        names = {col: header_name(c) for col, c in enumerate(row) if isinstance(c, str)}
        columns: dict[str, int] = {}
        for field, spellings in COLUMNS.items():  # 测评项目 before 编号, whatever the order
            ranked = [(spellings.index(n), col) for col, n in names.items() if n in spellings]
            if ranked:
                columns[field] = min(ranked)[1]
        if all(field in columns for field in _REQUIRED):
            return index, columns
    return None


def _norm(text: Any) -> str:
    """A name as compared: no spaces, full-width letters and digits made plain."""
    return _SPACES.sub("", str(text)).translate(_FULL_WIDTH).upper()


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def _text(cell: Any) -> str:
    """A cell as text: a whole number without ``.0``, a blank as ``""``."""
    if blank(cell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


class _Book:
    """Reads the rows of the book's tables into each unit's ratings and the problems."""

    def __init__(self, shown: str, units: list[UnitRef]) -> None:
        self.shown = shown
        self.units = units
        self.ratings: dict[str, list[Rating]] = {}
        self.problems: list[Problem] = []
        # (folder, rule) → where it was rated first: (sheet, line)
        self.first: dict[tuple[str, str], tuple[str, int]] = {}
        self.names: dict[str, list[UnitRef]] = {}
        for unit in units:
            for name in {unit.name, unit.short_name, unit.folder, unit.folder.rsplit("/", 1)[-1]}:
                if name.strip():
                    known = self.names.setdefault(_norm(name), [])
                    if unit not in known:
                        known.append(unit)
        self.rules = {unit.folder: _unit_rules(unit) for unit in units}

    def read_table(self, table: Table, top: int, columns: dict[str, int]) -> None:
        start = top + 1
        body = table.rows[start:]
        width = max((len(row) for row in body), default=0)
        cells = [[row[col] if col < len(row) else None for row in body] for col in range(width)]
        body, cells = table_body(table, start, body, cells, max(columns.values()) + 1)
        for offset in range(len(body)):
            row = [column[offset] for column in cells]
            line = start + offset + 1
            if not self._passed_over(row, columns):
                self._row(table.name, line, row, columns)

    @staticmethod
    def _passed_over(row: list[Any], columns: dict[str, int]) -> bool:
        """Rows that rate nothing: no score (not rated yet, or blank), a 合计 row, a
        signature or note line, a row that is one merged text."""
        score = _cell(row, columns["score"])
        if blank(score):
            return True
        filled = [cell for cell in row if not blank(cell)]
        if sign_off(filled[0]):
            return True
        if len(filled) > 1 and len({_text(cell) for cell in filled}) == 1:
            return True  # one text across the row: a merged note WPS unmerged
        return any(_TOTAL.match(_norm(cell)) for cell in filled[:3] if isinstance(cell, str))

    def _row(self, sheet: str, line: int, row: list[Any], columns: dict[str, int]) -> None:
        def problem(field: str, message: str, code: str) -> None:
            prefix = f"工作表“{sheet}”：" if sheet else ""
            column = columns[field] + 1
            self.problems.append(Problem(self.shown, line, column, prefix + message, code))

        unit = self._unit(_text(_cell(row, columns["unit"])), problem)
        if unit is None:
            return
        rule_id = self._item(unit, _text(_cell(row, columns["item"])), problem)
        if rule_id is None:
            return
        given: dict[str, Any] = {"rule": rule_id, "score": _cell(row, columns["score"])}
        for field in ("rated_by", "note"):
            if field in columns:
                given[field] = _text(_cell(row, columns[field]))
        if "date" in columns and not blank(_cell(row, columns["date"])):
            given["date"] = _cell(row, columns["date"])
        self._rate(unit, (sheet, line), given, problem)

    def _rate(
        self, unit: UnitRef, at: tuple[str, int], given: dict[str, Any], problem: Report
    ) -> None:
        try:
            rating = Rating.model_validate(given)
        except ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0])
            shown = _text(given.get(field))
            if field == "date":
                problem(field, f"日期 '{shown}' 无法识别，应写作 2024-12-20", "date-invalid")
            else:
                problem("score", f"得分 '{shown}' 不是数字", "value-invalid")
            return
        rated = {rule for (folder, rule) in self.first if folder == unit.folder}
        wrong = rating_problem(rating, self.rules[unit.folder], rated)
        if wrong is not None:
            key, message, code = wrong
            if code == "rating-duplicate":
                sheet, line = self.first[(unit.folder, rating.rule)]
                elsewhere = f"工作表“{sheet}”" if sheet != at[0] else ""
                message += f"（已在{elsewhere}第 {line} 行评分）"
            problem("item" if key == "rule" else "score", f"{unit.name}：{message}", code)
            return
        self.first[(unit.folder, rating.rule)] = at
        self.ratings.setdefault(unit.folder, []).append(rating)

    def _unit(self, text: str, problem: Report) -> UnitRef | None:
        if not text:
            problem("unit", "已填得分但没有填写单位", "rating-unit-unknown")
            return None
        matches = self.names.get(_norm(text), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            folders = "、".join(unit.folder for unit in matches)
            message = f"单位 '{text}' 对应多个单位（文件夹 {folders}），请写单位全称或文件夹名"
            problem("unit", message, "rating-unit-ambiguous")
            return None
        hint = closest(text, [unit.name for unit in self.units if unit.name.strip()])
        hint = hint or closest(text, [unit.folder for unit in self.units])
        hinted = f"，是否为 '{hint}'？" if hint else ""
        problem("unit", f"单位 '{text}' 不在本次评估的单位中{hinted}", "rating-unit-unknown")
        return None

    def _item(self, unit: UnitRef, text: str, problem: Report) -> str | None:
        """The rule id an item names: its id, its id and title, or its title alone."""
        if not text:
            problem("item", "已填得分但没有填写测评项目", "rule-unknown")
            return None
        rules = self.rules[unit.folder]
        matched = _ITEM_ID.fullmatch(text.translate(_FULL_WIDTH))
        if matched is not None:  # an unknown id is reported, with a hint, by rating_problem
            return matched.group(1).upper()
        rule = _by_title(rules, text)
        if rule is not None:
            return rule.id
        hint = closest(_norm(text), [_norm(r.title) for r in unit.items()])
        named = next((r for r in unit.items() if _norm(r.title) == hint), None)
        hinted = f"，是否为 '{item_label(named)}'？" if named else ""
        message = f"{unit.name}：测评项目 '{text}' 不在本单位的测评细则中{hinted}"
        problem("item", message, "rule-unknown")
        return None


def _unit_rules(unit: UnitRef) -> RuleSet:
    """The rule set as it applies to the unit: only the overlays it switches on (a rating of
    an item of another overlay names no item of this unit)."""
    return replace(unit.ruleset, rules=unit.rules(), overlays={})


def _by_title(rules: RuleSet, text: str) -> Rule | None:
    wanted = _norm(text)
    return next((rule for rule in rules.rules if _norm(rule.title) == wanted), None)


def _cell(row: Sequence[Any], col: int) -> Any:
    return row[col] if col < len(row) else None
