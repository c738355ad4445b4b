"""``checker batch -f xlsx``: the 文明办's workbook of a batch. 排名 (the ranking with review
verdicts and, with a baseline, last year's score and the move in rank), 单项得分 (units as rows,
items as columns under their category) and 否决与问题 (each veto and input problem, one a row).
Printable on A4 landscape, editable, the same bytes for the same summary."""

from __future__ import annotations

from typing import Any

from checker.engine.signals import written
from checker.parsing import format_number as num
from checker.report.sheet import print_setup, row_height, styles, workbook

RANKING = (
    ("名次", 6.0),
    ("单位", 24.0),
    ("类型", 8.0),
    ("测评体系", 18.0),
    ("得分", 7.0),
    ("可达最高分", 8.0),
    ("等级", 8.0),
    ("复查结论", 9.0),
    ("结论依据", 26.0),
    ("一票否决", 18.0),
    ("问题数", 7.0),
)
PREVIOUS = (("上年得分", 8.0), ("名次变化", 9.0))
PROBLEMS = (("单位", 24.0), ("类别", 10.0), ("规则或位置", 30.0), ("说明", 70.0))
ITEM_WIDTH = 9.0
Item = tuple[str, str]  # (category, rule)


def rank_change(unit: dict[str, Any]) -> str:
    """The move since last year in words: 上升2位, 下降1位, 持平, or 新参评 without a baseline
    entry."""
    if unit.get("previous") is None:
        return "新参评"
    change = unit.get("rank_change")
    if not change:
        return "持平"
    return f"上升{change}位" if change > 0 else f"下降{-change}位"


def veto_titles(unit: dict[str, Any]) -> list[str]:
    """Each vetoed rule named by what it found (干部职工被追究刑事责任), not by its title, which
    names the condition met and would read as the opposite."""
    titles = {
        item["rule"]: item.get("finding") or item["title"] for item in unit.get("items") or []
    }
    return [titles.get(rule, rule) for rule in unit.get("veto") or []]


def shown_name(unit: dict[str, Any], units: list[dict[str, Any]]) -> str:
    """The unit's name, with its folder when another unit bears the same name (甲机关 of two
    counties): the clerk must know which row to act on."""
    same = sum(other["name"] == unit["name"] for other in units)
    return f"{unit['name']}（{unit['folder']}）" if same > 1 else str(unit["name"])


def _as_of(summary: dict[str, Any]) -> str | None:
    """The workbook's date: the batch's --as-of, else the latest unit's own date."""
    days = [str(u["as_of"]) for u in summary.get("units") or [] if u.get("as_of")]
    return summary.get("as_of") or max(days, default=None)


def _title(sheet: Any, css: dict[str, Any], text: str, columns: int, note: str) -> int:
    """The sheet's title (and the rule-set note); returns the header row."""
    sheet.merge_range(0, 0, 0, columns - 1, text, css["title"])
    sheet.set_row(0, 28)
    if not note:
        return 2
    sheet.merge_range(1, 0, 1, columns - 1, f"注：{note}", css["note"])
    return 3


def _ranking(book: Any, css: dict[str, Any], summary: dict[str, Any], title: str) -> None:
    units = summary.get("units") or []
    baseline = any(u.get("previous") is not None for u in units)
    columns = RANKING + (PREVIOUS if baseline else ())
    sheet = book.add_worksheet("排名")
    head = _title(sheet, css, title, len(columns), summary.get("ruleset_note") or "")
    for column, (name, width) in enumerate(columns):
        sheet.set_column(column, column, width)
        sheet.write(head, column, name, css["head"])
    for row, unit in enumerate(units, start=head + 1):
        vetoes = "；".join(veto_titles(unit))
        values: list[tuple[Any, str]] = [
            (unit["rank"], "centre"),
            (shown_name(unit, units), "text"),
            (unit["type"], "centre"),
            (unit["ruleset"], "text"),
            (unit["score"], "number"),
            (unit["best_score"], "number"),
            (unit["grade"], "centre"),
            (unit["verdict"], "centre"),
            (unit.get("verdict_reason", ""), "text"),
            (vetoes, "text"),
            (len(unit.get("problems") or []), "number"),
        ]
        if baseline:
            previous = unit.get("previous") or {}
            values += [(previous.get("score", ""), "number"), (rank_change(unit), "centre")]
        for column, (value, style) in enumerate(values):
            sheet.write(row, column, value, css[style])
        sheet.set_row(row, row_height([(str(v), columns[c][1]) for c, (v, _) in enumerate(values)]))
    print_setup(sheet, head, len(columns), frozen=2)


def _items(units: list[dict[str, Any]]) -> dict[str, dict[Item, str]]:
    """Every item any unit has, by category in the order first met: (category, rule) → its
    header text (the rule's title and points). Units of different rule sets share a column
    only when they share the category and the rule."""
    columns: dict[str, dict[Item, str]] = {}
    for unit in units:
        for item in unit.get("items") or []:
            key = (item["category"], item["rule"])
            group = columns.setdefault(item["category"], {})
            group.setdefault(key, f"{item['title']}（{num(item['max'])}分）")
    return columns


def _item_scores(book: Any, css: dict[str, Any], summary: dict[str, Any], title: str) -> None:
    units = summary.get("units") or []
    categories = _items(units)
    keys = [key for group in categories.values() for key in group]
    total = 2 + len(keys) + 1
    sheet = book.add_worksheet("单项得分")
    top = _title(sheet, css, title, total, "")
    sheet.set_column(0, 0, 6.0)
    sheet.set_column(1, 1, 24.0)
    sheet.set_column(2, total - 1, ITEM_WIDTH)
    for column, name in ((0, "名次"), (1, "单位"), (total - 1, "得分")):
        sheet.merge_range(top, column, top + 1, column, name, css["head"])
    column = 2
    for category, group in categories.items():
        last = column + len(group) - 1
        if last > column:
            sheet.merge_range(top, column, top, last, category, css["head"])
        else:
            sheet.write(top, column, category, css["head"])
        for header in group.values():
            sheet.write(top + 1, column, header, css["head"])
            column += 1
    headers = [h for group in categories.values() for h in group.values()]
    sheet.set_row(top + 1, row_height([(h, ITEM_WIDTH) for h in headers]))
    for row, unit in enumerate(units, start=top + 2):
        earned = {(i["category"], i["rule"]): i["earned"] for i in unit.get("items") or []}
        sheet.write(row, 0, unit["rank"], css["centre"])
        sheet.write(row, 1, shown_name(unit, units), css["text"])
        for column, key in enumerate(keys, start=2):
            sheet.write(row, column, earned.get(key, ""), css["number"])
        sheet.write(row, total - 1, unit["score"], css["number"])
    # about 20 item columns a page: 85 items on one A4 width would print unreadably small
    print_setup(sheet, (top, top + 1), total, frozen=2, wide=max(1, -(-(total - 2) // 20)))


def problem_rows(unit: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(kind, rule or file:line, message) for each veto and input problem of a unit."""
    items = {item["rule"]: item for item in unit.get("items") or []}
    rows = []
    for rule in unit.get("veto") or []:
        item = items.get(rule, {})
        name = f"{rule} {item.get('finding') or item['title']}" if item else rule
        rows.append(("一票否决", name, str(item.get("reason") or "有一票否决情形")))
    for problem in unit.get("problems") or []:
        rows.append(("材料问题", _place(problem), str(problem.get("message") or "")))
    return rows


def _place(problem: dict[str, Any]) -> str:
    place = str(problem.get("file") or "")
    return f"{place}:{problem['line']}" if problem.get("line") else place


def _problems(book: Any, css: dict[str, Any], summary: dict[str, Any], title: str) -> None:
    sheet = book.add_worksheet("否决与问题")
    head = _title(sheet, css, title, len(PROBLEMS), "")
    for column, (name, width) in enumerate(PROBLEMS):
        sheet.set_column(column, column, width)
        sheet.write(head, column, name, css["head"])
    row = head + 1
    units = summary.get("units") or []
    rows = [  # the ratings workbook's own problems: scores that did not reach any unit
        ("现场评分表", "评分表问题", _place(problem), str(problem.get("message") or ""))
        for problem in summary.get("problems") or []
    ]
    rows += [(shown_name(u, units), *entry) for u in units for entry in problem_rows(u)]
    widths = [width for _, width in PROBLEMS]
    for values in rows:
        for column, value in enumerate(values):
            sheet.write(row, column, value, css["centre" if column == 1 else "text"])
        sheet.set_row(row, row_height(list(zip(values, widths, strict=True))))
        row += 1
    if row == head + 1:
        sheet.merge_range(row, 0, row, len(PROBLEMS) - 1, "无一票否决和材料问题", css["text"])
    print_setup(sheet, head, len(PROBLEMS))


def render(summary: dict[str, Any]) -> bytes:
    """The batch summary (the shape ``checker batch -f json`` prints) as a workbook."""
    as_of = _as_of(summary)
    title = "文明单位测评结果汇总"
    with workbook(as_of, title) as (book, buffer):
        css = styles(book)
        dated = f"（评估日期{written(summary['as_of'])}）" if summary.get("as_of") else ""
        _ranking(book, css, summary, f"{title}{dated}")
        _item_scores(book, css, summary, f"{title}（单项得分）")
        _problems(book, css, summary, f"{title}（一票否决与材料问题）")
    return buffer.getvalue()
