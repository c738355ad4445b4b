"""The registers (登记表), rosters (名册) and ledgers ``checker init`` lays out, shaped as
offices keep them: a title row, the columns an inspector expects for that kind of evidence,
blank rows to fill in and a sign-off line (填表人、审核人、填表日期).

The columns are the office's, not only the ones a rule reads: an inspector asks where a
meeting was held and who spoke, even though no rule counts it. The columns a rule does read
(a summed field, a ``per`` fact, a ``where`` field) are added after them, so every rule still
finds its field. Every header is one the ledger reader maps (时间 → date, 内容 → title,
参加人数 → participants, 佐证材料 → attachments) or a field of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from checker.rules.models import Requirement

_STAMP = dt.datetime(2021, 1, 1)  # templates carry no creation time of their own
_BLANK_ROWS = 15  # room to write in, as a printed 登记表 has

# Activity registers: one row per meeting, study session, event or service.
_REGISTER = ["序号", "时间", "地点", "内容（主题）", "{lead}", "参加人员", "参加人数", "佐证材料"]
_SPEAKER_KINDS = frozenset({"学习", "讲堂", "宣讲", "会议"})  # those led by a speaker
_ROSTER = ["序号", "姓名", "科室", "职务", "联系电话"]
# Veto evidence: the written opinions the 文明办 collects from departments.
OPINIONS = ["序号", "日期", "部门", "事项", "意见", "经办人", "佐证材料"]
_OPINION_NOTE = "意见填“无异议”或“有异议”；有异议的，请在佐证材料列写明回函文件名"

# Folder (台账) names as offices call them, by evidence type; a tag goes in front.
_LEDGER_NAMES = {
    "会议": "会议记录",
    "学习": "理论学习记录",
    "讲堂": "道德讲堂活动记录",
    "活动": "活动台账",
    "志愿服务": "志愿服务活动台账",
    "宣讲": "宣讲活动台账",
    "网格": "网格包保工作台账",
    "帮扶": "结对帮扶走访记录",
    "信息报送": "信息报送登记",
    "宣传阵地": "宣传阵地登记",
    "名册": "名册",
    "部门意见": "部门意见登记",
    "声明": "年度承诺书",
    "评选": "评选表彰",
    "照片": "照片",
    "事件": "事件通报",
}
# How an office words a tag in a ledger's name (普法 → 普法宣传活动台账).
_TAG_WORDS = {"普法": "普法宣传"}


def ledger_name(kind: str | None, tags: tuple[str, ...]) -> str:
    """The folder name an office gives this kind of evidence: 注册志愿者名册,
    普法宣传活动台账, 道德讲堂活动记录; documents keep the type's name (文件, 方案)."""
    base = _LEDGER_NAMES.get(kind or "", kind or "其他材料")
    prefix = "".join(_TAG_WORDS.get(tag, tag) for tag in tags)
    if prefix and base == "活动台账":
        return f"{prefix}活动台账"
    if prefix and not base.startswith(prefix):
        return f"{prefix}{base}"
    return base


def is_roster(kind: str | None) -> bool:
    return kind == "名册"


@dataclass(frozen=True)
class Roster:
    """A roster as offices keep it: its name (which the rules' keywords find in it, as the
    sheet is named after it), the person column's header and the columns beyond the usual
    科室、职务、联系电话."""

    name: str
    person: str = "姓名"
    before: tuple[str, ...] = ()  # columns ahead of the person (the grid, the household)
    extras: tuple[str, ...] = ()


_VOLUNTEER_HOURS = ("注册编号", "服务时长（小时）")
# The rosters offices keep, found by a word a requirement reads, most specific first.
_ROSTERS: tuple[tuple[tuple[str, ...], Roster], ...] = (
    (("注册", "服务时长", "志愿汇"), Roster("注册志愿者名册", extras=_VOLUNTEER_HOURS)),
    (("网络文明", "网评", "网宣"), Roster("网络文明传播志愿者名册")),
    (("网格",), Roster("网格员名册", "网格员", ("网格",), ("网格员职责",))),
    (("帮扶",), Roster("结对帮扶花名册", "帮扶干部", ("帮扶户", "所在村（社区）"))),
    (("志愿",), Roster("志愿服务队队员名册", extras=_VOLUNTEER_HOURS)),
    (("红白理事会",), Roster("红白理事会成员名册")),
    (("文明实践",), Roster("新时代文明实践站工作人员名册")),
    (("门前三包", "卫生责任"), Roster("门前三包责任人名册", extras=("责任区域",))),
)
_LIST_WORDS = re.compile("(花名册|名册|名单|分工表)$")
_LITERAL = re.compile(r"[\u4e00-\u9fff]{2,}")  # a pattern's words: runs of Chinese text


def words_read(requirement: Requirement) -> list[str]:
    """Every word a requirement reads: its tags, keywords, the literal words of its patterns,
    the fields it filters, adds up, counts or groups by."""
    patterns = [word for pattern in requirement.pattern for word in _LITERAL.findall(pattern)]
    fields = [requirement.sum, requirement.distinct, requirement.per]
    return [
        *requirement.tags,
        *requirement.keywords,
        *patterns,
        *requirement.where,
        *(name for name in fields if name),
    ]


def roster_for(requirement: Requirement) -> Roster:
    """The roster an office keeps for what ``requirement`` reads: 注册志愿者名册 for a count of
    registered volunteers, 网格员名册 for grids; else one named after its first word, so that
    the word is found in the roster's rows."""
    read = words_read(requirement)
    for triggers, roster in _ROSTERS:
        if any(trigger in word for word in read for trigger in triggers):
            return roster
    word = next((w for w in read if "{" not in w), None)  # a placeholder is the unit's
    subject = _LIST_WORDS.sub("", word) if word else ""
    return Roster(f"{subject or '人员'}名册")


def columns_for(kind: str | None, read: list[str], roster: Roster | None = None) -> list[str]:
    """The header of a register, roster or ledger of this kind, with the columns the rules
    read (``read``) kept: a rule's column is never dropped for an office's one."""
    if kind == "部门意见":
        base = list(OPINIONS)
    elif roster is not None:
        person = [*roster.before, roster.person, *_ROSTER[2:]]
        base = ["序号", *person, *roster.extras, "登记日期"]
    elif kind in _OWN_REGISTERS:
        base = list(_OWN_REGISTERS[kind])
    else:
        lead = "主讲人" if kind in _SPEAKER_KINDS else "负责人"
        base = [column.format(lead=lead) for column in _REGISTER]
        if kind in _BY_WHOM:  # the cadre in charge takes the place of a 负责人
            base = [column for column in base if column != "负责人"]
            base[1:1] = _BY_WHOM[kind]
    extra = [column for column in read if column not in _covered(base)]
    return [*base[:-1], *extra, base[-1]]


# The rule columns a template already holds under the office's header.
_COVERED = frozenset({"日期", "标题", "附件", "佐证照片"})
_UNIT = re.compile(r"（[^）]*）$")


def _covered(base: list[str]) -> set[str]:
    """The fields ``base`` holds: 服务时长（小时） is the field 服务时长."""
    return {*_COVERED, *base, *(_UNIT.sub("", column) for column in base)}


# Registers led by the grid's or the household's own cadre.
_BY_WHOM = {"网格": ["网格", "网格员"], "帮扶": ["帮扶户", "帮扶干部"]}
# Registers that are not of activities: what was sent, what was put up.
_OWN_REGISTERS = {
    "信息报送": ["序号", "时间", "信息标题", "报送渠道", "采用情况", "报送人", "佐证材料"],
    "宣传阵地": ["序号", "时间", "地点", "内容（主题）", "形式", "负责人", "佐证材料"],
}


def title_of(unit_name: str | None, register: str) -> str:
    """The title row: the unit and the year left for the office to fill in."""
    return f"{unit_name or '（单位名称）'}____年{register}"


def write_register(path: Path, title: str, columns: list[str], note: str | None = None) -> None:
    """An .xlsx as an office prints it: title, header, blank rows, sign-off line."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({"created": _STAMP, "author": "checker init"})
    # The sheet is named after the register, as offices name it: a row's title falls back to
    # it, so a rule's keyword (注册志愿者, 网格) finds the rows of a roster with no title column.
    sheet = workbook.add_worksheet(_sheet_name(path.stem))
    heading = workbook.add_format({"bold": True, "font_size": 16, "align": "center"})
    header = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "text_wrap": True}
    )
    cell = workbook.add_format({"border": 1})
    last = len(columns) - 1
    sheet.merge_range(0, 0, 0, last, title, heading)
    for index, column in enumerate(columns):
        sheet.write(1, index, column, header)
        sheet.set_column(index, index, 6 if column == "序号" else 16)
    for row in range(2, 2 + _BLANK_ROWS):
        for index in range(len(columns)):
            sheet.write_blank(row, index, None, cell)
    footer = 2 + _BLANK_ROWS + 1
    if note:
        sheet.merge_range(footer, 0, footer, last, f"说明：{note}")
        footer += 1
    sign_off = "填表人：　　　　　　审核人：　　　　　　填表日期：　　　　年　　月　　日"
    sheet.merge_range(footer, 0, footer, last, sign_off)
    sheet.freeze_panes(2, 0)
    workbook.close()


def _sheet_name(stem: str) -> str:
    """The register's name as a sheet name: Excel's forbidden characters out, 31 at most."""
    return re.sub(r"[\[\]:*?/\\]", "", stem)[:31] or "登记表"


def opinion_note() -> str:
    return _OPINION_NOTE
