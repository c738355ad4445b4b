"""Stable problem codes: every problem and notice the fixtures produce names a specific,
documented kind; each family's bad input yields its code; docs/problems.md and the code never
drift apart."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from checker.errors import CODES, InputError, Problem, describe
from checker.library import for_evidence
from checker.pipeline import run
from conftest import BASE_RULESET, MANUAL_RULE, dump, write_tree
from test_hostile import CASES, RULES, UNIT

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "checker"
DOC = ROOT / "docs" / "problems.md"
KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)+$")

# The only codes a problem may keep without naming its kind: problems read back from an old
# JSON report that had no code. Every site in src/ names a specific code.
GENERIC: frozenset[str] = frozenset()


def _documented() -> dict[str, tuple[str, str]]:
    """docs/problems.md's table: code → (问题/提示, 含义)."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|", line)
        if found:
            rows[found[1]] = (found[2].strip(), found[3].strip())
    return rows


def _outcome(rules_dir: Path, evidence_dir: Path) -> tuple[list[Problem], list[Problem]]:
    """(problems, notices) of one run, a fatal one included."""
    try:
        assessment = run(rules_dir, evidence_dir, dt.date(2022, 12, 31))
    except InputError as exc:
        return list(exc.problems), []
    return assessment.errors, assessment.warnings


def _hostile_outcomes(tmp_path: Path) -> list[tuple[str, list[Problem], list[Problem]]]:
    rules = tmp_path / "rules"
    write_tree(
        rules,
        {"ruleset.yaml": dump(BASE_RULESET), "r.yaml": dump({"category": "测试", "rules": RULES})},
    )
    found = []
    for number, case in enumerate(CASES):
        evidence = tmp_path / f"e{number}" / "evidence"
        outside = tmp_path / f"e{number}" / "outside"
        evidence.mkdir(parents=True)
        outside.mkdir()
        files = {"unit.yaml": UNIT, **case.files}
        write_tree(evidence, {name: data for name, data in files.items() if data is not None})
        if case.setup:
            case.setup(evidence, outside)
        found.append((case.name, *_outcome(rules, evidence)))
    return found


def _fixture_outcomes() -> list[tuple[str, list[Problem], list[Problem]]]:
    tests = ROOT / "tests"
    folders = [
        ("sample", for_evidence(None, ROOT / "evidence"), ROOT / "evidence"),
        ("corpus", tests / "corpus" / "rules", tests / "corpus" / "evidence"),
        (
            "office",
            tests / "fixtures" / "office" / "rules",
            tests / "fixtures" / "office" / "evidence",
        ),
        (
            "all-statuses",
            tests / "fixtures" / "all-statuses" / "rules",
            tests / "fixtures" / "all-statuses" / "evidence",
        ),
    ]
    return [(name, *_outcome(rules, evidence)) for name, rules, evidence in folders]


def test_every_problem_and_notice_of_the_fixtures_names_a_documented_kind(
    tmp_path: Path,
) -> None:
    documented = _documented()
    seen: set[str] = set()
    for name, problems, notices in [*_fixture_outcomes(), *_hostile_outcomes(tmp_path)]:
        for kind, found in (("问题", problems), ("提示", notices)):
            for item in found:
                assert item.code in CODES, (name, item)
                assert item.code not in {"input-error"} - GENERIC, (name, item)
                assert kind in documented[item.code][0], (name, kind, item)
                seen.add(item.code)
    assert len(seen) >= 25, sorted(seen)  # the fixtures exercise most families


MEETING = "类型: 会议\n日期: 2022-03-01\n"
FAMILIES = [
    ("yaml-syntax", {"a.yaml": "类型: [会议\n"}, False),
    ("yaml-unsupported", {"a.yaml": "类型: !!python/object/apply:os.system [ls]\n"}, False),
    ("key-duplicate", {"a.yaml": MEETING + "类型: 活动\n"}, False),
    ("key-unknown", {"a.yaml": MEETING + "标提: 学习会\n"}, False),
    ("shape-invalid", {"a.yaml": "- 会议\n"}, False),
    ("field-empty", {"a.yaml": "类型: 会议\n日期:\n"}, False),
    ("type-unknown", {"a.yaml": "类型: 会仪\n日期: 2022-03-01\n"}, False),
    ("date-invalid", {"a.yaml": "类型: 会议\n日期: 2022-02-30\n"}, False),
    ("date-missing", {"a.yaml": "类型: 会议\n标题: 学习会\n"}, False),
    ("date-order", {"a.yaml": "类型: 会议\n开始日期: 2022-03-05\n结束日期: 2022-03-01\n"}, False),
    ("number-negative", {"a.yaml": MEETING + "参与人数: -3\n"}, False),
    ("participants-unstated", {"a.yaml": MEETING + "参与人数: 全体干部职工\n"}, True),
    ("attachment-missing", {"a.yaml": MEETING + "附件: 签到表.jpg\n"}, False),
    ("attachment-outside", {"a.yaml": MEETING + "附件: ../别处.jpg\n"}, False),
    ("attachment-described", {"a.yaml": MEETING + "附件: 照片3张\n"}, True),
    ("records-empty", {"a.yaml": "# 只有注释\n"}, True),
    ("ledger-header-missing", {"台账.csv": "随便写的字\n另一行\n"}, True),
    ("ledger-unreadable", {"台账.xlsx": b"not a workbook"}, False),
    (
        "row-undated",
        {"台账.csv": "日期,活动名称,类型\n2022-03-01,学习会,会议\n,学习会,会议\n"},
        True,
    ),
    (
        "document-undated",
        {"照片/_folder.yaml": "类型: 会议\n", "照片/活动.jpg": b"\xff\xd8\xff\xd9"},
        True,
    ),
    ("archive-corrupt", {"材料.zip": b"PK\x03\x04broken"}, False),
    ("rule-unknown", {"waivers.yaml": "- {规则: R9, 理由: 不适用}\n"}, False),
    ("rating-too-high", {"ratings.yaml": "- {规则: R1, 得分: 5}\n"}, False),
    ("field-missing", {"ratings.yaml": "- {规则: R1}\n"}, False),
]


@pytest.mark.parametrize(
    ("code", "files", "notice"), FAMILIES, ids=[family[0] for family in FAMILIES]
)
def test_a_bad_input_of_each_family_yields_its_code(
    tmp_path: Path, code: str, files: dict[str, str | bytes], notice: bool
) -> None:
    rules = tmp_path / "rules"
    write_tree(rules, {"ruleset.yaml": dump(BASE_RULESET), "r.yaml": MANUAL_RULE})
    evidence = tmp_path / "ev"
    write_tree(evidence, {"unit.yaml": "名称: 单位\n类型: 机关\n", **files})
    problems, notices = _outcome(rules, evidence)
    found = notices if notice else problems
    assert code in {item.code for item in found}, (problems, notices)


@pytest.mark.parametrize(
    ("code", "unit"),
    [
        ("unit-missing", None),
        ("unit-type-unknown", "名称: 单位\n类型: 机观\n"),
        ("field-missing", "类型: 机关\n"),
        ("date-invalid", "名称: 单位\n类型: 机关\n创建起始: 2022-02-30\n"),
        ("value-invalid", "名称: 单位\n类型: 机关\n职工人数: -1\n"),
    ],
)
def test_a_bad_unit_file_yields_its_code(tmp_path: Path, code: str, unit: str | None) -> None:
    rules = tmp_path / "rules"
    write_tree(rules, {"ruleset.yaml": dump(BASE_RULESET), "r.yaml": MANUAL_RULE})
    evidence = tmp_path / "ev"
    write_tree(evidence, {"a.yaml": MEETING, **({"unit.yaml": unit} if unit else {})})
    problems, _ = _outcome(rules, evidence)
    assert code in {item.code for item in problems}, problems


@pytest.mark.parametrize(
    ("code", "files"),
    [
        ("ruleset-missing", {"r.yaml": MANUAL_RULE}),
        ("rule-id-duplicate", {"r.yaml": MANUAL_RULE, "s.yaml": MANUAL_RULE}),
        ("shape-invalid", {"r.yaml": "- 规则\n"}),
        ("key-unknown", {"r.yaml": MANUAL_RULE.replace("title:", "titel:")}),
    ],
)
def test_a_bad_rule_set_yields_its_code(
    tmp_path: Path, code: str, files: dict[str, str | bytes]
) -> None:
    rules = tmp_path / "rules"
    meta = {"ruleset.yaml": dump(BASE_RULESET)} if code != "ruleset-missing" else {}
    write_tree(rules, {**meta, **files})
    write_tree(tmp_path / "ev", {"unit.yaml": "名称: 单位\n类型: 机关\n"})
    problems, _ = _outcome(rules, tmp_path / "ev")
    assert code in {item.code for item in problems}, problems


def test_every_code_is_documented_with_its_meaning() -> None:
    documented = _documented()
    assert list(documented) == list(CODES)  # the same codes, in the same grouped order
    for code, (kind, meaning) in documented.items():
        assert meaning == CODES[code] == describe(code)
        assert kind in ("问题", "提示", "问题或提示"), code


def _code_literals(tree: ast.AST) -> set[str]:
    """The kebab-case strings a module passes where a code goes: ``code=``, a Problem's fifth
    argument, FieldError/Coded/Notice's second, FieldNotice's third, ctx.problem/warn's
    fifth, and any kebab-case string inside a tuple or a dict value (ratings, validation)."""
    places = {"Problem": 4, "problem": 4, "warn": 4, "_warn": 4, "FieldError": 1}
    places |= {"Coded": 1, "Notice": 1, "FieldNotice": 2}
    found: set[str] = set()
    for node in ast.walk(tree):
        values: list[ast.expr] = []
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            values += [k.value for k in node.keywords if k.arg == "code"]
            if name in places and len(node.args) > places[name]:
                values.append(node.args[places[name]])
        elif isinstance(node, ast.Tuple):
            values += node.elts
        elif isinstance(node, ast.Dict):
            values += node.values
        found |= {
            value.value
            for value in values
            if isinstance(value, ast.Constant)
            and isinstance(value.value, str)
            and (KEBAB.match(value.value) or value.value == "input-error")
        }
    return found


def test_every_code_used_in_the_source_is_defined() -> None:
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "report" not in path.parts:  # reports read codes; they raise no problems
            used |= _code_literals(ast.parse(path.read_text(encoding="utf-8")))
    assert used - set(CODES) == set()
    assert len(used) >= 45  # the sites do name codes: the scan finds them
