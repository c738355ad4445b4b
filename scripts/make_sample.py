"""Regenerate evidence/: the sample evidence folder of 兴义市人大常委会机关 for 2022.

An illustrative reconstruction from the public article (../shared/seed/): every fact it
states is here as a unit would keep it (Word and PDF documents with document numbers, Excel
and GBK CSV ledgers, meeting minutes, photos with EXIF dates), and so are the gaps a real unit
would have where the article is silent (no moral lecture hall, no volunteer registration, no
annual no-veto declaration, no civility appraisal, a missed month or week here and there).

    pip install -e '.[fixtures]'
    python scripts/make_sample.py          # rewrites evidence/ from scratch

Names of people are placeholders (干部01 …); nothing here is a real ledger.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import officegen as office

ROOT = Path(__file__).resolve().parents[1] / "evidence"
UNIT = "兴义市人大常委会机关"
YEAR = 2022
GRIDS = [f"栗坪社区{n}网格" for n in range(1, 23)]
HOUSEHOLDS = (
    [f"戈多村脱贫户{n:02d}" for n in range(1, 18)]
    + [f"洒金新市民{n:02d}" for n in range(1, 7)]
    + [f"木贾新市民{n:02d}" for n in range(1, 7)]
)
rng = random.Random(2022)


def day(month: int, date: int) -> dt.date:
    return dt.date(YEAR, month, date)


def at(when: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(when.year, when.month, when.day, hour, rng.randrange(0, 60))


def write(relative: str, text: str) -> None:
    path = ROOT / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def unit_and_readme() -> None:
    write(
        "unit.yaml",
        "\n".join(
            [
                "# 单位档案。示例：据公开报道重构（illustrative reconstruction），不是真实台账。",
                f"名称: {UNIT}",
                "简称: 市人大常委会机关",
                "类型: 机关",
                "职工人数: 48",
                "创建起始: 2022-01-01",
                "评估日期: 2022-12-31",
                "# 兴义创文的网格包保和结对帮扶按扩展规则评分",
                "启用: [兴义创文]",
                "# 包保的洒金街道栗坪社区 22 个三级网格",
                "网格:",
                *(f"  - {grid}" for grid in GRIDS),
                "# 29 名党员干部职工结对帮扶的 17 户脱贫户（白碗窑镇戈多村）和 12 户新市民（洒金、木贾）",
                "帮扶户:",
                *(f"  - {household}" for household in HOUSEHOLDS),
                "",
            ]
        ),
    )
    write(
        "README.md",
        """# 示例证据文件夹：兴义市人大常委会机关（2022年）

本文件夹是 **据公开报道重构的示例**（illustrative reconstruction），用来演示 checker 怎样读取
一个真实单位的台账：Word 和 PDF 文件（带文号）、Excel 和 GBK 编码的 CSV 台账、会议记录、带拍摄
日期的照片。报道中写到的做法都在这里；报道没有提到的（道德讲堂、志愿者注册、年度无否决情形承诺、
文明科室评选等）按真实单位常见的缺口留空。人名均为占位（干部01……），不是真实台账。

与报道不同之处（检查组会据此认定材料不实，示例中已改正）：2022年2月的教育计划和10月16日党的
二十大开幕前的学习会改为学习党的十九届六中全会精神（二十大精神的学习从10月27日起）；机关党组发文
按日期顺序编号；志愿服务队队长在成立通知和队员名册中是同一人（干部01，机关党组书记）。
普法宣传登记中，“三八”妇女节、“4·15”、“6·26”等节日主题只记在节日前后一周内的活动上，其余
场次按当时的普法主题登记；每场的地点、发放资料和物品数量各不相同，合计仍为报道中的2000余份、500余个。

报道之外的补充（报道没有写到，但一个真实单位必有、新的一票否决规则要读的材料）：单位简称；
启用兴义创文扩展规则（网格包保、结对帮扶按兴义做法评分）；`08-一票否决/` 中主要负责人签署的
2022年度创建文明单位承诺书，以及2022年12月纪委监委、政法委、应急管理局、市场监管局、生态环境局
和栗坪社区对各否决事项出具“无异议”意见的部门意见登记表。

有意保留的缺陷（演示完整性提示）：“周末志愿红”第10周（3月5日）的一张照片又被归档为第34周
（8月20日）的照片，检查时应提示“疑似重复使用”和“照片拍摄日期不符”——真实台账中常见的补照片做法。

全部文件由仓库中的 `scripts/make_sample.py` 生成，可重新生成和审阅。
""",
    )


CONGRESS = dt.date(2022, 10, 16)  # the 20th congress opened: nothing before it studies it


def _topic(topic: str, when: dt.date) -> str:
    """Before the congress the meetings studied the 19th committee's sixth plenum instead."""
    if "二十大" in topic and when < CONGRESS:
        return "学习党的十九届六中全会精神"
    if when == day(10, 27):  # the first study meeting after the congress
        return "学习党的二十大精神"
    return topic


def organisation() -> None:
    base = "01-组织领导"
    write(f"{base}/文件/_folder.yaml", "类型: 文件\n")
    office.docx(
        ROOT
        / base
        / "文件"
        / "2022-03-15 关于调整市人大常委会机关2021-2023年度创建文明单位工作领导小组的通知.docx",
        "关于调整市人大常委会机关2021-2023年度创建文明单位工作领导小组的通知",
        "兴人常机党〔2022〕5号",
        [
            "机关各委室：",
            "根据市人大常委会人事调整实际，经机关党组研究，决定调整市人大常委会机关2021-2023年度"
            "创建文明单位工作领导小组，实行“一把手”负责制，由市人大常委会机关党组书记任组长，"
            "其他机关党组成员任副组长，各委室主要负责人为成员。",
            "领导小组下设办公室在常委会办公室，负责创建工作的日常组织协调、督促检查和台账管理。",
            "中共兴义市人大常委会机关党组　2022年3月15日",
        ],
        [
            ["职务", "组成人员"],
            ["组长", "机关党组书记"],
            ["副组长", "机关党组成员"],
            ["成员", "各委室主要负责人"],
        ],
    )
    write(f"{base}/要点/_folder.yaml", "类型: 工作要点\n")
    office.docx(
        ROOT / base / "要点" / "2022-02-18 兴义市人大常委会2022年工作要点.docx",
        "兴义市人大常委会2022年工作要点",
        "兴人常发〔2022〕2号",
        [
            "2022年，市人大常委会工作的总体要求是：……",
            "一、坚持党的全面领导，确保人大工作正确政治方向。……",
            "八、加强常委会自身建设。深入开展文明单位创建工作，把创建工作与人大工作、党风廉政建设"
            "工作同安排、同部署，巩固模范机关创建成果，不断创造“四个机关”建设新成效。",
        ],
    )
    write(f"{base}/方案/_folder.yaml", "类型: 方案\n")
    office.pdf(
        ROOT
        / base
        / "方案"
        / "2022-03-20 兴义市人大常委会机关2021—2023年度创建文明单位工作方案.pdf",
        [
            "兴义市人大常委会机关2021—2023年度创建文明单位工作方案",
            "兴人常机党〔2022〕6号",
            "为深入贯彻市文明〔2021〕6号文件要求，结合机关工作实际，制定本方案。",
            "一、目标任务：2023年底前达到市级文明单位标准。",
            "二、工作措施：健全领导机制，抓实工作责任，狠抓干部职工教育，打造文化宣传阵地，"
            "开展志愿服务活动，下沉网格宣传创文，落实结对帮扶责任。",
            "三、责任分工：办公室牵头，各委室按职责分工落实。",
            "四、时间安排：2021年启动，2022年全面推进，2023年巩固提升、迎接测评。",
        ],
    )
    minutes = [
        (
            day(3, 10),
            "机关党组会议：研究部署2022年文明单位创建工作",
            "审议创建工作方案，明确各委室任务。",
        ),
        (
            day(8, 18),
            "机关党组会议：研究解决文明单位创建工作中遇到的问题",
            "听取创建工作进展，研究宣传阵地建设和网格包保经费。",
        ),
    ]
    for when, title, body in minutes:
        write(
            f"{base}/会议记录/{when} {title.split('：')[1]}.md",
            "\n".join(
                [
                    "---",
                    "类型: 党组会议",
                    f"日期: {when}",
                    f"标题: {title}",
                    "主持人: 机关党组书记",
                    "参会人员: 机关党组成员、各委室主要负责人",
                    "---",
                    "",
                    f"# {title}",
                    "",
                    body,
                    "",
                ]
            ),
        )
    monthly = []
    for month in range(1, 13):
        when = day(month, rng.randrange(5, 12))
        monthly.append(
            f"- {{类型: 党组扩大会议, 日期: {when}, 标题: 机关党组扩大会议：组织干部职工学习并部署机关创文及网格包保工作}}"
        )
    write(
        f"{base}/会议记录/2022年机关党组扩大会议登记.yaml",
        "# 每月召开机关党组扩大会议，组织学习，部署机关创文及网格包保工作\n"
        + "\n".join(m.replace("党组扩大会议, 日期", "会议记录, 日期") for m in monthly)
        + "\n",
    )
    reports = [(month, day(month, 26)) for month in range(1, 13) if month != 7]
    office.gbk_csv(
        ROOT / base / "信息报送" / "创建信息报送登记.csv",
        ["报送日期", "标题", "类型", "报送对象"],
        [
            [f"{when:%Y/%-m/%-d}", f"市人大常委会机关{month}月文明创建工作动态", "信息", "市文明办"]
            for month, when in reports
        ],
    )
    write(
        f"{base}/2022-12-28 2022年度创建文明单位工作自查报告.md",
        """---
类型: 自查报告
标题: 2022年度创建文明单位工作自查报告
声称:
  发放资料: 2000余份
  发放物品: 500余个
  发放手册: 1000余册
---
# 兴义市人大常委会机关2022年度创建文明单位工作自查报告

一、组织领导：调整了创建工作领导小组，创建工作纳入2022年工作要点，制定2021—2023年度工作方案。

二、思想道德教育：制定四项教育制度和2022年度教育计划，召开党组扩大会议、干部职工学习会21次。

三、志愿服务：“人大先锋”志愿服务队每周开展“周末志愿红”志愿服务，开展普法宣传活动50余次，
发放宣传资料2000余份、宣传物品500余个。

四、网格包保：22名干部职工包保栗坪社区22个三级网格，发放宣传手册1000余册。

五、存在问题：道德讲堂尚未建立；志愿者注册工作尚未开展；文明科室评选尚未开展。
""",
    )


def education() -> None:
    base = "02-思想道德教育"
    write(f"{base}/制度/_folder.yaml", "类型: 制度\n")
    systems = [
        ("干部职工学习制度", 7),
        ("道德品行教育制度", 8),
        ("理想信念教育制度", 9),
        ("党员干部廉政警示教育制度", 10),
    ]
    for name, number in systems:
        office.docx(
            ROOT / base / "制度" / f"2022-04-06 兴义市人大常委会机关{name}.docx",
            f"兴义市人大常委会机关{name}",
            f"兴人常机党〔2022〕{number}号",
            [
                "第一条　为加强机关干部职工教育，根据有关规定，制定本制度。",
                "第二条　本制度适用于机关全体干部职工。",
                "第三条　……",
            ],
        )
    write(f"{base}/计划/_folder.yaml", "类型: 计划\n")
    office.docx(
        ROOT / base / "计划" / "2022-02-25 兴义市人大常委会机关2022年度教育计划.docx",
        "兴义市人大常委会机关2022年度教育计划",
        "兴人常机党〔2022〕3号",
        [
            "将党的十九届六中全会精神、习近平新时代中国特色社会主义思想以及新修订的党章、党规、《宪法》"
            "《民法典》、新修订的《国旗法》《国徽法》等列入年度学习内容。",
            "每月至少组织一次集中学习，开展国家安全教育、理想信念教育、思想道德教育、行为规范教育、"
            "党风廉政教育和反腐败教育。",
        ],
    )
    topics = [
        "学习党的二十大精神",
        "学习《宪法》",
        "学习《民法典》",
        "学习新修订的《国旗法》《国徽法》",
        "学习社会主义核心价值观",
        "学习《国家安全法》，开展国家安全教育",
        "观看廉政警示教育片",
        "学习中央人大工作会议精神",
        "学习省第十三次党代会精神",
        "学习黔西南州第八次党代会精神",
        "理想信念教育专题学习",
    ]
    dates = [
        day(1, 13),
        day(2, 17),
        day(3, 3),
        day(3, 24),
        day(4, 14),
        day(4, 28),
        day(5, 12),
        day(5, 26),
        day(6, 9),
        day(6, 23),
        day(7, 14),
        day(8, 11),
        day(8, 25),
        day(9, 15),
        day(9, 29),
        day(10, 13),
        day(10, 27),
        day(11, 10),
        day(11, 24),
        day(12, 8),
        day(12, 22),
    ]
    rows = [
        [
            index + 1,
            when,
            "党组扩大会议" if index % 3 == 0 else "干部职工学习会",
            _topic(topics[index % len(topics)], when),
            "机关党组书记" if index % 3 == 0 else f"干部{index % 9 + 1:02d}",
            rng.randrange(36, 46),
        ]
        for index, when in enumerate(dates)
    ]
    write(f"{base}/学习/_folder.yaml", "类型: 学习\n")
    office.xlsx(
        ROOT / base / "学习" / "2022年党组扩大会议和干部职工学习会登记.xlsx",
        [
            {
                "name": "学习会",
                "title": "2022年市人大常委会（机关）党组扩大会议、干部职工学习会登记表",
                "header": ["序号", "日期", "会议名称", "学习内容", "主讲人", "参加人数（人）"],
                "rows": rows,
            }
        ],
    )
    write(
        f"{base}/2022年主题活动.yaml",
        "\n".join(
            [
                "# “我们的节日”、学雷锋等主题活动",
                "- {类型: 主题活动, 日期: 2022-03-05, 标题: 学雷锋纪念日志愿服务活动, 参与人数: 26}",
                "- {类型: 主题活动, 日期: 2022-06-02, 标题: 我们的节日·端午 包粽子送社区老人, 参与人数: 18}",
                "- {类型: 主题活动, 日期: 2022-09-08, 标题: 我们的节日·中秋 走访慰问空巢老人, 参与人数: 15}",
                "",
            ]
        ),
    )


def publicity() -> None:
    base = "03-宣传阵地"
    boards = [
        (day(3, 18), f"{UNIT}走廊社会主义核心价值观宣传栏", "核心价值观"),
        (
            day(3, 25),
            "宣传板：兴义市民文明公约、文明餐桌、“文明在行动·满意在兴义”公益广告",
            "文明公约",
        ),
        (day(6, 20), "宣传栏更新：贵州好人、时代楷模、道德模范", "更新"),
        (day(11, 15), "宣传栏更新：宪法、民法典等法律法规宣传海报", "更新"),
    ]
    lines = ["# 宣传阵地建设与更新登记（照片在“照片”文件夹）"]
    for index, (when, title, _) in enumerate(boards):
        name = f"照片/{when} {title.split('：')[0]}.jpg"
        office.photo(ROOT / base / name, 100 + index, at(when, 15))
        lines += ["- 类型: 宣传栏", f"  日期: {when}", f"  标题: {title}", f"  附件: [{name}]"]
    write(f"{base}/宣传阵地登记.yaml", "\n".join(lines) + "\n")


def volunteering() -> None:
    base = "04-志愿服务"
    write(f"{base}/文件/_folder.yaml", "类型: 文件\n")
    office.docx(
        ROOT / base / "文件" / "2022-03-01 关于成立“人大先锋”志愿服务队的通知.docx",
        "关于成立“人大先锋”志愿服务队的通知",
        "兴人常机党〔2022〕4号",
        [
            "为深入开展志愿服务活动，经机关党组研究，决定成立市人大常委会机关“人大先锋”志愿服务队，"
            "队长由机关党组书记担任，副队长由机关党组成员担任，队员为机关全体党员干部职工。",
            "队　长：干部01　机关党组书记",
            "志愿服务队每周组织志愿者开展“周末志愿红”志愿服务活动。",
        ],
    )
    write(f"{base}/队员名册/_folder.yaml", "类型: 花名册\n标签: [志愿服务队]\n")
    office.xlsx(
        ROOT / base / "队员名册" / "2022-03-01 “人大先锋”志愿服务队队员名册.xlsx",
        [
            {
                "name": "队员名册",
                "title": "“人大先锋”志愿服务队队员名册",
                "header": ["序号", "姓名", "科室", "职务", "联系电话"],
                "rows": [
                    [
                        n,
                        f"干部{n:02d}",
                        ["办公室", "研究室", "法工委", "财经委", "社会委"][n % 5],
                        "机关党组书记（队长）" if n == 1 else "队员",
                        f"139{n:08d}",
                    ]
                    for n in range(1, 31)
                ],
            }
        ],
    )
    # “周末志愿红”: every Saturday from 1 January; some weeks missed, some with one photo only
    write(f"{base}/周末志愿红/_folder.yaml", "类型: 志愿服务\n")
    missed = {5, 6, 15, 23, 31, 32, 40, 47, 52}  # 春节、疫情防控和汛期等
    one_photo = {3, 9, 12, 19, 27, 36, 44, 49}
    activities = [
        "文明交通劝导",
        "社区环境整治",
        "关爱空巢老人",
        "垃圾分类宣传",
        "文明养犬劝导",
        "清理楼道杂物",
        "疫情防控值守",
        "爱国卫生运动",
    ]
    places = ["黄草街道", "洒金街道", "栗坪社区", "木贾社区"]
    rows, saturday, week = [], dt.date(YEAR, 1, 1), 0
    reused = b""
    while saturday.year == YEAR:
        week += 1
        if week not in missed:
            title = activities[week % len(activities)]
            names = []
            for shot in range(1 if week in one_photo else 2):
                name = f"照片/{saturday} {title}-{shot + 1}.jpg"
                data = office.photo(
                    ROOT / base / "周末志愿红" / name, week * 3 + shot, at(saturday, 9 + shot)
                )
                if week == 10 and shot == 0:
                    reused = data
                if week == 34 and shot == 1:  # a photo of week 10 filed again for week 34
                    (ROOT / base / "周末志愿红" / name).write_bytes(reused)
                names.append(name)
            rows.append(
                [
                    len(rows) + 1,
                    saturday,
                    f"周末志愿红：{title}",
                    places[week % len(places)],
                    rng.randrange(8, 16),
                    "；".join(names),
                ]
            )
        saturday += dt.timedelta(days=7)
    office.xlsx(
        ROOT / base / "周末志愿红" / "2022年“周末志愿红”志愿服务活动台账.xlsx",
        [
            {
                "name": "志愿服务",
                "title": "2022年“人大先锋”志愿服务队“周末志愿红”志愿服务活动台账",
                "note": ["填报单位：市人大常委会机关", None, None, None, None, "填报人：干部03"],
                "header": [
                    "序号",
                    "活动日期",
                    "活动名称",
                    "服务地点",
                    "参与人数（人）",
                    "佐证照片",
                ],
                "rows": rows,
            }
        ],
    )
    # 普法宣传: 52 events, itemised materials, totals row; GBK CSV as WPS saves it
    write(f"{base}/普法宣传/_folder.yaml", "类型: 活动\n标签: [普法]\n")
    # A festival's theme only near its day (an inspector reads 妇女节 on 3-28 as made up);
    # 民法典宣传月 is the whole of May. Places and quantities differ as real rows do.
    festivals = {
        day(3, 8): "“三八”妇女节法治宣传",
        day(4, 15): "“4·15”全民国家安全教育日宣传",
        day(6, 26): "“6·26”国际禁毒日宣传",
        day(12, 4): "“12·4”国家宪法日宣传",
    }
    others = ["防范电信网络诈骗普法宣传", "反邪教宣传", "未成年人保护法宣传", "普法进社区"]
    when, events = day(3, 5), []
    varied = random.Random(426)  # its own stream: the other files stay as they were
    for index in range(52):
        near = [name for date, name in festivals.items() if -6 <= (when - date).days <= 1]
        theme = (
            near[0]
            if near
            else "“民法典宣传月”普法宣传"
            if when.month == 5
            else others[index % len(others)]
        )
        place = varied.choice(["黄草街道", "洒金街道"])
        amounts = [varied.randrange(30, 52), varied.randrange(6, 15)]
        events.append([f"{when:%Y/%-m/%-d}", theme, place, *amounts])
        when += dt.timedelta(days=5 if index % 3 else 4)
    events[0][3], events[1][3] = 60, 60  # the two big events of the spring
    total_materials = sum(e[3] for e in events)
    total_items = sum(e[4] for e in events)
    office.gbk_csv(
        ROOT / base / "普法宣传" / "2022年普法宣传活动登记表.csv",
        ["日期", "活动名称", "地点", "发放资料（份）", "发放物品（个）"],
        [*events, ["合计", "", "", total_materials, total_items]],
    )


def grids() -> None:
    base = "05-创文与网格包保"
    write(f"{base}/网格分工/_folder.yaml", "类型: 分工表\n标签: [网格分工]\n")
    office.xlsx(
        ROOT / base / "网格分工" / "2022-01-10 机关干部职工网格包保分工表.xlsx",
        [
            {
                "name": "分工表",
                "title": "市人大常委会机关干部职工创文网格包保分工表（洒金街道栗坪社区）",
                "header": ["序号", "网格", "网格员", "科室", "联系电话"],
                "rows": [
                    [
                        n + 1,
                        grid,
                        f"干部{n + 1:02d}",
                        ["办公室", "研究室", "法工委", "财经委"][n % 4],
                        f"138{n + 1:08d}",
                    ]
                    for n, grid in enumerate(GRIDS)
                ],
            }
        ],
    )
    write(f"{base}/网格工作/_folder.yaml", "类型: 网格包保\n")
    sparse = {GRIDS[6]: 0.62, GRIDS[18]: 0.7}  # two grid members often away on duty
    works = [
        "入户宣传创建全国文明城市",
        "环境整治：捡烟头、扫灰尘、清垃圾",
        "清理“牛皮癣”小广告",
        "发放法律法规、政策宣传手册",
        "修剪绿化带灌木、清除杂草",
    ]
    rows, week_start = [], dt.date(YEAR, 1, 10)
    while week_start.year == YEAR:
        for index, grid in enumerate(GRIDS):
            if rng.random() > sparse.get(grid, 0.97):
                continue
            when = week_start + dt.timedelta(days=rng.randrange(0, 7))
            if when.year != YEAR:
                continue
            work = works[(index + when.toordinal()) % len(works)]
            booklets = rng.randrange(2, 4) if "手册" in work or "入户" in work else 0
            rows.append([when, grid, f"干部{index + 1:02d}", work, booklets])
        week_start += dt.timedelta(days=7)
    rows.sort(key=lambda row: (row[0], GRIDS.index(row[1])))
    office.xlsx(
        ROOT / base / "网格工作" / "2022年创文网格包保工作登记.xlsx",
        [
            {
                "name": "网格工作",
                "title": "2022年机关网格员创文网格包保工作登记",
                "header": ["日期", "网格", "网格员", "工作内容", "发放手册（册）"],
                "rows": rows,
                "totals": ["发放手册（册）"],
            }
        ],
    )
    write(
        f"{base}/环境整治.yaml",
        "\n".join(
            [
                "# 社区环境卫生集中整治和“牛皮癣”专项整治",
                "- {类型: 活动, 日期: 2022-04-16, 标题: 栗坪社区“牛皮癣”小广告专项清理, 参与人数: 22}",
                "- {类型: 活动, 日期: 2022-05-14, 标题: 栗坪社区环境卫生集中整治, 参与人数: 20}",
                "- {类型: 活动, 日期: 2022-09-17, 标题: 绿化带修剪除草环境整治, 参与人数: 18}",
                "",
            ]
        ),
    )
    write(f"{base}/照片/_folder.yaml", "类型: 照片\n")
    for seed, (when, what) in enumerate(
        [
            (day(4, 16), "“牛皮癣”清理（整治前）"),
            (day(4, 16), "“牛皮癣”清理（整治后）"),
            (day(5, 14), "环境卫生集中整治（整治前）"),
            (day(5, 14), "环境卫生集中整治（整治后）"),
        ]
    ):
        office.photo(
            ROOT / base / "照片" / f"{when} 栗坪社区{what}.jpg", 300 + seed, at(when, 10 + seed)
        )


def pairing() -> None:
    base = "06-结对帮扶"
    write(f"{base}/文件/_folder.yaml", "类型: 文件\n")
    office.docx(
        ROOT / base / "文件" / "2022-04-08 关于成立市人大常委会机关乡村振兴帮扶工作组的通知.docx",
        "关于成立市人大常委会机关乡村振兴帮扶工作组的通知",
        "兴人常机党〔2022〕11号",
        [
            "为持续落实巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作，经机关党组研究，决定成立市人大常委会"
            "机关乡村振兴帮扶工作组，常态包保南盘江镇田寨村、未团村、红椿村、箐口村和白碗窑镇戈多村。"
        ],
    )
    write(f"{base}/花名册/_folder.yaml", "类型: 花名册\n标签: [结对帮扶]\n")
    cadres = [f"干部{n:02d}" for n in range(1, 30)]
    office.xlsx(
        ROOT / base / "花名册" / "2022-02-15 结对帮扶花名册.xlsx",
        [
            {
                "name": "花名册",
                "title": "市人大常委会机关党员干部职工结对帮扶花名册",
                "header": ["序号", "帮扶户", "所在村（社区）", "类别", "帮扶干部", "联系电话"],
                "rows": [
                    [
                        n + 1,
                        household,
                        "白碗窑镇戈多村" if "戈多" in household else household[:2] + "社区",
                        "脱贫户" if "戈多" in household else "新市民",
                        cadres[n],
                        f"137{n + 1:08d}",
                    ]
                    for n, household in enumerate(HOUSEHOLDS)
                ],
            }
        ],
    )
    write(f"{base}/走访/_folder.yaml", "类型: 走访\n")
    missed = {("木贾新市民04", 3), ("木贾新市民05", 3), ("戈多村脱贫户12", 3)}
    visits = []
    for quarter, month in enumerate((3, 6, 9, 12), start=1):
        for n, household in enumerate(HOUSEHOLDS):
            if (household, quarter) in missed:
                continue
            when = day(month, 5 + n % 20)
            visits.append(
                [
                    f"{when:%Y/%-m/%-d}",
                    household,
                    cadres[n],
                    "走访慰问，宣传惠民政策，了解生产生活困难",
                ]
            )
    visits.sort(key=lambda row: (dt.datetime.strptime(row[0], "%Y/%m/%d"), row[1]))
    office.gbk_csv(
        ROOT / base / "走访" / "2022年结对帮扶走访记录.csv",
        ["走访日期", "帮扶户", "帮扶干部", "走访内容"],
        visits,
    )
    write(
        f"{base}/2022年党的二十大精神宣讲.yaml",
        "\n".join(
            [
                "# 机关党组成员组成宣讲队到包保村宣讲党的二十大精神",
                *(
                    f"- {{类型: 宣讲, 日期: 2022-11-{d:02d}, 标题: 到南盘江镇{village}宣讲党的二十大精神, 听众人数: {people}}}"
                    for d, village, people in [
                        (8, "田寨村", 86),
                        (10, "未团村", 72),
                        (15, "红椿村", 65),
                        (17, "箐口村", 90),
                    ]
                ),
                "",
            ]
        ),
    )


def office_building() -> None:
    base = "07-机关建设"
    write(
        f"{base}/2022-10-20 “人大先锋·周末志愿红”志愿服务品牌.md",
        """---
类型: 总结
标签: [特色]
---
# 特色亮点：“人大先锋·周末志愿红”志愿服务品牌

机关“人大先锋”志愿服务队坚持每周末开展志愿服务，与网格包保、普法宣传相结合，形成
“周末志愿红”志愿服务品牌。
""",
    )


def veto() -> None:
    """The veto papers the article does not mention but every unit files: the principal's
    signed yearly 承诺 and the departments' opinions asked for by the 文明办 at year end."""
    base = "08-一票否决"
    write(
        f"{base}/年度承诺书/2022-01-10 2022年度创建文明单位承诺书.md",
        f"""---
类型: 声明
标题: 2022年度创建文明单位承诺书
日期: 2022-01-10
签署人: 干部01（机关党组书记）
---
# 2022年度创建文明单位承诺书

{UNIT}郑重承诺，本年度无一票否决情形：

一、坚持把精神文明创建工作摆在重要位置，主要负责人亲自抓、负总责；
二、本年度单位领导班子成员无严重违纪违法行为，干部职工无违法犯罪受到刑事处罚；
三、本年度不发生重大安全生产、食品药品安全等责任事故，无环境违法行为；
四、单位及法定代表人不列入失信被执行人名单，无群体性事件、黄赌毒等问题；
五、认真履行文明城市创建责任，如实提供创建材料，不弄虚作假。

如有违反，自愿接受取消文明单位资格等处理。

单位（盖章）：{UNIT}

主要负责人（签字）：干部01

2022年1月10日
""",
    )
    write(f"{base}/部门意见登记/_folder.yaml", "类型: 部门意见\n")
    opinions = [
        (day(12, 5), "纪委监委", "党风廉政建设，领导班子成员严重违纪违法"),
        (day(12, 6), "政法委", "综治（平安建设），干部职工被追究刑事责任"),
        (day(12, 7), "应急管理局", "安全生产，重大安全生产事故"),
        (day(12, 8), "市场监管局", "食品药品安全，失信被执行人（信用）"),
        (day(12, 9), "生态环境局", "生态环境保护，环境违法行为"),
        (day(12, 12), "所在社区（栗坪社区）", "创文履职，群体性事件、黄赌毒、邪教"),
    ]
    office.xlsx(
        ROOT / base / "部门意见登记" / "2022年部门意见登记表.xlsx",
        [
            {
                "name": "部门意见",
                "title": "2022年度创建文明单位部门意见登记表",
                "header": ["序号", "日期", "部门", "事项", "意见", "经办人", "佐证材料"],
                "rows": [
                    [n, when, dept, matter, "无异议", "干部03", None]
                    for n, (when, dept, matter) in enumerate(opinions, start=1)
                ],
            }
        ],
    )


def main() -> None:
    if ROOT.exists():
        shutil.rmtree(ROOT)
    ROOT.mkdir()
    unit_and_readme()
    organisation()
    education()
    publicity()
    volunteering()
    grids()
    pairing()
    office_building()
    veto()


if __name__ == "__main__":
    main()
