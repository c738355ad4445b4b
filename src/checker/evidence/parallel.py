"""Record files loaded across cores: each worker parses a share of the files with a context
of its own, and what it found is merged back in file order, so the result is the same as
loading them one by one."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import Problem
from checker.evidence.archives import Archives
from checker.evidence.context import LoadContext
from checker.evidence.keys import RecordKeys
from checker.evidence.model import Record, Unusable
from checker.evidence.records import load_record_file
from checker.rules.loader import Vocabulary

PARALLEL_FROM = 2000  # fewer record files load faster in this process than a pool can start
Job = tuple[str, dict[str, Any]]  # (file, its folder defaults)


@dataclass
class Loaded:
    """What a share of the record files gave, keyed by file to keep the original order."""

    records: dict[str, list[Record] | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)
    unusable: list[Unusable] = field(default_factory=list)


def _load_share(
    root: str,
    shown_root: str,
    vocabulary: Vocabulary,
    keys: RecordKeys,
    archives: Archives,
    jobs: list[Job],
) -> Loaded:
    ctx = LoadContext(Path(root), shown_root, vocabulary, keys)
    ctx.archives = archives  # the zips this process unpacked, for members and attachments
    loaded = Loaded()
    for rel, defaults in jobs:
        loaded.records[rel] = load_record_file(ctx.path_of(rel), rel, defaults, ctx)
    loaded.problems, loaded.warnings = ctx.problems, ctx.warnings
    loaded.referenced, loaded.unusable = ctx.referenced, ctx.unusable
    return loaded


def _shares(jobs: Sequence[Job], count: int) -> list[list[Job]]:
    size = -(-len(jobs) // count)
    return [list(jobs[start : start + size]) for start in range(0, len(jobs), size)]


def load_in_parallel(ctx: LoadContext, jobs: Sequence[Job]) -> dict[str, list[Record] | None]:
    """Load record files on every core; problems and references go into ``ctx``."""
    workers = os.cpu_count() or 1
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return {
            rel: load_record_file(ctx.path_of(rel), rel, defaults, ctx) for rel, defaults in jobs
        }
    ctx.workbooks.join()  # no worker may fork while the read-ahead thread runs
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    shares = _shares(jobs, workers * 4)
    results: dict[str, list[Record] | None] = {}
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        futures = [
            pool.submit(
                _load_share,
                str(ctx.root),
                ctx.shown_root,
                ctx.vocabulary,
                ctx.keys,
                ctx.archives,
                share,
            )
            for share in shares
        ]
        for future in futures:
            loaded = future.result()
            results.update(loaded.records)
            ctx.problems.extend(loaded.problems)
            ctx.warnings.extend(loaded.warnings)
            ctx.referenced |= loaded.referenced
            ctx.unusable.extend(loaded.unusable)
    return results
