"""``check -f xlsx``: the 测评表, read back as the 测评组 open it (openpyxl): one row per item,
subtotals and a total that add up as printed, A4 landscape set-up, plain words, same bytes."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from checker.report import FORMATS, RenderOptions
from conftest import REPO, run_cli
from test_plain_words import MACHINE

FIXTURES = Path(__file__).parent / "fixtures"
HEADERS = ["序号", "测评项目", "测评内容", "测评方法", "分值", "得分", "扣分理由"]


def _json(*args: str, cwd: Path = REPO) -> dict[str, Any]:
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = run_cli("check", *args, "-f", "json")
    finally:
        os.chdir(previous)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return _json("evidence")


@pytest.fixture(scope="module")
def statuses() -> dict[str, Any]:
    return _json("all-statuses/evidence", "--rules", "all-statuses/rules", cwd=FIXTURES)


def _xlsx(data: dict[str, Any]) -> bytes:
    rendered = FORMATS["xlsx"].render(data, RenderOptions())
    assert isinstance(rendered, bytes)
    return rendered


def _sheet(data: dict[str, Any], cached: bool = True) -> Any:
    book = openpyxl.load_workbook(io.BytesIO(_xlsx(data)), data_only=cached)
    assert book.sheetnames == ["测评表"]
    return book.active


def _table(sheet: Any) -> tuple[int, list[tuple[Any, ...]]]:
    """The header row's number and the rows below it, up to the total."""
    rows = list(sheet.iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if list(row) == HEADERS)
    end = next(i for i, row in enumerate(rows) if row[0] == "合计")
    return head + 1, rows[head + 1 : end + 1]


def test_one_row_per_item_with_the_points_the_json_shows(sample: dict[str, Any]) -> None:
    _, rows = _table(_sheet(sample))
    items = [row for row in rows if isinstance(row[0], int)]
    results = sample["results"]
    assert [row[0] for row in items] == list(range(1, len(results) + 1))
    by_title = {r["title"]: r for r in results}
    for row in items:
        result = by_title[row[2].split("\n")[0]]
        assert row[1] == result["category"] and row[3] == result["method"]
        assert (row[4], row[5]) == (result["max"], result["earned"])
        assert bool(row[6]) == (result["status"] != "pass")  # a reason for every deduction
    # the clause's category prefix is not repeated next to the category column
    assert not any(row[2].split("\n")[-1].startswith(f"{row[1]}：") for row in items)


def test_subtotals_and_total_add_up_as_printed(sample: dict[str, Any]) -> None:
    _, rows = _table(_sheet(sample))
    subtotals: list[tuple[Any, ...]] = []
    pending: list[tuple[Any, ...]] = []
    for row in rows:
        if isinstance(row[0], int):
            pending.append(row)
            continue
        if row[0] == "合计":
            break
        assert row[0] == f"{pending[0][1]}小计"
        for column in (4, 5):
            assert row[column] == round(sum(item[column] for item in pending), 2)
        subtotals.append(row)
        pending = []
    assert len(subtotals) == len([c for c in sample["categories"] if c["name"]])
    total = rows[-1]
    for column in (4, 5):
        assert total[column] == round(sum(row[column] for row in subtotals), 2)
    assert total[4] == sample["max"]
    assert abs(total[5] - sample["earned"]) <= 0.01 * len(sample["results"])


def test_the_sums_are_formulas_so_an_on_site_score_typed_in_counts(
    sample: dict[str, Any],
) -> None:
    first, rows = _table(_sheet(sample, cached=False))
    subtotal = next(i for i, row in enumerate(rows) if not isinstance(row[0], int))
    assert rows[subtotal][5] == f"=SUM(F{first + 1}:F{first + subtotal})"
    assert str(rows[-1][5]).startswith("=SUM(F")


def test_the_header_block_states_the_unit_and_its_result(sample: dict[str, Any]) -> None:
    sheet = _sheet(sample)
    head, _ = _table(sheet)
    text = "\n".join(
        str(cell) for row in sheet.iter_rows(max_row=head, values_only=True) for cell in row if cell
    )
    for expected in (
        sample["unit"]["name"],
        sample["unit"]["type"],
        sample["ruleset"]["title"],
        "2022年12月31日",
        f"{sample['score']:g}分",
        sample["grade"],
        sample["conclusion"],
        "参考版",  # the sample's rule set is not the official table
    ):
        assert expected in text


def test_an_official_table_carries_no_reference_note(statuses: dict[str, Any]) -> None:
    sheet = _sheet(statuses)
    text = "".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "参考版" not in text
    assert "一票否决：" in text  # the veto is named, by its title
    assert "严重违纪违法" in text and "V1" not in text


def test_reasons_in_plain_words(statuses: dict[str, Any]) -> None:
    _, rows = _table(_sheet(statuses))
    reasons = {row[2].split("\n")[0]: row[6] for row in rows if isinstance(row[0], int)}
    by_status = {r["status"]: r for r in statuses["results"] if not r["veto"]}
    assert reasons[by_status["manual"]["title"]] == "需现场核验"
    assert reasons[by_status["not_applicable"]["title"]] == "仅适用于企业"
    assert "豁免" in reasons[by_status["waived"]["title"]]
    meetings = next(r for r in statuses["results"] if r["rule"] == "A2")
    assert reasons[meetings["title"]] == "；".join(meetings["gaps"])
    assert "2022年3月" in reasons[meetings["title"]]
    veto = next(r for r in statuses["results"] if r["veto"])
    assert reasons[veto["title"]].startswith("一票否决：")


def test_a_rated_item_gives_the_raters_words_and_name(tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    shutil.copytree(REPO / "evidence", folder)
    (folder / "ratings.yaml").write_text(
        "- {规则: F1, 得分: 3.5, 评分人: 测评组（张三）, 日期: 2022-12-20, 说明: 楼道有杂物}\n",
        encoding="utf-8",
    )
    data = _json(str(folder))
    _, rows = _table(_sheet(data))
    f1 = next(r for r in data["results"] if r["rule"] == "F1")
    row = next(row for row in rows if row[2] and row[2].startswith(f1["title"]))
    assert row[5] == 3.5
    assert row[6] == "楼道有杂物；评分人：测评组（张三）"


def test_printable_on_a4_landscape_and_editable(sample: dict[str, Any]) -> None:
    sheet = _sheet(sample)
    head, _ = _table(sheet)
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == f"${head}:${head}"
    assert sheet.freeze_panes == f"A{head + 1}"
    assert sheet.protection.sheet is False
    item = sheet.cell(row=head + 1, column=3)
    assert item.alignment.wrap_text and item.border.left.style == "thin"
    rows = list(sheet.iter_rows(values_only=True))
    assert any("测评人员签字" in str(row[0]) and "日期" in str(row[0]) for row in rows)


@pytest.mark.parametrize("source", ["sample", "statuses"])
def test_no_tool_syntax_in_the_cells(source: str, request: pytest.FixtureRequest) -> None:
    data = request.getfixturevalue(source)
    sheet = _sheet(data)
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    found = [text for text in cells if MACHINE.search(text.replace("unit.yaml", ""))]
    assert found == []
    assert cells, "the sheet has text"


def test_same_input_same_bytes_dated_the_assessment_day(sample: dict[str, Any]) -> None:
    first, second = _xlsx(sample), _xlsx(json.loads(json.dumps(sample)))
    assert first == second
    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.properties.created.date().isoformat() == sample["as_of"]


def test_the_command_writes_it_and_asks_for_a_file_on_a_terminal(tmp_path: Path) -> None:
    assert run_cli("check", str(REPO / "evidence"), "-f", "xlsx").exit_code == 2
    target = tmp_path / "测评表.xlsx"
    result = run_cli("check", str(REPO / "evidence"), "-f", "xlsx", "-o", str(target))
    assert result.exit_code == 1, result.output
    assert openpyxl.load_workbook(target).sheetnames == ["测评表"]


def test_a_report_without_results_still_renders() -> None:
    data = {"unit": {"name": "未能评估", "type": ""}, "as_of": "2023-01-01", "results": []}
    data |= {"categories": [], "ruleset": {"title": "", "official": True}, "veto": []}
    _, rows = _table(_sheet(data))
    assert rows == [("合计", None, None, None, 0, 0, None)]
