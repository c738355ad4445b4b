"""``--format xlsx``: the 测评表 of one unit, as the 测评组 fill it in: one row per item
(序号、测评项目、测评内容、测评方法、分值、得分、扣分理由), grouped by category with a subtotal
each and a total, the unit and its result above, a signature line below. Editable (no
protection), printable on A4 landscape; the subtotals are formulas with the printed numbers
cached, so they add up as shown and recompute when the team types an on-site score in."""

from __future__ import annotations

from typing import Any

from checker.engine.signals import written
from checker.parsing import format_number as num
from checker.report import RenderOptions
from checker.report.basis import reference_note
from checker.report.docx import plain_dates
from checker.report.sheet import print_setup, row_height, styles, workbook
from checker.result import points, veto_finding

HEADERS = ("序号", "测评项目", "测评内容", "测评方法", "分值", "得分", "扣分理由")
WIDTHS = (6.0, 12.0, 46.0, 10.0, 7.0, 7.0, 46.0)
ON_SITE = "需现场核验"
BLANK = "　" * 12  # room for a signature by hand
SIGNATURE = f"测评人员签字：{BLANK}被测评单位负责人签字：{BLANK}日期：　　年　　月　　日"


def content(result: dict[str, Any]) -> str:
    """测评内容: the item's title, and the table's own wording of it when that says more."""
    title = str(result["title"]).strip()
    clause = str(result.get("clause") or "").strip()
    # the table's wording often opens with the category the 测评项目 column already shows
    clause = clause.removeprefix(f"{result['category']}：")
    if not clause or clause == title:
        return title
    return f"{title}\n{clause}"


def _rating_text(rating: dict[str, Any]) -> str:
    """A rated item's reason: what the rater wrote and who rated it."""
    parts = [str(rating.get("note") or "").strip().rstrip("。")]
    if rating.get("rated_by"):
        parts.append(f"评分人：{rating['rated_by']}")
    return "；".join(part for part in parts if part)


def deduction_reason(result: dict[str, Any]) -> str:
    """扣分理由 in plain words: the gaps of an item short of full marks, ``需现场核验`` for an
    on-site or survey item no one has rated, the 说明 and 评分人 of a rated one, the note of
    an item set aside; "" for full marks on the files."""
    if result.get("rating"):
        return _rating_text(result["rating"])
    status = result["status"]
    if status == "manual":
        return ON_SITE
    if status == "pass":
        return ""
    text = plain_dates("；".join(result.get("gaps") or []) or str(result.get("note") or ""))
    if result.get("veto") and status == "fail":
        text = f"一票否决：{text}" if text else "一票否决"
    return text


def _groups(data: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The items by category, in the order of the rule set's categories."""
    order = [c["name"] for c in data.get("categories") or []]
    groups: dict[str, list[dict[str, Any]]] = {name: [] for name in order}
    for result in data.get("results") or []:
        groups.setdefault(result["category"], []).append(result)
    return [(name, items) for name, items in groups.items() if items]


def _verdict(data: dict[str, Any]) -> str:
    """The conclusion, a veto named by what it found rather than the rule's code or title."""
    vetoed = data.get("veto", [])
    titles = [veto_finding(r) for r in data.get("results") or [] if r["rule"] in vetoed]
    if titles:
        return f"一票否决（{'；'.join(titles)}）"
    return str(data.get("conclusion") or "")


def _header(sheet: Any, css: dict[str, Any], data: dict[str, Any]) -> int:
    """Title, the unit and its result; returns the row of the table's header."""
    unit, ruleset = data.get("unit") or {}, data.get("ruleset") or {}
    sheet.merge_range(0, 0, 0, 6, f"{unit.get('name', '')}测评表", css["title"])
    sheet.set_row(0, 30)
    score = f"{num(data.get('score') or 0)}分（及格线{num(data.get('pass_score') or 0)}分）"
    pairs = [
        ("被测评单位", unit.get("name", ""), "单位类型", unit.get("type", "")),
        ("测评体系", ruleset.get("title", ""), "评估日期", written(data.get("as_of"))),
        ("测评得分", score, "等级", data.get("grade", "")),
        ("测评结论", _verdict(data), "可达最高分", f"{num(data.get('best_score') or 0)}分"),
    ]
    for row, (label, value, label2, value2) in enumerate(pairs, start=1):
        sheet.merge_range(row, 0, row, 1, label, css["label"])
        sheet.merge_range(row, 2, row, 3, str(value), css["value"])
        sheet.merge_range(row, 4, row, 5, label2, css["label"])
        sheet.write(row, 6, str(value2), css["value"])
        sheet.set_row(row, row_height([(str(value), WIDTHS[2] + WIDTHS[3])]))
    row = len(pairs) + 1
    note = reference_note(data) if data.get("ruleset") else ""
    if note:
        sheet.merge_range(row, 0, row, 6, f"注：{note}。", css["note"])
        sheet.set_row(row, row_height([(note, sum(WIDTHS))]))
        row += 1
    return row + 1


def _item_row(sheet: Any, css: dict[str, Any], row: int, index: int, item: dict[str, Any]) -> None:
    reason = deduction_reason(item)
    cells = [
        (index, "centre"),
        (item["category"], "centre"),
        (content(item), "text"),
        (item.get("method", ""), "centre"),
        (points(item["max"]), "number"),
        (points(item["earned"]), "number"),
        (reason, "text"),
    ]
    for column, (value, style) in enumerate(cells):
        sheet.write(row, column, value, css[style])
    sheet.set_row(row, row_height([(content(item), WIDTHS[2]), (reason, WIDTHS[6])]))


def _sum_row(
    sheet: Any, css: dict[str, Any], row: int, label: str, ranges: list[str], totals: list[float]
) -> None:
    """A subtotal or total row: formulas over ``ranges`` (one per number column) with the sums
    of the printed numbers cached, so a reader without recalculation sees them too."""
    sheet.merge_range(row, 0, row, 3, label, css["subtotal"])
    for column, (cells, total) in enumerate(zip(ranges, totals, strict=True), start=4):
        sheet.write_formula(row, column, f"=SUM({cells})", css["subtotal_number"], points(total))
    sheet.write(row, 6, "", css["subtotal"])


def _table(sheet: Any, css: dict[str, Any], data: dict[str, Any], head: int) -> int:
    """The items, a subtotal per category and the total; returns the row after the table."""
    for column, name in enumerate(HEADERS):
        sheet.write(head, column, name, css["head"])
    row, index, subtotals = head + 1, 0, []
    grand = [0.0, 0.0]
    for category, items in _groups(data):
        first = row
        for item in items:
            index += 1
            _item_row(sheet, css, row, index, item)
            row += 1
        sums = [points(sum(points(i[key]) for i in items)) for key in ("max", "earned")]
        ranges = [f"{col}{first + 1}:{col}{row}" for col in "EF"]
        _sum_row(sheet, css, row, f"{category}小计", ranges, sums)
        subtotals.append(row + 1)
        grand = [points(a + b) for a, b in zip(grand, sums, strict=True)]
        row += 1
    ranges = [",".join(f"{col}{r}" for r in subtotals) or f"{col}1:{col}1" for col in "EF"]
    _sum_row(sheet, css, row, "合计", ranges, grand)
    return row + 1


def render(data: dict[str, Any], options: RenderOptions) -> bytes:
    unit = (data.get("unit") or {}).get("name", "")
    with workbook(data.get("as_of"), f"{unit}测评表") as (book, buffer):
        css = styles(book)
        sheet = book.add_worksheet("测评表")
        for column, width in enumerate(WIDTHS):
            sheet.set_column(column, column, width)
        head = _header(sheet, css, data)
        end = _table(sheet, css, data, head)
        sheet.merge_range(end + 1, 0, end + 1, 6, SIGNATURE, css["plain"])
        sheet.set_row(end + 1, 36)
        print_setup(sheet, head, len(HEADERS))
    return buffer.getvalue()
