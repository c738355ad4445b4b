"""Lays out an empty evidence folder from the rules that apply to a unit type: a folder per
category, a typed subfolder (``_folder.yaml``) per kind of evidence the rules count, ledger
templates with the columns the rules read, a commented ``unit.yaml`` and a README that says,
rule by rule, what to collect and how often."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.engine.tailor import with_overlays
from checker.errors import UsageError
from checker.rules.loader import RuleSet
from checker.rules.models import Count, Requirement, Rule
from checker.scaffold import readme, registers
from checker.scaffold.readme import TEMPLATES

_LEDGER_PERIODS = ("week", "month", "quarter")


@dataclass
class Slot:
    """One typed subfolder: where one kind of evidence goes."""

    folder: str
    type: str | None
    tags: tuple[str, ...]
    read: list[str] = field(default_factory=list)  # the columns the rules read
    ledger_kept: bool = False  # kept as a register, roster or ledger (else documents)
    rules: list[str] = field(default_factory=list)
    roster: registers.Roster | None = None

    @property
    def name(self) -> str:
        return self.folder.rsplit("/", 1)[-1]

    @property
    def columns(self) -> list[str]:
        if not self.ledger_kept:
            return []
        return registers.columns_for(self.type, self.read, self.roster)

    @property
    def ledger(self) -> str | None:
        """The register's file name: 注册志愿者名册.xlsx, 普法宣传活动登记表.xlsx."""
        if not self.ledger_kept:
            return None
        if self.roster is not None or self.name.endswith("名册"):
            return f"{self.name}.xlsx"
        return (
            f"{self.name.removesuffix('台账').removesuffix('记录').removesuffix('登记')}登记表.xlsx"
        )


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


def _kind(requirement: Requirement, vocabulary_names: list[str]) -> str | None:
    kind = requirement.type[0] if requirement.type else None
    return kind if kind in vocabulary_names else None


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
                for slot in _slots_of(ruleset, requirement, name, slots):
                    if slot.ledger_kept:
                        slot.read.extend(c for c in _columns(requirement) if c not in slot.read)
                    if rule.id not in slot.rules:
                        slot.rules.append(rule.id)
        folders[name] = list(slots.values())
    return folders


def _slots_of(
    ruleset: RuleSet, requirement: Requirement, folder: str, slots: dict[str, Slot]
) -> list[Slot]:
    """The subfolders a requirement's evidence goes in: its first type's, and a roster named
    for what it reads when it takes a 名册 (红白理事会章程或成员名单: a 制度 and a roster)."""
    kinds = [ruleset.vocabulary.resolve(t) for t in requirement.type]
    tags = tuple(requirement.tags)
    found = []
    if "名册" in kinds:
        roster = registers.roster_for(requirement)
        slot = slots.setdefault(roster.name, Slot(f"{folder}/{roster.name}", "名册", tags))
        slot.roster, slot.ledger_kept = roster, True
        found.append(slot)
    kind = _kind(requirement, list(ruleset.meta.evidence_types))
    canonical = ruleset.vocabulary.resolve(kind) if kind else None
    if canonical != "名册":
        label = registers.ledger_name(canonical, tags)
        slot = slots.setdefault(label, Slot(f"{folder}/{label}", canonical, tags))
        slot.ledger_kept = slot.ledger_kept or _kept_as_ledger(canonical, requirement)
        found.append(slot)
    return found


def _kept_as_ledger(kind: str | None, requirement: Requirement) -> bool:
    """Rosters and department opinions are always tables; an 事件 (a unit's own incident)
    never gets a blank ledger: it is filed as the 通报 it is, if there is one."""
    if kind == "事件" or kind == "声明":
        return False
    return kind in ("名册", "部门意见") or _is_ledger(requirement)


def _applies(rule: Rule, unit_type: str) -> bool:
    return rule.applies_to is None or unit_type in rule.applies_to


def scaffold(
    ruleset: RuleSet,
    target: Path,
    unit_type: str,
    name: str | None,
    enabled: Sequence[str] = (),
) -> list[Path]:
    """Write the folder, with the overlays ``enabled`` (``--enable 兴义创文``) in place of what
    they replace; refuse to touch a folder that already holds anything."""
    enabled = list(dict.fromkeys(enabled))
    _check_choices(ruleset, unit_type, enabled)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} 已存在且不是空文件夹；为免覆盖已有材料，请换一个新的文件夹")
    base = ruleset
    ruleset = replace(ruleset, rules=with_overlays(ruleset, enabled))
    folders = plan(ruleset, unit_type)
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write("unit.yaml", _unit_yaml(ruleset, unit_type, name, list(base.overlays), enabled))
    write("README.md", readme.overview(ruleset, unit_type, folders, enabled))
    if readme.on_site(ruleset, unit_type):
        write("ratings.yaml", readme.ratings_template(ruleset, unit_type))
    for folder, slots in folders.items():
        write(f"{folder}/_folder.yaml", _category_note(folder, slots))
        for slot in slots:
            write(f"{slot.folder}/_folder.yaml", _slot_defaults(slot))
            write(f"{slot.folder}/README.md", readme.folder_readme(ruleset, unit_type, slot))
            if slot.ledger:
                path = target / slot.folder / slot.ledger
                note = registers.opinion_note() if slot.type == "部门意见" else None
                title = registers.title_of(name, slot.ledger.removesuffix(".xlsx"))
                registers.write_register(path, title, slot.columns, note)
                written.append(path)
            if slot.type == "声明":
                write(f"{TEMPLATES}/{readme.PLEDGE_FILE}", readme.pledge(name))
    return written


def _check_choices(ruleset: RuleSet, unit_type: str, enabled: list[str]) -> None:
    """The type is one the set covers and each overlay one it offers, else a usage error
    that lists the choices."""
    if unit_type not in ruleset.meta.unit_types:
        raise UsageError(
            f"单位类型 '{unit_type}' 不在规则集的 unit_types"
            f"（{'、'.join(ruleset.meta.unit_types)}）中"
        )
    for overlay in enabled:
        if overlay not in ruleset.overlays:
            offered = "、".join(ruleset.overlays)
            raise UsageError(
                f"规则集《{ruleset.meta.title}》没有可选部分 '{overlay}'"
                + (f"（可选：{offered}）" if offered else "（本规则集没有可选部分）")
            )


def _per_facts(ruleset: RuleSet, unit_type: str) -> list[str]:
    facts: dict[str, None] = {}
    for rule in ruleset.rules:
        if _applies(rule, unit_type):
            for requirement in rule.requires:
                if requirement.per:
                    facts.setdefault(requirement.per, None)
    return list(facts)


def _unit_yaml(
    ruleset: RuleSet, unit_type: str, name: str | None, offered: list[str], enabled: list[str]
) -> str:
    lines = [
        "# 单位档案：checker 按这里的事实计算比例、逐个检查网格或帮扶户。",
        "# 改完后运行 checker validate。",
        f"名称: {name or '（请改为单位全称）'}",
        f"类型: {unit_type}",
        "# 职工人数：必填。请改为在编在岗人数；留 0 视为未填写，注册志愿者比例等无法计算",
        "职工人数: 0",
        f"创建起始: {ruleset.meta.cycle.start}  # 本单位开始创建的日期，早于它的材料不计入",
        "# 评估日期: 2023-12-31  # 迎检自查时可写明；不写则为检查当天",
    ]
    if enabled:
        lines += [
            "# 启用的可选部分（扩展测评项目）；可选：" + "、".join(offered),
            f"启用: [{', '.join(enabled)}]",
        ]
    elif offered:  # shown, not switched on: a unit with the local task removes the “# ”
        lines.append(f"# 启用: [{offered[0]}]  可选：{'、'.join(offered)}（去掉行首的 # 即启用）")
    for fact in _per_facts(ruleset, unit_type):
        lines += [
            f"# 请逐个列出本单位的{fact}，如 {fact}: [{_EXAMPLES.get(fact, '名称一')}]："
            "每一个都必须有记录，没有记录的会作为差距列出",
            f"{fact}: []",
        ]
    return "\n".join(lines) + "\n"


# What a listed fact looks like, for the comment above its empty list.
_EXAMPLES = {"网格": "第一网格, 第二网格", "帮扶户": "张某某, 李某某"}


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
