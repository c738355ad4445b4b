"""What shows that a veto item is clear: the 部门意见 and the unit's 承诺书.

A veto requirement counts only the bad records (an objection, an incident), so a veto item that
passes cites nothing. Yet the letters saying 无异议 and the signed commitment are exactly what
the inspectors want to see for it. This module picks them: the records of the types the item's
requirements read (an incident type excepted: an incident on record is a finding, cited already)
that concern the item's matters, within its look-back, and the commitments (声明 with 承诺).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from checker.engine.window import months_before
from checker.evidence.model import Record
from checker.pack.findings import open_questions, read_findings
from checker.rules.models import Rule, lookback_months

OPINION = "部门意见"
COMMITMENT = "声明"
_INCIDENT = "事件"
_COMMITMENT_WORD = "承诺"


def _words(record: Record) -> str:
    parts: list[str] = [record.title, record.text]
    for value in record.fields.values():
        parts.extend(str(v) for v in (value if isinstance(value, list | tuple) else [value]))
    return " ".join(parts)


def _opinion_matters(rule: Rule) -> list[str] | None:
    """The keywords naming the item's matters in its 部门意见 requirements; None when the item
    reads no 部门意见, [] when it reads them all."""
    read = [r for r in rule.requires if OPINION in r.type]
    if not read:
        return None
    if any(not r.keywords for r in read):
        return []
    return sorted({word for r in read for word in r.keywords})


def _since(rule: Rule, window: Mapping[str, str]) -> dt.date:
    end = dt.date.fromisoformat(window["end"])
    months = lookback_months(rule.lookback) if rule.lookback else None
    if months is None:
        return dt.date.fromisoformat(window["start"])
    return months_before(end, months) + dt.timedelta(days=1)


def _within(record: Record, start: dt.date, end: dt.date) -> bool:
    return record.start is not None and start <= record.start <= end


def clearance(
    rules: Iterable[Rule], data: Mapping[str, Any], records: Sequence[Record]
) -> dict[str, list[Record]]:
    """Per veto item, the opinions on its matters and the commitments in its look-back.

    An opinion naming none of any veto item's matters (a letter covering all of them) goes to
    every item that reads opinions."""
    vetoes = [rule for rule in rules if rule.veto]
    matters = {rule.id: _opinion_matters(rule) for rule in vetoes}
    every_word = [word for words in matters.values() for word in words or []]
    opinions = [r for r in records if r.type == OPINION]
    general = [r for r in opinions if not any(w in _words(r) for w in every_word)]
    commitments = [
        r for r in records if r.type == COMMITMENT and _COMMITMENT_WORD in (r.title + r.text)
    ]
    end = dt.date.fromisoformat(data["window"]["end"])
    found: dict[str, list[Record]] = {}
    for rule in vetoes:
        words = matters[rule.id]
        start = _since(rule, data["window"])
        chosen: list[Record] = []
        if words is not None:
            chosen = [r for r in opinions if not words or any(w in _words(r) for w in words)]
            chosen += [r for r in general if r not in chosen]
        other = {t for r in rule.requires for t in r.type} - {OPINION, _INCIDENT, COMMITMENT}
        chosen += [r for r in records if r.type in other]
        chosen += commitments
        found[rule.id] = [r for r in chosen if _within(r, start, end)]
    return found


def _departments(opinions: Sequence[Record]) -> str:
    names = list(dict.fromkeys(str(r.fields.get("部门") or "").strip() for r in opinions))
    names = [name for name in names if name]
    if not names:
        return f"{len(opinions)}份部门意见"
    shown = "、".join(names[:3])
    return f"{shown}等{len(names)}个部门意见" if len(names) > 3 else f"{shown}意见"


def opinion_sentence(opinions: Sequence[Record]) -> str:
    """经征求纪委监委、政法委等6个部门意见，均无异议 — or what they do say."""
    if not opinions:
        return ""
    said = [str(r.fields.get("意见") or "") for r in opinions]
    clear = sum(1 for text in said if "无异议" in text or "没有异议" in text)
    objections = sum(1 for text in said if "有异议" in text and "无" not in text)
    asked = f"经征求{_departments(opinions)}"
    if clear == len(opinions):
        return f"{asked}，{'均' if len(opinions) > 1 else ''}无异议。"
    if objections:
        return f"{asked}，其中{objections}份意见有异议。"
    return f"{asked}，回函{len(opinions)}份，已归档备查。"


def split(records: Sequence[Record]) -> tuple[list[Record], list[Record], list[Record]]:
    """The opinions, the commitments and the rest of a veto item's records."""
    opinions = [r for r in records if r.type == OPINION]
    commitments = [r for r in records if r.type == COMMITMENT]
    rest = [r for r in records if r.type not in (OPINION, COMMITMENT)]
    return opinions, commitments, rest


def is_truthfulness(result: Mapping[str, Any]) -> bool:
    """The item on the truthfulness of the materials (弄虚作假), which open integrity findings
    concern."""
    words = f"{result.get('title', '')}{result.get('clause', '')}"
    return "弄虚作假" in words or "材料真实" in words


def closing(result: Mapping[str, Any], data: Mapping[str, Any], backed: bool) -> str:
    """The last sentence of a veto item that is not failed: never “未发现” unsupported, nor for
    the truthfulness item while integrity findings are open."""
    open_findings = open_questions(read_findings(data))
    if is_truthfulness(result) and open_findings:
        return f"经自查发现{open_findings}处需要核实的情况，正在逐项核实。"
    if result["status"] != "pass":
        return ""
    if backed:
        return "经自查，评估期内未发现本项所列情形。"
    return "评估期内未见部门意见和年度承诺材料，本项尚无书面佐证。"
