"""The import report: per item, what the importer understood (in words and as YAML) and what
it left to a person, so a clerk can check the translation against the paper table."""

from __future__ import annotations

from typing import Any

import yaml

from checker.rules.export import requirement_phrase
from checker.rules.importer import Imported, ImportedItem, judged_years
from checker.rules.importer_embedded import Embedded
from checker.rules.models import Requirement


def _phrase(requirement: dict[str, Any]) -> str:
    types = requirement.get("type")
    shown = "、".join(types) if isinstance(types, list) else str(types or "")
    words = requirement_phrase(Requirement.model_validate(requirement))
    if "keywords" in requirement:
        shown += f"（提到{'或'.join(requirement['keywords'])}）"
    for pattern in requirement.get("pattern", []):  # 重大.*(?:安全生产|事故), as words
        spoken = pattern.replace(".*", "……").replace("(?:", "").replace(")", "")
        shown += f"（提到{spoken.replace('|', '或')}）"
    return f"{requirement['name']}：{shown}记录{words}"


def _understood(entry: ImportedItem) -> list[str]:
    rule = entry.rule
    lines = [_phrase(req) for req in rule.get("requires", [])]
    if rule.get("veto"):
        lines.append("一票否决" + (f"（回溯 {rule['lookback']}）" if rule.get("lookback") else ""))
    if rule["method"] != "材料审核":
        lines.append(f"{rule['method']}：由测评人员评定")
    return lines


def _yaml(rule: dict[str, Any]) -> str:
    shown = {
        key: value
        for key, value in rule.items()
        if key not in ("_category", "clause", "guidance", "basis")
    }
    return yaml.safe_dump([shown], allow_unicode=True, sort_keys=False, width=100)


def render_report(imported: Imported, out: str, markdown: bool) -> str:
    table = imported.table
    head = "# 测评细则导入报告\n\n" if markdown else "测评细则导入报告\n"
    lines = [head.rstrip("\n") + ("\n" if markdown else "")]
    lines.append(f"表格：{imported.source}（表头在第 {table.header_row} 行）")
    lines.append(f"标题：{table.title or '（无标题行，用文件名）'}")
    lines.append(f"评估期：{judged_years(imported)}")
    lines.append(f"规则集：{out}，{len(imported.items)} 项，共 {imported.points:g} 分")
    rated = [i for i in imported.items if i.rule["method"] != "材料审核"]
    lines.append(f"其中 {len(rated)} 项由测评人员评定（实地考察或问卷调查）")
    for warning in imported.warnings():
        lines.append(("> **注意**：" if markdown else "注意：") + warning)
    lines.append("")
    if imported.embedded is not None:
        return "\n".join(lines + _embedded_lines(imported.embedded, markdown)).rstrip() + "\n"
    for category in imported.categories:
        lines.append(f"## {category}\n" if markdown else f"【{category}】")
        for entry in (i for i in imported.items if i.rule["_category"] == category):
            lines.extend(_item_lines(entry, markdown))
    return "\n".join(lines).rstrip() + "\n"


def _embedded_lines(embedded: Embedded, markdown: bool) -> list[str]:
    """An exported table re-imported: the rule set is the one it carried, not a translation."""
    bullet = "- " if markdown else "  "
    lines = ["按导出时附带的规则定义导入；表中文字改动处见下", ""]
    lines.extend(f"{bullet}采用表中改动：{change}" for change in embedded.changes)
    lines.extend(f"{bullet}未采用：{note}" for note in embedded.ignored)
    if not embedded.changes and not embedded.ignored:
        lines.append(f"{bullet}表中分值、测评方法与规则定义一致，没有改动")
    lines.append(
        f"{bullet}评分标准、测评内容的文字改动不会采用（规则以附带的定义为准）；"
        "要按改动后的文字重新翻译，请把表格复制到新的 Excel 或 Word 文件再导入"
    )
    return lines


def _item_lines(entry: ImportedItem, markdown: bool) -> list[str]:
    rule, item = entry.rule, entry.item
    where = f"{rule['score']:g} 分，{rule['method']}，表第 {item.row} 行"
    title = f"{rule['id']} {rule['title']}（{where}）"
    lines = [f"### {title}\n" if markdown else title]
    bullet = "- " if markdown else "  "
    lines.append(f"{bullet}原文：{' '.join((item.criteria or item.content).split())}")
    for text in _understood(entry):
        lines.append(f"{bullet}理解为：{text}")
    for piece in entry.translation.left:
        lines.append(f"{bullet}留给人工：{piece}")
    for note in entry.notes:
        lines.append(f"{bullet}说明：{note}")
    if markdown:
        lines.append("\n```yaml\n" + _yaml(rule) + "```\n")
    return lines
