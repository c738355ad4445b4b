"""The evidence type of a document, read from its title by the rule set's aliases.

A Chinese title ends with its genre (文种): “2024年学雷锋志愿服务活动方案” is a 方案 although it
names 志愿服务 first; “党组会议纪要（第3期）” is a 会议; “关于印发2024年工作要点的通知”
issues a 工作要点, so it is one. So the type is the alias that ends LAST in the title (the
longest of those ending there), after the 文号 in front and the brackets behind
(（第3期）, （局长签字）) are put aside. Words that only say a record was kept of something
(活动, 记录, 简报) give way to a more specific type named just before them: “道德讲堂活动记录”
is a 讲堂, “学雷锋志愿服务活动简报” a 志愿服务.
A statutory 公文 genre the rule set does not list (通报, 通告, 批复…) is a 通知 as far as types go.
"""

from __future__ import annotations

import re

from checker.rules.loader import Vocabulary

# Spellings that say only that something was done or recorded: a specific type before them wins.
GENERIC = frozenset({"活动", "主题活动", "记录", "简报", "信息", "情况", "材料", "资料", "照片"})
# 公文 genres (党政机关公文处理工作条例) that issue or announce, as a 通知 does.
_ANNOUNCING = ("通报", "通告", "公告", "公报", "批复", "决议", "命令", "函")
_NOTICE = "通知"
# An alias followed by one of these is part of another noun: 会议室, 活动室, 文件夹.
_PLACE_AFTER = frozenset("室厅楼馆夹")

_WENHAO = re.compile(r"^.{0,16}?[〔\[［]\s*\d{4}\s*[〕\]］]\s*\d+\s*号[\s_\-—]*")
_TRAILING = re.compile(r"(?:[（(][^（）()]*[）)]|[\s_\-—.·]+|\d+|副本|定稿|终稿|最终版)$")
_ISSUING = re.compile(r"(?:印发|转发|下发|修订)\s*(?P<inner>.+?)\s*的\s*通知$")


def _core(title: str) -> str:
    """The title without its 文号 in front and brackets, numbers and copies behind."""
    core = _WENHAO.sub("", title.strip())
    while True:
        shorter = _TRAILING.sub("", core)
        if shorter == core or not shorter:
            return core.strip('《》“”"')
        core = shorter


def _matches(text: str, vocabulary: Vocabulary) -> list[tuple[int, int, str]]:
    """Every alias occurring in ``text``: (where it ends, its length, the alias)."""
    found = []
    for spelling in vocabulary.canonical:
        if not spelling:
            continue
        start = text.find(spelling)
        while start >= 0:
            end = start + len(spelling)
            if end >= len(text) or text[end] not in _PLACE_AFTER:
                found.append((end, len(spelling), spelling))
            start = text.find(spelling, start + 1)
    return found


def title_type(title: str, vocabulary: Vocabulary) -> str | None:
    """The type a document's title gives it by the rule set's aliases, or None."""
    core = _core(title)
    issued = _ISSUING.search(core)
    if issued:
        inner = title_type(issued["inner"].strip('《》“”"'), vocabulary)
        if inner is not None:
            return inner
    known = vocabulary.canonical
    if core.endswith(_ANNOUNCING) and not any(core.endswith(word) for word in known if word):
        return vocabulary.resolve(_NOTICE)  # None when the set has no 通知
    found = sorted(_matches(core, vocabulary), reverse=True)
    if not found:
        return None
    return vocabulary.canonical[_specific(found, found[0])]


def _specific(found: list[tuple[int, int, str]], chosen: tuple[int, int, str]) -> str:
    """The alias to type by: ``chosen``, or when it is generic, the specific alias that runs
    into it through generic words only (道德讲堂|活动|记录), never one further away: in
    “学习雷锋好榜样主题活动” 学习 is a verb, the title an 活动."""
    step = chosen
    while step[2] in GENERIC:
        start = step[0] - step[1]
        before = [match for match in found if match[0] == start]  # longest first (sorted)
        if not before:
            return chosen[2]
        step = before[0]
    return step[2]
