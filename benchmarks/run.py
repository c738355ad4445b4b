"""The checker side by side with the floor and with check-jsonschema, in one run.

    python benchmarks/run.py                 # 1k, 10k, 100k record files, a 100k-row ledger
    python benchmarks/run.py --quick         # 1k and 10k only
    python benchmarks/run.py --repeat 3      # best of three for each measurement

Each measurement is a fresh process (benchmarks/measure.py): wall time and peak memory.
The floor reads and parses the same files with the same parsers (libyaml's CSafeLoader,
python-calamine) and does nothing else. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent


def _measure(*args: str, repeat: int) -> dict[str, float]:
    best: dict[str, float] | None = None
    for _ in range(repeat):
        output = (
            subprocess.run(
                [sys.executable, str(HERE / "measure.py"), *args],
                check=True,
                capture_output=True,
                text=True,
                cwd=REPO,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        result = json.loads(output)
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def _generate(folder: Path, *args: str) -> None:
    if not folder.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(folder), *args], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "checker-bench")
    options = parser.parse_args()
    data = options.data
    data.mkdir(parents=True, exist_ok=True)
    schema = data / "record.schema.json"
    schema.write_text(
        subprocess.run(
            [sys.executable, "-m", "checker", "schema", "record"],
            check=True,
            capture_output=True,
            text=True,
            cwd=REPO,
        ).stdout,
        encoding="utf-8",
    )
    sizes = [1_000, 10_000] if options.quick else [1_000, 10_000, 100_000]
    workloads = [
        (f"{size:,} 条记录文件", data / f"records-{size}", ["--records", str(size)], True, "json")
        for size in sizes
    ]
    if not options.quick:
        ledger = ["--records", "0", "--ledger-rows", "100000"]
        workloads += [
            ("100,000 行 .xlsx 台账", data / "ledger-100k", ledger, False, "json"),
            # the same, reported as a CI job or a person reads it: no 20万-citation JSON file
            ("100,000 行 .xlsx 台账（文本报告）", data / "ledger-100k", ledger, False, "text"),
        ]
    print(f"机器：{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}\n")
    print(
        "| 证据 | checker 秒 | 下限 秒 | 倍数 | check-jsonschema 秒 | checker 峰值内存 MB | 下限 峰值 MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, folder, args, with_schema, report in workloads:
        _generate(folder, *args)
        out = data / f"report.{report}"
        checker = _measure(
            "checker",
            str(folder),
            "-f",
            report,
            "-o",
            str(out),
            "--no-cache",
            "-q",
            "--as-of",
            "2022-12-31",
            repeat=options.repeat,
        )
        floor = _measure("floor", str(folder), repeat=options.repeat)
        schema_time = (
            f"{_measure('jsonschema', str(schema), str(folder), repeat=1)['seconds']:.2f}"
            if with_schema
            else "—"
        )
        ratio = checker["seconds"] / floor["seconds"]
        print(
            f"| {label} | {checker['seconds']:.2f} | {floor['seconds']:.2f} | {ratio:.2f}× | "
            f"{schema_time} | {checker['peak_mb']:.0f} | {floor['peak_mb']:.0f} |"
        )
    version = _measure("version", repeat=max(options.repeat, 3))
    print(f"\n`checker --version`（含解释器启动）：{version['seconds']:.3f} 秒")
    documents = data / "documents-1000"
    _generate(documents, "--records", "0", "--documents", "1000")
    with tempfile.TemporaryDirectory() as cache:
        args = (
            "checker",
            str(documents),
            "-f",
            "json",
            "-o",
            str(data / "docs.json"),
            "-q",
            "--as-of",
            "2022-12-31",
            "--cache-dir",
            cache,
        )
        first = _measure(*args, repeat=1)
        second = _measure(*args, repeat=1)
    print(
        f"1,000 个 Word 文档：首次（提取并缓存文字）{first['seconds']:.2f} 秒，"
        f"再次（读缓存）{second['seconds']:.2f} 秒，快 {first['seconds'] / second['seconds']:.1f} 倍"
    )


if __name__ == "__main__":
    main()
