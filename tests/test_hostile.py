"""A catalogue of hostile and broken evidence. Every case must end with exit 0, 1 or 2 and no
traceback, name the file it is about, leave the evidence folder byte-for-byte unchanged, and
let nothing from outside the folder reach a report."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import BASE_RULESET, dump, run_cli, write_tree

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
SECRET = "OUTSIDE-SECRET-42"
RULES = [
    {"id": "R1", "title": "会议", "score": 2, "requires": [{"name": "会议", "type": "会议"}]},
    {
        "id": "R2",
        "title": "文件",
        "score": 2,
        "requires": [{"name": "文件", "type": "文件", "content": ["创建"]}],
    },
    {
        "id": "R3",
        "title": "活动",
        "score": 2,
        "requires": [{"name": "活动", "type": "活动", "sum": "发放资料", "min": 10}],
    },
]
UNIT = "名称: 测试单位\n类型: 机关\n评估日期: 2022-12-31\n"
Files = dict[str, "str | bytes"]


@dataclass
class Case:
    name: str
    files: Files = field(default_factory=dict)
    says: tuple[str, ...] = ()  # in stderr or the reports
    exit: tuple[int, ...] = (2,)
    setup: Callable[[Path, Path], None] | None = None  # (evidence, outside) for links and names


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _bomb(part: str) -> bytes:
    """A small zip whose one part unpacks to 40 MB of zeros."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(part, "w") as out,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(40):
            out.write(chunk)
    return buffer.getvalue()


def _alias_bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 9):
        previous, current = chr(96 + index), chr(97 + index)
        lines.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def _link(target: str, name: str) -> Callable[[Path, Path], None]:
    def make(evidence: Path, outside: Path) -> None:
        destination = outside / target if target != "." else evidence
        (evidence / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(destination, evidence / name)

    return make


def _raw_name(raw: bytes) -> Callable[[Path, Path], None]:
    def make(evidence: Path, outside: Path) -> None:
        with open(os.path.join(os.fsencode(evidence), raw), "wb") as stream:
            stream.write("类型: 会议\n日期: 2022-03-01\n".encode())

    return make


def _pipes(*names: str) -> Callable[[Path, Path], None]:
    def make(evidence: Path, outside: Path) -> None:
        for name in names:
            os.mkfifo(evidence / name)

    return make


MEETING = "类型: 会议\n日期: 2022-03-01\n"
CASES = [
    # YAML syntax and structure
    Case(
        "yaml-unclosed-list",
        {"a.yaml": "类型: [会议\n日期: 2022-03-01\n"},
        ("a.yaml:", "YAML 语法错误"),
    ),
    Case("yaml-tab-indent", {"a.yaml": "类型: 会议\n\t日期: 2022-03-01\n"}, ("a.yaml:", "Tab")),
    Case("yaml-bad-colon", {"a.yaml": "标题: 会议: 研究\n日期: 2022-03-01\n"}, ("a.yaml:1:",)),
    Case(
        "yaml-two-documents",
        {"a.yaml": "类型: 会议\n---\n类型: 会议\n"},
        ("a.yaml:", "只能有一个 YAML 文档"),
    ),
    Case(
        "yaml-python-tag",
        {"a.yaml": "类型: !!python/object/apply:os.system [ls]\n"},
        ("a.yaml:1:1", "不支持 YAML 标签"),
    ),
    Case("yaml-undefined-alias", {"a.yaml": "类型: *nothing\n"}, ("a.yaml:", "未定义的锚点")),
    Case(
        "duplicate-key",
        {"a.yaml": "类型: 会议\n日期: 2022-03-01\n类型: 活动\n"},
        ("a.yaml:3:1", "键 '类型' 重复出现"),
    ),
    Case(
        "duplicate-key-in-list",
        {"a.yaml": "- {类型: 会议, 类型: 活动, 日期: 2022-03-01}\n"},
        ("a.yaml:1:", "重复出现"),
    ),
    Case(
        "item-not-a-mapping", {"a.yaml": "- 会议\n- 2022-03-01\n"}, ("a.yaml:1:3", "记录应为映射")
    ),
    Case("scalar-file", {"a.yaml": "just a sentence\n"}, ("a.yaml:1:1", "记录应为映射")),
    Case("empty-file", {"a.yaml": ""}, ("a.yaml:1:1", "没有记录"), (0, 1)),
    Case("whitespace-file", {"a.yaml": "   \n\n  \n"}, ("a.yaml:1:1", "没有记录"), (0, 1)),
    Case("comments-only", {"a.yaml": "# 以后再填\n"}, ("a.yaml:1:1", "没有记录"), (0, 1)),
    Case(
        "tab-indent",
        {"a.yaml": "类型: 会议\n日期: 2022-03-01\n附件:\n\t- x.pdf\n"},
        ("a.yaml:4:1", "不能用 Tab 缩进"),
    ),
    Case("empty-list", {"a.yaml": "[]\n"}, ("a.yaml:1:1", "没有记录"), (0, 1)),
    Case("alias-bomb", {"a.yaml": _alias_bomb()}, ("a.yaml:1:1", "YAML 内容过多")),
    Case("libyaml-deep-nesting", {"a.yaml": "[" * 3000 + "]" * 3000}, ("a.yaml:", "嵌套过深")),
    Case(
        "deep-mapping",
        {"a.yaml": "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "x: 1\n"},
        ("a.yaml:1:1", "嵌套过深"),
    ),
    Case(
        "huge-file", {"a.yaml": "# " + "x" * (11 * 1024 * 1024) + "\n"}, ("a.yaml:1:1", "文件过大")
    ),
    Case(
        "very-long-line",
        {"a.yaml": f"类型: 会议\n日期: 2022-03-01\n标题: {'长' * 300_000}\n"},
        (),
        (0, 1),
    ),
    # encodings and junk
    Case("binary-junk", {"a.yaml": bytes(range(256)) * 4}, ("a.yaml:1:1", "不是文本文件")),
    Case(
        "png-named-yaml",
        {"a.yaml": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"},
        ("a.yaml:1:1", "不是文本文件"),
    ),
    Case("utf16-with-bom", {"a.yaml": MEETING.encode("utf-16")}, (), (0, 1)),
    Case(
        "utf16-without-bom", {"a.yaml": MEETING.encode("utf-16-le")}, ("a.yaml:1:1", "不是文本文件")
    ),
    Case("gbk-yaml", {"a.yaml": MEETING.encode("gbk")}, (), (0, 1)),
    Case("utf8-bom", {"a.yaml": b"\xef\xbb\xbf" + MEETING.encode()}, (), (0, 1)),
    Case(
        "utf32-bad", {"a.yaml": b"\xff\xfe\x00\x00" + b"\x00\xd8\x00\x00"}, ("a.yaml:1:1", "编码")
    ),
    # values
    Case(
        "impossible-date",
        {"a.yaml": "类型: 会议\n日期: 2022-02-30\n"},
        ("a.yaml:2:5", "不是有效日期"),
    ),
    Case("month-13", {"a.yaml": "类型: 会议\n日期: 2022-13-01\n"}, ("a.yaml:2:5", "不是有效日期")),
    Case("date-words", {"a.yaml": "类型: 会议\n日期: 昨天\n"}, ("a.yaml:2:5", "无法识别")),
    Case("date-bool", {"a.yaml": "类型: 会议\n日期: true\n"}, ("a.yaml:2:5", "日期应为文本")),
    Case("date-zero", {"a.yaml": "类型: 会议\n日期: 0\n"}, ("a.yaml:2:5", "日期")),
    Case(
        "end-before-start",
        {"a.yaml": "类型: 会议\n开始日期: 2022-03-05\n结束日期: 2022-03-01\n"},
        ("a.yaml:1:1", "结束日期早于开始日期"),
    ),
    Case("no-date", {"a.yaml": "类型: 会议\n标题: 没有日期\n"}, ("a.yaml:1:1", "缺少日期")),
    Case(
        "unknown-type",
        {"a.yaml": "类型: 会义\n日期: 2022-03-01\n"},
        ("a.yaml:1:5", "是否为 '会议'"),
    ),
    Case(
        "type-is-a-list",
        {"a.yaml": "类型: [会议, 活动]\n日期: 2022-03-01\n"},
        ("a.yaml:1:5", "未定义"),
    ),
    Case(
        "negative-participants",
        {"a.yaml": "类型: 会议\n日期: 2022-03-01\n参与人数: -5\n"},
        ("a.yaml:3:7", "不能为负数"),
    ),
    Case(
        "nan",
        {"a.yaml": "类型: 活动\n日期: 2022-03-01\n发放资料: .nan\n"},
        ("a.yaml:3:7", "不是有效数字"),
    ),
    Case(
        "infinity",
        {"a.yaml": "类型: 活动\n日期: 2022-03-01\n发放资料: .inf\n"},
        ("a.yaml:3:7", "不是有效数字"),
    ),
    Case(
        "absurd-number",
        {"a.yaml": "类型: 活动\n日期: 2022-03-01\n发放资料: 100000000000000000000\n"},
        ("a.yaml:3:7", "数值过大"),
    ),
    Case(
        "negative-amount",
        {"a.yaml": "类型: 活动\n日期: 2022-03-01\n发放资料: -30\n"},
        ("a.yaml:3:7", "不能为负数"),
    ),
    Case(
        "participants-words",
        {"a.yaml": "类型: 会议\n日期: 2022-03-01\n参与人数: 很多人\n"},
        ("a.yaml:3:7", "没有写明人数"),
        (0, 1),
    ),
    Case("complex-key", {"a.yaml": "类型: 会议\n日期: 2022-03-01\n? [a, b]\n: 1\n"}, (), (0, 1)),
    # unit.yaml, waivers.yaml, _folder.yaml
    Case("unit-missing", {"unit.yaml": None}, ("unit.yaml", "缺少单位档案")),  # type: ignore[dict-item]
    Case("unit-not-a-mapping", {"unit.yaml": "- 名称\n"}, ("unit.yaml:1:1", "应为映射")),
    Case(
        "unit-bad-type",
        {"unit.yaml": "名称: x\n类型: 工厂\n"},
        ("unit.yaml:2:5", "单位类型 '工厂'"),
    ),
    Case(
        "unit-staff-words",
        {"unit.yaml": "名称: x\n类型: 机关\n职工人数: 很多\n"},
        ("unit.yaml:3:7", "应为整数"),
    ),
    Case("waivers-not-a-list", {"waivers.yaml": "rule: R1\n"}, ("waivers.yaml:1:1", "应为列表")),
    Case(
        "waiver-unknown-rule",
        {"waivers.yaml": "- {rule: R9, 理由: x}\n"},
        ("waivers.yaml:1:10", "不存在"),
    ),
    Case(
        "folder-defaults-bad",
        {"x/_folder.yaml": "类型: 会义\n", "x/2022-03-01 会.md": "# 会\n"},
        ("_folder.yaml:1:5", "未定义"),
    ),
    Case(
        "markdown-front-matter-error",
        {"2022-03-01 会.md": "---\n类型: 会议\n日期: [\n---\n正文\n"},
        ("会.md:", "YAML 语法错误"),
    ),
    Case(
        "markdown-unclosed-front-matter",
        {"2022-03-01 会.md": "---\n类型: 会议\n正文没有结束线\n"},
        (),
        (0, 1),
    ),
    # office files
    Case("xlsx-random-bytes", {"台账.xlsx": os.urandom(2048)}, ("台账.xlsx:1:1", "无法打开")),
    Case("xlsx-is-a-pdf", {"台账.xlsx": b"%PDF-1.4\n%junk\n"}, ("台账.xlsx:1:1", "无法打开")),
    Case(
        "xlsx-encrypted-ole",
        {"台账.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024},
        ("台账.xlsx:1:1", "无法打开"),
    ),
    Case(
        "xlsx-zip-bomb",
        {"台账.xlsx": _bomb("xl/worksheets/sheet1.xml")},
        ("台账.xlsx:1:1", "压缩炸弹"),
    ),
    Case("xlsx-empty-zip", {"台账.xlsx": _zip({})}, ("台账.xlsx:1:1", "无法打开")),
    Case(
        "csv-bad-cell",
        {"台账.csv": "日期,标题,类型\n2022-02-30,x,会议\n"},
        ("台账.csv:2:1", "不是有效日期"),
    ),
    Case("csv-nul-bytes", {"台账.csv": b"\xe6\x97\xa5\xe6\x9c\x9f,x\n\0\0,1\n"}, ("台账.csv:2:1",)),
    Case("xls-no-header", {"台账.csv": "只有一行字\n"}, ("台账.csv:1:1", "找不到表头"), (0, 1)),
    Case(
        "docx-corrupt",
        {"文件/_folder.yaml": "类型: 文件\n", "文件/2022-03-01 通知.docx": b"PK\x03\x04broken"},
        ("2022-03-01 通知.docx", "无法提取文本"),
        (0, 1),
    ),
    Case(
        "docx-zip-bomb",
        {
            "文件/_folder.yaml": "类型: 文件\n",
            "文件/2022-03-01 通知.docx": _bomb("word/document.xml"),
        },
        ("2022-03-01 通知.docx", "无法提取文本"),
        (0, 1),
    ),
    Case(
        "docx-ole-password",
        {
            "文件/_folder.yaml": "类型: 文件\n",
            "文件/2022-03-01 通知.docx": b"\xd0\xcf\x11\xe0" + b"\0" * 512,
        },
        ("2022-03-01 通知.docx", "无法提取文本"),
        (0, 1),
    ),
    Case(
        "pdf-corrupt",
        {"文件/_folder.yaml": "类型: 文件\n", "文件/2022-03-01 方案.pdf": b"%PDF-1.7\n garbage"},
        ("2022-03-01 方案.pdf", "无法提取文本"),
        (0, 1),
    ),
    Case(
        "pdf-encrypted",
        {
            "文件/_folder.yaml": "类型: 文件\n",
            "文件/2022-03-01 方案.pdf": (HOSTILE / "encrypted.pdf").read_bytes(),
        },
        ("2022-03-01 方案.pdf", "无法提取文本"),
        (0, 1),
    ),
    Case("jpeg-is-text", {"照片/2022-03-01 活动.jpg": "not a picture"}, (), (0, 1)),
    Case(
        "jpeg-undated-junk",
        {"照片/_folder.yaml": "类型: 活动\n", "照片/活动.jpg": b"\xff\xd8\xff\xe1junk"},
        ("活动.jpg", "没有日期"),
        (0, 1),
    ),
    # names and containment
    Case(
        "attachment-escapes",
        {"a.yaml": MEETING + "附件: ../../etc/passwd\n"},
        ("a.yaml:3:5", "不在证据文件夹内"),
    ),
    Case(
        "attachment-absolute",
        {"a.yaml": MEETING + "附件: /etc/passwd\n"},
        ("a.yaml:3:5", "不在证据文件夹内"),
    ),
    Case(
        "attachment-is-a-folder",
        {"a.yaml": MEETING + "附件: 子文件夹\n", "子文件夹/x.txt": "x"},
        ("a.yaml:3:5", "是文件夹"),
    ),
    Case(
        "attachment-symlink-out",
        {"a.yaml": MEETING + "附件: 链接.txt\n"},
        ("a.yaml:3:5", "不在证据文件夹内"),
        setup=_link("secret.txt", "链接.txt"),
    ),
    Case(
        "plain-symlink-out",
        {},
        ("2022-03-01 机密.md", "符号链接指向证据文件夹之外"),
        (0, 1),
        setup=_link("secret.md", "2022-03-01 机密.md"),
    ),
    Case(
        "folder-symlink-out",
        {},
        ("外部", "符号链接的文件夹不会读取"),
        (0, 1),
        setup=_link(".", "外部"),
    ),
    Case(
        "symlink-loop",
        {},
        ("循环", "符号链接的文件夹不会读取"),
        (0, 1),
        setup=_link(".", "sub/循环"),
    ),
    Case(
        "broken-symlink",
        {},
        ("坏链接.yaml", "符号链接无效"),
        (0, 1),
        setup=_link("nowhere.yaml", "坏链接.yaml"),
    ),
    Case("newline-in-name", {"2022-03-01 会议\n记录.yaml": MEETING}, ("\\x0a", "控制字符")),
    Case(
        "undecodable-name",
        {},
        ("\\xff", "无法识别的编码"),
        setup=_raw_name(b"2022-03-01 \xff\xfe.yaml"),
    ),
    Case(
        "odd-but-fine-names",
        {
            "2022-03-01 #1 会议 (初稿) 🎉 %20.yaml": MEETING,
            "-r.yaml": MEETING,
            "2022-03-02 " + "很长" * 35 + ".yaml": MEETING,
        },
        (),
        (0, 1),
    ),
    Case(
        "named-pipes",  # opening one would wait for a writer forever
        {"a.yaml": MEETING},
        ("台账.xlsx:1:1", "不是普通文件"),
        (0, 1),
        setup=_pipes("台账.xlsx", "2022-03-02 记录.yaml"),
    ),
    Case(
        "filename-impossible-date",
        {"照片/2022-02-29 活动.jpg": b"\xff\xd8"},
        ("2022-02-29 活动.jpg:1:1", "不是有效日期"),
    ),
]


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        if path.is_file() and not path.is_symlink()
        else os.readlink(path)
        if path.is_symlink()
        else "dir"
        for path in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "secret.md").write_text(f"---\n类型: 会议\n---\n{SECRET}\n", encoding="utf-8")
    rules = tmp_path / "rules"
    write_tree(
        rules,
        {"ruleset.yaml": dump(BASE_RULESET), "r.yaml": dump({"category": "测试", "rules": RULES})},
    )
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    files: Files = {"unit.yaml": UNIT, **case.files}
    write_tree(evidence, {name: data for name, data in files.items() if data is not None})
    if case.setup:
        case.setup(evidence, outside)
    before = _tree(evidence)
    monkeypatch.chdir(tmp_path)
    outputs = []
    for name in ("json", "markdown", "html", "text", "sarif", "junit", "github"):
        result = run_cli("check", "evidence", "--rules", "rules", "-f", name, "--no-cache")
        assert result.exit_code in case.exit, (name, result.exit_code, result.output[-3000:])
        assert "Traceback" not in result.output
        outputs.append(result.stdout + result.stderr)
    said = "\n".join(outputs)
    for needle in case.says:
        assert needle in said, (needle, said[-3000:])
    assert SECRET not in said
    assert _tree(evidence) == before
    again = run_cli("check", "evidence", "--rules", "rules", "-f", "json", "--no-cache")
    assert again.stdout + again.stderr == outputs[0]  # the same input, the same report


def test_catalogue_is_large() -> None:
    assert len(CASES) >= 50
