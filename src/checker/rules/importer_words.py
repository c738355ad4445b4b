"""Translating a 评分标准 into requirements: what the words ask, and nothing they do not.

Only fixed phrasings are read — a frequency (每季度至少1次), a count over the cycle
(累计不少于10次), a share of the staff (不低于职工总数的30%), a deduction (少1次扣0.5分),
a ban (不得有), 一票否决, a satisfaction rate (满意度90%以上, left to the
questionnaire). A piece of text that says none of these is kept for a person, never guessed
at."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from checker.numerals import chinese_integer

# Cue words in the item's text → the evidence type they mean (docs/import.md lists them).
# The earliest cue in the text wins; at the same place, the longest.
TYPE_CUES: tuple[tuple[str, str], ...] = (
    ("道德讲堂", "讲堂"),
    ("讲堂", "讲堂"),
    ("注册志愿者", "名册"),
    ("志愿者注册", "名册"),
    ("花名册", "名册"),
    ("名册", "名册"),
    ("志愿服务", "志愿服务"),
    ("志愿活动", "志愿服务"),
    ("中心组学习", "学习"),
    ("集中学习", "学习"),
    ("理论学习", "学习"),
    ("学习", "学习"),
    ("专题会议", "会议"),
    ("党组会", "会议"),
    ("党委会", "会议"),
    ("会议", "会议"),
    ("专题研究", "会议"),
    ("领导小组", "文件"),
    ("实施方案", "方案"),
    ("工作方案", "方案"),
    ("方案", "方案"),
    ("计划", "方案"),
    ("规划", "方案"),
    ("工作要点", "要点"),
    ("目标责任", "要点"),
    ("制度", "制度"),
    ("总结", "总结"),
    ("宣传栏", "宣传阵地"),
    ("公益广告", "宣传阵地"),
    ("宣传阵地", "宣传阵地"),
    ("展板", "宣传阵地"),
    ("简报", "信息报送"),
    ("信息报送", "信息报送"),
    ("报送信息", "信息报送"),
    ("评选", "评选"),
    ("评比", "评选"),
    ("承诺", "声明"),
    ("违纪", "事件"),
    ("违法", "事件"),
    ("事故", "事件"),
    ("宣讲", "宣讲"),
    ("结对帮扶", "帮扶"),
    ("帮扶", "帮扶"),
    ("活动", "活动"),
    ("文件", "文件"),
)
# Topics of a veto (一票否决): the keywords an event record must mention.
VETO_TOPICS = (
    "违纪",
    "违法",
    "犯罪",
    "事故",
    "安全生产",
    "信访",
    "群体性事件",
    "邪教",
    "失信",
    "污染",
    "食品安全",
    "舆情",
    "意识形态",
    "黄赌毒",
    "腐败",
    "醉驾",
    "酒驾",
)
PERIOD_WORDS: tuple[tuple[str, str], ...] = (
    ("每周", "week"),
    ("每个月", "month"),
    ("每月", "month"),
    ("每个季度", "quarter"),
    ("每季度", "quarter"),
    ("每季", "quarter"),
    ("每半年", "half"),
    ("每年度", "year"),
    ("每年", "year"),
    ("全年", "year"),
    ("年度", "year"),
    ("每届", "cycle"),
    ("创建周期", "cycle"),
    ("周期内", "cycle"),
    ("累计", "cycle"),
)
PERIOD_NAMES = {"week": "周", "month": "月", "quarter": "季度", "year": "年", "cycle": "创建周期"}
STAFF_WORDS = ("职工", "员工", "干部", "人员", "在编", "教职工", "党员")

_UNITS = "次|场次|场|期|篇|条|个|项|人|名|份|批|件|天|户|棵|幅|块|处|家"
_NUM = r"(\d+(?:\.\d+)?)"
_NUMERAL_RUN = re.compile(
    r"[〇零一二两三四五六七八九十百千]+(?=\s*(?:" + _UNITS + "|个月|个季度|季度|年|分|周))"
)
_TYPE_HINT = re.compile(r"[（(]类型[:：]\s*([^）)]+)[）)]")
_SATISFACTION = re.compile(r"满意(?:度|率)")
# “实行一票否决” makes a veto; “无一票否决情形” (a pledge that there is none) does not.
_VETO = re.compile(r"(?<![无未非])(?:一票)?否决(?!情形|事项|情况|的情形)")
_LOOKBACK = re.compile(r"近\s*(\d+)\s*(个月|年)")
_DEDUCT = re.compile(
    r"(?:每)?(?:少|缺|差|未达到|未|减少|缺少)\s*(\d+(?:\.\d+)?)?\s*(个月|个季度|"
    + _UNITS
    + r"|月|季度|季|年|周)[^，。；;,]{0,8}?(?:扣|减)(?:除)?\s*"
    + _NUM
    + r"\s*分"
)
_PERIOD_UNITS = ("个月", "月", "个季度", "季度", "季", "年", "周")
_SHARE = re.compile(
    r"(?:不低于|不少于|达到|占|超过|高于)?([^，。；;,\d%]{0,12}?)(?:总数|总人数|人数)?的?\s*"
    + _NUM
    + r"\s*[%％]"
)
_SHARE_AFTER = re.compile(
    _NUM + r"\s*[%％]\s*(?:以上|及以上)?的?\s*(?:干部)?(职工|员工|干部|人员|党员|教职工)"
)
_AT_LEAST = re.compile(
    r"(?:至少|不少于|不低于|不得少于|最少|达到)\s*" + _NUM + r"\s*(?:" + _UNITS + ")?"
)
_OR_MORE = re.compile(_NUM + r"\s*(?:" + _UNITS + r")\s*(?:以上|及以上|或以上)")
_TIMES = re.compile(_NUM + r"\s*(?:" + _UNITS + ")")
_AT_MOST = re.compile(r"(?:不超过|至多|最多)\s*" + _NUM)
_NONE = re.compile(r"不得(?:有|发生|出现)|杜绝|严禁")
_SUM = re.compile(r"([^\s，。；：:（）()]{1,10})合计")
_SPLIT = re.compile(
    r"[\n；;。]|(?:^|\s)?[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩]|(?<![\d.．])\d{1,2}[、.．](?!\d)"
)
_EDGES = " 　，,：:"


def normalize(text: str) -> str:
    """Full-width forms made plain and counting numerals Arabic (一次 → 1次, 两个月 → 2个月);
    a numeral not followed by a counting word (一票否决) stays as written."""
    text = unicodedata.normalize("NFKC", text)

    def arabic(match: re.Match[str]) -> str:
        value = chinese_integer(match.group(0))
        return str(value) if value is not None else match.group(0)

    return _NUMERAL_RUN.sub(arabic, text)


@dataclass
class Translation:
    """What an item's wording asks, as requirement dictionaries, and what is left to a person."""

    requires: list[dict[str, Any]] = field(default_factory=list)
    veto: bool = False
    lookback: str | None = None
    survey: bool = False  # a satisfaction rate: the questionnaire decides
    understood: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # the table's words, as written
    notes: list[str] = field(default_factory=list)  # why a piece was left


def is_veto(text: str) -> bool:
    return bool(_VETO.search(text))


def detect_types(text: str, known: set[str]) -> list[str]:
    """The evidence type(s) a text names: an explicit “（类型：会议）”, else the earliest cue
    word."""
    hint = _TYPE_HINT.search(text)
    if hint:
        named = [t.strip() for t in re.split(r"[、,，/]", hint.group(1)) if t.strip()]
        return [t for t in named if t in known]
    found = [
        (text.find(cue), -len(cue), kind)
        for cue, kind in TYPE_CUES
        if cue in text and kind in known
    ]
    return [min(found)[2]] if found else []


def pieces(text: str) -> list[tuple[str, str]]:
    """The separately written parts of a 评分标准, each as the table writes it (to quote it to
    a person) and normalized (to read it). Split before normalizing: ① would become 1."""
    found = []
    for part in _SPLIT.split(unicodedata.normalize("NFC", text)):
        original = (part or "").strip(_EDGES)
        if original:
            found.append((original, normalize(original).strip(_EDGES)))
    return found


def translate(text: str, context: str, known: set[str]) -> Translation:
    """The requirements ``text`` (a 评分标准) asks for; ``context`` (the 测评内容) names the
    evidence type when a piece does not."""
    from checker.rules.importer_terms import event_terms, leftover_clauses, share_note

    result = Translation()
    plain = normalize(text)
    result.veto = bool(_VETO.search(plain))
    if result.veto:
        lookback = _LOOKBACK.search(plain)
        if lookback:
            result.lookback = (
                f"{lookback.group(1)} {'months' if lookback.group(2) == '个月' else 'years'}"
            )
    result.survey = bool(_SATISFACTION.search(plain))
    pending: float | None = None
    pending_count = False
    for original, piece in pieces(text):
        deduct = _deduction(piece)
        requirement = _requirement(_TYPE_HINT.sub("", piece), piece, context, known)
        if requirement is None:
            if deduct is not None and result.requires and "deduct" not in result.requires[-1]:
                result.requires[-1]["deduct"] = deduct
                result.requires[-1]["_by_count"] = by_count(piece)
            elif deduct is not None:
                pending, pending_count = deduct, by_count(piece)
            elif not _VETO.search(piece) and not _SATISFACTION.search(piece):
                result.left.append(original)
                result.notes.extend(share_note(piece))
            continue
        if requirement["type"] == "事件":  # which events: the topics the text names
            requirement.update(event_terms(piece) or event_terms(normalize(context)))
        counted = by_count(piece)
        if deduct is None and pending is not None:
            deduct, pending, counted = pending, None, pending_count
        if deduct is not None:
            requirement["deduct"] = deduct
            # kept for the importer, which checks the language can count the deduction so
            requirement["_by_count"] = counted
        result.requires.append(requirement)
        left, kept = leftover_clauses(original, requirement["type"], known)
        if left and kept and requirement["name"] == _name(normalize(left[0])):
            requirement["name"] = _name(kept[0])  # named by what it counts, not what is left
        result.left.extend(left)
    return result


def _deduction(piece: str) -> float | None:
    match = _DEDUCT.search(piece)
    if match is None:
        return None
    count = float(match.group(1) or 1) or 1.0
    return round(float(match.group(3)) / count, 4)


def by_count(piece: str) -> bool:
    """Whether a deduction counts missing times (少1次扣), not missing periods (缺1个月扣)."""
    match = _DEDUCT.search(normalize(piece))
    return match is not None and match.group(2) not in _PERIOD_UNITS


def _requirement(piece: str, original: str, context: str, known: set[str]) -> dict[str, Any] | None:
    """One requirement from one piece, or None when the piece states no threshold."""
    rest = _DEDUCT.sub("", piece)
    name, _, tail = rest.partition(":") if ":" in rest else ("", "", rest)
    threshold = _threshold(tail) or (_threshold(rest) if name else None)
    if threshold is None:
        return None
    types = detect_types(original, known) or detect_types(context, known)
    if not types:
        return None
    requirement: dict[str, Any] = {
        "name": _name(name or rest),
        "type": types[0] if len(types) == 1 else types,
    }
    if threshold.get("of") == "staff":
        if types != ["名册"]:
            return None  # activity records do not say how many people took part
        requirement["distinct"] = "姓名"  # a roster counts people, not rows (as D2 does)
    requirement.update(threshold)
    if requirement.get("period") == "half":  # no half-year period: twice as many a year
        requirement["period"] = "year"
        requirement["min"] = requirement.get("min", 1) * 2
        requirement["_half"] = True
    return requirement


def _threshold(text: str) -> dict[str, Any] | None:
    if _SATISFACTION.search(text):
        return None
    found: dict[str, Any] = {}
    share = _share(text)
    period, word = _period(text)
    if share is not None:
        found.update(share)
    elif _NONE.search(text):
        found["max"] = 0
    elif (most := _AT_MOST.search(text)) is not None:
        found["max"] = _number(most.group(1))
    else:
        count = _AT_LEAST.search(text) or _OR_MORE.search(text)
        if count is None and period is not None:
            count = _TIMES.search(text)
        if count is not None:
            found["min"] = _number(count.group(1))
        elif period is None or word == "年度":  # 年度工作计划: a plan, not how often
            return None
        else:
            found["min"] = 1
        summed = _SUM.search(text)
        if summed:
            found["sum"] = summed.group(1)
    if period is not None and period != "cycle":
        found["period"] = period
    return found


def _share(text: str) -> dict[str, Any] | None:
    after = _SHARE_AFTER.search(text)
    if after:
        return {"min_ratio": round(float(after.group(1)) / 100, 4), "of": "staff"}
    match = _SHARE.search(text)
    if match is None:
        return None
    whole = match.group(1).strip()
    if any(word in whole for word in STAFF_WORDS) or not whole:
        of = "staff"
    else:
        of = re.sub(r"^(?:不低于|不少于|达到|占|超过|高于)", "", whole)
    return {"min_ratio": round(float(match.group(2)) / 100, 4), "of": of}


def _period(text: str) -> tuple[str | None, str]:
    """The period a text names and the word naming it (earliest, then longest)."""
    found = [
        (text.find(word), -len(word), name, word) for word, name in PERIOD_WORDS if word in text
    ]
    if not found:
        return None, ""
    _, _, name, word = min(found)
    return name, word


def _number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def _name(text: str) -> str:
    """A short name for the report: the piece up to its first comma, at most 30 characters."""
    head = re.split(r"[，,]", text.strip())[0].strip() or text.strip()
    return head[:30]
