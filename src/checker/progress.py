"""A progress line on stderr for long runs: only on a terminal, only for large folders."""

from __future__ import annotations

import sys
import time
from typing import TextIO

LARGE_FOLDER = 500  # files; smaller folders finish before a progress line would help


class ProgressLine:
    """``读取证据 1200/5000（24%）``, redrawn at most ten times a second."""

    def __init__(
        self, stream: TextIO | None = None, label: str = "读取证据", minimum: int = LARGE_FOLDER
    ) -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.minimum = minimum  # a total below this finishes before the line would help
        self._last = 0.0

    @staticmethod
    def wanted(stream: TextIO, quiet: bool) -> bool:
        return not quiet and stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if total < self.minimum:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        self.stream.write(f"\r{self.label} {done}/{total}（{done * 100 // total}%）")
        if done == total:
            self.stream.write("\r" + " " * 40 + "\r")
        self.stream.flush()
