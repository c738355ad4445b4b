"""The office-file corpus (tests/corpus, rebuilt by make_corpus.py): each file's records,
sums, notices and problems as tests/corpus/expected.yaml states them, worked out by hand from
SPEC.md; then the statuses and score of the corpus rules from the command line."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.errors import Problem
from checker.evidence.loader import Evidence, load_evidence
from checker.evidence.model import Record
from checker.rules.loader import load_ruleset
from conftest import REPO, run_cli

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, Any] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
FILES: dict[str, dict[str, Any]] = EXPECTED["files"]
REPORT: dict[str, Any] = EXPECTED["report"]
SHOWN_ROOT = "tests/corpus/evidence"
# A field people write under either name: a ledger's 参加人数 column holds the participants.
_ALSO = {"参加人数": "participants", "参与人数": "participants"}


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return load_evidence(CORPUS / "evidence", load_ruleset(CORPUS / "rules"), "")


def _belongs(path: str, rel: str) -> bool:
    """Whether ``path`` is the file ``rel`` or inside it (a member of a zip)."""
    return path == rel or path.startswith(rel + "/")


def _records(evidence: Evidence, rel: str, sheet: str | None = None) -> list[Record]:
    return [
        record
        for record in evidence.records
        if _belongs(record.source.file, rel) and sheet in (None, record.source.sheet)
    ]


def _number(record: Record, name: str) -> float | None:
    for candidate in (name, _ALSO.get(name, name)):
        number = record.number(candidate)
        if number is not None:
            return number
    return None


def _field_mismatch(record: Record, name: str, wanted: Any) -> str | None:
    """Why ``record``'s field ``name`` is not ``wanted`` (None when it is)."""
    if name == "within":
        first, last = wanted
        inside = record.start is not None and first <= record.start <= (record.end or record.start)
        inside = inside and (record.end or record.start) <= last
        return None if inside else f"日期 {record.start}—{record.end} 不在 {first}—{last} 内"
    if name == "files":
        return None if list(record.files) == wanted else f"files {list(record.files)} ≠ {wanted}"
    if name in ("type", "title", "start", "end"):
        got = getattr(record, name)
        if name == "end" and got is None:
            got = record.start  # a one-day record
        return None if got == wanted else f"{name} {got!r} ≠ {wanted!r}"
    if wanted == "unknown":
        number = _number(record, name)
        return None if number is None else f"{name} 应为未知，读成了 {number}"
    if isinstance(wanted, str):
        got = record.value(name)
        return None if got == wanted else f"{name} {got!r} ≠ {wanted!r}"
    number = _number(record, name)
    return None if number == wanted else f"{name} {number!r} ≠ {wanted!r}"


_KEYS = ("line", "sheet", "file")


def _selected(records: list[Record], spec: dict[str, Any]) -> Record | str:
    """The one record ``spec``'s line, sheet or file names (the only record when none)."""
    found = [
        record
        for record in records
        if spec.get("line", record.source.line) == record.source.line
        and spec.get("sheet", record.source.sheet) == record.source.sheet
        and spec.get("file", record.source.file) == record.source.file
    ]
    if len(found) != 1:
        where = {key: spec[key] for key in _KEYS if key in spec} or "唯一一条"
        return f"记录 {where}：找到 {len(found)} 条"
    return found[0]


def _record_failures(expected: dict[str, Any], records: list[Record]) -> Iterator[str]:
    for spec in expected.get("select", []):
        record = _selected(records, spec)
        if isinstance(record, str):
            yield record
            continue
        for name, wanted in spec.items():
            if name in _KEYS:
                continue
            why = _field_mismatch(record, name, wanted)
            if why:
                yield f"{record.source}: {why}"
    for name, total in expected.get("sums", {}).items():
        got = sum(_number(record, name) or 0.0 for record in records)
        if abs(got - total) > 0.005:
            yield f"{name} 合计 {got} ≠ {total}"


def _matches(spec: dict[str, Any], message: Problem) -> bool:
    words = spec.get("has", [])
    words = [words] if isinstance(words, str) else words
    if words and not any(word in message.message for word in words):
        return False
    if "at" in spec:
        line, _, column = str(spec["at"]).partition(":")
        return message.line == int(line) and (not column or message.column == int(column))
    return True


def _message_failures(kind: str, expected: dict[str, Any], given: list[Problem]) -> Iterator[str]:
    """Each expected message given once, and nothing else but the tolerated ones."""
    left = list(given)
    for spec in expected.get(kind, []):
        match = next((message for message in left if _matches(spec, message)), None)
        if match is None:
            yield f"缺少{kind}：{spec}"
        else:
            left.remove(match)
    tolerated = expected.get("maybe", []) if kind == "notices" else []
    for message in left:
        if not any(_matches(spec, message) for spec in tolerated):
            yield f"多出的{kind}：{message}"


def _file_failures(evidence: Evidence, rel: str, expected: dict[str, Any]) -> Iterator[str]:
    records = _records(evidence, rel)
    if len(records) != expected["records"]:
        yield f"记录 {len(records)} 条，应为 {expected['records']} 条：{[str(r.source) for r in records]}"
    for sheet, count in expected.get("sheets", {}).items():
        got = len(_records(evidence, rel, sheet))
        if got != count:
            yield f"工作表“{sheet}”记录 {got} 条，应为 {count} 条"
    yield from _record_failures(expected, records)
    problems = [p for p in evidence.problems if _belongs(p.file, rel)]
    notices = [p for p in evidence.warnings if _belongs(p.file, rel)]
    yield from _message_failures("problems", expected, problems)
    yield from _message_failures("notices", expected, notices)
    for message in problems + notices:
        said = [word for word in expected.get("never", []) if word in message.message]
        if said:
            yield f"不应提到 {said}：{message}"


@pytest.mark.parametrize("rel", [pytest.param(rel, id=FILES[rel]["id"]) for rel in sorted(FILES)])
def test_file(evidence: Evidence, rel: str) -> None:
    failures = list(_file_failures(evidence, rel, FILES[rel]))
    assert not failures, "\n".join([rel, *failures])


def test_every_file_has_expectations_and_the_corpus_stays_small() -> None:
    root = CORPUS / "evidence"
    present = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.name not in ("unit.yaml", "_folder.yaml")
    }
    assert present == set(FILES)
    assert len(present) >= 45
    assert sum(path.stat().st_size for path in root.rglob("*") if path.is_file()) < 1_500_000


def test_no_message_about_a_file_without_expectations(evidence: Evidence) -> None:
    stray = [
        str(message)
        for message in [*evidence.problems, *evidence.warnings]
        if not any(_belongs(message.file, rel) for rel in FILES)
    ]
    assert stray == []


# ------------------------------------------------------------------ the command line


@pytest.fixture(scope="module")
def report() -> tuple[int, dict[str, Any]]:
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        result = run_cli(
            "check", SHOWN_ROOT, "--rules", "tests/corpus/rules", "--as-of", "2022-12-31",
            "-f", "json", "--no-cache",
        )  # fmt: skip
    finally:
        os.chdir(previous)
    data: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, data


def _rule(report: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(result for result in report["results"] if result["rule"] == rule_id)


@pytest.mark.parametrize("rule_id", sorted(REPORT["rules"]))
def test_rule_status(report: tuple[int, dict[str, Any]], rule_id: str) -> None:
    wanted = REPORT["rules"][rule_id]
    result = _rule(report[1], rule_id)
    got = {"status": result["status"], "earned": result["earned"]}
    assert got == {"status": wanted["status"], "earned": pytest.approx(wanted["earned"], abs=0.01)}
    if "found" in wanted:
        assert result["requirements"][0]["found"] == wanted["found"]


def test_score(report: tuple[int, dict[str, Any]]) -> None:
    data = report[1]
    assert (data["earned"], data["max"]) == (
        pytest.approx(REPORT["earned"], abs=0.01),
        REPORT["max"],
    )
    assert data["score"] == REPORT["score"]


def test_only_certain_problems_fail_the_run(report: tuple[int, dict[str, Any]]) -> None:
    code, data = report
    located = sorted(
        f"{e['file'].removeprefix(SHOWN_ROOT + '/')}:{e['line']}" for e in data["errors"]
    )
    assert (code, located) == (REPORT["exit_code"], sorted(REPORT["problems"]))


@pytest.mark.parametrize("rule_id", REPORT["says_unusable"])
def test_rule_says_how_many_records_it_could_not_use(
    report: tuple[int, dict[str, Any]], rule_id: str
) -> None:
    said = json.dumps(_rule(report[1], rule_id), ensure_ascii=False)
    assert re.search(r"另有\s*\d+\s*条记录", said), said


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


UNREADABLE = sorted(rel for rel, spec in FILES.items() if "unreadable" in spec)


@pytest.mark.parametrize("rel", [pytest.param(rel, id=FILES[rel]["id"]) for rel in UNREADABLE])
def test_unreadable_documents_say_why(report: tuple[int, dict[str, Any]], rel: str) -> None:
    spec = FILES[rel]["unreadable"]
    # the name is taken out: only what the report says about the file counts
    said = [text.replace(rel, "") for text in _strings(report[1]) if rel in text]
    assert any(word in text for text in said for word in spec["has"]), said
    assert not [text for text in said for word in spec.get("not", []) if word in text]


NUMBERED = sorted(rel for rel, spec in FILES.items() if "document_number" in spec)


@pytest.mark.parametrize("rel", [pytest.param(rel, id=FILES[rel]["id"]) for rel in NUMBERED])
def test_document_number_is_never_wrongly_missing(
    report: tuple[int, dict[str, Any]], rel: str
) -> None:
    said = [
        signal["message"]
        for signal in report[1]["integrity"]
        if signal["kind"] == "document_number" and rel in signal["files"]
    ]
    if FILES[rel]["document_number"] is False:  # the 文号 is in the header or the body
        assert said == []
    else:  # the body was not read: nothing may claim it holds no 文号
        assert not [text for text in said if re.search("正文中(都)?没有文号", text)]


def test_reused_photo(report: tuple[int, dict[str, Any]]) -> None:
    groups = [s["files"] for s in report[1]["integrity"] if s["kind"] == "duplicate"]
    assert groups == EXPECTED["duplicates"]


def test_expected_dates_are_dates() -> None:
    """A typo in expected.yaml (2022-9-1) would be read as text and never match."""
    for rel, spec in FILES.items():
        for record in spec.get("select", []):
            for key in ("start", "end"):
                assert key not in record or isinstance(record[key], dt.date), (rel, record)
