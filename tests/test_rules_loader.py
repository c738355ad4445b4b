"""Rule sets: strict models, every problem at once with path:line:col, names checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.rules.loader import load_ruleset
from conftest import BASE_RULESET, REPO, dump, write_tree

BAD_RULES = """\
category: 测试
rules:
  - id: A1
    title: t
    score: 3
    applies_to: [机关, 工厂]
    requires:
      - name: x
        type: 会义
        keyword: [a]
        min: abc
  - id: A1
    title: dup
    score: 2
    requires: [{name: y, type: 文件, period: daily}]
  - id: A2
    title: t
    scor: 3
    requires: [{name: y, type: [文件, 通只]}]
  - id: A3
    title: t
    score: 3
    requires: [{name: y, type: 文件, sum: 人数, distinct: 网格}]
  - id: A4
    title: t
    score: 3
    requires: [{name: y, type: 文件, min_ratio: 0.2}]
  - id: A5
    title: 没有要求的材料审核规则
    score: 3
"""


def _load(tmp_path: Path, files: dict[str, str]) -> list[str]:
    write_tree(tmp_path / "rules", {"ruleset.yaml": dump(BASE_RULESET), **files})
    with pytest.raises(InputError) as caught:
        load_ruleset(tmp_path / "rules")
    return [str(problem).replace(str(tmp_path) + "/", "") for problem in caught.value.problems]


def test_every_problem_is_reported_at_once_with_its_place(tmp_path: Path) -> None:
    assert _load(tmp_path, {"x.yaml": BAD_RULES}) == [
        "rules/x.yaml:6:22: 单位类型 '工厂' 未在 ruleset.yaml 的 unit_types 中定义",
        "rules/x.yaml:9:15: 类型 '会义' 未定义，是否为 '会议'？",
        "rules/x.yaml:10:9: 未知的键 'keyword'，是否为 'keywords'？",
        "rules/x.yaml:11:14: 'min' 应为数字",
        "rules/x.yaml:12:9: 规则编号 'A1' 重复，已在 rules/x.yaml:3 定义",
        "rules/x.yaml:15:44: 'period' 应为以下之一：cycle, year, quarter, month, week",
        "rules/x.yaml:16:5: 缺少必填项 'score'",
        "rules/x.yaml:18:5: 未知的键 'scor'，是否为 'score'？",
        "rules/x.yaml:19:37: 类型 '通只' 未定义，是否为 '通知'（即 文件）？",
        "rules/x.yaml:23:16: 'sum' 与 'distinct' 只能二选一",
        "rules/x.yaml:27:16: 'min_ratio' 与 'of' 须同时给出，如 min_ratio: 0.2, of: staff",
        "rules/x.yaml:28:5: 材料审核的规则须有至少一项 'requires'",
    ]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    rule = "category: c\nrules:\n  - {id: B1, title: t, score: 1, method: 实地考察}\n"
    assert _load(tmp_path, {"a.yaml": rule, "b.yaml": rule}) == [
        "rules/b.yaml:3:10: 规则编号 'B1' 重复，已在 rules/a.yaml:3 定义",
    ]


def test_yaml_syntax_errors_are_located(tmp_path: Path) -> None:
    problems = _load(tmp_path, {"x.yaml": "category: c\nrules:\n  - id: [A1\n"})
    assert len(problems) == 1
    assert problems[0].startswith("rules/x.yaml:4:1: YAML 语法错误：")


def test_ruleset_problems(tmp_path: Path) -> None:
    meta = {
        **BASE_RULESET,
        "pass_score": 180,
        "cycle": {"start": "2021-01-01", "end": "2020-12-31"},
        "grade": [],
    }
    write_tree(tmp_path / "rules", {"ruleset.yaml": dump(meta), "a.yaml": "category: c\n"})
    with pytest.raises(InputError) as caught:
        load_ruleset(tmp_path / "rules")
    messages = [p.message for p in caught.value.problems]
    assert "'pass_score' 应 ≤ 100" in messages
    assert "创建周期的结束日期早于开始日期" in messages
    assert "未知的键 'grade'，是否为 'grades'？" in messages


def test_missing_folder_and_ruleset(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="规则目录不存在"):
        load_ruleset(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"缺少 ruleset\.yaml"):
        load_ruleset(tmp_path / "empty")


def test_weights_of_some_requirements_must_leave_a_share(tmp_path: Path) -> None:
    rule = (
        "category: c\nrules:\n  - id: W1\n    title: t\n    score: 2\n    requires:\n"
        "      - {name: a, type: 会议, weight: 1}\n      - {name: b, type: 会议}\n"
    )
    assert _load(tmp_path, {"w.yaml": rule}) == [
        "rules/w.yaml:3:5: 部分要求给出了 'weight'，其和须小于 1，其余要求平分剩余分值"
    ]


def test_bundled_rule_set_loads_with_categories_in_file_order() -> None:
    ruleset = load_ruleset(REPO / "rules" / "文明单位-机关")
    assert ruleset.categories[0] == "组织领导"
    assert ruleset.categories[-1] == "一票否决"  # the shared file, included after the set
    assert all(rule.category and rule.file and rule.line for rule in ruleset.rules)
    assert ruleset.vocabulary.resolve("党组会议") == "会议"
    assert ruleset.vocabulary.resolve("不存在") is None
