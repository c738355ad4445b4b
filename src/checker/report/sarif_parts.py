"""The parts of the SARIF report: its rules (reportingDescriptors), the artifacts it locates
results in, and fingerprints that follow a finding rather than its line."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from checker.errors import describe
from checker.report.locations import Repository, evidence_path, has_lines
from checker.resources import BUNDLED_NAME

SRCROOT = "%SRCROOT%"

# What each integrity signal means, for code scanning's rule help.
_INTEGRITY = {
    "duplicate": (
        "同一文件（内容完全相同）被用作不同活动或不同日期的证据，迎检时会被认为是重复使用材料。"
    ),
    "document_number": "正式发文（通知、方案、决定等）没有文号，迎检时会被追问出处。",
    "claim": "材料中声称的数量（如“发放资料2000余份”）与所附明细或记录条数不符。",
    "photo_date": "照片的拍摄日期（EXIF）与它所佐证的记录日期相差较大，疑似挪用照片。",
    "unreadable": "文档无法提取文本（扫描件、加密、损坏或过大），其中的内容无法核对。",
    "outside_window": "材料的日期不在本次评估期内，未计入得分。",
    "anachronism": (
        "记录提到了在其日期之后才出现的事物（如早于召开就学习会议精神），"
        "或标题的节日与日期相差很远，疑似事后补写。"
    ),
    "document_order": (
        "同一机关代字、同一年度的文号先后与发文日期先后不一致，"
        "或一个文号用于两份文件，疑似事后补编。"
    ),
    "repeated_title": "同一月内多条同类记录除日期外完全相同，疑似为凑数而重复登记。",
}
_INTEGRITY_HELP = "迎检前逐条核实：确有其事的补充说明，有误的更正，不应计入的移出证据文件夹。"


def _descriptor(
    rule_id: str, name: str, short: str, full: str, help_text: str, level: str
) -> dict[str, Any]:
    return {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": level},
    }


def _checker_rule(rule: dict[str, Any], place: Callable[[str], str]) -> dict[str, Any]:
    full = rule["clause"] or rule["guidance"] or rule["title"]
    descriptor = _descriptor(
        rule["rule"],
        rule["title"],
        rule["title"],
        full,
        rule["guidance"] or full,
        "error" if rule["veto"] else "warning",
    )
    descriptor["properties"] = {
        "category": rule["category"],
        "points": rule["max"],
        "veto": rule["veto"],
        "method": rule["method"],
        "responsible": rule["responsible"],
        "source": {"file": place(rule["source"]["file"]), "line": rule["source"]["line"]},
    }
    return descriptor


def _problem_rule(code: str, errors: set[str]) -> dict[str, Any]:
    meaning = describe(code)
    if code in errors:
        full = f"{meaning}：文件有误，检查无法据此评估，退出码为 2。"
        advice = "按消息所指的文件、行、列修改后，重新运行 checker validate。"
    else:
        full = f"{meaning}：提示，写法不影响评估，请人工确认。"
        advice = "确认写法无误即可；如需消除提示，按消息改为规范写法。"
    return _descriptor(code, meaning, meaning, full, advice, "error" if code in errors else "note")


def driver_rules(
    data: dict[str, Any], input_error: str, integrity: str, place: Callable[[str], str]
) -> list[dict[str, Any]]:
    """The checker's rules, then one per problem code met (input_error always), then one per
    integrity kind met (``integrity`` + kind). ``place`` gives a rule file's path as the report
    shows it (whatever the working folder)."""
    rules = [_checker_rule(rule, place) for rule in data["results"]]
    errors = {str(p.get("code") or input_error) for p in data["errors"]}
    notices = {str(p.get("code") or input_error) for p in data["warnings"]}
    for code in dict.fromkeys([input_error, *sorted(errors), *sorted(notices - errors)]):
        rules.append(_problem_rule(code, errors | {input_error}))
    for kind in dict.fromkeys(signal["kind"] for signal in data["integrity"]):
        label = next(s["label"] for s in data["integrity"] if s["kind"] == kind)
        full = _INTEGRITY.get(kind, f"{label}：迎检时可能被追问的材料。")
        rules.append(
            _descriptor(f"{integrity}{kind}", label, label, full, _INTEGRITY_HELP, "warning")
        )
    return rules


class Artifacts:
    """The files results are located in, each listed once (``run.artifacts``), with the
    encoding a GBK/GB18030 CSV was read in; locations refer to them by index."""

    def __init__(self, repository: Repository, data: dict[str, Any]) -> None:
        self.repository = repository
        self.listed: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}
        self._encodings = {
            evidence_path(data, entry["file"]): entry["encoding"]
            for entry in data.get("inventory", [])
            if entry.get("encoding")
        }

    def key(self, shown: str) -> str:
        """The file as the repository knows it, for fingerprints and rule sources: its path
        in it, else (a file outside the repository) its absolute path; a bundled rule file by
        its stable name."""
        if shown.startswith(f"{BUNDLED_NAME}/"):
            return shown
        relative = self.repository.relative(shown)
        return relative if relative is not None else self.repository.absolute(shown)

    def _artifact(self, shown: str) -> dict[str, Any]:
        relative = self.repository.relative(shown)
        if relative is None:  # outside the repository: an absolute file URI
            where = {"uri": "file://" + quote(self.repository.absolute(shown), safe="/")}
        else:  # RFC 3986: CJK, spaces, “”, % # ? and every reserved character but / encoded
            where = {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}
        index = self._index.get(where["uri"])
        if index is None:
            index = self._index[where["uri"]] = len(self.listed)
            artifact: dict[str, Any] = {"location": dict(where)}
            if shown in self._encodings:
                artifact["encoding"] = self._encodings[shown]
            self.listed.append(artifact)
        return {**where, "index": index}

    def location(self, shown: str, line: int, column: int = 0, sheet: str = "") -> dict[str, Any]:
        """A location in ``shown`` (a path as given on the command line): a text region in a
        text file; the sheet, row and column as properties of a binary one."""
        physical: dict[str, Any] = {"artifactLocation": self._artifact(shown)}
        properties: dict[str, Any] = {}
        if line > 0 and has_lines(shown):
            physical["region"] = {"startLine": line}
            if column > 0:
                physical["region"]["startColumn"] = column
        elif line > 0:
            properties["row"] = line
            if column > 0:
                properties["column"] = column
        if sheet:
            properties["sheet"] = sheet
        location: dict[str, Any] = {"physicalLocation": physical}
        if properties:
            location["properties"] = properties
        return location


class Fingerprints:
    """``partialFingerprints`` of results: a hash of what the finding is (its rule, file and
    requirement), never of the line it is on, so an alert survives lines moving; the n-th
    finding with the same parts gets n in its hash, so no two results share one."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def of(self, *parts: str) -> dict[str, str]:
        key = "\x1f".join(parts)
        self._seen[key] += 1
        if self._seen[key] > 1:
            key += f"\x1f{self._seen[key]}"
        return {"checkerFinding/v1": hashlib.sha256(key.encode("utf-8")).hexdigest()}
