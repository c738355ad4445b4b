"""Totals add up as printed: in every format, the categories' points shown sum to the total
shown, the score is that total over the maximum, and the status counts add up to the rules.
Inspectors add columns; a report whose column does not add up is not believed."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from checker.report import FORMATS, RenderOptions
from checker.result import score_value
from conftest import REPO, case_params, case_report, run_cli


def _sum(values: list[str]) -> Decimal:
    return sum((Decimal(value) for value in values), Decimal(0))


def _check_json(data: dict[str, Any]) -> None:
    earned = _sum([str(c["earned"]) for c in data["categories"]])
    assert Decimal(str(data["earned"])) == earned
    assert Decimal(str(data["max"])) == _sum([str(c["max"]) for c in data["categories"]])
    if data["max"]:
        assert data["score"] == score_value(data["earned"] / data["max"] * 100)
    assert sum(data["counts"].values()) == len(data["results"])


def _check_text(text: str, data: dict[str, Any]) -> None:
    total = re.search(r"得分 \S+（([\d.]+)/([\d.]+) 分）", text)
    assert total is not None
    lines = re.findall(r"^\S+\s+([\d.]+)/([\d.]+)", text.split("分类", 1)[1], re.M)
    assert _sum([earned for earned, _ in lines]) == Decimal(total[1])
    _check_counts(text, data)


def _check_markdown(text: str, data: dict[str, Any]) -> None:
    total = re.search(r"\| 得分 \| \S+（([\d.]+)/([\d.]+) 分）", text)
    assert total is not None
    table = text.split("## 分类得分", 1)[1].strip().split("\n\n", 1)[0]
    rows = re.findall(r"^\| [^|]+ \| ([\d.]+) \| ([\d.]+) \|", table, re.M)
    assert _sum([earned for earned, _ in rows]) == Decimal(total[1])
    assert _sum([most for _, most in rows]) == Decimal(total[2])
    _check_counts(text, data)


def _check_html(text: str, data: dict[str, Any]) -> None:
    total = re.search(r'<div class="s">([\d.]+) / ([\d.]+) 分</div>', text)
    assert total is not None
    rows = re.findall(
        r'<tr><td[^>]*>[^<]+</td><td class="num"[^>]*>([\d.]+)</td>'
        r'<td class="num"[^>]*>([\d.]+)</td>',
        text,
    )
    assert _sum([earned for _, earned in rows]) == Decimal(total[1])
    assert _sum([most for most, _ in rows]) == Decimal(total[2])
    _check_counts(text, data)


def _check_counts(text: str, data: dict[str, Any]) -> None:
    listed = re.search(r"共 (\d+) 项：([^）|\n]+)", text)
    assert listed is not None
    counts = [int(n) for n in re.findall(r" (\d+) 项", listed[2])]
    assert sum(counts) == int(listed[1]) == len(data["results"])


def _check_all(data: dict[str, Any]) -> None:
    _check_json(json.loads(FORMATS["json"].render(data, RenderOptions())))
    _check_text(FORMATS["text"].render(data, RenderOptions()), data)
    _check_markdown(FORMATS["markdown"].render(data, RenderOptions()), data)
    _check_html(FORMATS["html"].render(data, RenderOptions()), data)


def test_the_sample_adds_up_in_every_format() -> None:
    result = run_cli("check", str(REPO / "evidence"), "-f", "json")
    _check_all(json.loads(result.stdout))


@pytest.mark.parametrize("case", case_params())
def test_every_case_adds_up_in_every_format(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = case_report(tmp_path, case, monkeypatch)
    assert result.stdout.startswith("{"), result.output  # every case's rules load
    _check_all(json.loads(result.stdout))
