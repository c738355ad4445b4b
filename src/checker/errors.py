"""User-facing input problems, always located as ``path:line:col``.

Two kinds of failure exist: an input problem (a bad rule, record or option), which the CLI
prints without a traceback and turns into exit code 2, and a bug, which is left to raise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Stable codes of problems and notices (SARIF rule ids, JUnit types, docs/problems.md):
# code → what it means, in the user's words. A code never changes meaning once released;
# tests/test_problem_codes.py checks that every code is documented and every one used exists.
CODES: dict[str, str] = {
    # generic: a problem whose site names no kind (kept for reports read back from JSON)
    "input-error": "证据或规则文件有误，无法评估",
    "internal-error": "checker 评估某个单位时出现程序缺陷（checker batch），该单位未能评估",
    # files and folders
    "folder-missing": "证据文件夹或规则目录不存在",
    "folder-unreadable": "文件夹无法读取，其中的文件未检查",
    "file-unreadable": "文件无法按文本读取（编码、二进制内容、过大或没有权限）",
    "file-name-unreadable": "文件名含有控制字符或无法识别的编码",
    "file-special": "不是普通文件（管道、设备等），未读取",
    "link-broken": "符号链接指向不存在的位置",
    "link-outside": "符号链接指向证据文件夹之外",
    "link-folder": "符号链接的文件夹不会读取",
    # YAML
    "yaml-syntax": "YAML 语法错误",
    "yaml-unsupported": "YAML 过大、嵌套过深或含不支持的标签",
    "key-duplicate": "同一映射中键重复出现",
    "key-unknown": "未知的键（多为错别字）",
    "shape-invalid": "文件的整体结构不对（应为映射或列表）",
    "field-missing": "缺少必填的键",
    "field-empty": "必填的键没有填写值",
    "value-invalid": "值的类型或取值不对",
    # records and their fields
    "records-empty": "文件中没有记录（空文件或只有注释）",
    "type-unknown": "证据类型不在规则集中",
    "date-missing": "记录缺少日期",
    "date-invalid": "日期写法无法识别或不是有效日期",
    "date-order": "结束日期早于开始日期",
    "number-invalid": "数字不是有效数字（NaN 或无穷大）",
    "number-negative": "数字不能为负数",
    "number-too-large": "数字大得不合理",
    "number-not-counted": "要合计的值不是数字，不计入合计",
    "participants-unstated": "参与人数没有写明人数，按人数不详计入",
    "attachment-missing": "附件不存在",
    "attachment-outside": "附件不在证据文件夹内",
    "attachment-folder": "附件是文件夹而不是文件",
    "attachment-described": "附件一栏是文字说明，不是文件名",
    "document-undated": "文档或照片看不出日期，未计入",
    # ledgers (Excel/WPS/CSV)
    "ledger-unreadable": "表格文件已损坏、加密或过大，无法打开",
    "ledger-header-missing": "表格找不到表头，未计入",
    "ledger-hidden": "隐藏的工作表，未读取",
    "ledger-undated": "表格没有日期列，未计入",
    "row-undated": "表格中的行没有日期，未计入",
    # archives (zip)
    "archive-corrupt": "压缩包或其中的文件已损坏",
    "archive-refused": "压缩包过大或解压后过大，未读取",
    "archive-unsafe": "压缩包中的路径指向压缩包之外",
    "archive-unpack-failed": "无法解压（磁盘已满或没有写入权限）",
    "archive-skipped": "压缩包中的文件未读取（加密、嵌套、符号链接、不支持的压缩方式、重名）",
    "archive-empty": "压缩包是空的",
    "archive-temp-inside": "临时文件夹位于证据文件夹内，压缩包未读取",
    # unit.yaml, waivers.yaml, ratings.yaml
    "unit-missing": "缺少单位档案 unit.yaml",
    "unit-type-missing": "unit.yaml 没有填写单位类型",
    "unit-type-unknown": "单位类型不在规则集的 unit_types 中",
    "overlay-unknown": "启用的不是规则集的可选部分",
    "departments-invalid": "责任科室应为“规则编号或默认科室: 本单位科室”的映射",
    "rule-unknown": "豁免或评分的规则编号不存在",
    "rating-not-manual": "按材料评估的规则不能现场评分",
    "rating-duplicate": "同一规则评了两次分",
    "rating-too-high": "现场评分超出该规则的分值范围",
    # the 测评组's workbook of ratings for many units (checker batch --ratings)
    "rating-header-missing": "现场评分表找不到表头（单位、测评项目、得分）",
    "rating-unit-unknown": "现场评分表中的单位不在本次评估的单位中",
    "rating-unit-ambiguous": "现场评分表中的单位名称对应多个单位",
    "cycle-over": "评估日期晚于创建周期结束日",
    # rule files
    "ruleset-missing": "规则目录中缺少 ruleset.yaml 或规则文件",
    "include-missing": "ruleset.yaml 列出的文件或文件夹不存在",
    "rule-id-duplicate": "规则编号重复",
    "pattern-invalid": "规则中的 pattern 不是有效的正则表达式",
    "rule-unevaluable": "规则无法评估（规则与单位档案不相容）",
}


def describe(code: str) -> str:
    """What a problem code means, for reports that list the kinds of problems."""
    return CODES.get(code, CODES["input-error"])


class Coded(str):
    """A message with its code, where messages travel as text before they become located
    problems (a ledger's cells are checked once per distinct value, placed on rows later)."""

    code: str

    def __new__(cls, text: str, code: str = "input-error") -> Coded:
        made = super().__new__(cls, text)
        made.code = code
        return made

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return (str(self), self.code)


def code_of(message: str) -> str:
    """The code a message carries (``Coded``), else the generic one."""
    return message.code if isinstance(message, Coded) else "input-error"


LINE_BREAK = "⏎"  # a line break inside a quoted value, shown so a person sees it was there


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file. ``line``/``column`` are 1-based; 0 means "whole file".
    ``code`` is the stable kind of the problem (a key of ``CODES``)."""

    file: str
    line: int
    column: int
    message: str
    code: str = "input-error"

    def __post_init__(self) -> None:
        # One problem is one line wherever it is printed: a value quoted from the evidence
        # ("x\nevidence/unit.yaml:1:1: …") must not print a second, forged problem line.
        for name in ("file", "message"):
            text = getattr(self, name)
            if "\n" in text or "\r" in text:
                flat = text.replace("\r\n", LINE_BREAK).replace("\n", LINE_BREAK)
                object.__setattr__(self, name, flat.replace("\r", LINE_BREAK))

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}: {self.message}"
        return f"{self.file}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "code": self.code,
        }


class InputError(Exception):
    """Input that cannot be evaluated: printed as located messages, exit code 2."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A bad option or argument, with a plain Chinese message (exit code 2)."""
