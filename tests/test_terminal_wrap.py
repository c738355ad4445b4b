"""The text summary on a terminal: lines wrap to its width under the item's start, Chinese
may break between characters but numbers, ids and words stay whole; piped, nothing changes."""

from __future__ import annotations

import os
import pty
import re
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checker.report import FORMATS, RenderOptions
from checker.report.wrap import display_width, terminal_width, wrap
from conftest import REPO
from test_reports import _report

ITEM = " ✗ V3 道德讲堂活动开展情况【未达标，失 3 分】"
GAP = "     2022年共4个季度，第1季度、第3季度和第4季度没有开展道德讲堂活动（V3-2022.xlsx 第 12 行）"
ASCII_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-:/_]*")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return _report("sample")


def test_a_long_gap_wraps_under_its_item_with_words_whole() -> None:
    lines = wrap(GAP, 40)
    assert len(lines) > 2
    assert all(display_width(line) <= 40 for line in lines)
    assert all(line.startswith("     ") and line[5] != " " for line in lines)
    assert _squeeze("".join(lines)) == _squeeze(GAP)  # nothing lost, nothing added
    for word in ASCII_WORDS.findall(GAP):
        assert any(word in line for line in lines), f"{word} was split"
    assert not any(line.strip()[0] in "，。、）】；：" for line in lines[1:])


def test_an_item_continues_under_its_text_not_its_mark() -> None:
    first, *rest = wrap(ITEM + "，整改措施写明自2023年1月起按期开展并同步留存资料", 36)
    assert first.startswith(" ✗ V3 ")
    assert rest and all(line.startswith("   ") and line[3] != " " for line in rest)


def test_styled_text_keeps_its_escapes_and_measures_without_them() -> None:
    line = (
        "得分 \x1b[1m76.6\x1b[0m（76.58/100 分）  现场核验项目全部得满分可达 88.5 分  等级 未达标"
    )
    lines = wrap(line, 30)
    assert "\x1b[1m76.6\x1b[0m" in lines[0]
    assert all(display_width(piece) <= 30 for piece in lines)
    assert any("未达标" in piece for piece in lines)  # a short word between spaces stays whole


def test_the_summary_fits_a_forced_width(sample: dict[str, Any]) -> None:
    plain = FORMATS["text"].render(sample, RenderOptions()).splitlines()
    assert max(map(display_width, plain)) > 100  # today's lines, one per item
    wrapped = FORMATS["text"].render(sample, RenderOptions(width=60)).splitlines()
    assert max(map(display_width, wrapped)) <= 60
    assert len(wrapped) > len(plain)
    assert _squeeze("".join(wrapped)) == _squeeze("".join(plain))


def test_a_pipe_is_not_a_terminal() -> None:
    class Pipe:
        def isatty(self) -> bool:
            return False

    class Terminal:
        def isatty(self) -> bool:
            return True

    assert terminal_width(Pipe(), {}) is None
    assert terminal_width(Terminal(), {"COLUMNS": "72"}) == 72
    assert terminal_width(Terminal(), {"COLUMNS": "10"}) is None  # too narrow to help


def _run(stdout: int, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "checker", "check", "--no-cache", "-q"],
        cwd=REPO,
        stdout=stdout,
        stderr=subprocess.DEVNULL,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_real_terminal_wraps_and_a_pipe_does_not(tmp_path: Path) -> None:
    import fcntl
    import termios

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["NO_COLOR"] = "1"
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 64, 0, 0))
    _run(follower, env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 1 << 16)
        except OSError:  # the terminal closed: everything is read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n").splitlines()
    assert shown and max(map(display_width, shown)) <= 64
    piped = tmp_path / "piped.txt"
    with piped.open("wb") as file:
        _run(file.fileno(), env)
    lines = piped.read_text(encoding="utf-8").splitlines()
    assert max(map(display_width, lines)) > 64
    assert _squeeze("".join(lines)) == _squeeze("".join(shown))
