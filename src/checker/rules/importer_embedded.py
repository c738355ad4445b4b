"""The exact rule set carried inside an exported table, so that an import of the export is the
same rule set (``where``, ``distinct``, keywords, weights, overlays … are not in the table's
words). An xlsx carries it as a sheet “规则定义”, a docx as a custom XML part; each row is one
file header or one rule, as YAML text. The human table still wins for what a person reads and
edits there: 分值 and 测评方法."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from checker.errors import InputError, Problem
from checker.rules.importer_table import Item, parse_points
from checker.rules.loader import RuleSet
from checker.rules.models import MANUAL_METHODS, Rule

SHEET = "规则定义"
NOTE = (
    "供 checker 导入，请勿修改：导入时按此处的规则定义写出规则集，表中改动的分值、测评方法另行采用"
)
PART_NAME = "/customXml/checker-rules.xml"
CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
META_FILE = "ruleset.yaml"
_METHODS = ("材料审核", "实地考察", "问卷调查")
_SAFE_PART = re.compile(r"^[^\\/:*?\"<>|.][^\\/:*?\"<>|]*$")

# (file inside the rule-set folder, rule id or "" for the file's header, YAML text)
Row = tuple[str, str, str]


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _rule_yaml(rule: Rule) -> str:
    return _dump(rule.model_dump(mode="json", exclude_unset=True, by_alias=True))


def definition_rows(ruleset: RuleSet) -> list[Row]:
    """The rule set, resolved: included files written in, each overlay as its own folder."""
    meta = ruleset.meta.model_dump(mode="json", exclude_unset=True, by_alias=True)
    meta.pop("include", None)
    names = {name: f"overlays/{_clean(name)}" for name in ruleset.overlays}
    if names:
        meta["overlays"] = names
    rows: list[Row] = [(META_FILE, "", _dump(meta))]
    rows.extend(_file_rows(ruleset.rules, "", []))
    for name, overlay in ruleset.overlays.items():
        rows.extend(_file_rows(overlay.rules, names[name] + "/", sorted(overlay.replaces)))
    return rows


def _file_rows(rules: list[Rule], folder: str, replaces: list[str]) -> list[Row]:
    rows: list[Row] = []
    place: tuple[str, str] | None = None
    count = 0
    for rule in rules:
        if (rule.file, rule.category) != place:  # a new source file: a new file here
            place, count = (rule.file, rule.category), count + 1
            header: dict[str, Any] = {"category": rule.category}
            if replaces:
                header["replaces"], replaces = replaces, []
            name = f"{folder}{count:02d}-{_clean(rule.category)}.yaml"
            rows.append((name, "", _dump(header)))
        rows.append((rows[-1][0], str(rule.id), _rule_yaml(rule)))
    return rows


def _clean(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s.]+', "", text)[:40] or "规则"


def write_sheet(book: Any, rows: list[Row]) -> None:
    """The definition as a hidden xlsxwriter sheet, with the note on top."""
    sheet = book.add_worksheet(SHEET)
    sheet.write_row(0, 0, (NOTE,))
    sheet.write_row(1, 0, ("文件", "编号", "定义"))
    for index, row in enumerate(rows, start=2):
        sheet.write_row(index, 0, row)
    sheet.hide()


def write_part(document: Any, rows: list[Row]) -> None:
    """The definition as a custom XML part of a python-docx document (Word keeps such parts)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    root = ET.Element("checker-rules", note=NOTE)
    for file, rule_id, text in rows:
        ET.SubElement(root, "row", file=file, id=rule_id).text = text
    blob = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    part = Part(PackURI(PART_NAME), "application/xml", blob, document.part.package)
    document.part.relate_to(part, CUSTOM_XML)


def read_definition(path: Path) -> list[Row] | None:
    """The rows an export carried, or None for a table that carries none."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _sheet_rows(path)
    if suffix == ".docx":
        return _part_rows(path)
    return None


def _sheet_rows(path: Path) -> list[Row] | None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    if SHEET not in book.sheet_names:
        return None
    values = book.get_sheet_by_name(SHEET).to_python(skip_empty_area=False)[2:]
    return [
        (str(row[0]), str(row[1] or ""), str(row[2] or ""))
        for row in values
        if len(row) >= 3 and row[0]
    ]


def _part_rows(path: Path) -> list[Row] | None:
    import docx

    document = docx.Document(str(path))
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype != CUSTOM_XML:
            continue
        if rel.target_part.partname == PART_NAME:
            root = ET.fromstring(rel.target_part.blob)
            return [
                (node.get("file", ""), node.get("id", ""), node.text or "")
                for node in root.iter("row")
            ]
    return None


@dataclass
class Embedded:
    """The files to write, and what the human table changed in them."""

    files: dict[str, dict[str, Any]]
    changes: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def embedded_files(source: str, rows: list[Row], items: list[Item]) -> Embedded:
    """The rule-set files of the definition rows; 分值 and 测评方法 edited in the table win."""
    files: dict[str, dict[str, Any]] = {}
    try:
        for file, rule_id, text in rows:
            data = yaml.safe_load(text)
            if not _safe(file) or not isinstance(data, dict):
                raise ValueError(file)
            if file == META_FILE:
                files[file] = data
            elif not rule_id:
                files[file] = {**data, "rules": []}
            else:
                files[file]["rules"].append(data)
    except (yaml.YAMLError, ValueError, KeyError) as exc:
        message = f"“{SHEET}”已被改动，无法读取（{exc}）：请删去这张工作表（或用原导出文件）再导入"
        raise InputError([Problem(source, 0, 0, message)]) from exc
    result = Embedded(files)
    by_id = {
        str(rule["id"]): rule
        for name, data in files.items()
        if name != META_FILE and not name.startswith("overlays/")
        for rule in data["rules"]
    }
    for item in items:
        rule = by_id.get(item.given_id)
        if rule is not None:
            _apply_edits(item, rule, result)
    return result


def _safe(file: str) -> bool:
    parts = PurePosixPath(file).parts
    return file.endswith(".yaml") and all(_SAFE_PART.match(part) for part in parts)


def _apply_edits(item: Item, rule: dict[str, Any], result: Embedded) -> None:
    score = parse_points(item.score)
    if score is not None and abs(score - float(rule.get("score", 0))) > 0.0001:
        result.changes.append(
            f"第 {item.row} 行 {rule['id']} 分值：{float(rule.get('score', 0)):g} → {score:g}"
        )
        rule["score"] = int(score) if score.is_integer() else score
    method = item.method.strip()
    was = rule.get("method", "材料审核")
    if method and method != was:
        if method in _METHODS and (method in MANUAL_METHODS or rule.get("requires")):
            result.changes.append(f"第 {item.row} 行 {rule['id']} 测评方法：{was} → {method}")
            rule["method"] = method
        else:
            result.ignored.append(
                f"第 {item.row} 行 {rule['id']} 测评方法“{method}”未采用（只能为"
                f"{'、'.join(_METHODS)}；材料审核须有材料要求）"
            )
