"""The READMEs ``checker init`` writes (one for the folder, one per kind of evidence, with no
trace of any one unit) and the yearly 承诺 template."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.rules.document import describe_requirement
from checker.rules.loader import RuleSet
from checker.rules.models import Rule

if TYPE_CHECKING:
    from checker.scaffold.init import Slot

TEMPLATES = ".填写模板"  # the dot keeps templates out of the evidence: they are never counted
PLEDGE_FILE = "年度创建文明单位承诺书.md"


def applies(rule: Rule, unit_type: str) -> bool:
    return rule.applies_to is None or unit_type in rule.applies_to


def on_site(ruleset: RuleSet, unit_type: str) -> list[Rule]:
    """The unit's items judged on site or by survey: rated in ratings.yaml, never from files."""
    return [rule for rule in ruleset.rules if rule.manual and applies(rule, unit_type)]


def ratings_template(ruleset: RuleSet, unit_type: str) -> str:
    """ratings.yaml as init writes it: comments only (no rating yet), the form of an entry and
    the unit's on-site items with their points, so a rating names an item that exists."""
    rules = on_site(ruleset, unit_type)
    example = rules[0]
    lines = [
        "# 现场评分（可选）：实地考察、问卷调查的项目看现场、问群众，不从文件得分。",
        "# 单位自评或测评组打分后，按下面的格式逐项填写（去掉行首的“# ”）；",
        "# 没有评分的项目不得分，报告中列为“需现场核验”。",
        "# 自评请按实际情况打分，正式得分以测评组评分为准。",
        "#",
        f"# - 规则: {example.id}",
        f"#   得分: {example.score / 2:g}          # 0 到该项分值之间",
        "#   评分人: 单位自评      # 或 测评组",
        "#   日期: 2024-12-20",
        "#   说明: 评分的依据，如 办公区整洁，档案室标识不全",
        "#",
        "# 本单位的实地考察、问卷调查项目：",
    ]
    lines += [f"#   {rule.id} {rule.title}（{rule.score:g} 分，{rule.method}）" for rule in rules]
    return "\n".join(lines) + "\n"


def overview(
    ruleset: RuleSet,
    unit_type: str,
    folders: dict[str, list[Slot]],
    enabled: Sequence[str] = (),
) -> str:
    """The folder's README: rule by rule, what to collect, how often and where."""
    meta = ruleset.meta
    lines = [
        f"# 创建文明单位证据文件夹（{unit_type}）",
        "",
        f"本文件夹由 `checker init` 按《{meta.title}》（{meta.version}）生成。"
        "把材料放进对应的文件夹后，运行 `checker validate` 检查格式，"
        "运行 `checker check` 查看得分和差距。",
        "",
        "- 文件名以日期开头：`2022-03-08 三八妇女节普法宣传.jpg`；没有日期的文件不计入。",
        "- 登记表、名册（`*.xlsx`）每一行是一条记录：在表头下逐行填写，不要改表头；"
        "时间写成 2022-03-08；表尾的填表人、审核人、填表日期请填写。",
        "- 照片、签到表等佐证材料可以放在登记表旁，在“佐证材料”列写文件名（多个用“；”分隔）。",
        f"- 年度承诺书的模板在 `{TEMPLATES}/` 中：复制到承诺书文件夹，按说明改名、填写、签字。",
        "- 每个子文件夹里的 README.md 说明该收集什么、文件怎么命名。",
        "- 先改好 `unit.yaml`（单位名称、职工人数、网格等）。",
        *(
            [
                "- 实地考察、问卷调查的项目不从文件得分："
                "自评或测评组打分后写进 `ratings.yaml`（见其中说明）。"
            ]
            if on_site(ruleset, unit_type)
            else []
        ),
        *_overlay_lines(ruleset, enabled),
        "",
    ]
    slots = {slot.folder: slot for group in folders.values() for slot in group}
    for category in ruleset.categories:
        rules = [
            rule for rule in ruleset.rules if rule.category == category and applies(rule, unit_type)
        ]
        if not rules:
            continue
        lines += [f"## {category}", ""]
        for rule in rules:
            flags = f"{rule.score:g} 分，{rule.method}" + ("，一票否决" if rule.veto else "")
            lines += [f"### {rule.id} {rule.title}（{flags}）", ""]
            for requirement in rule.requires:
                where = next(
                    (
                        s.folder
                        for s in slots.values()
                        if rule.id in s.rules
                        and (
                            s.type in {ruleset.vocabulary.resolve(t) for t in requirement.type}
                            or (not requirement.type and s.tags == tuple(requirement.tags))
                        )
                    ),
                    "",
                )
                place = f"（放在 `{where}/`）" if where else ""
                lines.append(
                    f"- 收集“{requirement.name}”：{describe_requirement(requirement)}{place}"
                )
            if rule.manual:
                lines.append(f"- {rule.method}：迎检时由检查组现场核验，不需要上传材料。")
            if rule.guidance:
                lines.append(f"- 怎么做：{rule.guidance}")
            lines.append("")
    return "\n".join(lines)


def _overlay_lines(ruleset: RuleSet, enabled: Sequence[str]) -> list[str]:
    """Which optional parts are switched on, and how to switch on the others."""
    lines = []
    if enabled:
        lines.append(f"- 已启用可选部分：{'、'.join(enabled)}（见 `unit.yaml` 的“启用”）。")
    others = [name for name in ruleset.overlays if name not in enabled]
    if others:
        lines.append(
            f"- 本规则集另有可选部分：{'、'.join(others)}。承担相应任务的单位，"
            f"用 `checker init 新文件夹 --enable {others[0]}` 生成含其文件夹的模板，"
            "或在 `unit.yaml` 中写“启用”并自建对应文件夹。"
        )
    return lines


# How files are named, by kind of evidence: what an office files and how the checker dates it.
_NAMING = {
    "名册": "名册整张表按登记日期计入；人员变动时在表中增删，不要另建新表。"
    "从平台导出的名单请粘贴进本表，工作表名称保留为名册的名称（规则据此识别名册）。",
    "部门意见": "每份回函或征求意见表登记一行：部门、事项、意见（无异议/有异议）、日期、经办人；"
    "回函原件扫描后放在本文件夹，文件名以日期开头，并写进“佐证材料”列。",
    "声明": f"每年一份，由单位主要负责人签字：复制 `{TEMPLATES}/{PLEDGE_FILE}`，"
    "改名为 `2024-01-10 2024年度创建文明单位承诺书.md`，填写后放在这里；"
    "签字盖章的扫描件同名放在旁边。",
}
_DEFAULT_NAMING = (
    "文件以日期开头命名，如 `2024-03-08 标题.pdf`、`2024-03-08 标题-1.jpg`；"
    "正式文件的标题写全称，正文中保留文号（如 〔2024〕3号）。"
)
_LEDGER_NAMING = (
    "在登记表中每次活动登记一行；照片、签到表、会议记录等佐证材料放在登记表旁，"
    "文件名以日期开头（如 `2024-03-08 活动名称-1.jpg`），并写进“佐证材料”列。"
)


def folder_readme(ruleset: RuleSet, unit_type: str, slot: Slot) -> str:
    """What goes in one folder: the items it serves, what to collect, how to name files."""
    lines = [f"# {slot.name}", ""]
    if slot.type:
        lines += [f"本文件夹的材料计为“{slot.type}”类证据。", ""]
    lines += ["## 对应的测评项目", ""]
    for rule in ruleset.rules:
        if rule.id not in slot.rules or not applies(rule, unit_type):
            continue
        lines.append(f"- {rule.id} {rule.title}（{rule.score:g} 分）")
        for requirement in rule.requires:
            if slot.type in {ruleset.vocabulary.resolve(t) for t in requirement.type} or (
                not requirement.type and tuple(requirement.tags) == slot.tags
            ):
                lines.append(f"  - 收集“{requirement.name}”：{describe_requirement(requirement)}")
    lines += ["", "## 文件怎么命名", ""]
    naming = _NAMING.get(slot.type or "")
    lines.append(f"- {naming or (_LEDGER_NAMING if slot.ledger else _DEFAULT_NAMING)}")
    if slot.ledger:
        lines.append(f"- 登记表：`{slot.ledger}`，表头列为：{'、'.join(slot.columns)}。")
    lines.append("- 只放真实发生的材料；过去没有做的不要补做、倒签日期，如实说明即可。")
    return "\n".join(lines) + "\n"


def pledge(unit_name: str | None) -> str:
    """The yearly 承诺 as a record (类型 声明) with blanks to fill and the principal's signature."""
    name = unit_name or "（单位全称）"
    return f"""---
类型: 声明
标题: ____年度创建文明单位承诺书   # 写上年份，如 2024年度创建文明单位承诺书
日期: ____-__-__                    # 签署日期，如 2024-01-10；文件名以同一日期开头
签署人: （单位主要负责人姓名、职务）
---
# ____年度创建文明单位承诺书

{name}对照一票否决事项逐项自查，郑重承诺：自____年__月__日至签署之日（近两年内），本单位
未发生下列情形；今后如发生，将如实登记并及时报告文明办。

一、领导班子成员严重违纪违法；
二、干部职工因违法犯罪被追究刑事责任；
三、发生重大安全生产、食品药品安全等责任事故；
四、发生环境违法行为并受到公开处罚；
五、单位或法定代表人被列入失信被执行人等失信名单；
六、发生群体性事件，或涉及黄赌毒、邪教、严重道德失范等问题；
七、被给予综治（平安建设）黄牌警告；
八、文明城市创建责任不落实、造成不良影响；
九、在创建材料中弄虚作假。

如有违反，自愿接受取消文明单位资格等处理。

单位（盖章）：{name}

主要负责人（签字）：

____年__月__日
"""
