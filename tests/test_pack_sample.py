"""``checker pack`` on the sample evidence, and the 500-character limit over every bundled set."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document

from checker.evidence.model import Record, Source
from checker.library import library_sets
from checker.pack.drafts import LIMIT, characters, draft
from checker.pipeline import run
from checker.rules.loader import load_ruleset
from checker.scaffold.init import scaffold
from conftest import REPO, run_cli
from test_pack import digest, listing

ISO = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}|\d{4}-Q\d|\d{4}-\d{2}(?!\d)")


def clean_prose(text: str) -> None:
    assert characters(text) <= LIMIT, text
    assert "类型:" not in text and "类型：" not in text
    assert not ISO.search(text), text


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("sample")
    evidence = root / "evidence"
    shutil.copytree(REPO / "evidence", evidence, symlinks=True)
    before = digest(evidence)
    out = root / "pack"
    result = run_cli("pack", str(evidence), "-o", str(out), "--no-cache", "-q")
    assert result.exit_code == 0, result.output
    assert digest(evidence) == before
    data = run(REPO / "rules/文明单位-机关", evidence, None).as_dict()
    return evidence, out, data


def test_every_counted_file_is_in_its_items_folder(
    sample: tuple[Path, Path, dict[str, Any]],
) -> None:
    evidence, out, data = sample
    held = listing(out)
    for result in data["results"]:
        cited = {c["file"] for r in result["requirements"] for c in r["evidence"]}
        folder = next(
            (
                name
                for name in {h.split("/")[0] for h in held}
                if name.startswith(result["rule"] + " ")
            ),
            None,
        )
        for file in cited:
            if c_is_row(file, result) or file in extracted(out / str(folder)):
                assert f"{folder}/台账摘录.xlsx" in held
            else:  # under its own name, or prefixed with its date or folder when shared
                name = file.rsplit("/", 1)[-1]
                copies = [p for p in (out / str(folder)).iterdir() if p.name.endswith(name)]
                own = (evidence / file).read_bytes()
                assert any(copy.read_bytes() == own for copy in copies), file


def extracted(folder: Path) -> set[str]:
    """The source files the item's extract takes rows or records from."""
    if not (folder / "台账摘录.xlsx").exists():
        return set()
    sheet = openpyxl.load_workbook(folder / "台账摘录.xlsx").active
    assert sheet is not None
    return {str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0]}


def c_is_row(file: str, result: dict[str, Any]) -> bool:
    return any(
        c["file"] == file and c["line"] and (c.get("sheet") or file.endswith(".csv"))
        for r in result["requirements"]
        for c in r["evidence"]
    )


def test_nothing_uncounted_is_copied(sample: tuple[Path, Path, dict[str, Any]]) -> None:
    _, out, data = sample
    unused = [e["file"] for e in data["inventory"] if e["status"] in ("unused", "undated")]
    assert unused
    names = {h.rsplit("/", 1)[-1] for h in listing(out)}
    counted = {
        c["file"].rsplit("/", 1)[-1]
        for r in data["results"]
        for q in r["requirements"]
        for c in q["evidence"]
    }
    for file in unused:
        name = file.rsplit("/", 1)[-1]
        assert name not in names or name in counted or name in {"records.yaml"}


def test_the_samples_drafts_are_prose_within_the_limit(
    sample: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, out, data = sample
    drafts = sorted((out / "说明").glob("*.txt"))
    assert len(drafts) == len(data["results"])
    for path in drafts:
        clean_prose(path.read_text(encoding="utf-8-sig"))


def _many(count: int) -> list[Record]:
    """Records of every sort a rule might count, with long titles, to push a draft's length."""
    kinds = ["会议", "学习", "文件", "志愿服务", "名册", "宣传阵地", "活动", "链接", None]
    start = dt.date(2022, 1, 1)
    return [
        Record(
            Source(f"台账{i % 7}.xlsx", i + 3, "表"),
            kinds[i % len(kinds)],
            "关于深入开展“我们的节日”暨社会主义核心价值观主题实践活动的通知" * 3,
            start + dt.timedelta(days=i),
            fields={"participants": 30 + i},
            files=(f"照片/{i}.jpg",),
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("found", library_sets(), ids=lambda s: s.path.name)
def test_drafts_stay_within_500_for_every_bundled_rule_set(found: Any, tmp_path: Path) -> None:
    ruleset = load_ruleset(found.path)
    evidence = tmp_path / "evidence"
    scaffold(ruleset, evidence, found.unit_types[0], "测试单位", ())
    data = run(ruleset, evidence, dt.date(2023, 6, 30)).as_dict()
    for result in data["results"]:
        for records in ([], _many(3), _many(400)):
            clean_prose(draft(result, records, data))


def _index_rows(out: Path) -> list[tuple[str, ...]]:
    sheet = openpyxl.load_workbook(out / "目录.xlsx").active
    assert sheet is not None
    return [tuple(str(v or "") for v in row) for row in sheet.iter_rows(values_only=True)]


REUSED = "04-志愿服务/周末志愿红/照片/2022-08-20 关爱空巢老人-2.jpg"


def test_integrity_findings_are_noted_in_the_index_and_not_counted_in_drafts(
    sample: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, out, data = sample
    assert any(REUSED in finding["files"] for finding in data["integrity"])
    rows = _index_rows(out)
    copy = next(
        row for row in rows if row[4].startswith("D3 ") and "08-20 关爱空巢老人-2" in row[4]
    )
    assert "2022-03-05 关爱空巢老人-1.jpg内容相同，请核实" in copy[7]
    assert "照片拍摄日期不符，请核实" in copy[7]
    checks = [row for row in rows if row[1] == "需要核实的情况"]
    assert {row[3] for row in checks} >= {"疑似重复使用", "照片拍摄日期不符"}
    d3 = next((out / "说明").glob("D3 *.txt")).read_text(encoding="utf-8-sig")
    photos = sum(1 for name in listing(out) if name.startswith("D3 ") and name.endswith(".jpg"))
    assert f"留存照片{photos - 2}张" in d3 and "另有照片2张需要核实，未计入" in d3
    v9 = next((out / "说明").glob("V9 *.txt")).read_text(encoding="utf-8-sig")
    assert "未发现" not in v9
    assert "经自查发现" in v9 and "需要核实的情况，正在逐项核实" in v9
    words = "\n".join(c.text for t in Document(str(out / "目录.docx")).tables for c in t._cells)
    assert "需要核实的情况" in words


def test_veto_items_carry_the_opinions_and_the_commitment(
    sample: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, out, _ = sample
    held = listing(out)
    v1 = next(name.split("/")[0] for name in held if name.startswith("V1 "))
    assert f"{v1}/2022-01-10 2022年度创建文明单位承诺书.md" in held
    extract = openpyxl.load_workbook(out / v1 / "台账摘录.xlsx").active
    assert extract is not None
    cells = {str(v) for row in extract.iter_rows(values_only=True) for v in row if v}
    assert "纪委监委" in cells and "应急管理局" not in cells  # the matters of V1 alone
    drafts = {p.name[:2]: p.read_text(encoding="utf-8-sig") for p in (out / "说明").glob("V*")}
    assert "经征求纪委监委意见，无异议" in drafts["V1"]
    assert "签署《2022年度创建文明单位承诺书》" in drafts["V1"]
    assert drafts["V1"] != drafts["V3"]
    uncounted = [row[4] for row in _index_rows(out) if row[1] == "未计入任何测评项目"]
    assert not any("部门意见登记表" in name for name in uncounted)
    assert not any(name.rsplit("/", 1)[-1] == "README.md" for name in uncounted)


def test_a_veto_item_with_nothing_behind_it_says_so(
    sample: tuple[Path, Path, dict[str, Any]],
) -> None:
    _, _, data = sample
    v1 = next(result for result in data["results"] if result["rule"] == "V1")
    text = draft(v1, [], {**data, "integrity": []})
    assert "未见部门意见和年度承诺材料" in text
    assert "未发现" not in text


def test_the_index_prints_landscape_with_a_repeated_header_and_whole_rows(
    sample: tuple[Path, Path, dict[str, Any]],
) -> None:
    from docx.oxml.ns import qn

    _, out, _ = sample
    document = Document(str(out / "目录.docx"))
    section = document.sections[0]
    assert section.page_width > section.page_height  # A4 landscape
    table = document.tables[0]
    widths = [column.width for column in table.columns]
    assert max(widths) == widths[4]  # 材料 widest
    rows = table.rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    items = [row.cells[1].text for row in rows[1:] if row.cells[1].text.startswith("D3 ")]
    assert len(items) == 1  # the item named on its first row only
    sheet = openpyxl.load_workbook(out / "目录.xlsx").active
    assert sheet is not None
    tall = [n for n, dimension in sheet.row_dimensions.items() if (dimension.height or 0) > 15]
    assert tall  # rows whose text wraps are given the height it needs
