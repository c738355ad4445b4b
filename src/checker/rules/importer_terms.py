"""What a translated piece of a 评分标准 leaves over, and which event records a ban means.

A piece can hold more than its threshold: “建立学习制度，每月集中学习不少于1次” asks for a 制度
besides the monthly 学习. Each comma-separated clause that is neither the threshold, nor a
deduction, nor the subject of the requirement (“开展道德讲堂活动”) is quoted for a person."""

from __future__ import annotations

import re
from typing import Any

from checker.rules.importer_words import (
    _SATISFACTION,
    _VETO,
    STAFF_WORDS,
    TYPE_CUES,
    VETO_TOPICS,
    _deduction,
    _share,
    _threshold,
    normalize,
)

# Types whose cue names a document to make (建立制度, 制定方案): beside another type's
# frequency, such a cue is a second demand, not the subject.
_DOCUMENT_TYPES = frozenset({"制度", "方案", "总结", "文件", "要点", "名册", "声明"})
# Clauses that only bound the points already deducted.
_BOUND = re.compile(r"^(?:扣完为止|扣满为止|扣完即止|扣完本项分值为止|得满分|满分)$")
# Words that make an event serious: a ban on 重大安全事故 is not one on every 事故.
_SERIOUS = ("特别重大", "重特大", "重大", "较大", "严重")
_CLAUSE = re.compile(r"[，,]")


def leftover_clauses(
    piece: str, types: str | list[str], known: set[str]
) -> tuple[list[str], list[str]]:
    """The clauses of ``piece`` that the requirement of ``types`` made of it does not say (as
    the table writes them), and those it does (normalized)."""
    wanted = {types} if isinstance(types, str) else set(types)
    left, kept = [], []
    for clause in (c.strip(" 　") for c in _CLAUSE.split(piece)):
        plain = normalize(clause)
        if not plain or _BOUND.match(plain):
            continue
        if _said(plain) or _subject(plain, wanted, known):
            kept.append(plain)
        else:
            left.append(clause)
    return left, kept


def _said(clause: str) -> bool:
    return (
        _threshold(clause) is not None
        or _deduction(clause) is not None
        or bool(_VETO.search(clause) or _SATISFACTION.search(clause))
    )


def _subject(clause: str, wanted: set[str], known: set[str]) -> bool:
    """Whether a clause only names what the requirement counts (开展道德讲堂活动)."""
    kinds = {kind for cue, kind in TYPE_CUES if cue in clause and kind in known}
    return bool(kinds & wanted) and not (kinds - wanted) & _DOCUMENT_TYPES


def event_terms(text: str) -> dict[str, Any]:
    """Which event records a ban or veto means: the topics the text names, in its order
    (违纪、违法), or a pattern keeping the word that makes them serious (重大.*事故)."""
    topics = sorted((t for t in VETO_TOPICS if t in text), key=text.find)
    if not topics:
        return {}
    first = min(text.find(topic) for topic in topics)
    serious = [word for word in _SERIOUS if 0 <= text.find(word) < first]
    if not serious:
        return {"keywords": topics}
    word = max(serious, key=len)  # 特别重大 over 重大
    what = topics[0] if len(topics) == 1 else f"(?:{'|'.join(topics)})"
    return {"pattern": [f"{word}.*{what}"]}


def share_note(piece: str) -> list[str]:
    """Why a share of the staff other than a roster is left to a person."""
    share = _share(piece)
    if share is None or share["of"] != "staff" or not any(w in piece for w in STAFF_WORDS):
        return []
    return [
        "按职工人数的比例计算，须有逐人登记的名册；活动记录不写明参加的人数，"
        "比例留给测评人员按原文核对"
    ]
