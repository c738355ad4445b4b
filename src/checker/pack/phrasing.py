"""Words for the drafts as an office writes them in a 说明: what was done named after the
requirement (开展道德讲堂活动, not the evidence type), dates with runs of days collapsed
(1月10日至17日每日开展), periods as 第1、2、4季度 and 1—6月, never a tool's counter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from checker.engine.periods import CALENDARS, bounds, spoken

# Period words a requirement's name opens with: the draft says the period elsewhere.
_PERIOD_WORDS = re.compile(r"^(?:每[年月周季度]+|年度|季度|月度|定期|附有记录的|有记录的)+")
# Actions a requirement's name may end with (宣传阵地更新): said before their object.
_ACTIONS = ("更新", "报送", "走访", "评选", "考核", "公开", "培训", "签署")
# Names that already open with a verb (开展…, 组织…, 召开…) need none added.
_VERBS = ("开展", "组织", "召开", "制定", "印发", "建立", "成立", "设置", "报送", "形成", "签署")
ASCII_SPACE_NUMBER = re.compile(r"(?<=[^\x00-\x7f]) +(?=[\d.%]+)|(?<=[\d%]) +(?=[^\x00-\x7f])")


def tidy(text: str) -> str:
    """No ASCII spaces between Chinese and numbers (有 2 次 → 有2次)."""
    return ASCII_SPACE_NUMBER.sub("", text)


def action(name: str, verb: str) -> str:
    """The requirement's name as what was done: 宣传阵地更新 → 更新宣传阵地, 每月集中学习 →
    组织集中学习 (with ``verb``, the type's verb), 开展诚信教育 kept."""
    name = _PERIOD_WORDS.sub("", name.strip()).removesuffix("记录").strip("，。 ")
    for word in _ACTIONS:
        if name.endswith(word) and len(name) > len(word):
            return word + name[: -len(word)]
    if name.startswith(_VERBS) or not name:
        return name
    return verb + name


def _runs(days: Sequence[dt.date]) -> list[tuple[dt.date, dt.date]]:
    runs: list[tuple[dt.date, dt.date]] = []
    for d in sorted(set(days)):
        if runs and (d - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], d)
        else:
            runs.append((d, d))
    return runs


def _day(d: dt.date, year: bool) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if year else f"{d.month}月{d.day}日"


def dates(days: Sequence[dt.date], shown: int) -> str:
    """3月8日、6月15日; a run of three days or more as 1月10日至17日每日开展; at most ``shown``
    entries, then “等”."""
    runs = _runs(days)
    year = len({d.year for d in days}) > 1
    words = []
    for first, last in runs:
        if (last - first).days >= 2:
            end = f"{last.day}日" if (last.year, last.month) == (first.year, first.month) else ""
            end = end or _day(last, year and last.year != first.year).removeprefix(
                f"{first.year}年"
            )
            words.append(f"{_day(first, year)}至{end}每日开展")
        else:
            words.extend(_day(d, year) for d in sorted({first, last}))
    if shown <= 0:
        return ""
    text = "、".join(words[:shown])
    return text + "等" if len(words) > shown else text


def _numbers(values: Iterable[int]) -> list[str]:
    """1, 2, 3, 5 → ["1—3", "5"]."""
    out: list[list[int]] = []
    for value in sorted(set(values)):
        if out and value == out[-1][-1] + 1:
            out[-1].append(value)
        else:
            out.append([value])
    return [f"{r[0]}—{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in out]


def periods(labels: Sequence[str]) -> str:
    """2022-Q1, 2022-Q2, 2022-Q4 → 2022年第1、2、4季度; 2022-01…2022-06 → 2022年1—6月;
    other labels as people say them, joined."""
    found = [bounds(label) for label in labels]
    kinds = {f[0] for f in found if f}
    years = {f[1].year for f in found if f}
    if None in found or len(kinds) != 1 or len(years) != 1 or kinds & {"week", "cycle", "year"}:
        return "、".join(spoken(label) for label in labels)
    kind, year = kinds.pop(), years.pop()
    if kind == "quarter":
        return f"{year}年第{'、'.join(_numbers((f[1].month + 2) // 3 for f in found if f))}季度"
    return f"{year}年{'、'.join(_numbers(f[1].month for f in found if f))}月"


def label_of(kind: str, day: dt.date) -> str:
    """The machine label of the period of ``kind`` holding ``day``."""
    return CALENDARS[kind](day)[2] if kind in CALENDARS else ""


def by_period(kind: str, days: Sequence[dt.date], missing: Sequence[str], done: str) -> str:
    """2022年第1、2、4季度各开展道德讲堂活动1次 — what a period requirement's records show,
    period by period, in place of “4个季度中3个季度有记录” (the missing periods are the gap's)."""
    counts: dict[str, int] = {}
    for d in days:
        label = label_of(kind, d)
        if label and label not in missing:
            counts[label] = counts.get(label, 0) + 1
    groups: dict[int, list[str]] = {}
    for label, count in sorted(counts.items()):
        groups.setdefault(count, []).append(label)
    parts: list[str] = []
    for count, labels in sorted(groups.items(), key=lambda kv: kv[1][0]):
        when = periods(labels)
        if parts and re.match(r"\d{4}年", when) and parts[0].startswith(when[:5]):
            when = when[5:]  # the year once: 2022年第1季度…，第2、4季度…
        each = "各" if len(labels) > 1 else ""
        parts.append(f"{when}{each}{done}{count}次" if not parts else f"{when}{each}{count}次")
    return "，".join(parts)
