"""Honest rectification (CRITERIA principle 7): what of a gap can be closed now, and what lies in
a period that is over, or what a problem in the evidence kept out.

Inspectors treat back-filled records as 弄虚作假, itself a veto, so a report must never ask to
补齐 a missing month. A gap is *closable now* when what is missing can honestly be done today: a
roster, a registration, a document that can be issued now, the period in progress, a
cycle-long requirement while the cycle runs. It gets a deadline: the as-of date plus the rule
set's ``rectification_days``, and no later than the end of the period in progress (an activity
for December held in January would be back-dated). A gap in a period that is *over* gets no
deadline: the unit explains it truthfully and keeps to the schedule from the next period on,
for good (长期坚持); a plan or work points for the coming period (计划, 方案, 要点) can still be
issued now. A veto item gets no deadline either: it is reported to the 文明办 as it is. A failing
item some of whose records a problem kept out (``left_out``) is first corrected and judged again
(``correct``): it may not be missing at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from checker.engine.periods import bounds, starting
from checker.engine.signals import written

ONE_DAY = dt.timedelta(days=1)
LONG_TERM = "长期坚持"
NO_DEADLINE = "不设时限"
VETO_MEASURE = "如实报告文明办，说明情况和处理结果，不隐瞒、不变造材料"
CORRECT_MEASURE = (
    "核对并更正有误、未能计入的记录，更正后重新自查；确未开展的，如实说明原因，不补做、不倒签"
)
# A plan or work points for the coming period can be issued today, though the past one cannot
FORWARD = ("计划", "方案", "要点")


def past_measure(since: str) -> str:
    """The measure for a period that is over, with the period from which the work is kept up."""
    return f"如实说明原因，不补做、不倒签，自{since}起按期开展并同步留存资料"


def _split(
    requirement: dict[str, Any], as_of: dt.date, cycle_over: bool
) -> tuple[bool, bool, dt.date | None]:
    """(something can be done now, some period is over, the last day of the open period) for
    one unmet requirement."""
    labels = list(requirement.get("missing_periods") or [])
    for group in requirement.get("groups") or []:
        if not group["met"]:
            labels.extend(group.get("missing_periods") or [])
    forward = any(word in requirement.get("name", "") for word in FORWARD)
    if requirement["period"] == "cycle" or not labels:
        # a cycle-long requirement (or a roster, a ratio) is open while the cycle runs
        return not cycle_over, cycle_over, None
    now, past, closes = False, False, None
    for label in labels:
        found = bounds(label)
        if found is None or found[2] > as_of:  # the period in progress: it can still be met
            now = True
            closes = found[2] if found else None
        else:
            past = True
    return now or (past and forward), past, closes


def rectification(result: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """How one failing result is put right: ``kind`` (now, past, both, veto), ``deadline``
    (ISO date or None), ``deadline_text`` as the 完成时限 column prints it, ``since`` (the
    period from which a recurring item is kept up, as people write it, or None) and
    ``measure`` (the sentence for the 整改措施 column, before the rule's own guidance)."""
    guidance = result["guidance"]
    if result["veto"] and result["status"] == "fail":
        measure = VETO_MEASURE + (f"；{guidance}" if guidance else "")
        return _entry("veto", None, NO_DEADLINE, None, measure)
    as_of = dt.date.fromisoformat(data["as_of"])
    cycle_over = dt.date.fromisoformat(data["window"]["end"]) < as_of
    now, past, closes = result["status"] == "error", False, None
    kinds = []
    for requirement in result["requirements"]:
        if requirement["met"]:
            continue
        can, over, ends = _split(requirement, as_of, cycle_over)
        now, past = now or can, past or over
        closes = min(filter(None, (closes, ends)), default=None)
        if over:
            kinds.append(requirement["period"])
    if not (now or past):  # a result without a requirement to name (not judged): do it now
        now = True
    if result.get("left_out"):  # records kept out by a problem: correct them before judging
        measure = "；".join(part.rstrip("。") for part in (CORRECT_MEASURE, guidance) if part)
        deadline = _deadline(data, closes)
        return _entry("correct", deadline, written(deadline) or "立即", None, measure + "。")
    deadline = _deadline(data, closes) if now else None
    since = _since(kinds, as_of) if past else None
    parts = [past_measure(since)] if since else []
    if guidance:
        parts.append(guidance)
    if not parts:  # a rule without guidance still gets a measure, never an empty "整改：。"
        parts.append(f"对照“{result['title']}”的测评要求逐项整改")
    text = written(deadline)
    if past:
        text = f"{text}；此后{LONG_TERM}" if text else LONG_TERM
    kind = "both" if now and past else "now" if now else "past"
    return _entry(kind, deadline, text, since, "。".join(p.rstrip("。") for p in parts) + "。")


def _entry(
    kind: str, deadline: str | None, text: str, since: str | None, measure: str
) -> dict[str, Any]:
    return {
        "kind": kind,
        "deadline": deadline,
        "deadline_text": text,
        "since": since,
        "measure": measure,
    }


def _deadline(data: dict[str, Any], closes: dt.date | None) -> str | None:
    """The report's deadline, but no later than the last day of the period still open."""
    deadline = data.get("deadline")
    if deadline is None:
        return closes.isoformat() if closes else None
    if closes is not None and closes < dt.date.fromisoformat(deadline):
        return closes.isoformat()
    return str(deadline)


def _since(kinds: list[str], as_of: dt.date) -> str:
    """The first period not over on the as-of date (the one after it when it ends that day),
    of the finest kind missed: 自2023年1月起, 自2023年第1季度起."""
    order = ["week", "month", "quarter", "year"]
    finest = min((k for k in kinds if k in order), key=order.index, default="")
    if not finest:  # a cycle that is over: from the next cycle
        return starting("year", as_of + ONE_DAY)
    return starting(finest, as_of + ONE_DAY)


def with_rectification(data: dict[str, Any]) -> dict[str, Any]:
    """The result with each failing rule's ``rectification`` added, for every format."""
    if "results" not in data:
        return data
    results = []
    for result in data["results"]:
        if result.get("status") in ("fail", "partial", "error") and "rectification" not in result:
            result = dict(result, rectification=rectification(result, data))
        results.append(result)
    return dict(data, results=results)
