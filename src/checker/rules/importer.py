"""``checker rules import``: a 测评细则 table becomes a rule-set folder, with a report of what
each item was understood to ask and what was left to a person."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.errors import InputError, Problem, UsageError
from checker.rules.importer_embedded import Embedded, embedded_files, read_definition
from checker.rules.importer_read import read_table_rows
from checker.rules.importer_table import Item, ReadTable, find_header, parse_points, read_items
from checker.rules.importer_terms import event_terms
from checker.rules.importer_words import (
    TYPE_CUES,
    VETO_TOPICS,
    Translation,
    is_veto,
    normalize,
    translate,
)
from checker.rules.models import MANUAL_METHODS

_FIELD_WORDS = ("实地", "现场", "察看")
_SURVEY_WORDS = ("问卷", "测评", "调查", "满意", "座谈", "访谈", "征求意见", "走访")
_PAPER_WORDS = ("材料", "资料", "台账", "查阅", "审核", "档案", "核查", "查看资料")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class ImportedItem:
    """One item of the table and the rule made of it."""

    item: Item
    rule: dict[str, Any]
    translation: Translation
    notes: list[str] = field(default_factory=list)


@dataclass
class Imported:
    source: str  # the table's file name
    table: ReadTable
    items: list[ImportedItem]
    categories: list[str]
    evidence_types: dict[str, list[str]]
    # the exact rule set an export carried beside its table, with the table's edits applied
    embedded: Embedded | None = None

    @property
    def points(self) -> float:
        return round(sum(float(i.rule["score"]) for i in self.items), 2)

    def warnings(self) -> list[str]:
        """What the clerk must look at: points that do not add up."""
        found = []
        if self.table.total is not None and abs(self.table.total - self.points) > 0.001:
            found.append(
                f"各项分值合计 {self.points:g} 分，与表中合计行（第 {self.table.total_row} 行）"
                f"的 {self.table.total:g} 分不一致，请核对"
            )
        for name, points in self.table.category_points.items():
            got = round(
                sum(float(i.rule["score"]) for i in self.items if i.rule["_category"] == name), 2
            )
            if abs(got - points) > 0.001:
                found.append(f"“{name}”标为 {points:g} 分，其下各项合计 {got:g} 分，请核对")
        return found


def import_table(path: Path) -> Imported:
    """Read the table at ``path`` and make one rule of each item. A table without a header
    the importer knows is an input problem (exit 2): nothing could be imported."""
    sheets = read_table_rows(path)
    for rows in sheets:
        header = find_header(rows)
        if header is None:
            continue
        table = read_items(rows, *header)
        if table.items:
            imported = _rules_of(path, table)
            carried = read_definition(path)
            if carried is not None:
                imported.embedded = embedded_files(path.name, carried, table.items)
            return imported
    raise InputError(
        [
            Problem(
                path.name,
                0,
                0,
                "没有找到测评细则表的表头：须有“分值”（或“分数”）列和“测评内容”"
                "（或“测评项目”“内容”“标准”）列，请核对表格后再导入",
            )
        ]
    )


def _rules_of(path: Path, table: ReadTable) -> Imported:
    vocabulary = bundled_vocabulary()
    known = set(vocabulary)
    source = table.title or path.stem
    ids = _ids(table.items)
    categories = list(dict.fromkeys(item.category for item in table.items))
    made = []
    cycle = _cycle(source)
    one_year = cycle.get("end", "")[:4] == cycle["start"][:4]
    for item, rule_id in zip(table.items, ids, strict=True):
        made.append(_rule(item, rule_id, source, known, one_year))
    return Imported(path.name, table, made, categories, vocabulary)


def _ids(items: list[Item]) -> list[str]:
    """The table's own numbers where they are distinct; A1, A2 … by category for an item
    without one (a veto line), or for all when the numbers repeat (序号 merged over a category)."""
    given = [item.given_id for item in items]
    numbered = [g for g in given if g]
    if len(set(numbered)) != len(numbered):
        given = [""] * len(items)
    letters: dict[str, str] = {}
    counts: dict[str, int] = {}
    taken = set(given)
    ids = []
    for item, own in zip(items, given, strict=True):
        letter = letters.setdefault(item.category, _letter(len(letters)))
        if own:
            ids.append(own)
            continue
        while True:
            counts[letter] = counts.get(letter, 0) + 1
            made = f"{letter}{counts[letter]}"
            if made not in taken:
                break
        taken.add(made)
        ids.append(made)
    return ids


def _letter(index: int) -> str:
    return _LETTERS[index % 26] * (1 + index // 26)


def _rule(item: Item, rule_id: str, source: str, known: set[str], one_year: bool) -> ImportedItem:
    wording = item.criteria or item.content
    translation = translate(wording, item.content, known)
    if not translation.requires and item.criteria and item.criteria != item.content:
        both = translate(item.content + "\n" + item.criteria, item.content, known)
        if both.requires:
            translation = both
    notes: list[str] = list(translation.notes)
    _fit_deductions(translation, wording, one_year, notes)
    every = " ".join((item.content, item.criteria, item.score, item.method))
    translation.veto = translation.veto or is_veto(every)
    if translation.veto and not translation.requires:
        translation.requires = _veto_requirement(item, known)
    score = parse_points(item.score)
    if score is None:
        score = 0.0
        if not translation.veto:
            notes.append(f"分值“{item.score}”无法识别，按 0 分导入，请补填")
    method = _method(item.method, translation, notes)
    rule: dict[str, Any] = {
        "id": rule_id,
        "title": short_title(item.content),
        "clause": item.content,
        "basis": {"kind": "核实", "source": source},
        "score": int(score) if score.is_integer() else score,
        "method": method,
    }
    if translation.veto:
        rule["veto"] = True
        if translation.lookback:
            rule["lookback"] = translation.lookback
    rule["guidance"] = item.criteria or item.content
    if translation.requires and not translation.survey:
        rule["requires"] = translation.requires
    rule["_category"] = item.category
    return ImportedItem(item, rule, translation, notes)


def _fit_deductions(
    translation: Translation, wording: str, one_year: bool, notes: list[str]
) -> None:
    """``deduct`` counts missing periods when several are judged, missing times when one is
    (docs/semantics.md). “少1次扣0.2分” on more than once a period is per time: right over a
    one-year cycle counted as a whole, else beyond the language, so left to a person."""
    unable = False
    for req in translation.requires:
        counted, half = req.pop("_by_count", False), req.pop("_half", False)
        if "deduct" not in req or not counted or "period" not in req:
            continue
        if req.get("min", 1) <= 1 and not half:
            continue  # once a period: a missing period is a missing time
        if one_year and req["period"] == "year":
            del req["period"]  # the cycle is that one year: count it as a whole
            notes.append(f"“{req['name']}”按全年合计计数，每少1次扣{req['deduct']:g}分")
        else:
            unable = True
    if unable:
        translation.requires = []
        translation.left.insert(0, wording)
        notes.append(
            "评分标准按次扣分，而每个时段要求不止1次，创建周期又不止一年：规则只能按缺的时段扣分，"
            "算不出表中的分，留给测评人员按原文评定"
        )


def _method(text: str, translation: Translation, notes: list[str]) -> str:
    """The method the table names, kept where the rule can be judged by it; where the
    importer changes it (a 查阅资料 item with nothing to count), the note says why."""
    named = _named_method(text)
    if translation.survey:
        chosen, reason = "问卷调查", "满意度由问卷调查得出，留给测评人员评定"
    elif named in MANUAL_METHODS or translation.requires:
        chosen, reason = named if named in MANUAL_METHODS else "材料审核", ""
    else:
        chosen = "实地考察"
        reason = "评分标准未能译成材料要求，作为评定项导入，原文留给测评人员评定"
    if named is not None and chosen != named:
        how = "，测评人员仍按原文查阅资料" if named == "材料审核" else ""
        reason += (
            f"；表中测评方法为“{text}”，由人评定的项在规则中只能是实地考察或问卷调查，"
            f"故导入为“{chosen}”{how}"
        )
    if reason:
        notes.append(reason)
    return chosen


def _named_method(text: str) -> str | None:
    """The method a 测评方法 cell names; records to read win over a visit or a survey."""
    if any(word in text for word in _PAPER_WORDS):
        return "材料审核"
    if any(word in text for word in _SURVEY_WORDS):
        return "问卷调查"
    if any(word in text for word in _FIELD_WORDS):
        return "实地考察"
    return None


def _veto_requirement(item: Item, known: set[str]) -> list[dict[str, Any]]:
    """A veto with no threshold written: no event record on the topics the item names."""
    text = item.content + item.criteria
    topics = [topic for topic in VETO_TOPICS if topic in text]
    if not topics or "事件" not in known:
        return []
    name = re.sub(r"[，,]?\s*(?:实行|予以|则|即)?一票否决.*$", "", short_title(item.content))
    # a serious event (重大安全事故) keeps its qualifier: not every 事故 vetoes
    terms = event_terms(normalize(item.content)) or event_terms(normalize(item.criteria))
    return [{"name": name or "否决事件", "type": "事件", **terms, "max": 0}]


def short_title(content: str) -> str:
    text = re.sub(
        r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[、.．]\s*", "", " ".join(content.split())
    )
    head = re.split(r"[。；;]", text)[0]
    return head if len(head) <= 40 else head[:38] + "……"


def bundled_vocabulary() -> dict[str, list[str]]:
    """The evidence types of every bundled rule set: canonical names and their aliases, an
    alias kept only where it is no other set's canonical name."""
    from checker.resources import library_sets

    merged: dict[str, list[str]] = {}
    declared = []
    for found in library_sets():
        meta = yaml.safe_load((found.path / "ruleset.yaml").read_text(encoding="utf-8")) or {}
        declared.append(meta.get("evidence_types") or {})
    for types in declared:
        for name in types:
            merged.setdefault(str(name), [])
    taken = set(merged)
    for types in declared:
        for name, aliases in types.items():
            for alias in aliases or []:
                if str(alias) not in taken:
                    merged[str(name)].append(str(alias))
                    taken.add(str(alias))
    # a word the importer reads as a type (评比 → 评选) is accepted as that type in records
    for cue, name in TYPE_CUES:
        if name in merged and cue not in taken:
            merged[name].append(cue)
            taken.add(cue)
    return merged


def write_ruleset(imported: Imported, out: Path) -> list[Path]:
    """Write ``ruleset.yaml`` and one file per category into ``out`` (new or empty)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"输出目录 {out} 已存在且不为空；请指定一个新的或空的目录")
    out.mkdir(parents=True, exist_ok=True)
    if imported.embedded is not None:
        return _write_embedded(imported, imported.embedded, out)
    written = [out / "ruleset.yaml"]
    written[0].write_text(_header(imported) + _dump(_meta(imported)), encoding="utf-8")
    for index, category in enumerate(imported.categories):
        rules = [dict(i.rule) for i in imported.items if i.rule["_category"] == category]
        for rule in rules:
            del rule["_category"]
        name = re.sub(r'[\\/:*?"<>|\s]+', "", category)[:40] or "测评项目"
        path = out / f"{index + 1:02d}-{name}.yaml"
        path.write_text(
            _header(imported) + _dump({"category": category, "rules": rules}), encoding="utf-8"
        )
        written.append(path)
    return written


def _write_embedded(imported: Imported, embedded: Embedded, out: Path) -> list[Path]:
    written = []
    for name, data in embedded.files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_header(imported) + _dump(data), encoding="utf-8")
        written.append(path)
    return written


def _header(imported: Imported) -> str:
    return f"# 由 checker rules import 从 {imported.source} 导入，请对照导入报告逐条核对。\n"


def _meta(imported: Imported) -> dict[str, Any]:
    from checker.resources import library_types

    title = imported.table.title or Path(imported.source).stem
    return {
        "id": re.sub(r"\W+", "-", Path(imported.source).stem).strip("-") or "imported",
        "title": title,
        "source": title,
        # the table's own year (2022年度…), never the day of the import: the same table
        # always gives the same rule set
        "version": _year(title) or "1",
        "description": f"由 {imported.source} 导入的测评细则",
        "official": True,
        "cycle": _cycle(title),
        "pass_score": 80,
        "grades": [
            {"min": 90, "name": "优秀"},
            {"min": 80, "name": "达标"},
            {"min": 0, "name": "未达标"},
        ],
        "unit_types": library_types(),
        "evidence_types": imported.evidence_types,
    }


def _year(title: str) -> str | None:
    found = re.search(r"20\d\d", title)  # the first year: 2022—2023年度 is version 2022
    return found.group(0) if found else None


def _cycle(title: str) -> dict[str, Any]:
    """The years a title names (“2021—2023年度”, or one year: “某县2023年度…”) as a fixed
    cycle, else three-year cycles from 2021, as the bundled sets count them."""
    years = re.search(r"(20\d\d)\s*年?\s*[—–－\-~～至到]{1,2}\s*(20\d\d)", title)
    if years and int(years.group(1)) <= int(years.group(2)):
        return {"start": f"{years.group(1)}-01-01", "end": f"{years.group(2)}-12-31"}
    single = re.search(r"(20\d\d)\s*年(?![版修印制])", title)  # not “2020年版”
    if single:
        return {"start": f"{single.group(1)}-01-01", "end": f"{single.group(1)}-12-31"}
    return {"start": "2021-01-01", "years": 3}


def judged_years(imported: Imported) -> str:
    """The years the rule set judges, in the report's words."""
    cycle = _cycle(imported.table.title or Path(imported.source).stem)
    if "end" not in cycle:
        return "未写明年度：按内置规则集的做法，从 2021 年起每 3 年一届，评估日期所在的一届即评估期"
    first, last = cycle["start"][:4], cycle["end"][:4]
    span = f"{first} 年" if first == last else f"{first}—{last} 年"
    return f"按 {span}评估（{cycle['start']} 至 {cycle['end']}），只看这期间的记录"


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
