"""The bundled library's 文明单位（机关） set follows CRITERIA's default table: 100 points,
honest about its basis, weighted like the real tables, and free of any trace of the sample
organ; the shared veto file and the Xingyi overlay with it."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from checker.rules.loader import load_ruleset
from conftest import REPO, dump, run_cli, write_tree

LIBRARY = REPO / "rules"
RULES = load_ruleset(LIBRARY / "文明单位-机关")
OVERLAY = RULES.overlays["兴义创文"]

# CRITERIA.md "文明单位（机关）: default table": category -> points.
CATEGORIES = {
    "组织领导": 8,
    "思想道德建设": 22,
    "文明风尚与宣传": 10,
    "志愿服务": 15,
    "单位建设": 15,
    "现场与评价": 20,
    "参与创建": 10,
}
# CRITERIA's sources, by the full titles rules name them with.
SOURCES = {
    "全国文明单位测评体系（试行）（2012年）",
    "全国文明单位测评体系（2020年版）",
    "鄂州市2017—2018年度市级文明单位考评细则",
    "黄冈市文明单位考评细则",
    "陕西省省级文明单位测评体系",
    "湖北省文明单位测评汇总表",
    "首都文明单位测评体系（2014年）",
    "第十届安徽省文明单位测评细则",
    "安徽省第十二届文明单位评选通知（2019年）",
    "安徽省文明办创建文明单位禁止事项（2020年）",
    "光明日报2017年5月3日关于银川市文明单位动态管理的报道",
    "水利部文明单位管理有关规定",
    "石狮市文明单位测评（2010年）",
    "驻马店市文明单位测评（2018年）",
    "常州市道德讲堂台账",
    "廊坊市2018年文明单位测评体系",
}
# The sample organ, its brands, grids, villages and document titles (CRITERIA: never quoted).
SAMPLE_WORDS = [
    "人大常委会",
    "人大",
    "周末志愿红",
    "人大先锋",
    "栗坪",
    "戈多",
    "洒金",
    "木贾",
    "白碗窑",
    "南盘江",
    "田寨",
    "代表联络站",
    "2000余份",
    "50余次",
]
EVERY_RULE = [*RULES.rules, *OVERLAY.rules]


def _points() -> dict[str, float]:
    points: dict[str, float] = defaultdict(float)
    for rule in RULES.rules:
        points[rule.category] += rule.score
    return points


def test_the_set_is_a_reference_version_for_organs_on_rolling_cycles() -> None:
    meta = RULES.meta
    assert (meta.id, meta.official, meta.unit_types) == ("xingyi-wmdw-jiguan", False, ["机关"])
    assert meta.title == "兴义市文明单位测评细则（机关·参考版）"
    assert (meta.cycle.start.isoformat(), meta.cycle.years) == ("2021-01-01", 3)
    assert "未能取得" in meta.description and "参考版" in meta.description
    assert meta.pass_score == 80


def test_categories_and_points_follow_the_default_table() -> None:
    points = _points()
    assert {name: points[name] for name in CATEGORIES} == CATEGORIES
    assert sum(points.values()) == 100
    assert RULES.categories[:-1] == list(CATEGORIES)


def test_on_site_and_survey_items_hold_at_least_twenty_points() -> None:
    manual = sum(rule.score for rule in RULES.rules if rule.manual)
    assert manual >= 20
    on_site = [rule for rule in RULES.rules if rule.category == "现场与评价"]
    assert on_site and all(rule.manual for rule in on_site)


def test_the_highlight_item_is_judged_on_site_never_automatic() -> None:
    (highlight,) = [rule for rule in RULES.rules if "特色" in rule.title]
    assert highlight.method == "实地考察" and highlight.score == 4


def test_every_rule_names_a_basis_from_the_criteria_sources() -> None:
    """A 推定 says it found nothing (without a “推定：” prefix, which reports would print after
    “依据：推定”); every part of a 核实 or 参照 source names a CRITERIA source or says which of
    its thresholds is our default (“每季度一次为推定”)."""
    for rule in [*EVERY_RULE]:
        assert rule.basis is not None, rule.id
        source = rule.basis.source
        assert not source.startswith("推定"), rule.id
        if rule.basis.kind == "推定":
            assert source.startswith("未见公开") and "拟定" in source, rule.id
            continue
        for part in source.split("；"):
            named = any(name in part for name in SOURCES)
            assert named or "为推定" in part, (rule.id, part)


def test_defaults_among_sourced_thresholds_are_named_in_the_basis() -> None:
    """The thresholds that are our defaults sit in the basis reports print, not only in YAML
    comments nobody sees."""
    for rule_id, default in [("B4", "每季度一次为推定"), ("B7", "每年3次为推定")]:
        rule = RULES.rule(rule_id)
        assert rule is not None and rule.basis is not None
        assert default in rule.basis.source, rule_id
    volunteers = RULES.rule("D2")
    assert volunteers is not None and volunteers.basis is not None
    assert "50%为推定" in volunteers.basis.source


def test_every_rule_says_what_to_keep_and_who_keeps_it() -> None:
    for rule in EVERY_RULE:
        assert rule.clause and "测评体系“" not in rule.clause, rule.id
        assert len(rule.guidance) >= 20, rule.id
        assert "补齐台账" not in rule.guidance, rule.id
        assert rule.responsible in {"办公室", "机关党委", "人事科"}, rule.id
        assert rule.manual or rule.requires, rule.id


def test_guidance_for_periods_that_are_over_is_honest() -> None:
    """A rule judged per period says to explain a missed period truthfully, never to make it
    up or back-date it (CRITERIA "Honest about the past")."""
    for rule in EVERY_RULE:
        periodic = any(req.period != "cycle" for req in rule.requires)
        if periodic and not rule.veto:
            assert "如实说明" in rule.guidance or "不补" in rule.guidance, rule.id


def test_registered_volunteers_are_half_of_the_staff_by_default() -> None:
    rule = RULES.rule("D2")
    assert rule is not None
    (requirement,) = rule.requires
    assert (requirement.min_ratio, requirement.of, requirement.distinct) == (0.5, "staff", "姓名")


def test_veto_gate_reads_the_pledge_and_the_department_opinions() -> None:
    vetoes = [rule for rule in RULES.rules if rule.veto]
    assert [rule.id for rule in vetoes] == [f"V{n}" for n in range(1, 10)]
    for rule in vetoes:
        assert rule.score == 0
        kinds = sorted(str(req.type) for req in rule.requires)
        assert kinds == ["['事件']", "['部门意见']", "['部门意见']"], rule.id
        assert all(req.max == 0 for req in rule.requires), rule.id
        # The ledger's 意见 column decides; only a reply without one is read for its wording.
        ledger, letter = [req for req in rule.requires if req.type == ["部门意见"]]
        assert str(ledger.where["意见"]) == "有异议" and ledger.keywords, rule.id
        assert letter.pattern and letter.keywords, rule.id
        # N2012 looks two years back before applying, as Yinchuan does (24 months).
        assert rule.lookback == "24 months", rule.id
        assert "不得有" not in rule.guidance, rule.id
        assert "有此情形即一票否决" in rule.guidance and "如实登记" in rule.guidance, rule.id
    pledge = RULES.rule("V0")
    assert pledge is not None and not pledge.veto and pledge.score == 0
    assert (pledge.requires[0].type, pledge.requires[0].period) == (["声明"], "year")


def test_the_xingyi_overlay_replaces_taking_part_in_the_creation() -> None:
    assert OVERLAY.replaces == {"参与创建"}
    assert sum(rule.score for rule in OVERLAY.rules) == CATEGORIES["参与创建"]
    pers = {req.per for rule in OVERLAY.rules for req in rule.requires}
    assert pers == {"网格", "帮扶户"}


def test_the_type_vocabulary_of_the_brief() -> None:
    vocabulary = RULES.vocabulary
    for alias, canonical in [
        ("红头文件", "文件"),
        ("实施方案", "方案"),
        ("目标责任书", "要点"),
        ("自查报告", "总结"),
        ("党组会议", "会议"),
        ("主题党日", "学习"),
        ("道德讲堂", "讲堂"),
        ("公益广告", "宣传阵地"),
        ("简报", "信息报送"),
        ("文明职工", "评选"),
        ("注册名单", "名册"),
        ("承诺", "声明"),
        ("征求意见", "部门意见"),
        ("回函", "部门意见"),
        ("事故", "事件"),
        ("截图", "链接"),
        ("入户", "网格"),
        ("走访", "帮扶"),
        ("宣讲", "宣讲"),
    ]:
        assert vocabulary.resolve(alias) == canonical, alias


def _bundled_yaml() -> list[Path]:
    return sorted(
        path
        for folder in ("文明单位-机关", "共用", "扩展/兴义创文")
        for path in (LIBRARY / folder).rglob("*.yaml")
    )


@pytest.mark.parametrize("path", _bundled_yaml(), ids=lambda p: p.name)
def test_no_bundled_file_names_the_sample_organ(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert [word for word in SAMPLE_WORDS if word in text] == []


def test_a_new_units_report_carries_no_trace_of_the_sample(tmp_path: Path) -> None:
    unit = {"名称": "某某市统计局", "简称": "市统计局", "类型": "机关", "职工人数": 30}
    write_tree(tmp_path / "ev", {"unit.yaml": dump(unit)})
    folder = str(LIBRARY / "文明单位-机关")
    for fmt in ("json", "markdown"):
        result = run_cli(
            "check", str(tmp_path / "ev"), "--rules", folder, "-f", fmt, "--as-of", "2025-06-30"
        )
        assert result.exit_code == 1, result.output
        assert [word for word in SAMPLE_WORDS if word in result.stdout] == [], fmt
        if fmt == "json":
            data = json.loads(result.stdout)
            assert data["score"] == 0 and not data["passed"]
            assert "市统计局" in json.dumps(data, ensure_ascii=False)


def test_party_group_meetings_lose_a_share_per_missing_meeting_as_shaanxi_does() -> None:
    """Shaanxi takes 0.5 off per missing meeting; A4's 2 points over 2 meetings a year take a
    point each, so that no meeting at all earns nothing (0.5 would leave 1 point)."""
    rule = RULES.rule("A4")
    assert rule is not None and rule.basis is not None
    (meetings,) = rule.requires
    assert (meetings.min, meetings.period, meetings.deduct) == (2, "year", 1)
    assert meetings.deduct is not None and meetings.deduct * meetings.min == rule.score
    assert "陕西" in rule.basis.source and "少1次扣0.5分" in rule.basis.source


def test_items_count_only_what_their_titles_promise() -> None:
    """B7 is not fed by study sessions (节前廉政提醒), E2 only by the superior's notice of the
    result, E3 not by party meetings; F4 is the 文明办's to weigh and asks for no files."""
    festivals, results, democracy, opinions = (RULES.rule(i) for i in ("B7", "E2", "E3", "F4"))
    assert festivals is not None and results is not None
    assert democracy is not None and opinions is not None
    assert "学习" not in festivals.requires[0].type and festivals.requires[0].pattern
    assert results.requires[0].type == ["文件"] and results.requires[0].pattern
    words = democracy.requires[0].keywords
    assert not {"民主生活会", "组织生活会"} & set(words)
    assert "民主生活会" not in democracy.guidance
    assert opinions.manual and opinions.requires == []
