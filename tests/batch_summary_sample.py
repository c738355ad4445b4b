"""A batch summary built by hand in the shape ``checker batch -f json`` prints (see the issue's
interface): four units of three rule sets, in rank order, one kept, one with a veto, one below
the pass line, one new and empty with input problems; a baseline for two of them."""

from __future__ import annotations

import copy
from typing import Any


def _item(rule: str, category: str, title: str, top: float, earned: float, **extra: Any) -> Any:
    status = "pass" if earned >= top else "partial" if earned else "fail"
    labels = {"pass": "达标", "partial": "部分达标", "fail": "未达标"}
    item = {
        "rule": rule,
        "title": title,
        "category": category,
        "method": "材料审核",
        "max": top,
        "earned": earned,
        "status": status,
        "label": labels[status],
        "reason": "" if status == "pass" else f"{title}：2022年第3季度没有记录",
        "rated_by": "",
    }
    return item | extra


def _organ(a1: float, f1: float) -> list[dict[str, Any]]:
    return [
        _item("A1", "组织领导", "成立创建工作领导小组", 2.0, a1),
        _item("A2", "组织领导", "党组会议专题研究创建工作", 2.0, 2.0),
        _item("B1", "思想道德建设", "每月集中学习", 4.0, 4.0),
        _item("F1", "现场与评价", "办公环境整洁有序", 5.0, f1, rated_by="测评组（张三）"),
        _item("V1", "一票否决", "领导班子成员无严重违纪违法", 0.0, 0.0),
    ]


UNITS: list[dict[str, Any]] = [
    {
        "folder": "人大机关",
        "name": "兴义市人大常委会机关",
        "type": "机关",
        "ruleset": "文明单位-机关",
        "as_of": "2022-12-31",
        "score": 86.5,
        "best_score": 90.0,
        "pass_score": 80.0,
        "grade": "达标",
        "passed": True,
        "veto": [],
        "verdict": "保留",
        "verdict_reason": "得分 86.5，不低于 80 分",
        "rank": 1,
        "problems": [],
        "categories": [
            {"name": "组织领导", "earned": 4.0, "max": 4.0},
            {"name": "思想道德建设", "earned": 4.0, "max": 4.0},
            {"name": "现场与评价", "earned": 4.5, "max": 5.0},
            {"name": "一票否决", "earned": 0.0, "max": 0.0},
        ],
        "items": _organ(2.0, 4.5),
        "previous": {"score": 82.0, "rank": 2, "verdict": "保留"},
        "score_change": 4.5,
        "rank_change": 1,
        "team_ratings": ["F1"],
        "reports": {"json": "人大机关/report.json", "xlsx": "人大机关/测评表.xlsx"},
    },
    {
        "folder": "供电所",
        "name": "兴义供电所",
        "type": "企事业",
        "ruleset": "文明单位-企事业",
        "as_of": "2022-12-31",
        "score": 81.0,
        "best_score": 88.0,
        "pass_score": 80.0,
        "grade": "达标",
        "passed": False,
        "veto": ["V1"],
        "verdict": "撤销",
        "verdict_reason": "有一票否决情形",
        "rank": 2,
        "problems": [],
        "categories": [
            {"name": "组织领导", "earned": 2.0, "max": 4.0},
            {"name": "思想道德建设", "earned": 4.0, "max": 4.0},
            {"name": "现场与评价", "earned": 5.0, "max": 5.0},
            {"name": "一票否决", "earned": 0.0, "max": 0.0},
        ],
        "items": [
            *_organ(0.0, 5.0)[:4],
            _item(
                "V1",
                "一票否决",
                "领导班子成员无严重违纪违法",
                0.0,
                0.0,
                status="fail",
                label="否决",
                reason="一票否决：创建周期内严重违纪违法事件 1 起",
            ),
        ],
        "previous": {"score": 84.0, "rank": 1, "verdict": "保留"},
        "score_change": -3.0,
        "rank_change": -1,
        "team_ratings": [],
        "reports": {},
    },
    {
        "folder": "学校/二中",
        "name": "兴义市第二中学",
        "type": "学校",
        "ruleset": "文明校园",
        "as_of": "2022-12-31",
        "score": 76.6,
        "best_score": 90.0,
        "pass_score": 80.0,
        "grade": "未达标",
        "passed": False,
        "veto": [],
        "verdict": "限期整改",
        "verdict_reason": "得分 76.6，在 70—80 分之间",
        "rank": 3,
        "problems": [],
        "categories": [
            {"name": "组织领导", "earned": 3.0, "max": 4.0},
            {"name": "校园文化", "earned": 1.5, "max": 6.0},
        ],
        "items": [
            _item("A1", "组织领导", "成立创建工作领导小组", 2.0, 2.0),
            _item("A2", "组织领导", "党组会议专题研究创建工作", 2.0, 1.0),
            _item("S1", "校园文化", "开展校园文化活动 & 社团", 6.0, 1.5),
        ],
        "previous": None,
        "score_change": None,
        "rank_change": None,
        "team_ratings": [],
        "reports": {},
    },
    {
        "folder": "新社区",
        "name": "<b>新</b>社区居委会",
        "type": "社区",
        "ruleset": "文明社区",
        "as_of": "2022-12-31",
        "score": 0.0,
        "best_score": 20.0,
        "pass_score": 80.0,
        "grade": "未达标",
        "passed": False,
        "veto": [],
        "verdict": "撤销",
        "verdict_reason": "得分 0，低于 70 分",
        "rank": 4,
        "problems": [
            {
                "file": "新社区/unit.yaml",
                "line": 3,
                "column": 7,
                "message": "日期 '2022-02-30' 不是有效日期",
                "code": "date",
            },
            {
                "file": "新社区/台账.xlsx",
                "line": 0,
                "column": 0,
                "message": "文件已损坏，无法打开 <script>",
                "code": "unreadable",
            },
        ],
        "categories": [
            {"name": "组织领导", "earned": 0.0, "max": 4.0},
            {"name": "社区服务", "earned": 0.0, "max": 0.0},
        ],
        "items": [
            _item("A1", "组织领导", "成立创建工作领导小组", 2.0, 0.0),
            _item("A2", "组织领导", "党组会议专题研究创建工作", 2.0, 0.0),
        ],
        "previous": None,
        "score_change": None,
        "rank_change": None,
        "team_ratings": [],
        "reports": {},
    },
]


def summary(baseline: bool = True) -> dict[str, Any]:
    """A fresh copy (tests may change it); ``baseline=False``: no unit has a previous year."""
    units = copy.deepcopy(UNITS)
    if not baseline:
        for unit in units:
            unit.update(previous=None, score_change=None, rank_change=None)
    return {
        "schema_version": 1,
        "as_of": "2022-12-31",
        "ruleset_note": "参考版测评表（非官方）",
        "units": units,
    }
