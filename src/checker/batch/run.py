"""Assessing the units: each in a worker process (or in this one with one job), which writes
the unit's own reports and returns only its summary entry, so the parent's memory stays
bounded however many units there are."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.batch import review
from checker.batch.discover import RuleSets, unit_facts
from checker.batch.summary import entry
from checker.errors import InputError, Problem
from checker.evidence.ratings import Rating
from checker.report import FORMATS, RenderOptions
from checker.rules.review import Review

UNIT_REPORTS = {"json": "report.json", "xlsx": "测评表.xlsx"}  # format -> file in DIR/<folder>/
_SETS = RuleSets()  # this process's rule sets, each loaded once
_DEFAULT_REVIEW = Review()  # for a unit whose rule set could not be chosen


@dataclass(frozen=True)
class Job:
    units_dir: Path
    folder: str
    rules: Path | None  # --rules, else each unit's type chooses
    as_of: dt.date | None
    output: Path | None  # the folder the unit's reports go below, None: none written
    cache_dir: Path | None
    ratings: tuple[Rating, ...] = ()  # the 测评组's, replacing the unit's own


@dataclass
class Outcome:
    """What a worker sends back: the entry, and what of its rule set the batch still needs."""

    entry: dict[str, Any]
    official: bool = True
    repeated: dict[str, str] = field(default_factory=dict)  # review.repeated


def _internal_error(unit_dir: Path) -> Problem:
    """A bug met while assessing one unit stays that unit's: the others go on."""
    traceback.print_exc(file=sys.stderr)
    message = "checker 内部错误（程序缺陷，不是输入有误），该单位未能评估；请附上终端输出报告"
    return Problem((unit_dir / "unit.yaml").as_posix(), 1, 1, message, "internal-error")


def assess_unit(job: Job) -> Outcome:
    """One unit: assessed, its reports written, its summary entry made. Never raises for the
    unit's own trouble: a broken unit.yaml, an unknown type or evidence problems are listed
    in its entry."""
    from checker.pipeline import run, unassessed

    unit_dir = job.units_dir / job.folder
    ruleset = None
    data: dict[str, Any]
    enabled = gc.isenabled()
    gc.disable()  # as `check` does; collected once the unit is done (see commandline)
    try:
        ruleset = _SETS.for_unit(job.rules, unit_dir)
        assessment = run(ruleset, unit_dir, job.as_of, job.cache_dir, team_ratings=job.ratings)
        data = assessment.as_dict()
        del assessment
    except InputError as exc:
        data = unassessed(exc.problems, unit_dir, job.as_of)
    except Exception:
        data = unassessed([_internal_error(unit_dir)], unit_dir, job.as_of)
    finally:
        if enabled:
            gc.enable()
    name = unit_facts(unit_dir)[0] or Path(job.folder).name or unit_dir.resolve().name
    shown = "" if ruleset is None else ruleset.root.name
    unit = entry(job.folder, data, shown, name)
    unit["reports"] = _write_reports(data, job)
    outcome = Outcome(unit)
    if ruleset is not None:
        outcome.official = ruleset.meta.official
        outcome.repeated = dict(ruleset.meta.review.repeated)
        unit["verdict"], unit["verdict_reason"] = review.verdict(unit, ruleset.meta.review)
    else:
        unit["verdict"], unit["verdict_reason"] = review.verdict(unit, _DEFAULT_REVIEW)
    del data
    gc.collect()
    return outcome


def _write_reports(data: dict[str, Any], job: Job) -> dict[str, str]:
    """The unit's JSON report and, when that renderer is installed, its 测评表, in
    ``output/<folder>/``; the paths relative to ``output``."""
    from checker.pipeline import _write_atomically

    if job.output is None:
        return {}
    written = {}
    for name, filename in UNIT_REPORTS.items():
        if name not in FORMATS:
            continue
        relative = Path(job.folder, filename)
        _write_atomically(job.output / relative, FORMATS[name].render(data, RenderOptions()))
        written[name] = relative.as_posix()
    return written


def assess_all(
    jobs: list[Job], workers: int, progress: Callable[[int, int], None] | None = None
) -> Iterator[Outcome]:
    """Each job's outcome as it completes (in no particular order): in this process with one
    worker, else in a pool of ``workers`` processes fed a few jobs ahead, so neither the
    pending jobs nor the finished results pile up."""
    total = len(jobs)
    if workers <= 1 or total <= 1:
        for done, job in enumerate(jobs, 1):
            yield assess_unit(job)
            if progress:
                progress(done, total)
        return
    queue = iter(jobs)
    done = 0
    with ProcessPoolExecutor(max_workers=min(workers, total)) as pool:
        running: set[Future[Outcome]] = set()
        for job in queue:
            running.add(pool.submit(assess_unit, job))
            if len(running) >= workers * 2:
                break
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                done += 1
                yield future.result()
                if progress:
                    progress(done, total)
                following = next(queue, None)
                if following is not None:
                    running.add(pool.submit(assess_unit, following))


def default_workers() -> int:
    return os.cpu_count() or 1
