"""Turns pydantic validation errors into located, plain-Chinese problems."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from checker.errors import Problem
from checker.parsing import DateError, format_number
from checker.yamlfile import LocatedDoc, NodePath

_MESSAGES = {
    "missing": "缺少必填项",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项以“- ”开头）",
    "dict_type": "应为映射（“键: 值”）",
    "model_type": "应为映射（“键: 值”）",
    "model_attributes_type": "应为映射（“键: 值”）",
    "date_type": "应为日期，如 2022-03-08",
    "date_parsing": "应为日期，如 2022-03-08",
    "date_from_datetime_parsing": "应为日期，如 2022-03-08",
    "too_short": "不能为空",
    "finite_number": "应为有限的数字（不能是 NaN 或无穷大）",
    "string_too_short": "不能为空",
}


_CHINESE_KEYS = {"name": "名称", "type": "类型", "rule": "规则", "reason": "理由"}


def closest(word: str, choices: Iterable[str], cutoff: float = 0.34) -> str | None:
    """The most similar known name, for "did you mean" hints."""
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def known_keys(*models: type[BaseModel]) -> set[str]:
    keys: set[str] = set()
    for model in models:
        for name, info in model.model_fields.items():
            keys.add(info.alias or name)
    return keys


_KIND_CODES = {
    "extra_forbidden": "key-unknown",
    "missing": "field-missing",
    "too_short": "field-empty",
    "string_too_short": "field-empty",
    "date_type": "date-invalid",
    "date_parsing": "date-invalid",
    "date_from_datetime_parsing": "date-invalid",
}


def _code(error: Any) -> str:
    """The stable code of one pydantic error: a date a validator refused is a date problem."""
    if error["type"] == "value_error" and isinstance(
        (error.get("ctx") or {}).get("error"), DateError
    ):
        return "date-invalid"
    return _KIND_CODES.get(error["type"], "value-invalid")


def _describe(error: Any, key: str, suggestions: set[str]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        hint = closest(key, suggestions - {key})
        return f"未知的键 '{key}'" + (f"，是否为 '{hint}'？" if hint else "")
    if kind == "missing":
        chinese = _CHINESE_KEYS.get(key)
        return f"缺少必填项 '{chinese}'（或 {key}）" if chinese else f"缺少必填项 '{key}'"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"'{key}' 应为以下之一：{expected}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤"}.get(
            kind, "<"
        )
        bound = next(iter(ctx.values()), "")
        if isinstance(bound, (int, float)):
            bound = format_number(float(bound))
        return f"'{key}' 应 {sign} {bound}"
    reason = _MESSAGES.get(kind, error["msg"])
    return f"'{key}' {reason}" if key else reason


def problems_from(
    exc: ValidationError, doc: LocatedDoc, base: NodePath = (), suggestions: set[str] | None = None
) -> list[Problem]:
    """One problem per offending place (pydantic reports each union branch; keep the first)."""
    seen: set[NodePath] = set()
    problems: list[Problem] = []
    for error in exc.errors():
        path = _real_path(doc, base, error["loc"])
        kind = error["type"]
        if kind == "missing":
            key = str(error["loc"][-1])  # not in the data: point at the mapping that lacks it
        else:  # the nearest key, so an error in a list item still names its list
            key = next((str(p) for p in reversed(path[len(base) :]) if isinstance(p, str)), "")
        if path in seen:
            continue
        seen.add(path)
        message = _describe(error, key, suggestions or set())
        problems.append(
            doc.problem(path, message, key=kind == "extra_forbidden", code=_code(error))
        )
    return problems


def _real_path(doc: LocatedDoc, base: NodePath, loc: tuple[Any, ...]) -> NodePath:
    """Drop pydantic's union-branch labels from ``loc``; keep the keys the data really has."""
    path: NodePath = base
    for part in loc:
        candidate = (*path, part)
        if doc.has(candidate):
            path = candidate
    return path
