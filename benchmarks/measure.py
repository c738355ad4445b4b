"""Runs one workload in this process and prints its wall time and peak memory as JSON.

    python benchmarks/measure.py checker FOLDER [checker options…]
    python benchmarks/measure.py floor FOLDER
    python benchmarks/measure.py jsonschema SCHEMA FOLDER
    python benchmarks/measure.py version
    python benchmarks/measure.py batch UNITS [batch options…]
    python benchmarks/measure.py each UNITS [check options…]   # one `checker check` a unit

Peak memory is the largest resident set of this process or any child it waited for (the
checker's parallel loaders), in megabytes.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def _checker(args: list[str]) -> None:
    from checker.cli import main

    with contextlib.suppress(SystemExit):
        main(["check", *args])


def _batch(args: list[str]) -> None:
    from checker.cli import main

    with contextlib.suppress(SystemExit):
        main(["batch", *args])


def _each(units: str, args: list[str]) -> None:
    """Every unit below ``units`` checked by its own ``checker check`` process, one after
    another, as an office without ``batch`` would (reports under a temporary folder)."""
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        for unit in sorted(p.parent for p in Path(units).rglob("unit.yaml")):
            report = Path(out) / f"{unit.name}.json"
            subprocess.run(
                [sys.executable, "-m", "checker", "check", str(unit), *args, "-o", str(report)],
                check=False,
                capture_output=True,
            )


def _floor(folder: str) -> None:
    """Read and parse the same files with the same parsers, and nothing else."""
    import yaml
    from python_calamine import CalamineWorkbook

    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(base, name)
            if name.endswith((".yaml", ".yml")):
                with open(path, "rb") as stream:
                    yaml.load(stream.read().decode("utf-8"), Loader=yaml.CSafeLoader)
            elif name.endswith((".xlsx", ".xls")):
                workbook = CalamineWorkbook.from_path(path)
                for sheet in workbook.sheet_names:
                    workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _jsonschema(schema: str, folder: str) -> None:
    """check-jsonschema on every record file, in batches the command line can hold."""
    files = sorted(
        str(path)
        for path in Path(folder).rglob("*.yaml")
        if path.name not in ("unit.yaml", "waivers.yaml", "_folder.yaml")
    )
    for start in range(0, len(files), 2000):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--schemafile",
                schema,
                *files[start : start + 2000],
            ],
            check=False,
            capture_output=True,
        )


def main() -> None:
    kind, args = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    if kind == "checker":
        _checker(args)
    elif kind == "batch":
        _batch(args)
    elif kind == "each":
        _each(args[0], args[1:])
    elif kind == "floor":
        _floor(args[0])
    elif kind == "jsonschema":
        _jsonschema(args[0], args[1])
    elif kind == "version":
        subprocess.run(
            [sys.executable, "-m", "checker", "--version"], check=True, capture_output=True
        )
    seconds = time.perf_counter() - started
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(json.dumps({"seconds": round(seconds, 3), "peak_mb": round(peak / 1024, 1)}))


if __name__ == "__main__":
    main()
