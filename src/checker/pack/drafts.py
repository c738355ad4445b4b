"""The draft 说明 of one item: what the records show, in 公文 style, at most 500 characters.

The online review takes a 说明 of at most 500 characters per indicator. The draft says only what
the counted records show (what, how often, when, how many people) and, for a gap, what was not
done and from when it will be kept up, in the wording the rectification list uses: truthfully,
without back-filling (CRITERIA principle 7). Lists are shortened (“……”) to fit, never a sentence
cut in the middle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from checker.engine.signals import day
from checker.evidence.model import PHOTO_ENDINGS, Record
from checker.pack import veto
from checker.pack.findings import flagged_files, read_findings
from checker.report.rectify import VETO_MEASURE, past_measure, rectification

LIMIT = 500
_VERBS = {
    "文件": "印发",
    "方案": "制定",
    "制度": "制定",
    "要点": "制定",
    "总结": "形成",
    "会议": "召开",
    "学习": "组织",
    "信息报送": "报送",
    "宣传阵地": "设置、更新",
    "照片": "留存",
    "链接": "发布",
    "声明": "签署",
}
# what a type is called after its verb, where the type's own name would repeat the verb
_NOUNS = {"信息报送": "创建信息", "网格": "网格包保工作", "帮扶": "结对帮扶走访"}
_DOCUMENTS = frozenset({"文件", "方案", "制度", "要点", "总结", "声明"})
_ROSTERS = frozenset({"名册"})
_TITLE_LIMIT = 60


def characters(text: str) -> int:
    """Characters as the online form counts them: line breaks do not count."""
    return len(text.replace("\r", "").replace("\n", ""))


def _clip(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= _TITLE_LIMIT else title[: _TITLE_LIMIT - 2] + "……"


def _when(dates: Sequence[dt.date], shown: int) -> str:
    """3月8日、6月15日…… (the year left out when all share it)."""
    dates = sorted(set(dates))  # a day with several records is named once
    one_year = len({d.year for d in dates}) == 1
    words = [f"{d.month}月{d.day}日" if one_year else day(d) for d in dates]
    if len(words) > shown:
        return "、".join(words[:shown]) + "……" if shown else ""
    return "、".join(words)


def _figures(records: Sequence[Record], flagged: frozenset[str]) -> str:
    """People and photos; a photo an integrity finding names is not counted as evidence."""
    people = [r.number("participants") for r in records]
    photos = sum(
        1
        for r in records
        for f in r.files
        if f.lower().endswith(PHOTO_ENDINGS) and f not in flagged
    )
    parts = []
    if any(p is not None for p in people):
        total = sum(p for p in people if p is not None)
        parts.append(f"参与{total:g}人次")
    if photos:
        parts.append(f"留存照片{photos}张")
    return "，".join(parts)


def _group(kind: str, records: Sequence[Record], shown: int, flagged: frozenset[str]) -> str:
    """One sentence part for the records of one type."""
    verb = _VERBS.get(kind, "开展")
    dated = sorted(r.start for r in records if r.start is not None)
    if kind in _ROSTERS:
        return f"建立{kind}，登记{len(records)}条"
    if len(records) == 1 and records[0].title:
        record = records[0]
        inner = _clip(record.title).replace("“", "‘").replace("”", "’")
        title = f"《{_clip(record.title)}》" if kind in _DOCUMENTS else f"“{inner}”"
        text = f"{day(record.start) if record.start else ''}{verb}{title}"
    else:
        years = sorted({d.year for d in dated})
        period = (
            f"{years[0]}年" if len(years) == 1 else f"{years[0]}—{years[-1]}年" if years else ""
        )
        listed = _when(dated, shown)
        noun = _NOUNS.get(kind, kind)
        text = f"{period}共{verb}{noun}{len(records)}次" + (f"（{listed}）" if listed else "")
    figures = _figures(records, flagged)
    return f"{text}，{figures}" if figures else text


def _done(records: Sequence[Record], shown: int, groups: int, flagged: frozenset[str]) -> str:
    by_kind: dict[str, list[Record]] = {}
    for record in records:
        if record.source.file not in flagged:  # a document under a finding is not evidence
            by_kind.setdefault(record.type or "材料", []).append(record)
    chosen = list(by_kind.items())[:groups]
    parts = [_group(kind, found, shown, flagged) for kind, found in chosen]
    if len(by_kind) > groups:
        parts.append("另有其他材料")
    return "；".join(parts) + "。" if parts else ""


def _gap(result: Mapping[str, Any], data: Mapping[str, Any]) -> list[str]:
    """The sentences for what is missing and from when it will be done."""
    status = result["status"]
    if status == "manual":
        method = result.get("method") or ""
        kind = f"{method}项目" if method and method != "材料审核" else "现场核验项目"
        return [f"本项为{kind}，由测评组现场评定。"]
    if status in ("not_applicable", "waived"):
        return [f"本项{result['label']}：{result['note']}。" if result["note"] else ""]
    if status == "error":
        return ["本项部分材料有误，正在核对更正，更正后重新自查。"]
    if status == "pass":
        return []
    gaps = [gap.rstrip("。；") for gap in result["gaps"]] or ["本项材料尚不完整"]
    sentences = [f"存在不足：{'；'.join(gaps)}。"]
    fix = rectification(dict(result), dict(data))
    if fix["kind"] == "veto":
        sentences.append(f"对此{VETO_MEASURE}。")
    elif fix["since"]:
        sentences.append(f"对此{past_measure(fix['since'])}。")
    else:
        sentences.append("对此如实说明原因，不补做、不倒签，自即日起按要求开展并同步留存资料。")
    return sentences


def _fit(parts: Sequence[str], last: Sequence[str]) -> str:
    """The parts in order while they fit, and the closing sentences (the gap and its measure)
    always; a gap sentence too long by itself ends at a clause with “等”."""
    closing = [_shorten(s, LIMIT // 2) for s in last if s]
    room = LIMIT - sum(map(characters, closing))
    kept = []
    for part in parts:
        if characters(part) <= room:
            kept.append(part)
            room -= characters(part)
    return "".join([*kept, *closing])


def _shorten(sentence: str, limit: int) -> str:
    if characters(sentence) <= limit:
        return sentence
    cut = max(sentence.rfind(mark, 0, limit - 2) for mark in "，；、")
    return sentence[: cut if cut > 0 else limit - 2] + "等。"


def _flagged_note(records: Sequence[Record], flagged: frozenset[str]) -> str:
    named = {f for r in records for f in (r.source.file, *r.files) if f in flagged}
    if not named:
        return ""
    photos = sum(1 for f in named if f.lower().endswith(PHOTO_ENDINGS))
    what = f"照片{photos}张" if photos == len(named) else f"材料{len(named)}份"
    return f"另有{what}需要核实，未计入。"


def draft(result: Mapping[str, Any], records: Sequence[Record], data: Mapping[str, Any]) -> str:
    """The 说明 of one item, at most ``LIMIT`` characters."""
    flagged = flagged_files(read_findings(data))
    lead: list[str] = []
    closing = _gap(result, data)
    if result["veto"]:
        opinions, commitments, records = veto.split(records)
        lead = [veto.opinion_sentence(opinions)]
        if commitments:
            lead.append(_done(commitments, 2, 1, flagged))
        closing.append(veto.closing(result, data, bool(opinions or commitments)))
    closing.insert(0, _flagged_note(records, flagged))
    attempts: list[Callable[[], str]] = [
        lambda: _done(records, 8, 6, flagged),
        lambda: _done(records, 4, 4, flagged),
        lambda: _done(records, 2, 2, flagged),
        lambda: _done(records, 0, 1, flagged),
    ]
    text = ""
    for attempt in attempts:
        text = _fit([*lead, attempt()], closing)
        if characters(text) <= LIMIT and (attempt() in text or not records):
            break
    return text or "评估期内未见本项工作记录。"
