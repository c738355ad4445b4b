"""``checker batch`` on many units of the sample's size, against one ``checker check`` a unit.

    python benchmarks/batch.py                  # 50, 100 and 200 units
    python benchmarks/batch.py --units 16       # one size only

Each unit is a copy of the bundled sample (evidence/: 137 files, Word, PDF, Excel, GBK CSV,
photos). Both sides run with ``--no-cache``: the copies are identical, so a text cache would
read each document once for all of them. Each measurement is a fresh process
(benchmarks/measure.py): wall time and peak memory of the process and its workers. Prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent


def _units(data: Path, count: int) -> Path:
    """``count`` copies of the sample, each its own unit folder (made once, then reused)."""
    folder = data / f"units-{count}"
    if not (folder / f"单位{count:03}" / "unit.yaml").exists():
        shutil.rmtree(folder, ignore_errors=True)
        for number in range(1, count + 1):
            shutil.copytree(REPO / "evidence", folder / f"单位{number:03}")
    return folder


def _measure(*args: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, str(HERE / "measure.py"), *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, action="append", help="unit counts (repeatable)")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "checker-bench")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    counts = options.units or [50, 100, 200]
    cores = os.cpu_count()
    print(f"Machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}\n")
    print("| units | batch s | batch peak MB | s per unit | one check at a time s | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    for count in counts:
        units = _units(options.data, count)
        with tempfile.TemporaryDirectory() as out:
            jobs = ["-j", str(options.jobs), "--no-cache", "-q", "-f", "json", "-o", out]
            batch = _measure("batch", str(units), *jobs)
        each = _measure("each", str(units), "--no-cache", "-q", "-f", "json")
        print(
            f"| {count} | {batch['seconds']:.1f} | {batch['peak_mb']:.0f} | "
            f"{batch['seconds'] / count:.3f} | {each['seconds']:.1f} | "
            f"{batch['seconds'] / each['seconds']:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
