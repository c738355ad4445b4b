"""The rule set as people read it: `checker rules list`, `rules show` and `docs/rules.md`
(documentation of the rules, not a report of an assessment)."""

from __future__ import annotations

from checker.parsing import format_number as num
from checker.rules.loader import RuleSet
from checker.rules.models import Bounds, Condition, Cycle, Requirement, Rule

_PERIODS = {
    "cycle": "创建周期",
    "year": "每年",
    "quarter": "每季度",
    "month": "每月",
    "week": "每周",
}


def render_list(ruleset: RuleSet) -> str:
    meta = ruleset.meta
    lines = [
        f"{meta.title}（{meta.version}）  周期 {cycle_text(meta.cycle)}  "
        f"及格线 {num(meta.pass_score)}" + ("" if meta.official else "（参考版）")
    ]
    for category in ruleset.categories:
        members = [rule for rule in ruleset.rules if rule.category == category]
        total = sum(rule.score for rule in members)
        lines.append(f"\n{category}（{num(total)} 分）")
        for rule in members:
            flags = "，一票否决" if rule.veto else ""
            scope = f"，仅{'、'.join(rule.applies_to)}" if rule.applies_to else ""
            lines.append(
                f"  {rule.id:<5} {num(rule.score):>4} 分  {rule.method}{flags}{scope}  {rule.title}"
            )
    return "\n".join(lines) + "\n"


def _condition(field: str, condition: Condition) -> str:
    if isinstance(condition, Bounds):
        if condition.filled is not None:
            return f"{field}{'已填写' if condition.filled else '未填写'}"
        bounds = []
        if condition.min is not None:
            bounds.append(f"≥ {num(condition.min)}")
        if condition.max is not None:
            bounds.append(f"≤ {num(condition.max)}")
        return f"{field} {' 且 '.join(bounds)}"
    if isinstance(condition, list):
        return f"{field}为 {'/'.join(str(option) for option in condition)}"
    return f"{field}为 {condition}"


def describe_requirement(requirement: Requirement) -> str:
    parts = []
    if requirement.type:
        parts.append("类型 " + "/".join(requirement.type))
    if requirement.tags:
        parts.append("标签 " + "、".join(requirement.tags))
    if requirement.keywords:
        parts.append("含关键词 " + "/".join(requirement.keywords))
    if requirement.content:
        parts.append("正文含 " + "/".join(requirement.content))
    for field, condition in requirement.where.items():
        parts.append(_condition(field, condition))
    if requirement.max == 0 and requirement.threshold_min is None and requirement.min_ratio is None:
        kept = "有此情形的，须如实登记并报告文明办"  # not "不得有此类记录": keep the record
        return "；".join([*parts, f"{_PERIODS[requirement.period]}{kept}"])
    kind = requirement.aggregate
    measure = {
        "count": "记录数",
        "sum": f"{getattr(kind, 'field', '')}合计",
        "distinct": f"不同{getattr(kind, 'field', '')}数",
    }[kind.kind]
    limits = []
    if requirement.threshold_min is not None:
        limits.append(f"≥ {num(requirement.threshold_min)}")
    if requirement.min_ratio is not None:
        limits.append(f"≥ {requirement.of} × {num(requirement.min_ratio * 100)}%")
    if requirement.max is not None:
        limits.append(f"≤ {num(requirement.max)}")
    text = f"{_PERIODS[requirement.period]}{measure} {' 且 '.join(limits)}"
    if requirement.coverage < 1:
        text += f"，至少 {num(requirement.coverage * 100)}% 的时段达到"
    if requirement.per:
        text += f"，按“{requirement.per}”逐个检查"
    if requirement.weight:
        text += f"，权重 {num(requirement.weight)}"
    return "；".join(parts) + ("；" if parts else "") + text


def render_rule(rule: Rule, ruleset: RuleSet) -> str:
    lines = [
        f"{rule.id} {rule.title}",
        f"  规则集：{ruleset.meta.title}",
        f"  分类：{rule.category}",
        f"  分值：{num(rule.score)} 分" + ("（一票否决）" if rule.veto else ""),
        f"  方式：{rule.method}",
        f"  适用：{'、'.join(rule.applies_to or ruleset.meta.unit_types)}",
    ]
    lines += [f"  {line}" for line in basis_lines(rule)]
    if rule.responsible:
        lines.append(f"  责任科室：{rule.responsible}")
    if rule.guidance:
        lines.append(f"  整改指引：{rule.guidance}")
    if rule.requires:
        lines.append("  要求：")
        for requirement in rule.requires:
            lines.append(f"    - {requirement.name}：{describe_requirement(requirement)}")
    lines.append(f"  定义于：{rule.file}:{rule.line}")
    return "\n".join(lines) + "\n"


def _points_for(ruleset: RuleSet, unit_type: str) -> float:
    return sum(
        rule.score for rule in ruleset.rules if unit_type in (rule.applies_to or [unit_type])
    )


def render_markdown(ruleset: RuleSet) -> str:
    """The rule reference (docs/rules.md): every rule with its basis, requirements, guidance."""
    meta = ruleset.meta
    totals = "、".join(
        f"{unit_type} {num(_points_for(ruleset, unit_type))} 分" for unit_type in meta.unit_types
    )
    lines = [
        f"# {meta.title}（{meta.version}）",
        "",
        "<!-- 本文件由 `checker rules --format markdown` 生成，请勿手工修改；"
        "规则变了请重新生成。 -->",
        "",
        f"- 依据：{meta.source}" if meta.source else "",
        f"- 创建周期：{cycle_text(meta.cycle)}；及格线 {num(meta.pass_score)} 分；"
        + "等级："
        + "、".join(f"{g.name}（≥{num(g.min)}）" for g in meta.grades),
        f"- 适用单位类型：{'、'.join(meta.unit_types)}",
        "" if meta.official else f"- 说明：{REFERENCE}",
        "",
        meta.description,
        "",
        "## 分类与分值",
        "",
        "| 分类 | 项数 | 分值 |",
        "|---|---:|---:|",
    ]
    for category in ruleset.categories:
        members = [rule for rule in ruleset.rules if rule.category == category]
        lines.append(f"| {category} | {len(members)} | {num(sum(r.score for r in members))} |")
    lines += ["", f"各类单位适用的分值合计：{totals}。", ""]
    lines += ["## 证据类型", "", "| 类型 | 也可以写作 |", "|---|---|"]
    for name, aliases in meta.evidence_types.items():
        lines.append(f"| {name} | {'、'.join(aliases or []) or '—'} |")
    lines.append("")
    for category in ruleset.categories:
        lines += [f"## {category}", ""]
        for rule in (r for r in ruleset.rules if r.category == category):
            lines += _markdown_rule(rule, ruleset)
    return "\n".join(lines).replace("\n\n\n", "\n\n").rstrip() + "\n"


def _markdown_rule(rule: Rule, ruleset: RuleSet) -> list[str]:
    flags = [f"{num(rule.score)} 分", rule.method]
    if rule.veto:
        flags.append("一票否决")
    if rule.applies_to:
        flags.append("仅适用于" + "、".join(rule.applies_to))
    lines = [f"### {rule.id} {rule.title}", "", f"**{'，'.join(flags)}**", ""]
    lines += [f"- {line}" for line in basis_lines(rule)]
    for requirement in rule.requires:
        lines.append(f"- 要求“{requirement.name}”：{describe_requirement(requirement)}")
    if rule.guidance:
        lines.append(f"- 整改指引：{rule.guidance}")
    if rule.responsible:
        lines.append(f"- 责任科室：{rule.responsible}")
    return [*lines, ""]


def basis_lines(rule: Rule) -> list[str]:
    """``依据：参照 某市考评细则`` (kind and source) and the clause it rests on; a rule with no
    basis shows its clause as its 依据, as before the key."""
    if rule.basis is None:
        return [f"依据：{rule.clause}"] if rule.clause else []
    lines = [f"依据：{rule.basis.kind} {rule.basis.source}"]
    return lines + ([f"条款：{rule.clause}"] if rule.clause else [])


REFERENCE = "本测评表为参考版，正式测评细则未取得，依据同类公开测评体系拟定。"


def cycle_text(cycle: Cycle) -> str:
    """The cycle as the documentation states it: fixed dates, or rolling cycles of N years."""
    if cycle.end is not None:
        return f"{cycle.start} 至 {cycle.end}"
    return f"自 {cycle.start} 起每 {cycle.years} 年一届（按评估日期所在的一届评估）"


def _rule_count(ruleset: RuleSet) -> str:
    """The set's own rules, as a unit's report counts them, and each optional part's apart
    (they apply only to a unit that switches them on)."""
    extras = "、".join(f"{name} {len(o.rules)} 条" for name, o in ruleset.overlays.items())
    return f"{len(ruleset.rules)} 条规则" + (f"（另有可选扩展：{extras}）" if extras else "")


def render_library(sets: list[RuleSet], markdown: bool = False) -> str:
    """Every set of the library: a list (title, unit types, points, rules), or the rule
    reference with one section per set (docs/rules.md)."""
    if not markdown:
        lines = ["内置规则库（checker rules list --type 单位类型 查看一个规则集）："]
        for ruleset in sets:
            meta = ruleset.meta
            points = num(sum(rule.score for rule in ruleset.rules))
            lines.append(
                f"  {meta.title}（{meta.version}）  适用：{'、'.join(meta.unit_types)}  "
                f"{points} 分  {_rule_count(ruleset)}" + ("" if meta.official else "  参考版")
            )
        return "\n".join(lines) + "\n"
    head = [
        "# 内置规则库",
        "",
        "<!-- 本文件由 `checker rules --format markdown` 生成，请勿手工修改；"
        "规则变了请重新生成。 -->",
        "",
        "| 规则集 | 适用单位类型 | 分值 | 规则数 |",
        "|---|---|---:|---:|",
    ]
    for ruleset in sets:
        meta = ruleset.meta
        points = num(sum(rule.score for rule in ruleset.rules))
        head.append(
            f"| {meta.title} | {'、'.join(meta.unit_types)} | {points} | {_rule_count(ruleset)} |"
        )
    sections = ["\n".join(head) + "\n"]
    for ruleset in sets:
        text = render_markdown(ruleset).split("\n")
        body = [line for line in text if not line.startswith("<!-- ")]
        sections.append("\n".join("#" + line if line.startswith("#") else line for line in body))
    return "\n".join(sections).replace("\n\n\n", "\n\n")
