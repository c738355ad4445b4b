"""Walks an evidence folder and hands each file to the loader for its kind.

Loaders are registered by suffix, so a new source (ledgers, office documents) plugs in here
without the engine knowing. Record files and ledgers load first, because the files they
reference as attachments are then not records of their own.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import InputError, Problem
from checker.evidence.archives import ZIP_SUFFIX, Archives, ignored, unshowable_name
from checker.evidence.context import LoadContext, parse_yaml
from checker.evidence.fields import normalise_fields, yaml_locator
from checker.evidence.files import load_plain_file
from checker.evidence.keys import RecordKeys
from checker.evidence.ledgers import LEDGER_SUFFIXES, load_ledger
from checker.evidence.model import Claim, Record, Unusable, suffix
from checker.evidence.parallel import load_in_parallel
from checker.evidence.photos import PhotoDates
from checker.evidence.ratings import RATINGS_FILE, Rating, parse_ratings
from checker.evidence.records import load_record_file
from checker.evidence.text import TextStore
from checker.evidence.unit import UNIT_FILE, WAIVERS_FILE, Unit, Waiver, parse_unit, parse_waivers
from checker.evidence.workbooks import ReadAhead
from checker.rules.loader import RuleSet

FOLDER_DEFAULTS = "_folder.yaml"
SourceLoader = Callable[[Path, str, dict[str, Any], LoadContext], "list[Record] | None"]

# Structured sources: each returns its records, or None to treat the file as a plain file.
SOURCE_LOADERS: dict[str, SourceLoader] = {
    ".yaml": load_record_file,
    ".yml": load_record_file,
    ".md": load_record_file,
    **dict.fromkeys(LEDGER_SUFFIXES, load_ledger),
}


@dataclass
class Evidence:
    root: Path
    unit: Unit
    waivers: list[Waiver]
    records: list[Record]
    texts: TextStore
    photo_date: PhotoDates  # EXIF dates, read once, shared with loading
    archives: Archives  # where each file is read from: zip members are unpacked for the run
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unusable: list[Unusable] = field(default_factory=list)  # records a problem keeps out
    files: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    unit_file: str = UNIT_FILE  # unit.yaml as the user names it, for messages
    contexts: dict[tuple[str, str], str] = field(default_factory=dict)  # ledger tables'
    ratings: list[Rating] = field(default_factory=list)  # ratings.yaml: on-site points

    def read_documents(self) -> None:
        """Every document's text at once: in parallel, and from the cache when seen before
        (rules and checks that ask later find it read)."""
        texts = self.texts
        names = (name for record in self.records for name in record.files)
        texts.prefetch(name for name in names if texts.is_document(name))


RECORD_SUFFIXES = frozenset({".yaml", ".yml", ".md"})


def _reserved(rel: str) -> bool:
    config = (UNIT_FILE, WAIVERS_FILE, RATINGS_FILE)
    return rel in config or rel.rsplit("/", 1)[-1] == FOLDER_DEFAULTS


def _admissible(entry: os.DirEntry[str], rel: str, ctx: LoadContext) -> bool:
    """Whether to read this entry: a readable name, a regular file, and no symbolic link out
    of the folder."""
    if unshowable_name(rel, ctx):
        return False
    if entry.is_symlink():
        if not os.path.exists(entry.path):
            ctx.warn(rel, 1, 1, "符号链接无效（指向不存在的位置），未读取", "link-broken")
            return False
        if not ctx.inside(rel):
            ctx.warn(rel, 1, 1, "符号链接指向证据文件夹之外，未读取", "link-outside")
            return False
    if not entry.is_file():  # a pipe or a device: opening it could wait forever
        ctx.warn(rel, 1, 1, "不是普通文件（管道、设备等），未读取", "file-special")
        return False
    return True


def _walk(root: Path, ctx: LoadContext) -> list[str]:
    """Every evidence file, evidence-relative with ``/``, in a stable order. Symbolic links
    to folders are not followed (so a loop cannot hang); links out of the folder are skipped.
    ``os.scandir`` tells links and folders apart without a stat per file. A zip stands for
    the files it holds (``月度照片.zip/2022年3月/x.jpg``), unpacked in name order so the
    limit on all zips together always refuses the same one."""
    found: list[str] = []
    zips: list[str] = []
    pending = [("", str(root))]
    while pending:
        base, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))  # the found files are sorted once, at the end
        except OSError:
            ctx.warn(base or ".", 1, 1, "无法读取此文件夹，未检查其中的文件", "folder-unreadable")
            continue
        for entry in entries:
            rel = f"{base}/{entry.name}" if base else entry.name
            if ignored(entry.name) or entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((rel, entry.path))
            elif entry.is_symlink() and entry.is_dir():
                ctx.warn(rel, 1, 1, "符号链接的文件夹不会读取", "link-folder")
            elif _admissible(entry, rel, ctx):
                (zips if suffix(entry.name) == ZIP_SUFFIX else found).append(rel)
    for rel in sorted(zips):
        found.extend(ctx.archives.unpack(rel, ctx))
    return sorted(found, key=lambda rel: (rel.count("/"), rel))


Progress = Callable[[int, int], None]  # (files done, files in all)


def load_evidence(
    root: Path,
    rules: RuleSet,
    shown_root: str | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    workbooks: ReadAhead | None = None,
) -> Evidence:
    """Load a whole evidence folder. Problems with single files are collected, not raised;
    only a missing or invalid ``unit.yaml`` stops the run (nothing can be judged without it).
    ``cache_dir`` keeps extracted document text between runs (never inside the folder)."""
    if not root.is_dir():
        missing = Problem(shown_root or root.as_posix(), 0, 0, "证据文件夹不存在", "folder-missing")
        raise InputError([missing])
    ctx = LoadContext(
        root,
        shown_root if shown_root is not None else root.as_posix(),
        rules.vocabulary,
        RecordKeys.of(rules),
        workbooks=workbooks or ReadAhead(),
    )
    unit = _load_unit(root, rules, ctx)
    waivers = _load_waivers(root, rules, ctx)
    ratings = _load_ratings(root, rules, ctx)
    files = _walk(root, ctx)
    defaults = _folder_defaults(root, files, ctx)
    records: list[Record] = []
    plain: list[str] = []
    record_files = [
        (rel, _defaults_for(rel, defaults))
        for rel in files
        if suffix(rel) in RECORD_SUFFIXES and not _reserved(rel)
    ]
    parsed = load_in_parallel(ctx, record_files)  # the bulk of a large folder
    for done, rel in enumerate(files, start=1):
        if progress is not None:
            progress(done, len(files))
        if _reserved(rel):
            continue
        if rel in parsed:
            loaded = parsed[rel]
        else:
            loader = SOURCE_LOADERS.get(suffix(rel))
            loaded = (
                loader(ctx.path_of(rel), rel, _defaults_for(rel, defaults), ctx) if loader else None
            )
        if loaded is None:
            plain.append(rel)
        else:
            records.extend(loaded)
    texts = TextStore(root, cache_dir, ctx.archives)
    plain = [rel for rel in plain if rel not in ctx.referenced]
    # Documents without a date in their name are dated by their text: read them all at once
    # (in parallel, or from the cache); the rules read the same texts later.
    texts.prefetch(rel for rel in plain if texts.is_document(rel))
    for rel in plain:
        records.extend(load_plain_file(root / rel, rel, _defaults_for(rel, defaults), ctx, texts))
    return Evidence(
        root=root,
        unit=unit,
        waivers=waivers,
        records=records,
        texts=texts,
        problems=ctx.problems,
        warnings=ctx.warnings,
        unusable=ctx.unusable,
        files=files,
        claims=ctx.claims,
        photo_date=ctx.photo_date,
        archives=ctx.archives,
        unit_file=ctx.shown(UNIT_FILE),
        contexts=ctx.contexts,
        ratings=ratings,
    )


def _load_unit(root: Path, rules: RuleSet, ctx: LoadContext) -> Unit:
    path = root / UNIT_FILE
    if path.is_symlink() and not ctx.inside(UNIT_FILE):
        raise InputError(
            [
                Problem(
                    ctx.shown(UNIT_FILE),
                    1,
                    1,
                    "unit.yaml 是指向证据文件夹之外的符号链接",
                    "link-outside",
                )
            ]
        )
    if not path.is_file():
        raise InputError(
            [
                Problem(
                    ctx.shown(UNIT_FILE),
                    1,
                    1,
                    "缺少单位档案 unit.yaml（至少写明 名称 与 类型）",
                    "unit-missing",
                )
            ]
        )
    doc = parse_yaml(path, UNIT_FILE, ctx)
    unit = parse_unit(doc, rules, ctx.problems) if doc else None
    if unit is None:
        raise InputError(ctx.problems)
    return unit


def _load_waivers(root: Path, rules: RuleSet, ctx: LoadContext) -> list[Waiver]:
    path = root / WAIVERS_FILE
    if not path.is_file() or not ctx.inside(WAIVERS_FILE):
        return []
    doc = parse_yaml(path, WAIVERS_FILE, ctx)
    return parse_waivers(doc, rules, ctx.problems) if doc else []


def _load_ratings(root: Path, rules: RuleSet, ctx: LoadContext) -> list[Rating]:
    path = root / RATINGS_FILE
    if not path.is_file() or not ctx.inside(RATINGS_FILE):
        return []
    doc = parse_yaml(path, RATINGS_FILE, ctx)
    return parse_ratings(doc, rules, ctx.problems) if doc else []


def _folder_defaults(root: Path, files: list[str], ctx: LoadContext) -> dict[str, dict[str, Any]]:
    """Each folder's own ``_folder.yaml`` fields, keyed by folder ('' for the root)."""
    table: dict[str, dict[str, Any]] = {}
    for rel in files:
        folder, _, name = rel.rpartition("/")
        if name != FOLDER_DEFAULTS:
            continue
        doc = parse_yaml(ctx.path_of(rel), rel, ctx)
        if doc is None:
            continue
        if doc.data is None:  # only comments: no defaults
            continue
        if not isinstance(doc.data, dict):
            ctx.problems.append(
                doc.problem((), "_folder.yaml 应为映射，如 类型: 会议", code="shape-invalid")
            )
            continue
        fields, _ = normalise_fields(doc.data, yaml_locator(doc, ()), rel, ctx)
        table[folder] = fields
    return table


def _defaults_for(rel: str, table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Defaults inherited down the tree: nearer folders override, tags add up. Worked out
    once per folder (kept in ``table`` under the folder's name with a trailing ``/``)."""
    folder = rel.rpartition("/")[0] + "/"
    known = table.get(folder)
    if known is None:
        known = table[folder] = _inherit(folder, table)
    return known


def _inherit(folder: str, table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    parts = folder.split("/")[:-1] if folder != "/" else []
    merged: dict[str, Any] = dict(table.get("", {}))
    for depth in range(1, len(parts) + 1):
        own = table.get("/".join(parts[:depth]))
        if own:
            tags = (*merged.get("tags", ()), *own.get("tags", ()))
            merged.update(own)
            merged["tags"] = tuple(dict.fromkeys(tags))
    return merged
