"""Record files load on every core when there are many: the result must be the same, byte for
byte, as loading them one by one (problems, notices, records left out, citations)."""

from __future__ import annotations

from pathlib import Path

import pytest

import checker.evidence.parallel as parallel
from conftest import build_case, check_cli


def _folder(tmp_path: Path) -> None:
    files: dict[str, str] = {}
    for index in range(60):
        month = index % 12 + 1
        day = "32" if index % 13 == 5 else f"{index % 27 + 1:02d}"  # some impossible
        words = "全体干部职工" if index % 7 == 0 else str(10 + index)  # some notices
        files[f"会议/{index:03d}.yaml"] = (
            f"类型: 会议\n日期: 2022-{month:02d}-{day}\n标题: 第{index}次会议\n参与人数: {words}\n"
        )
    files["会议/空.yaml"] = "[]\n"
    build_case(
        tmp_path,
        {
            "rules": [
                {
                    "id": "R1",
                    "score": 4,
                    "requires": [{"name": "会议", "type": "会议", "period": "month"}],
                },
                {
                    "id": "R2",
                    "score": 2,
                    "requires": [{"name": "人数", "type": "会议", "sum": "参与人数", "min": 2000}],
                },
            ],
            "records": [],
            "files": files,
        },
    )


def test_loading_on_every_core_gives_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    serial = check_cli("-f", "json", "--as-of", "2022-12-31", "--no-cache")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    split: list[int] = []
    shares = parallel._shares

    def _spied(jobs: list[parallel.Job], count: int) -> list[list[parallel.Job]]:
        split.append(len(jobs))
        return shares(jobs, count)

    monkeypatch.setattr(parallel, "_shares", _spied)
    shared = check_cli("-f", "json", "--as-of", "2022-12-31", "--no-cache")
    assert split == [61]  # the files were shared out among worker processes
    assert serial.exit_code == shared.exit_code == 2  # the impossible dates
    assert '"warnings": [' in serial.stdout and "全体干部职工" in serial.stdout
    assert shared.stdout == serial.stdout
