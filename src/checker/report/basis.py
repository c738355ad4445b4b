"""What a report says of the table it scored against: a reference version when the official
table was not available, and each item's basis (核实/参照/推定 and its source)."""

from __future__ import annotations

from typing import Any

REFERENCE_NOTE = "本测评表为参考版，正式测评细则未取得，依据同类公开测评体系拟定"


def reference_note(data: dict[str, Any]) -> str:
    """The one sentence a report states near its top when ``official`` is false; "" else
    (a baseline report from before the key counts as official)."""
    return "" if data["ruleset"].get("official", True) else REFERENCE_NOTE


def basis_text(result: dict[str, Any]) -> str:
    """A result's 依据: ``参照 某市文明单位考评细则`` when the rule names its basis, else its
    clause."""
    basis = result.get("basis")
    if basis:
        return f"{basis['kind']} {basis['source']}"
    return str(result.get("clause") or "")
