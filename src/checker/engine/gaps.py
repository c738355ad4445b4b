"""Gap sentences: what was required, what was found, and what is missing, in plain Chinese."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checker.engine.judge import Judgement
from checker.engine.periods import UNIT_WORDS, Period, bounds, describe, spoken
from checker.evidence.model import Source
from checker.parsing import format_number as num
from checker.result import GroupResult
from checker.rules.models import Requirement

_SHOWN_PERIODS = 8
_SHOWN_GROUPS = 6


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def short_labels(labels: Sequence[str], limit: int = _SHOWN_PERIODS) -> str:
    """``2022年3月、5月、6月`` or ``2022年第1季度、第3季度``: periods as people name them, the
    year written once per run of labels of the same year, and ``…（共 12 个）`` past ``limit``."""
    shown: list[str] = []
    previous_year: int | None = None
    for label in labels[:limit]:
        suffix = "（进行中）" if label.endswith("（进行中）") else ""
        bare = label.removesuffix(suffix)
        found = bounds(bare)
        year = found[1].year if found else None
        words = spoken(bare, previous_year)
        if previous_year is not None and year == previous_year:
            words = words.removeprefix(f"{year}年")
        shown.append(words + suffix)
        previous_year = year
    text = "、".join(shown)
    if len(labels) > limit:
        text += f"、…（共 {len(labels)} 个）"
    return text


HEADCOUNTS = ("staff", "职工人数")


def _measure(requirement: Requirement) -> tuple[str, str]:
    """(what is measured, the word counted in) for a requirement's aggregate."""
    kind = requirement.aggregate
    if kind.kind == "sum":
        return f"{kind.field}合计", ""
    if kind.kind == "distinct":
        return f"不同的{kind.field}", " 个"
    return "", " 次"


def single_gap(
    requirement: Requirement, judgement: Judgement, period: Period, base: str = ""
) -> str:
    prefix = describe(period) if period.label else ""
    what, word = _measure(requirement)
    if requirement.of in HEADCOUNTS:  # a share of the staff counts people: 即 24 人
        word = " 人"
    head = f"{prefix}{requirement.name}" + (f"：{what}" if what else "")
    found = num(judgement.amount)
    if judgement.most is not None and judgement.amount > judgement.most:
        # Not "不得有此类记录", which reads as "do not record it": the record must be kept.
        # Neutral on purpose: max 0 is also used outside vetoes, whose guidance says 否决.
        limit = (
            "有此情形的，须如实登记并报告文明办"
            if judgement.most == 0
            else f"要求不超过 {num(judgement.most)}"
        )
        return f"{head} 发现 {found}{word}，{limit}"
    needed = num(judgement.needed)
    progress = "（本期进行中，已按经过时间折算）" if judgement.in_progress else ""
    if judgement.amount == 0:
        # Nothing at all: "有 0 次" says nothing; people say what was not seen.
        text = f"{prefix}未见{requirement.name}记录"
        if base:  # the base says what is required; the count it comes to follows it
            return text + f"（{base}，即 {needed}{word}）" + progress
        if what or judgement.needed != 1:
            text += f"，要求{what} {needed}{word}" if what else f"，要求 {needed}{word}"
    else:
        # "有 2 次，要求 3 次" as people say it, not the counter "2/3 次"
        seen = f"{head} {found}{word}" if what else f"{head}有 {found}{word}"
        short = num(judgement.needed - judgement.amount)
        text = f"{seen}，要求 {needed}{word}，缺 {short}{word}"
    if base:
        text += f"（{base}）"
    return text + progress


def _each_period(requirement: Requirement) -> str:
    """What one period must reach, when it is more than one record: “每月 ≥ 4 次”."""
    minimum = requirement.threshold_min
    kind = requirement.aggregate
    if kind.kind == "count" and (minimum or 0) <= 1 and requirement.max is None:
        return ""
    what, word = _measure(requirement)
    limits = []
    if minimum is not None:
        limits.append(f"≥ {num(minimum)}{word}")
    if requirement.max is not None:
        limits.append(f"≤ {num(requirement.max)}{word}")
    unit = UNIT_WORDS[requirement.period].removeprefix("个")
    return f"每{unit}{what} {' 且 '.join(limits)}"


def deduct_note(requirement: Requirement, short: int, taken: float, several: bool) -> str:
    """“缺 1 次，每缺 1 次扣 0.5 分，共扣 0.5 分”: what deduction scoring charged."""
    if several:
        word = UNIT_WORDS[requirement.period].removeprefix("个")
        word = "个" + word if word in ("季度", "月") else word
    else:
        word = _measure(requirement)[1].strip() or "次"
    amount = num(requirement.deduct or 0)
    return f"缺 {short} {word}，每缺 1 {word}扣 {amount} 分，共扣 {num(taken)} 分"


def periods_gap(requirement: Requirement, judgement: Judgement) -> str:
    """“志愿服务：52周中38周有记录（73%），要求 ≥80%；2022年1月31日—2月6日、…没有记录”."""
    unit = UNIT_WORDS[requirement.period]
    each = _each_period(requirement)
    share = judgement.met_periods / judgement.judged
    if requirement.coverage >= 1 or requirement.deduct is not None:
        need = f"每{unit.removeprefix('个')}都{'达标' if each else '有'}"
    else:  # as people say it: 不少于3个季度, the share beside it
        need = f"不少于{judgement.periods_needed}{unit}（{_percent(requirement.coverage)}）"
    missing = [
        f"{label}（进行中）" if label == judgement.in_progress else label
        for label in judgement.missing
    ]
    done = "达标" if each else "有记录"
    if judgement.met_periods == 0:  # not "4个季度中0个季度有记录（0%）"
        return f"{requirement.name}：{short_labels(missing)}均{'未达标' if each else '没有记录'}"
    return (
        f"{requirement.name}：{judgement.judged}{unit}中{judgement.met_periods}{unit}{done}"
        f"（{_percent(share)}），要求{each + '、' if each else ''}{need}；"
        f"{short_labels(missing)}{'未达标' if each else '没有记录'}"
    )


def _group_detail(requirement: Requirement, group: GroupResult) -> str:
    """What one group lacks, in words: 2022年第3季度没有记录, 未见记录, 有 1 次，要求 2 次."""
    if group.found == 0 and group.listed:
        return "未见记录"
    if group.missing_periods and requirement.period != "cycle":
        return f"{short_labels(group.missing_periods, 3)}没有记录"
    what, word = _measure(requirement)
    if what:  # a sum or a count of names: 入户人数合计 0，要求 10
        return f"{what} {num(group.found)}{word}，要求 {num(group.needed)}{word}"
    return f"有 {num(group.found)} 次，要求 {num(group.needed)} 次"


def groups_gap(requirement: Requirement, groups: Sequence[GroupResult], per: str) -> str:
    """“每季度走访：29个帮扶户中26个达标；戈多村脱贫户12、木贾新市民04 2022年第3季度没有
    记录”: the groups that fell short, those with the same gap named together."""
    failing = [group for group in groups if not group.met]
    by_detail: dict[str, list[str]] = {}
    for group in failing[:_SHOWN_GROUPS]:
        by_detail.setdefault(_group_detail(requirement, group), []).append(str(group.value))
    parts = [f"{'、'.join(names)}：{detail}" for detail, names in by_detail.items()]
    more = (
        f"；另有 {len(failing) - _SHOWN_GROUPS} 个{per}未达标"
        if len(failing) > _SHOWN_GROUPS
        else ""
    )
    met = len(groups) - len(failing)
    return f"{requirement.name}：{len(groups)}个{per}中{met}个达标；{'；'.join(parts)}{more}"


def first_few(items: Sequence[str], shown: int = 3) -> str:
    """“a、b、c等”: the first few of a list a sentence names, and 等 for the rest."""
    return "、".join(items[:shown]) + ("等" if len(items) > shown else "")


def unreadable_note(
    files: Sequence[str], reason_of: Callable[[str], str | None] | None = None
) -> str:
    """“另有 2 个文件无法提取文本，未计入：a.pdf（扫描件，没有文字层）、b.doc（文件已加密）”:
    each file with the reason its text could not be read, so the fix is clear."""
    shown = []
    for name in files[:3]:
        reason = reason_of(name) if reason_of else None
        shown.append(f"{name}（{reason}）" if reason else name)
    return f"另有 {len(files)} 个文件无法提取文本，未计入：{first_few([*shown, *files[3:]])}"


def left_out_note(sources: Sequence[Source]) -> str:
    """“另有 2 条记录有错误、未能计入（a.yaml:3、台账.xlsx:5），修正后可能提高得分”."""
    places = first_few([source.cited for source in sources])
    return f"另有 {len(sources)} 条记录有错误、未能计入（{places}），修正后可能提高得分"
