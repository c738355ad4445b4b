"""The inventory: every file of the evidence folder, and what became of it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import compress
from operator import attrgetter
from typing import Any

from checker.evidence.loader import FOLDER_DEFAULTS, Evidence
from checker.evidence.ratings import RATINGS_FILE
from checker.evidence.tables import csv_encoding
from checker.evidence.unit import UNIT_FILE, WAIVERS_FILE
from checker.result import RuleResult

LABELS = {
    "counted": "已采用",
    "unused": "未被任何规则采用",
    "outside": "不在评估期内",
    "unreadable": "无法提取文本",
    "invalid": "有错误",
    "undated": "未计入（没有日期，或不是可识别的台账）",
    "config": "配置文件",
}


_FILE = attrgetter("file")
_FILES = attrgetter("files")
_SOURCE_FILE = attrgetter("source.file")


def inventory(
    evidence: Evidence, results: list[RuleResult], current: Sequence[bool]
) -> list[dict[str, Any]]:
    """One entry per file: its status, and the rules that counted it. ``current``: whether
    each record falls in the assessment window."""
    records = evidence.records
    files_of = {record.source: record.files for record in records if record.files}
    rules_of: dict[str, set[str]] = defaultdict(set)
    for result in results:
        for requirement in result.requirements:
            cited = requirement.evidence
            for name in set(map(_FILE, cited)):
                rules_of[name].add(result.rule)
            for names in filter(None, map(files_of.get, cited)) if files_of else ():
                for name in names:
                    rules_of[name].add(result.rule)
    # records per file: the file it was written in, and each file it rests on besides
    records_of: Counter[str] = Counter(map(_SOURCE_FILE, records))
    for record in filter(_FILES, records):
        records_of.update(set(record.files) - {record.source.file})
    counted = list(compress(records, current))
    inside = set(map(_SOURCE_FILE, counted))
    for files in filter(None, map(_FILES, counted)):
        inside.update(files)
    prefix = evidence.unit_file.removesuffix(UNIT_FILE)
    invalid = {p.file.removeprefix(prefix) for p in evidence.problems}
    entries = []
    for name in sorted(evidence.files):
        status = _status(name, evidence, rules_of, records_of, inside, invalid)
        rules = rules_of.get(name)
        label = LABELS[status]
        if status == "unreadable":  # why: a scan, encrypted, broken, too large
            label += f"（{evidence.texts.reason_of(name) or '原因不明'}）"
        entry = {
            "file": name,
            "status": status,
            "label": label,
            "rules": (sorted(rules) if len(rules) > 1 else list(rules)) if rules else [],
            "records": records_of.get(name, 0),
        }
        # a CSV not in UTF-8 says how it was read: SARIF's lines are lines of that text
        encoding = csv_encoding(evidence.root / name) if name.endswith(".csv") else None
        if encoding:
            entry["encoding"] = encoding
        entries.append(entry)
    return entries


def _status(
    name: str,
    evidence: Evidence,
    rules_of: dict[str, set[str]],
    records_of: dict[str, int],
    inside: set[str],
    invalid: set[str],
) -> str:
    config = (UNIT_FILE, WAIVERS_FILE, RATINGS_FILE)
    if name in config or name.rsplit("/", 1)[-1] == FOLDER_DEFAULTS:
        return "invalid" if name in invalid else "config"
    if name in invalid:
        return "invalid"
    if name in rules_of:
        return "counted"
    readable = not evidence.texts.is_document(name) or evidence.texts.text_of(name) is not None
    if name in records_of and not readable:
        return "unreadable"
    if name not in records_of:
        return "undated"
    return "unused" if name in inside else "outside"
