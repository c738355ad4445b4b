"""Assess the folder as ``check`` does and write the pack: item folders, index, drafts.

The pack is written into a new (or empty) folder outside the evidence folder; the evidence
folder is only read. A file is read from where the loader read it: on disk, or the zip member
it unpacked (so a member is extracted as itself), and never through a link that leaves the
folder.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.engine.assess import assess, assessment_date
from checker.engine.tailor import tailored
from checker.errors import UsageError
from checker.evidence.context import within
from checker.evidence.loader import Evidence, Progress, load_evidence
from checker.evidence.model import Record
from checker.pack.drafts import characters, draft
from checker.pack.extract import workbook
from checker.pack.index import build_index, index_docx, index_xlsx, pages
from checker.pack.layout import LINKS, Item, Layout, plan, safe_name
from checker.pack.veto import clearance
from checker.rules.loader import load_ruleset
from checker.rules.models import Rule

DRAFTS = "说明"
BOM = "\ufeff"  # Windows Notepad then reads the text as UTF-8


@dataclass
class Pack:
    data: dict[str, Any]
    layout: Layout
    drafts: dict[str, str]  # rule → 说明
    written: list[str]  # pack paths, sorted


def check_target(output: Path, evidence_dir: Path) -> None:
    """OUT is new or an empty folder, and not inside the evidence folder."""
    if within(output, evidence_dir):
        raise UsageError(f"资料包不能写入证据文件夹：{output}")
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} 是已有的文件：为免覆盖，请指定新的位置")
    if output.exists() and any(output.iterdir()):
        raise UsageError(f"{output} 已存在且不是空文件夹：为免覆盖已有文件，请指定新的位置")


def assess_and_pack(
    rules_dir: Path,
    evidence_dir: Path,
    output: Path,
    as_of: dt.date | None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> Pack:
    """``pipeline.run``'s stages, with the evidence kept open while its files are copied (zip
    members stay unpacked until then)."""
    if cache_dir is not None and within(cache_dir, evidence_dir):
        raise UsageError(f"缓存目录不能在证据文件夹内：{cache_dir}")
    rules = load_ruleset(rules_dir)
    evidence = load_evidence(evidence_dir, rules, evidence_dir.as_posix(), cache_dir, progress)
    try:
        evidence.read_documents()
        assessment = assess(rules, evidence, assessment_date(evidence, as_of, dt.date.today()))
        assessment.root = evidence_dir.as_posix()
        data = assessment.as_dict()
        # the unit's overlays (启用) add items the bare rule set lacks
        unit_rules = tailored(rules, evidence.unit).rules.rules
        support = clearance(rules.rules, data, evidence.records)
        return write_pack(data, evidence, output, support, {r.id: r for r in unit_rules})
    finally:
        evidence.archives.close()
        evidence.texts.flush()


def _reader(evidence: Evidence) -> Callable[[str], Path | None]:
    root = evidence.root

    def read(rel: str) -> Path | None:
        if rel in evidence.archives.members:
            return evidence.archives.members[rel]
        path = root / rel
        return path if path.is_file() and within(path, root) else None

    return read


def write_pack(
    data: dict[str, Any],
    evidence: Evidence,
    output: Path,
    support: Mapping[str, Sequence[Record]] | None = None,
    rules: Mapping[str, Rule] | None = None,
) -> Pack:
    """The pack of an assessment; ``support`` as ``layout.plan`` takes it."""
    layout = plan(data, evidence.records, support)
    stamp = dt.date.fromisoformat(data["as_of"])
    read = _reader(evidence)
    output.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int | None] = {}
    drafts: dict[str, str] = {}
    for item in layout.items:
        _copy_item(item, output, read, stamp, counts)
        rule = (rules or {}).get(item.result["rule"])
        drafts[item.result["rule"]] = draft(item.result, item.records, data, rule)
    index = build_index(data, layout, counts)
    (output / "目录.xlsx").write_bytes(index_xlsx(index, stamp))
    (output / "目录.docx").write_bytes(index_docx(index, stamp))
    _write_drafts(data["unit"]["name"], layout, drafts, output, stamp)
    written = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())
    return Pack(data, layout, drafts, written)


def _copy_item(
    item: Item,
    output: Path,
    read: Callable[[str], Path | None],
    stamp: dt.date,
    counts: dict[str, int | None],
) -> None:
    """The item's folder: its files copied, its ledger rows extracted, its links listed."""
    item.files = [placed for placed in item.files if read(placed.source) is not None]
    if item.empty:
        return
    folder = output / item.folder
    folder.mkdir(parents=True, exist_ok=True)
    for placed in item.files:
        source = read(placed.source)
        assert source is not None  # kept above only when readable
        shutil.copyfile(source, output / placed.target)
        if placed.source not in counts:
            counts[placed.source] = pages(source)
    if item.rows:
        title = f"{item.result['rule']} {item.result['title']}"
        (output / item.extract).write_bytes(workbook(title, item.rows, stamp))
    if item.links:
        lines = [f"{address}\t{shot}" if shot else address for address, shot in item.links]
        (folder / LINKS).write_text(BOM + "\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")


def _write_drafts(
    unit: str, layout: Layout, drafts: dict[str, str], output: Path, stamp: dt.date
) -> None:
    from checker.pack.word import a4_document, save

    folder = output / DRAFTS
    folder.mkdir(exist_ok=True)
    title = f"{unit}测评项目说明（草稿）"
    document = a4_document(title, stamp)
    document.add_heading(title, level=1)
    for item in layout.items:
        text = drafts[item.result["rule"]]
        name = f"{item.result['rule']} {item.result['title']}"
        document.add_heading(name, level=2)
        document.add_paragraph(text)
        document.add_paragraph(f"（{characters(text)}字，限500字）")
        target = folder / f"{safe_name(name, 76)}.txt"
        target.write_text(BOM + text + "\r\n", encoding="utf-8", newline="")
    (output / "说明.docx").write_bytes(save(document, stamp))
