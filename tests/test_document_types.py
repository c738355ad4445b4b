"""A document's type from its title, as offices title them (evidence/doctypes.py)."""

from __future__ import annotations

import pytest

from checker.evidence.doctypes import title_type
from checker.rules.loader import Vocabulary

# The 机关 set's evidence types (rules/文明单位-机关/ruleset.yaml), fixed here so the reading is
# tested apart from later edits to the bundled aliases.
TYPES: dict[str, list[str]] = {
    "文件": ["通知", "决定", "红头文件", "发文"],
    "方案": ["工作方案", "实施方案", "计划", "工作计划", "规划"],
    "制度": ["规定", "办法"],
    "要点": ["工作要点", "目标责任书"],
    "总结": ["工作总结", "自查报告"],
    "会议": ["会议记录", "会议纪要", "党组会议"],
    "学习": ["集中学习", "学习会", "中心组学习", "主题党日"],
    "讲堂": ["道德讲堂"],
    "活动": ["主题活动"],
    "志愿服务": ["志愿活动"],
    "宣传阵地": ["宣传栏", "展板", "公益广告"],
    "信息报送": ["信息", "简报", "投稿"],
    "评选": ["文明科室", "文明职工"],
    "名册": ["花名册", "分工表", "注册名单"],
    "声明": ["承诺", "情况说明"],
    "部门意见": ["征求意见", "回函"],
    "照片": [],
}


def _vocabulary() -> Vocabulary:
    table: dict[str, str] = {}
    for name, aliases in TYPES.items():
        table[name] = name
        for alias in aliases:
            table.setdefault(alias, name)
    return Vocabulary(table)


CASES = [
    # the 文种 at the end decides
    ("兴某发〔2024〕3号 关于成立创建文明单位工作领导小组的通知", "文件"),
    ("关于调整兴义市某某局创建文明单位工作领导小组成员的通知", "文件"),
    ("兴义市某某局2024—2026年创建文明单位实施方案", "方案"),
    ("兴义市某某局2024年精神文明建设工作计划", "方案"),
    ("2024年学雷锋志愿服务活动方案", "方案"),
    ("兴义市某某局2024年工作要点", "要点"),
    ("2024年度党风廉政建设目标责任书", "要点"),
    ("兴义市某某局2024年度创建文明单位工作自查报告", "总结"),
    ("2024年精神文明建设工作总结", "总结"),
    ("兴义市某某局干部职工学习制度", "制度"),
    ("兴义市某某局机关食堂管理办法", "制度"),
    # 印发/转发 X 的通知 is X
    ("关于印发2024年工作要点的通知", "要点"),
    ("兴某党发〔2024〕1号 关于印发《兴义市某某局2024年工作要点》的通知", "要点"),
    ("关于印发2024年学雷锋志愿服务活动方案的通知", "方案"),
    ("关于转发市文明办2024年精神文明建设工作要点的通知", "要点"),
    ("关于印发有关事项的通知", "文件"),  # nothing typed inside: the 通知 itself
    # brackets behind, 期号 and copies do not hide the genre
    ("党组会议纪要（第3期）", "会议"),
    ("中共兴义市某某局党组会议纪要（第14期）", "会议"),
    ("2024年度创建文明单位承诺书（局长签字）", "声明"),
    ("道德讲堂（诚实守信）", "讲堂"),
    ("2024年第三季度党组会议记录（定稿）", "会议"),
    # a generic 活动/记录/简报 gives way to the specific type that runs into it
    ("道德讲堂活动记录", "讲堂"),
    ("学雷锋纪念日志愿服务活动简报", "志愿服务"),
    ("文明交通劝导志愿活动", "志愿服务"),
    ("“我们的节日·春节”送春联进社区活动", "活动"),
    ("“我们的节日·端午”包粽子活动", "活动"),
    ("学雷锋关爱空巢老人活动", "活动"),
    ("学习雷锋好榜样主题活动", "活动"),  # 学习 is a verb here, not a study session
    ("“我们的节日·中秋”主题活动", "活动"),
    # other genres
    ("文明科室文明职工评选结果公示", "评选"),
    ("2023年度目标考核结果通报（市目标办）", "文件"),  # 通报 announces, as a 通知 does
    ("社会主义核心价值观宣传栏", "宣传阵地"),
    ("兴义市某某局注册志愿者花名册", "名册"),
    ("关于征求意见的回函", "部门意见"),
    ("2024年3月理论学习中心组学习", "学习"),
    # untyped: no alias names the genre
    ("会议室使用登记表", None),  # 会议室 is a room
    ("IMG_20240305_093512", None),
    ("兴义市某某局2024年部门预算", None),
    ("端午包粽子", None),
    ("新建文件夹", None),
]


@pytest.mark.parametrize(("title", "expected"), CASES)
def test_title_type(title: str, expected: str | None) -> None:
    assert title_type(title, _vocabulary()) == expected


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert sum(expected is None for _, expected in CASES) >= 4


def test_an_unknown_genre_is_not_a_notice_when_the_set_has_no_notice_type() -> None:
    vocabulary = Vocabulary({"会议": "会议"})
    assert title_type("2023年度目标考核结果通报", vocabulary) is None
