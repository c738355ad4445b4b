"""``--format docx``: the report for the party-group meeting, as a Chinese official document.

The report reads as the office writes it: 一、基本情况和主要做法, 二、自查得分情况, 三、存在的问题,
四、整改措施, 五、下一步工作, 特此报告, signature and date; the 问题清单 and the file-level detail
are annexes, so the body carries no file paths or ledger lines. The Word template
(``templates/meeting.docx``, or the unit's own with ``--template``) holds the layout and fonts;
this module prepares the sentences and tables it fills in, then places the signature as GB/T
9704-2012 asks (it depends on the lengths of the unit's name and the date).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from checker.engine.signals import written
from checker.parsing import format_number as num
from checker.report import RenderOptions
from checker.report.basis import reference_note
from checker.report.jinja import claimed, environment
from checker.report.locations import failing
from checker.report.office import freeze_zip
from checker.resources import templates
from checker.result import veto_finding

NUMERALS = "一二三四五六七八九十"
TITLE_CHARS = 20  # characters of 二号 (22 pt) on the 156 mm line
TITLE_TAIL = "创建文明单位自查情况的报告"
# a 文号 at the end of a document's title belongs after its 书名号: 《办法》（市文明〔2021〕6号）
_NUMBER = re.compile(r"^(.*?)[（(]([^（）()]*〔\d{4}〕[^（）()]*号)[）)]$")
_ISO = re.compile(r"(?<![\d/-])(\d{4})-(\d{2})-(\d{2})(?![\d])(?! [^\s，。；、（）：]*\.\w+)")
FIRST_TITLES = 4  # titles named per category in 主要做法; the rest are counted


def cite(title: str) -> str:
    """《标题》, with a trailing 文号 moved outside: 《标题》（文号）."""
    title = title.strip().strip("《》")
    found = _NUMBER.match(title)
    if found:
        return f"《{found.group(1)}》（{found.group(2)}）"
    return f"《{title}》"


def title_text(name: str) -> str:
    """The title, broken into lines at a word boundary when it is longer than a line: after
    the unit's name (关于××机关 / 创建文明单位自查情况的报告), never inside a word."""
    title = f"关于{name}{TITLE_TAIL}"
    if len(title) <= TITLE_CHARS:
        return title
    head = f"关于{name}"
    if len(head) <= TITLE_CHARS:
        return f"{head}\n{TITLE_TAIL}"
    return f"关于{name}\n{TITLE_TAIL}"  # a very long name keeps its own line(s)


def plain_dates(text: str) -> str:
    """ISO dates in a sentence as people write them (2022年3月5日); dates inside file names
    stay, since the file is named so."""
    return _ISO.sub(lambda m: written(m.group(0)), text)


def _practices(data: dict[str, Any]) -> list[str]:
    """What was done well, a sentence per category from the titles of its items met."""
    met: dict[str, list[str]] = {}
    for result in data["results"]:
        if result["status"] == "pass" and result["max"]:
            met.setdefault(result["category"], []).append(result["title"])
    sentences = []
    for category, titles in met.items():
        named = "；".join(titles[:FIRST_TITLES])
        more = f"等{len(titles)}项" if len(titles) > FIRST_TITLES else f"{len(titles)}项"
        sentences.append(f"{category}方面，{named}，以上{more}达到测评要求。")
    return sentences or ["对照测评细则逐项自查，目前尚无完全达到要求的项目。"]


def _score_text(data: dict[str, Any]) -> str:
    counts = data["status_summary"].replace(" ", "")
    rated = [r for r in data["results"] if r.get("rating")]
    on_site = ""
    if rated:  # say how much of the score is on-site rating, and whose
        raters = "、".join(dict.fromkeys(r["rating"]["rated_by"] or "未注明评分人" for r in rated))
        points = num(sum(float(r["earned"]) for r in rated))
        on_site = f"，其中实地考察、问卷调查{len(rated)}项现场评分{points}分（{raters}）"
    vetoed = "；".join(veto_finding(r) for r in data["results"] if r["rule"] in data["veto"])
    if data["errors"]:
        verdict = f"{data['conclusion']}（见附件3）"
    elif vetoed:  # the finding in words, not the rule's code
        verdict = f"等级为“{data['grade']}”，存在一票否决情形（{vetoed}）"
    else:
        verdict = f"等级为“{data['grade']}”，{data['conclusion']}"
    return (
        f"对照测评细则{len(data['results'])}项测评项目逐项自查，{counts}。"
        f"各类别得分合计{num(data['earned'])}分（适用满分{num(data['max'])}分）{on_site}，"
        f"自查得分{num(data['score'])}分，及格线为{num(data['pass_score'])}分，{verdict}。"
    )


def _manual_text(data: dict[str, Any]) -> str:
    manual = [r for r in data["results"] if r["status"] == "manual"]
    if not manual:
        return "需现场核验的项目均已按现场评分计入得分。"
    names = "、".join(f"“{r['title']}”" for r in manual)
    return (
        f"需由检查组实地考察或问卷调查的项目{len(manual)}项，共{num(data['manual'])}分："
        f"{names}。上述项目全部得满分时可达{num(data['best_score'])}分，"
        f"等级为“{data['best_grade']}”，仅作参考，不作为自查结论。"
    )


def _veto_text(data: dict[str, Any]) -> str:
    veto = [r for r in data["results"] if r["rule"] in data["veto"]]
    if not veto:
        return "对照一票否决事项逐项自查，未发现一票否决情形。"
    names = "；".join(veto_finding(r) for r in veto)
    return f"存在一票否决情形：{names}。须如实报告文明办，说明情况和处理结果。"


def _changes(data: dict[str, Any]) -> list[str]:
    changes = data.get("changes")
    if not changes:
        return []
    base = changes["baseline"]
    judged = {r["rule"] for r in data["results"] if r["status"] != "error"}
    regressed = [e for e in changes["regressed"] if e["rule"] in judged]
    lines = [
        f"与上次自查（{written(base.get('as_of'))}）相比，得分由{num(base.get('score'))}分"
        f"变为{num(data['score'])}分（{changes['score_change']:+g}分），"
        f"新达标{len(changes['improved'])}项，退步{len(regressed)}项。"
    ]
    for kind, label in (("improved", "新达标"), ("regressed", "退步"), ("changed", "分值变化")):
        for entry in regressed if kind == "regressed" else changes[kind]:
            lines.append(
                f"{label}：{entry['rule']} {entry['title']}（{entry['before']}→{entry['after']}，"
                f"{entry['points']:+g}分）"
            )
    return lines


def _ordered(data: dict[str, Any]) -> list[dict[str, Any]]:
    problems = failing(data)
    problems.sort(key=lambda r: (not (r["veto"] and r["status"] == "fail"), r["rule"]))
    return problems


def _problem_lines(problems: list[dict[str, Any]]) -> list[str]:
    return [
        f"{i}. {_name(r)}：{plain_dates('；'.join(r['gaps']) or r['note'])}。".replace("。。", "。")
        for i, r in enumerate(problems, start=1)
    ]


def _measures(problems: list[dict[str, Any]]) -> list[str]:
    """四、整改措施: what can be closed now (with its deadline), what lies in a period that is
    over (said as it is, kept up from the next period), and a veto reported as it is."""
    now = [r for r in problems if r["rectification"]["kind"] in ("now", "both")]
    past = [r for r in problems if r["rectification"]["kind"] in ("past", "both")]
    veto = [r for r in problems if r["rectification"]["kind"] == "veto"]
    correct = [r for r in problems if r["rectification"]["kind"] == "correct"]
    groups = []
    if correct:
        items = "；".join(f"{r['title']}（{r['responsible']}负责）" for r in correct)
        groups.append(
            f"材料有误、部分记录未能计入的{len(correct)}项，先核对更正有关记录（见附件），"
            f"再重新自查；确未开展的，如实说明原因，不补做、不倒签：{items}。"
        )
    if now:
        items = "；".join(
            f"{r['title']}（{r['responsible']}负责，{written(r['rectification']['deadline'])}"
            "前完成）"
            if r["rectification"]["deadline"]
            else f"{r['title']}（{r['responsible']}负责，立即整改）"
            for r in now
        )
        groups.append(f"当前能够整改的{len(now)}项，由责任科室按时限完成：{items}。")
    if past:
        items = "；".join(
            f"{r['title']}（{r['responsible']}负责，自{r['rectification']['since']}起）"
            for r in past
        )
        groups.append(
            f"已经过去的时段未开展的{len(past)}项，如实说明原因，不补做、不倒签，"
            f"自下一周期起按期开展并同步留存资料，长期坚持：{items}。"
        )
    if veto:
        items = "；".join(veto_finding(r) for r in veto)
        groups.append(f"一票否决事项{len(veto)}项，如实报告文明办，说明情况和处理结果：{items}。")
    if len(groups) > 1:  # a lone （一） reads oddly; number only a real list
        groups = [f"（{NUMERALS[i]}）{text}" for i, text in enumerate(groups)]
    return groups or ["对照测评细则，暂无需要整改的项目，将继续按期开展各项工作。"]


def _name(result: dict[str, Any]) -> str:
    """An item as the report names it: its title, or for a veto that failed what was found
    (the title names the condition met and would read as the opposite); no rule code, which
    means nothing to a 党组 member."""
    return (
        veto_finding(result) if result["veto"] and result["status"] == "fail" else result["title"]
    )


def _problem_rows(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "index": index,
            "item": _name(r),
            "problem": plain_dates("；".join(r["gaps"]) or r["note"]),
            "measure": r["rectification"]["measure"],
            "department": r["responsible"],
            "deadline": r["rectification"]["deadline_text"],
        }
        for index, r in enumerate(problems, start=1)
    ]


def _claims(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for claim in data.get("claims") or []:
        place = f"{claim['file']}第{claim['line']}行"
        if claim.get("sheet"):
            place += f"（工作表“{claim['sheet']}”）"
        rows.append(
            {
                "place": place,
                "field": claim["field"],
                "claimed": claimed(claim),
                "itemised": num(claim["itemised"]),
                "verdict": "相符" if claim["consistent"] else "不符",
            }
        )
    return rows


def _in_folder(data: dict[str, Any], file: str) -> str:
    """A path as given on the command line, cited from the evidence folder (the reader has
    the folder, not the machine it was checked on)."""
    root = data["evidence"]["root"].rstrip("/")
    if root not in ("", ".") and file.startswith(f"{root}/"):
        return file[len(root) + 1 :]
    return file


def _evidence_problems(data: dict[str, Any]) -> list[str]:
    lines = []
    for kind, entries in (("问题", data.get("errors") or []), ("提示", data.get("warnings") or [])):
        for entry in entries:
            file = _in_folder(data, entry["file"])
            place = f"{file}第{entry['line']}行" if entry.get("line") else file
            lines.append(f"【{kind}】{place}：{entry['message']}")
    return lines


def _annexes(data: dict[str, Any], evidence_problems: list[str]) -> str:
    names = ["问题清单", "台账核查明细"]
    if evidence_problems:
        names.append("材料中的问题")
    # continuation lines align with the first annex's name (GB/T 9704 7.3.4)
    return "附件：" + "\n　　　　　".join(f"{i}. {name}" for i, name in enumerate(names, start=1))


def _issues_text(problems: list[dict[str, Any]]) -> str:
    if not problems:
        return "对照测评细则，未发现未达标的项目。"
    return f"对照测评细则，共有{len(problems)}项未完全达到要求，逐项列出如下（详见附件1）。"


def _issues_more(data: dict[str, Any], broken: int) -> str:
    """What the annexes hold besides the problem list, a sentence of its own after the list."""
    parts = []
    if data["integrity"]:
        parts.append(f"台账中另有{len(data['integrity'])}处需要核实的情况，见附件2")
    if broken:
        parts.append(f"材料中有{broken}处问题或提示，见附件3")
    return f"此外，{'；'.join(parts)}。" if parts else ""


def context(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the Word template fills in, as plain sentences and table rows."""
    problems = _ordered(data)
    evidence_problems = _evidence_problems(data)
    deadline = written(data.get("deadline"))
    note = reference_note(data)
    return {
        "unit": data["unit"],
        "ruleset": data["ruleset"],
        "title": title_text(data["unit"]["name"]),
        "addressee": f"{data['unit']['name']}党组",
        "as_of_text": written(data["as_of"]),
        "intro": (
            f"按照{cite(data['ruleset']['title'])}的要求，我们以{written(data['as_of'])}"
            f"为评估日期，对{written(data['window']['start'])}至"
            f"{written(data['window']['end'])}的创建工作台账进行了逐项自查。"
            + (f"{note}。" if note else "")
            + "现将有关情况报告如下："
        ),
        "practices": _practices(data),
        "score_text": _score_text(data),
        "manual_text": _manual_text(data),
        "veto_text": _veto_text(data),
        "changes": _changes(data),
        "categories": [
            {"name": c["name"], "max": num(c["max"]), "earned": num(c["earned"])}
            for c in data["categories"]
            if c["max"]
        ],
        "total": {"max": num(data["max"]), "earned": num(data["earned"])},
        "issues_text": _issues_text(problems),
        "issues_more": _issues_more(data, len(evidence_problems)),
        "issues": _problem_lines(problems),
        "measures": _measures(problems),
        "closing": (
            "一是对照问题清单逐项落实整改，"
            + (f"当前能够整改的在{deadline}前完成；" if deadline else "当前能够整改的立即整改；")
            + "二是已经过去的时段如实说明，不补做、不倒签，此后按期开展并同步留存资料，长期坚持；"
            "三是办公室跟踪督办，定期对照测评细则自查，做好现场核验项目的迎检准备。"
        ),
        "annexes": _annexes(data, evidence_problems),
        "problems": _problem_rows(problems),
        "claims": _claims(data),
        "integrity": [
            f"{i}. 【{s['label']}】{plain_dates(s['message'])}"
            for i, s in enumerate(data["integrity"], start=1)
        ],
        "evidence_problems": evidence_problems,
    }


CHAR = 203200  # one character of 三号 (16 pt) in EMU, the unit of "空四字"


def _width(text: str) -> float:
    """Width in characters of 三号: digits and Latin letters take half a character."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def place_signature(document: Any, name: str, date: str) -> None:
    """发文机关署名 and 成文日期 as GB/T 9704-2012 7.3.5.1 places them: the date 右空四字, the
    name centred over the date (and at least 右空二字 when it is longer)."""
    paragraphs = document.paragraphs
    for index, para in enumerate(paragraphs[:-1]):
        if para.text.strip() == name and paragraphs[index + 1].text.strip() == date:
            paragraphs[index + 1].paragraph_format.right_indent = 4 * CHAR
            shift = 4 + (_width(date) - _width(name)) / 2
            para.paragraph_format.right_indent = int(max(shift, 2) * CHAR)
            return


def render(data: dict[str, Any], options: RenderOptions) -> bytes:
    from docxtpl import DocxTemplate

    path = Path(options.docx_template) if options.docx_template else templates() / "meeting.docx"
    document = DocxTemplate(str(path))
    # escaping: evidence text such as “<script>” or “A&B” stays text inside the document XML
    document.render(
        context(data),
        jinja_env=environment(options.template_dir).overlay(autoescape=True),
        autoescape=True,
    )
    place_signature(document.docx, data["unit"]["name"], written(data["as_of"]))
    buffer = io.BytesIO()
    document.save(buffer)
    return freeze_zip(buffer.getvalue(), data["as_of"])
