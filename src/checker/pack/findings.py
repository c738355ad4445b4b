"""The integrity findings (``data["integrity"]``) as the pack shows them.

A photo reused for two activities or dated months away from its record is still copied (the
unit decides), but never silently: the index notes it beside the file and lists every finding
under 需要核实的情况, and the drafts do not count it as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from checker.evidence.ledgers import LEDGER_SUFFIXES
from checker.evidence.model import suffix

# What the evidence folder holds for the people filling it, not as material: the README
# ``checker init`` writes and its templates folder (whose leading dot keeps it out of the count).
_TEMPLATES = ".填写模板"
# Findings that doubt a file itself (a reused photo, a photo taken months away, a date that
# cannot be): such a file is not counted as evidence in the drafts until checked.
DOUBTFUL = frozenset({"duplicate", "photo_date", "anachronism"})
# Findings that say nothing of truthfulness (a period left out, a text that cannot be read).
_NEUTRAL = frozenset({"outside_window", "unreadable"})
# A finding naming a record file or a ledger doubts a record in it, not the whole file.
_RECORD_FILES = frozenset({*LEDGER_SUFFIXES, ".yaml", ".yml"})


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    message: str
    files: tuple[str, ...]


def read_findings(data: Mapping[str, Any]) -> list[Finding]:
    return [
        Finding(str(f["kind"]), str(f["label"]), str(f["message"]), tuple(f.get("files", ())))
        for f in data.get("integrity", [])
    ]


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def file_note(path: str, findings: Iterable[Finding]) -> str:
    """The 备注 of one file: what each finding naming it asks the unit to check."""
    notes: list[str] = []
    for finding in findings:
        if path not in finding.files:
            continue
        others = [_name(other) for other in finding.files if other != path]
        if finding.kind == "duplicate" and others:
            notes.append(f"与{'、'.join(others)}内容相同，请核实")
        else:
            notes.append(f"{finding.label}，请核实")
    return "；".join(dict.fromkeys(notes))


def flagged_files(findings: Iterable[Finding]) -> frozenset[str]:
    """The documents and photos a doubting finding names."""
    return frozenset(
        file
        for finding in findings
        if finding.kind in DOUBTFUL
        for file in finding.files
        if suffix(file) not in _RECORD_FILES
    )


def open_questions(findings: Iterable[Finding]) -> int:
    """How many findings bear on the truthfulness of the materials."""
    return sum(1 for finding in findings if finding.kind not in _NEUTRAL)


def is_guide(path: str) -> bool:
    """The folder's own README (at any level) and anything in the templates folder."""
    stem = _name(path).rsplit(".", 1)[0]
    return stem.upper() == "README" or _TEMPLATES in path.split("/")
