"""Which evidence counted for which item, and where each copy goes in the pack.

The assessment cites, per requirement, the places that counted (``{file, line, sheet?}``). A
place is a record file (YAML, Markdown), a document or photo (the file itself, line 0), or a row
of a ledger. Records and documents are copied with their attachments; ledger rows go to an
extract workbook, as copying a year's ledger for one row would hand inspectors the wrong page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.evidence.ledgers import LEDGER_SUFFIXES
from checker.evidence.model import Record, Source, suffix
from checker.pack.findings import Finding, file_note, is_guide, read_findings

# Windows refuses these in names; control characters too
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
NAME_LIMIT = 80
EXTRACT = "台账摘录.xlsx"
LINKS = "链接.txt"
_RECORD_FILES = frozenset({".yaml", ".yml", ".md"})
URL = re.compile(r"https?://[^\s\"'<>，。；、）】]+", re.IGNORECASE)


def safe_name(name: str, limit: int = NAME_LIMIT) -> str:
    """A file or folder name Windows Explorer accepts: forbidden characters become “_”, no
    trailing dots or spaces, at most ``limit`` characters (the ending kept)."""
    cleaned = _FORBIDDEN.sub("_", name).strip().rstrip(". ")
    if len(cleaned) > limit:
        ending = suffix(cleaned)
        ending = ending if len(ending) <= 10 else ""
        cleaned = cleaned[: limit - len(ending)].rstrip(". ") + ending
    return cleaned or "_"


@dataclass
class Placed:
    """One copy in the pack: where it comes from in the evidence folder, where it goes in the
    pack (a POSIX path), the date it bears and, for a link's screenshot, the address."""

    source: str
    target: str
    date: dt.date | None = None
    url: str = ""
    note: str = ""  # what an integrity finding says of the file


@dataclass
class Item:
    """One item of the rule set: its result (as the JSON report has it) and what counted."""

    result: dict[str, Any]
    folder: str
    files: list[Placed] = field(default_factory=list)
    rows: dict[tuple[str, str], list[Record]] = field(default_factory=dict)  # (file, sheet)
    records: list[Record] = field(default_factory=list)  # every counted record, by date
    seen: set[Source] = field(default_factory=set, repr=False)
    links: list[tuple[str, str]] = field(default_factory=list)  # (address, screenshot target)

    @property
    def empty(self) -> bool:
        return not self.files and not self.rows

    @property
    def extract(self) -> str:
        return f"{self.folder}/{EXTRACT}"


@dataclass
class Layout:
    items: list[Item]
    uncounted: list[tuple[str, str]]  # (file, why), as the inventory says
    findings: list[Finding] = field(default_factory=list)


def folder_name(result: Mapping[str, Any]) -> str:
    return safe_name(f"{result['rule']} {result['title']}")


def is_ledger_row(place: Source) -> bool:
    return place.line > 0 and (bool(place.sheet) or suffix(place.file) in LEDGER_SUFFIXES)


def addresses(record: Record) -> list[str]:
    """The web addresses a record holds (a 链接 record's 网址, or one written in its text)."""
    found: list[str] = []
    for value in [*record.fields.values(), record.title, record.text]:
        for text in value if isinstance(value, list | tuple) else [value]:
            if isinstance(text, str):
                found.extend(m.rstrip(".,;") for m in URL.findall(text))
    return list(dict.fromkeys(found))


def plan(
    data: Mapping[str, Any],
    records: Iterable[Record],
    support: Mapping[str, Sequence[Record]] | None = None,
) -> Layout:
    """Lay out the pack from an assessment (``Assessment.as_dict()``) and the records loaded;
    ``support`` adds, per item, records that back it without counting (a veto item's 部门意见)."""
    records = list(records)
    by_place = {record.source: record for record in records}
    findings = read_findings(data)
    several = _multi_record_files(records)
    items: list[Item] = []
    counted: set[str] = set()
    for result in data["results"]:
        item = Item(result, folder_name(result))
        places = dict.fromkeys(
            Source(str(c["file"]), int(c["line"]), str(c.get("sheet", "")))
            for requirement in result["requirements"]
            for c in requirement["evidence"]
        )
        for place in places:
            _take(item, place, by_place.get(place), several)
        for record in (support or {}).get(result["rule"], []):
            _take(item, record.source, record, several)
        item.records.sort(key=lambda r: (r.start or dt.date.min, r.source))
        _name_copies(item)
        for placed in item.files:
            placed.note = file_note(placed.source, findings)
        counted.update(placed.source for placed in item.files)
        counted.update(file for file, _ in item.rows)
        items.append(item)
    uncounted = [
        (entry["file"], entry["label"])
        for entry in data.get("inventory", [])
        if entry["status"] not in ("counted", "config")
        and entry["file"] not in counted
        and not is_guide(entry["file"])
    ]
    return Layout(items, uncounted, findings)


def _multi_record_files(records: Iterable[Record]) -> frozenset[str]:
    """Record files (YAML, Markdown) holding several records: a clerk cannot open the YAML,
    and copying the file would hand over records that did not count, so their counted
    records are extracted like ledger rows."""
    counts = Counter(r.source.file for r in records if suffix(r.source.file) in _RECORD_FILES)
    return frozenset(file for file, count in counts.items() if count > 1)


def _take(item: Item, place: Source, record: Record | None, several: frozenset[str]) -> None:
    """Add one cited place to the item: its row or its files, and the record itself."""
    date = record.start if record else None
    if record is not None and record.source not in item.seen:
        item.seen.add(record.source)
        item.records.append(record)
    if is_ledger_row(place) or (place.line > 0 and place.file in several):
        rows = item.rows.setdefault((place.file, place.sheet), [])
        if record is not None:  # places are distinct, so each row comes once
            rows.append(record)
        files: list[str] = []
    else:
        files = [place.file]
    if record is not None:
        files.extend(name for name in record.files if name != place.file)
    links = addresses(record) if record is not None else []
    for name in files:
        known = next((p for p in item.files if p.source == name), None)
        if known is None:
            known = Placed(name, "", date)
            item.files.append(known)
        elif date and (known.date is None or date < known.date):
            known.date = date
        if links and not known.url and name != place.file:  # the screenshot beside its address
            known.url = links[0]
    for address in links:
        shot = next((n for n in files if n != place.file), "")
        item.links.append((address, shot))


_DATED = re.compile(r"^\d{4}[-.年]\d{1,2}")


def _distinction(placed: Placed, name: str) -> str:
    """The record's date, or the folder holding the file when the name carries a date."""
    if placed.date is not None and not _DATED.match(name):
        return placed.date.isoformat()
    parts = placed.source.split("/")
    return parts[-2] if len(parts) > 1 else "证据文件夹"


def _name_copies(item: Item) -> None:
    """Each copy's name in the item's folder: its own name; when two share it, each says which
    it is by its record's date (or, for a name dated already, its folder), then （2）."""
    taken: set[str] = {EXTRACT if item.rows else "", LINKS if item.links else ""}
    item.files.sort(key=lambda placed: placed.source)
    names = [safe_name(placed.source.rsplit("/", 1)[-1]) for placed in item.files]
    shared = {n.lower() for n in names if sum(m.lower() == n.lower() for m in names) > 1}
    for placed, name in zip(item.files, names, strict=True):
        if name.lower() in shared or name.lower() in taken:
            name = safe_name(f"{_distinction(placed, name)} {name}")
        stem, ending = name[: len(name) - len(suffix(name))], suffix(name)
        number = 1
        while name.lower() in taken:
            number += 1
            name = f"{stem}（{number}）{ending}"
        taken.add(name.lower())
        placed.target = f"{item.folder}/{name}"
    by_source = {placed.source: placed.target for placed in item.files}
    item.links = [(address, by_source.get(shot, "")) for address, shot in item.links]
