"""The bundled sets for the other creation types (事业单位/企业 with 窗口单位, 学校, 社区, 村镇):
each loads with its shared vetoes, weighs like the real tables, names its basis, carries no
trace of the sample organ, and real-format documents satisfy its organisation items."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine.select import Selector
from checker.evidence.loader import load_evidence
from checker.rules.loader import RuleSet, load_ruleset
from conftest import REPO, dump, write_tree

SETS = {
    "文明单位-企事业": ["事业单位", "企业"],
    "文明校园": ["学校"],
    "文明社区": ["社区"],
    "文明村镇": ["村", "镇"],
}
SAMPLE_WORDS = ["人大", "周末志愿红", "人大先锋", "栗坪", "戈多", "洒金", "木贾", "白碗窑"]


def _set(name: str) -> RuleSet:
    return load_ruleset(REPO / "rules" / name)


@pytest.mark.parametrize("name", SETS)
def test_each_set_loads_with_its_vetoes_and_weighs_like_the_real_tables(name: str) -> None:
    rules = _set(name)
    assert rules.meta.unit_types == SETS[name]
    assert rules.meta.official is False
    assert rules.meta.cycle.years == 3
    assert rules.rule("V0") is not None and rules.rule("V1") is not None
    assert sum(rule.score for rule in rules.rules) == 100
    assert sum(rule.score for rule in rules.rules if rule.manual) >= 20
    for rule in rules.rules:
        assert rule.basis is not None, rule.id
        assert rule.guidance and rule.responsible, rule.id
        if "特色" in rule.title:
            assert rule.method == "实地考察", rule.id  # judged, never automatic


def test_the_window_overlay_adds_service_points_and_replaces_nothing() -> None:
    overlay = _set("文明单位-企事业").overlays["窗口单位"]
    assert overlay.replaces == frozenset()
    assert [rule.category for rule in overlay.rules] == ["优质服务"] * 4
    assert sum(rule.score for rule in overlay.rules) == 10
    assert all(rule.basis is not None for rule in overlay.rules)


def test_no_trace_of_the_sample_organ() -> None:
    folders = [REPO / "rules" / name for name in SETS] + [REPO / "rules/扩展/窗口单位"]
    for folder in folders:
        for path in folder.rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            for word in SAMPLE_WORDS:
                assert word not in text, (path, word)


def test_community_and_village_share_files_not_copies() -> None:
    community, village = _set("文明社区"), _set("文明村镇")
    own = {"A1", "A2", "A3", "A4", "A5", "C1", "F1"}  # what truly differs: 两委, 公约, 村容村貌
    for rules in (community, village):
        assert [rule.id for rule in rules.rules if rule.id[0] != "V"] == [
            rule.id for rule in community.rules if rule.id[0] != "V"
        ]
        for rule in rules.rules:
            in_shared = "/共用/基层/" in Path(rule.file).as_posix()
            assert in_shared == (rule.id not in own and rule.id[0] != "V"), rule.id
        # each category in one run, in table order, though C and F are split across files
        runs = [rule.category for rule in rules.rules]
        assert rules.categories == [c for i, c in enumerate(runs) if i == 0 or runs[i - 1] != c]
    pairs = zip(community.rules, village.rules, strict=True)
    assert [a.id for a, b in pairs if a.title != b.title] == ["A1", "A2", "A4", "C1"]
    assert community.rule("C1").title == "制定（修订）居民公约并公示"  # type: ignore[union-attr]
    assert "村规民约" in village.rule("C1").title  # type: ignore[union-attr]


def test_school_registers_are_aliases_of_the_canonical_types() -> None:
    vocabulary = _set("文明校园").vocabulary
    assert vocabulary.resolve("主题班会") == "活动"
    assert vocabulary.resolve("升旗仪式") == "活动"
    assert vocabulary.resolve("家长学校") == "活动"
    assert vocabulary.resolve("师德师风") == "学习"


# Real-format titles and bodies of each set's organisation items: (type, title, body).
# Each rule's requirement must select exactly the ones under "match".
LEADER = {
    "match": [
        ("文件", "关于成立创建文明单位工作领导小组的通知", "组　长：张　三　党委书记、董事长"),
        ("文件", "关于调整精神文明建设领导小组成员的通知", "组长：院长李四\n副组长：王五"),
        ("文件", "关于成立精神文明建设委员会的通知", "由党委书记、院长任组长，副院长任副组长。"),
        ("文件", "关于调整文明单位创建工作领导小组的通知", "组长由总经理担任。"),
        ("文件", "关于成立文明创建工作领导小组的通知", "组　　长：赵六（中心主任）"),
    ],
    "miss": [
        ("文件", "关于成立安全生产领导小组的通知", "组长：张三　董事长"),
        ("文件", "关于成立创建全国文明城市工作领导小组的通知", "组长：张三　董事长"),
        ("文件", "关于调整文明单位创建工作领导小组的通知", "副组长：李四　副院长"),
        ("文件", "关于成立文明创建工作领导小组的通知", "组长由副总经理担任。"),
        ("文件", "关于成立文明创建工作领导小组的通知", "组长：王五　办公室主任"),
        ("会议", "关于成立创建文明单位工作领导小组的会议", "组长：张三　董事长"),
    ],
}
PLANS = {
    "match": [
        ("方案", "2021—2023年度创建市级文明单位实施方案", ""),
        ("文件", "关于印发《2024-2026年精神文明建设规划》的通知", ""),
        ("方案", "2024—2026年度文明单位创建工作方案", ""),
        ("方案", "2021年至2023年创建文明单位工作计划", ""),
        ("要点", "2024～2026年精神文明建设工作要点及规划", ""),
    ],
    "miss": [
        ("方案", "2022年度创建文明单位工作方案", ""),
        ("方案", "2021—2023年安全生产专项整治方案", ""),
        ("方案", "2021—2023年创建国家卫生城市工作方案", ""),
        ("会议", "2021—2023年度创建文明单位实施方案", ""),
        ("方案", "创建文明单位实施方案", ""),
    ],
}
YEARLY = {
    "match": [
        ("方案", "2022年精神文明建设工作计划", ""),
        ("文件", "关于印发《2023年创建文明单位工作要点》的通知", ""),
        ("方案", "2024年度文明创建工作安排", ""),
        ("要点", "2022年精神文明建设工作要点", ""),
        ("方案", "2023年创建文明单位工作方案", ""),
    ],
    "miss": [
        ("方案", "2022年安全生产工作计划", ""),
        ("要点", "2022年党建工作要点", ""),
        ("方案", "2022年创建国家卫生城市工作方案", ""),
        ("方案", "精神文明建设工作计划", ""),
        ("会议", "2022年精神文明建设工作计划", ""),
    ],
}
MEETINGS = {
    "match": [
        ("会议", "党委会议记录", "议题：研究2022年精神文明建设工作"),
        ("会议", "关于研究文明单位创建工作的会议纪要", ""),
        ("会议", "总经理办公会议纪要（精神文明建设专题）", ""),
        ("会议", "班子会议", "一、听取文明创建工作情况汇报"),
        ("会议", "研究创建文明单位工作的党组会议", ""),
    ],
    "miss": [
        ("会议", "研究创建模范机关工作的党组会议", ""),
        ("会议", "研究创建国家卫生城市工作的会议纪要", ""),
        ("会议", "安全生产工作会议", ""),
        ("会议", "创建全国文明城市推进会", ""),
        ("文件", "研究精神文明建设工作的通知", ""),
    ],
}
SUMMARIES = {
    "match": [
        ("总结", "2022年精神文明建设工作总结", ""),
        ("总结", "2023年度创建文明单位自查报告", ""),
        ("总结", "2022年文明创建工作总结", ""),
        ("总结", "工作总结", "今年以来，我单位扎实推进文明单位创建……"),
        ("总结", "2024年文明单位创建工作自查报告", ""),
    ],
    "miss": [
        ("总结", "2022年安全生产工作总结", ""),
        ("总结", "2022年创建国家卫生城市工作总结", ""),
        ("总结", "平安单位创建工作自查报告", ""),
        ("方案", "2022年精神文明建设工作总结", ""),
        ("总结", "2022年党建工作总结", ""),
    ],
}
WORK_POINTS = {
    "match": [
        ("要点", "2022年工作要点", "六、深入推进精神文明建设。"),
        ("要点", "2023年目标责任书", "完成文明单位创建年度任务。"),
        ("要点", "2024年工作要点", "持续开展文明创建"),
        ("要点", "2022年经营工作要点", "巩固创建文明单位成果"),
        ("要点", "2023年工作要点", "（五）精神文明建设：开展道德讲堂"),
    ],
    "miss": [
        ("要点", "2022年工作要点", "一、抓好安全生产。"),
        ("要点", "2023年目标责任书", "完成经营指标。"),
        ("要点", "2024年工作要点", "创建国家卫生城市"),
        ("文件", "2022年工作要点", "六、深入推进精神文明建设。"),
        ("要点", "2022年工作要点", ""),
    ],
}


Table = dict[str, list[tuple[str, str, str]]]


def _swap(table: Table, old: str, new: str) -> Table:
    """The table with one set's words put in place of another's (文明单位 → 文明校园)."""
    return {
        key: [
            (kind.replace(old, new), title.replace(old, new), body.replace(old, new))
            for kind, title, body in cases
        ]
        for key, cases in table.items()
    }


def _selected(tmp_path: Path, name: str, rule_id: str, index: int, table: Table) -> set[int]:
    """The positions of the cases (matches first, then misses) the requirement selects."""
    rules = _set(name)
    cases = table["match"] + table["miss"]
    files: dict[str, str | bytes] = {
        f"r{day:02d}.md": "---\n"
        + dump({"类型": kind, "日期": f"2022-03-{day + 1:02d}", "标题": f"{day}｜{title}"})
        + f"---\n{body}\n"
        for day, (kind, title, body) in enumerate(cases)
    }
    root = tmp_path / "ev"
    unit = {"名称": "测试单位", "类型": SETS[name][0]}
    write_tree(root, {"unit.yaml": dump(unit), **files})
    evidence = load_evidence(root, rules, "ev")
    assert not evidence.problems, evidence.problems
    rule = rules.rule(rule_id)
    assert rule is not None
    selector = Selector(evidence.records, rules.vocabulary, evidence.texts)
    found, _ = selector.select(rule.requires[index])
    return {int(record.title.split("｜", 1)[0]) for record in found}


WORDS = {
    "文明单位-企事业": "文明单位",
    "文明校园": "文明校园",
    "文明社区": "文明社区",
    "文明村镇": "文明村",
}
ITEMS = [("A1", 0, LEADER), ("A1", 1, LEADER), ("A3", 0, PLANS), ("A3", 1, YEARLY)]
ITEMS += [("A4", 0, MEETINGS), ("A5", 0, SUMMARIES), ("A2", 0, WORK_POINTS)]


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize(("rule_id", "index", "table"), ITEMS)
def test_real_documents_satisfy_the_organisation_items(
    tmp_path: Path, name: str, rule_id: str, index: int, table: Table
) -> None:
    table = _swap(table, "文明单位", WORDS[name])
    if name != "文明单位-企事业":  # a school, community or village is headed by its secretary
        table = _swap(_swap(table, "董事长", "书记"), "院长", "书记")
        table = _swap(_swap(table, "总经理", "书记"), "（中心主任）", "（书记）")
    if rule_id == "A1" and index == 0:  # the group's own file: who leads it is the second
        table = {"match": table["match"] + table["miss"][2:5], "miss": [*table["miss"][:2]]}
    if rule_id == "A1" and index == 1:  # who leads: that it is the creation group is the first
        table = {"match": table["match"], "miss": table["miss"][2:]}
    wanted = set(range(len(table["match"])))
    assert _selected(tmp_path, name, rule_id, index, table) == wanted
