"""YAML reading that remembers where every key and value came from.

Rule files and records are validated after loading, so each value keeps its ``line:col`` to
point the user at the exact place of a problem. Timestamps are kept as text: dates are parsed
by :mod:`checker.parsing`, which names an impossible date instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from checker.errors import Problem
from checker.limits import YAML_DEPTH, YAML_NODES

try:  # libyaml is much faster; the pure-Python loader behaves the same.
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

NodePath = tuple[str | int, ...]
Mark = tuple[int, int]
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
# Data only: a tag asking for an object (!!python/…) or anything else is refused, never built.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
)


@dataclass
class LocatedDoc:
    """A parsed YAML document that can tell the 1-based position of any key or value.

    Positions are found on demand by walking the composed node tree, so loading many record
    files costs little more than parsing them; only a problem asks where it is.
    """

    file: str
    data: Any
    root: yaml.Node | None = None
    offset: int = 0

    def _walk(self, path: NodePath) -> tuple[list[yaml.Node], yaml.Node | None]:
        """The value nodes along ``path`` as far as it goes, and the key node of its end."""
        found: list[yaml.Node] = []
        node, key_node = self.root, None
        for part in path:
            if node is None:
                break
            found.append(node)
            key_node = None
            if isinstance(node, yaml.MappingNode):
                pair = next(
                    (
                        (k, v)
                        for k, v in node.value
                        if isinstance(k, yaml.ScalarNode) and str(k.value) == str(part)
                    ),
                    None,
                )
                node, key_node = (pair[1], pair[0]) if pair else (None, None)
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and part < len(node.value)
            ):
                node = node.value[part]
            else:
                node = None
        if node is not None:
            found.append(node)
        return found, key_node

    def has(self, path: NodePath) -> bool:
        return len(self._walk(path)[0]) == len(path) + 1

    def mark(self, path: NodePath, *, key: bool = False) -> Mark:
        """Position of ``path`` (its key, when asked), or of its nearest existing ancestor."""
        nodes, key_node = self._walk(path)
        if key and key_node is not None and len(nodes) == len(path) + 1:
            target = key_node
        elif nodes:
            target = nodes[-1]
        else:
            return (1, 1)
        return (target.start_mark.line + 1 + self.offset, target.start_mark.column + 1)

    def problem(
        self, path: NodePath, message: str, *, key: bool = False, code: str = "input-error"
    ) -> Problem:
        line, column = self.mark(path, key=key)
        return Problem(self.file, line, column, message, code)

    def entries(self, problems: list[Problem], expected: str) -> list[Any]:
        """The document as a list of entries (an empty or comment-only file has none); any
        other shape is one problem saying what the file should hold (``expected``)."""
        data = self.data if self.data is not None else []
        if isinstance(data, list):
            return data
        problems.append(self.problem((), expected, code="shape-invalid"))
        return []


class _TooLarge(Exception):
    """A document refused as a whole: too large once aliases are expanded, nested too deep,
    or asking for something other than plain data."""


@dataclass
class _Budget:
    nodes: int = 0


def load_yaml(text: str, file: str, line_offset: int = 0) -> tuple[LocatedDoc, list[Problem]]:
    """Parse one YAML document. Syntax errors come back as problems, never as exceptions."""
    loader = _Loader(text)
    doc = LocatedDoc(file, None, offset=line_offset)
    problems: list[Problem] = []
    try:
        node = loader.get_single_node()
        if node is not None:
            doc.root = node
            doc.data = _build(loader, node, 0, doc, problems, _Budget())
    except _TooLarge as exc:
        problems.append(Problem(file, 1, 1, str(exc), "yaml-unsupported"))
    except RecursionError:
        deep = f"YAML 嵌套过深（超过 {YAML_DEPTH} 层）"
        problems.append(Problem(file, 1, 1, deep, "yaml-unsupported"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "无法解析"
        syntax = f"YAML 语法错误：{_explain(reason)}"
        problems.append(Problem(file, line, column, syntax, "yaml-syntax"))
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 1, 1, f"YAML 语法错误：{exc}", "yaml-syntax"))
    finally:
        loader.dispose()
    return doc, problems


_REASONS = {
    "mapping values are not allowed": (
        "此处不能出现“键: 值”（文字中有“: ”时请给整段加引号，或检查缩进）"
    ),
    "could not find expected ':'": "缺少冒号“:”",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "found a tab character": "不能用 Tab 缩进，请改用空格",
    # libyaml's words for the same: a Tab, or a value that starts with @ or `
    "found character that cannot start any token": (
        "此处的字符不能放在开头：不能用 Tab 缩进（请改用空格）；以 @ 或 ` 开头的值请加引号"
    ),
    "expected <block end>, but found": "缩进不一致（同一层的键或列表项要对齐）",
    "expected <document start>, but found": "缩进不一致，或文件开头有多余的内容",
    "expected a single document in the stream": "一个文件只能有一个 YAML 文档（多余的 ---？）",
    "but found another document": "一个文件只能有一个 YAML 文档（多余的 ---？）",
    "found undefined alias": "引用了未定义的锚点",
    "exceeded maximum nesting depth": "嵌套过深",
    "did not find expected ',' or ']'": "方括号列表未闭合，缺少“,”或“]”",
    "did not find expected ',' or '}'": "花括号映射未闭合，缺少“,”或“}”",
    "did not find expected key": "缺少键（缩进不一致？）",
    "did not find expected '-' indicator": "列表项缩进不一致，缺少“- ”",
    "found unexpected end of stream": "文件意外结束（引号未闭合？）",
    "found unexpected ':'": "出现了多余的冒号（值中含冒号时请加引号）",
    "found unknown escape character": "双引号中有无法识别的转义字符“\\”（路径请用单引号或 /）",
    "found duplicate anchor": "锚点重复定义",
}


def _explain(reason: str) -> str:
    for english, chinese in _REASONS.items():
        if reason.startswith(english):
            return chinese
    return reason


def _build(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    depth: int,
    doc: LocatedDoc,
    problems: list[Problem],
    budget: _Budget,
) -> Any:
    budget.nodes += 1
    if budget.nodes > YAML_NODES:
        raise _TooLarge(f"YAML 内容过多：展开后超过 {YAML_NODES} 个值（锚点与别名过多？）")
    if depth > YAML_DEPTH:
        raise _TooLarge(f"YAML 嵌套过深（超过 {YAML_DEPTH} 层）")
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return _scalar(loader, node)
    if tag not in _PLAIN_TAGS:
        raise _TooLarge(f"不支持 YAML 标签 '{tag.removeprefix('tag:yaml.org,2002:')}'，请删去")
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node) if isinstance(key_node, yaml.ScalarNode) else key_node
            key_text = "" if key is None else str(key)
            if key_text in result:
                line = key_node.start_mark.line + 1 + doc.offset
                column = key_node.start_mark.column + 1
                twice = f"键 '{key_text}' 重复出现"
                problems.append(Problem(doc.file, line, column, twice, "key-duplicate"))
            result[key_text] = _build(loader, value_node, depth + 1, doc, problems, budget)
        return result
    return [_build(loader, item, depth + 1, doc, problems, budget) for item in node.value]


_CONSTRUCT = yaml.SafeLoader.yaml_constructors


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A scalar's value, straight from the constructor table (no per-node bookkeeping);
    timestamps stay text so the date parser can name an impossible date."""
    tag = node.tag
    if tag in (_STR, _TIMESTAMP):
        return node.value
    if tag not in _PLAIN_TAGS:
        raise _TooLarge(f"不支持 YAML 标签 '{tag.removeprefix('tag:yaml.org,2002:')}'，请删去")
    return _CONSTRUCT[tag](loader, node)
