"""The draft 说明 of one item: what the records show, in 公文 style, at most 500 characters.

The online review takes a 说明 of at most 500 characters per indicator. The draft says only what
the counted records show (what, how often, when, how many people) and, for a gap, what was not
done and from when it will be kept up, in the wording the rectification list uses: truthfully,
without back-filling (CRITERIA principle 7). Lists are shortened (“……”) to fit, never a sentence
cut in the middle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from checker.engine.signals import day
from checker.evidence.model import PHOTO_ENDINGS, Record, Source
from checker.pack import veto
from checker.pack.findings import flagged_files, read_findings
from checker.pack.gaps import gap_sentences
from checker.pack.layout import addresses
from checker.pack.phrasing import action, by_period, dates, tidy
from checker.rules.models import Rule

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
_DENSE = 60  # more days than this are daily work, said as a span


def characters(text: str) -> int:
    """Characters as the online form counts them: line breaks do not count."""
    return len(text.replace("\r", "").replace("\n", ""))


def _clip(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= _TITLE_LIMIT else title[: _TITLE_LIMIT - 2] + "……"


def _kind(record: Record, name: str) -> str:
    """What a file of a record is: a screenshot of a 链接, a scanned 签到表, a photo."""
    if record.type == "链接":
        return "截图"
    return "签到表" if "签到" in name.rsplit("/", 1)[-1] else "照片"


def _figures(records: Sequence[Record], flagged: frozenset[str]) -> str:
    """People, photos, sign-in sheets and screenshots; a file an integrity finding names is
    not counted as evidence."""
    people = [r.number("participants") for r in records]
    files = {"照片": 0, "签到表": 0, "截图": 0}
    for record in records:
        for f in record.files:
            if f.lower().endswith(PHOTO_ENDINGS) and f not in flagged:
                files[_kind(record, f)] += 1
    parts = []
    if any(p is not None for p in people):
        parts.append(f"参与{sum(p for p in people if p is not None):g}人次")
    if files["照片"]:
        parts.append(f"留存照片{files['照片']}张")
    if files["签到表"]:
        parts.append(f"签到表{files['签到表']}份")
    if files["截图"]:
        found = [a for r in records for a in addresses(r)][:1]
        where = f"（网址{found[0]}）" if found else ""
        parts.append(f"网页截图{files['截图']}张{where}")
    return "，".join(parts)


def _name(requirement: Mapping[str, Any]) -> str:
    return str(requirement["name"]).removesuffix("记录")


def _roster(requirement: Mapping[str, Any], records: Sequence[Record], per: str, title: str) -> str:
    """22个网格均明确了网格员 (a requirement per group), else 花名册登记30人."""
    groups = requirement.get("groups") or []
    if groups and per and all(g["met"] for g in groups):
        have = re.search(r"都有(?:明确的)?(.+)$", title)
        said = f"均明确了{have.group(1)}" if have else f"均已列入{_name(requirement)}"
        return f"{len(groups)}个{per}{said}"
    return f"{_name(requirement)}登记{len(records)}人"


def _done_words(requirement: Mapping[str, Any] | None, kind: str, verb: str) -> str:
    """开展道德讲堂活动: the requirement's own words, or the type's where they say too little."""
    fallback = verb + _NOUNS.get(kind, kind)
    if requirement is None:
        return fallback
    words = action(str(requirement["name"]), verb)
    if len(words) - len(verb) < 4 and words[:2] == verb:  # 开展入网格 says too little
        return fallback
    return words


def _many(
    requirement: Mapping[str, Any] | None, kind: str, records: Sequence[Record], shown: int
) -> str:
    """2022年共开展道德讲堂活动4次（…）, or period by period where some period was missed."""
    done = _done_words(requirement, kind, _VERBS.get(kind, "开展"))
    dated = sorted(r.start for r in records if r.start is not None)
    if requirement is not None and requirement["period"] in ("month", "quarter"):
        missing = list(requirement.get("missing_periods") or [])
        if missing and dated:  # the missing periods are the gap's to say
            return by_period(requirement["period"], dated, missing, done)
    years = sorted({d.year for d in dated})
    period = f"{years[0]}年" if len(years) == 1 else f"{years[0]}—{years[-1]}年" if years else ""
    if len(set(dated)) > _DENSE:  # daily work: the span, not a list of runs
        span = f"{dated[0].month}月{dated[0].day}日至{dated[-1].month}月{dated[-1].day}日"
        return (
            f"{period}{span}，共{done}{len(records)}次"
            if len(years) == 1
            else (f"{period}共{done}{len(records)}次")
        )
    listed = dates(dated, shown)
    return f"{period}共{done}{len(records)}次" + (f"（{listed}）" if listed else "")


def _group(
    requirement: Mapping[str, Any] | None,
    kind: str,
    records: Sequence[Record],
    shown: int,
    context: tuple[frozenset[str], str, str],
) -> str:
    """One sentence part for the records of one requirement (or of one type, for records no
    requirement names)."""
    flagged, per, title = context
    if requirement is not None and kind in _ROSTERS:
        return _roster(requirement, records, per, title)
    if len(records) == 1 and records[0].title:
        record = records[0]
        inner = _clip(record.title).replace("“", "‘").replace("”", "’")
        named = f"《{_clip(record.title)}》" if kind in _DOCUMENTS else f"“{inner}”"
        when = day(record.start) if record.start else ""
        text = f"{when}{_VERBS.get(kind, '开展')}{named}"
    else:
        text = _many(requirement, kind, records, shown)
    figures = _figures(records, flagged)
    return f"{text}，{figures}" if figures else text


Part = tuple[Mapping[str, Any] | None, str, list[Record]]


def _by_requirement(result: Mapping[str, Any], records: Sequence[Record]) -> list[Part]:
    """The counted records under the requirement that first cites them; the rest by type."""
    where = {r.source: r for r in records}
    taken: set[Source] = set()
    parts: list[Part] = []
    for requirement in result.get("requirements") or []:
        cited = [
            Source(e["file"], int(e.get("line") or 0), str(e.get("sheet") or ""))
            for e in requirement.get("evidence") or []
        ]
        found = [where[s] for s in dict.fromkeys(cited) if s in where and s not in taken]
        taken.update(r.source for r in found)
        by_kind: dict[str, list[Record]] = {}
        for record in found:
            by_kind.setdefault(record.type or "材料", []).append(record)
        # records of several types under one requirement: each named after its type
        named = requirement if len(by_kind) == 1 else None
        parts.extend((named, kind, rows) for kind, rows in by_kind.items())
    rest: dict[str, list[Record]] = {}
    for record in records:
        if record.source not in taken:
            rest.setdefault(record.type or "材料", []).append(record)
    parts.extend((None, kind, rows) for kind, rows in rest.items())
    return parts


def _done(
    result: Mapping[str, Any],
    records: Sequence[Record],
    limits: tuple[int, int],
    context: tuple[frozenset[str], str, str],
) -> str:
    shown, groups = limits
    kept = [r for r in records if r.source.file not in context[0]]  # a document under a finding
    chosen = _by_requirement(result, kept)
    parts = [_group(req, kind, found, shown, context) for req, kind, found in chosen[:groups]]
    if len(chosen) > groups:
        parts.append("另有其他材料")
    return "；".join(parts) + "。" if parts else ""


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


def draft(
    result: Mapping[str, Any],
    records: Sequence[Record],
    data: Mapping[str, Any],
    rule: Rule | None = None,
) -> str:
    """The 说明 of one item, at most ``LIMIT`` characters; ``rule`` lends its groups' name
    (网格, 帮扶户) to a roster's sentence."""
    flagged = flagged_files(read_findings(data))
    per = next((r.per for r in rule.requires if r.per), "") if rule else ""
    context = (flagged, per or "", str(result.get("title") or ""))
    kinds = [r.type for r in records if r.type]
    verb = _VERBS.get(kinds[0], "开展") if kinds else "开展"
    lead: list[str] = []
    closing = gap_sentences(result, data, verb)
    if result["veto"]:
        opinions, commitments, records = veto.split(records)
        lead = [veto.opinion_sentence(opinions)]
        if commitments:
            lead.append(_done({}, commitments, (2, 1), context))
        closing.append(veto.closing(result, data, bool(opinions or commitments)))
    closing.insert(0, _flagged_note(records, flagged))
    attempts: list[Callable[[], str]] = [
        lambda: _done(result, records, (8, 6), context),
        lambda: _done(result, records, (4, 4), context),
        lambda: _done(result, records, (2, 2), context),
        lambda: _done(result, records, (0, 1), context),
    ]
    text = ""
    for attempt in attempts:
        text = _fit([*lead, attempt()], closing)
        if characters(text) <= LIMIT and (attempt() in text or not records):
            break
    return tidy(text) or "评估期内未见本项工作记录。"
