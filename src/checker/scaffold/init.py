"""Lays out an empty evidence folder from the rules that apply to a unit type: a folder per
category, a typed subfolder (``_folder.yaml``) per kind of evidence the rules count, ledger
templates with the columns the rules read, a commented ``unit.yaml`` and a README that says,
rule by rule, what to collect and how often."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import UsageError
from checker.rules.document import describe_requirement
from checker.rules.loader import RuleSet
from checker.rules.models import Count, Requirement, Rule

_LEDGER_PERIODS = ("week", "month", "quarter")
_STAMP = dt.datetime(2021, 1, 1)  # templates carry no creation time of their own


@dataclass
class Slot:
    """One typed subfolder: where one kind of evidence goes."""

    folder: str
    type: str | None
    tags: tuple[str, ...]
    columns: list[str] = field(default_factory=list)  # empty: documents, no ledger
    rules: list[str] = field(default_factory=list)

    @property
    def ledger(self) -> str | None:
        if not self.columns:
            return None
        return f"{self.folder.rsplit('/', 1)[-1]}台账.xlsx"


def _is_ledger(requirement: Requirement) -> bool:
    """Evidence counted often, summed, grouped or filtered by field is kept as a ledger."""
    return (
        requirement.period in _LEDGER_PERIODS
        or requirement.aggregate.kind != "count"
        or requirement.per is not None
        or bool(requirement.where)
        or requirement.max is not None
        or (requirement.threshold_min or 0) > 2
    )


def _columns(requirement: Requirement) -> list[str]:
    columns = ["日期", "标题"]
    kind = requirement.aggregate
    if not isinstance(kind, Count):
        columns.append(kind.field)
    if requirement.per:
        columns.append(requirement.per)
    for name in requirement.where:
        columns.append("佐证照片" if name in ("照片数", "附件数") else name)
    return [*columns, "附件"]


def _slug(requirement: Requirement, vocabulary_names: list[str]) -> tuple[str | None, str]:
    kind = requirement.type[0] if requirement.type else None
    if kind not in vocabulary_names and kind is not None:
        kind = None
    label = kind or "、".join(requirement.tags) or "其他"
    if requirement.tags and kind:
        label += f"（{'、'.join(requirement.tags)}）"
    return kind, label


def plan(ruleset: RuleSet, unit_type: str) -> dict[str, list[Slot]]:
    """Category folder → its typed subfolders, for the rules that apply to ``unit_type``."""
    folders: dict[str, list[Slot]] = {}
    for number, category in enumerate(ruleset.categories):
        name = f"{number:02d}-{category}"
        slots: dict[str, Slot] = {}
        for rule in ruleset.rules:
            if rule.category != category or not _applies(rule, unit_type):
                continue
            for requirement in rule.requires:
                kind, label = _slug(requirement, list(ruleset.meta.evidence_types))
                canonical = ruleset.vocabulary.resolve(kind) if kind else None
                slot = slots.setdefault(
                    label, Slot(f"{name}/{label}", canonical, tuple(requirement.tags))
                )
                if _is_ledger(requirement):
                    for column in _columns(requirement):
                        if column not in slot.columns:
                            slot.columns.append(column)
                    slot.columns.sort(key=lambda column: column == "附件")  # always last
                if rule.id not in slot.rules:
                    slot.rules.append(rule.id)
        folders[name] = list(slots.values())
    return folders


def _applies(rule: Rule, unit_type: str) -> bool:
    return rule.applies_to is None or unit_type in rule.applies_to


def scaffold(ruleset: RuleSet, target: Path, unit_type: str, name: str | None) -> list[Path]:
    """Write the folder; refuse to touch a folder that already holds anything."""
    if unit_type not in ruleset.meta.unit_types:
        raise UsageError(
            f"单位类型 '{unit_type}' 不在规则集的 unit_types"
            f"（{'、'.join(ruleset.meta.unit_types)}）中"
        )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} 已存在且不是空文件夹；为免覆盖已有材料，请换一个新的文件夹")
    folders = plan(ruleset, unit_type)
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write("unit.yaml", _unit_yaml(ruleset, unit_type, name))
    write("README.md", _readme(ruleset, unit_type, folders))
    for folder, slots in folders.items():
        write(f"{folder}/_folder.yaml", _category_note(folder, slots))
        for slot in slots:
            write(f"{slot.folder}/_folder.yaml", _slot_defaults(slot))
            if slot.ledger:
                path = target / slot.folder / slot.ledger
                _ledger_template(path, slot.columns)
                written.append(path)
    return written


def _per_facts(ruleset: RuleSet, unit_type: str) -> list[str]:
    facts: dict[str, None] = {}
    for rule in ruleset.rules:
        if _applies(rule, unit_type):
            for requirement in rule.requires:
                if requirement.per:
                    facts.setdefault(requirement.per, None)
    return list(facts)


def _unit_yaml(ruleset: RuleSet, unit_type: str, name: str | None) -> str:
    lines = [
        "# 单位档案：checker 按这里的事实计算比例、逐个检查网格或帮扶户。",
        "# 改完后运行 checker validate。",
        f"名称: {name or '（请改为单位全称）'}",
        f"类型: {unit_type}",
        "职工人数: 0          # ← 请改为在编在岗人数（注册志愿者比例等按它计算）",
        f"创建起始: {ruleset.meta.cycle.start}  # 本单位开始创建的日期，早于它的材料不计入",
        "# 评估日期: 2023-12-31  # 迎检自查时可写明；不写则为检查当天",
    ]
    for fact in _per_facts(ruleset, unit_type):
        lines += [
            f"# 请逐个列出本单位的{fact}：每一个都必须有记录，没有记录的会作为差距列出",
            f"{fact}: []",
        ]
    return "\n".join(lines) + "\n"


def _slot_defaults(slot: Slot) -> str:
    lines = ["# 本文件夹中的材料默认为下列类型与标签；台账的每一行、每个带日期的文件都是一条记录"]
    if slot.type:
        lines.append(f"类型: {slot.type}")
    if slot.tags:
        lines.append(f"标签: [{', '.join(slot.tags)}]")
    return "\n".join(lines) + "\n"


def _category_note(folder: str, slots: list[Slot]) -> str:
    lines = [f"# {folder.split('-', 1)[1]}：把材料放进下面对应的子文件夹。"]
    lines += [
        f"#   {slot.folder.rsplit('/', 1)[-1]}/：规则 {'、'.join(slot.rules)}" for slot in slots
    ]
    return "\n".join(lines) + "\n"


def _readme(ruleset: RuleSet, unit_type: str, folders: dict[str, list[Slot]]) -> str:
    meta = ruleset.meta
    lines = [
        f"# 创建文明单位证据文件夹（{unit_type}）",
        "",
        f"本文件夹由 `checker init` 按《{meta.title}》（{meta.version}）生成。"
        "把材料放进对应的文件夹后，运行 `checker validate` 检查格式，"
        "运行 `checker check` 查看得分和差距。",
        "",
        "- 文件名以日期开头：`2022-03-08 三八妇女节普法宣传.jpg`；没有日期的文件不计入。",
        "- 台账（`*台账.xlsx`）每一行是一条记录：从第二行起逐条填写，不要改表头；"
        "日期写成 2022-03-08。",
        "- 照片、签到表等佐证材料可以放在台账旁，在“附件”列写文件名（多个用“；”分隔）。",
        "- 先改好 `unit.yaml`（单位名称、职工人数、网格等）。",
        "",
    ]
    slots = {slot.folder: slot for group in folders.values() for slot in group}
    for category in ruleset.categories:
        rules = [
            rule
            for rule in ruleset.rules
            if rule.category == category and _applies(rule, unit_type)
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


def _ledger_template(path: Path, columns: list[str]) -> None:
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({"created": _STAMP, "author": "checker init"})
    sheet = workbook.add_worksheet("台账")
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    for index, column in enumerate(columns):
        sheet.write(0, index, column, bold)
        sheet.set_column(index, index, 14 if column == "日期" else 24)
    sheet.freeze_panes(1, 0)
    workbook.close()
