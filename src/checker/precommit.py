"""``checker-precommit``: the pre-commit hooks' entry. It checks what is being committed, not
the working folder: the staged files under the evidence folder (and the rule set) are copied
out of git's index into a temporary folder and checked there, so a draft left untracked, or
an edit not staged, neither blocks a commit nor lets one through.

Usage (from the repository root, as pre-commit runs hooks)::

    checker-precommit validate [options] [证据文件夹]
    checker-precommit check --quiet [options] [证据文件夹]

Paths in the arguments are relative to the repository root and mean committed files.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

# check's and validate's options that take a value: their value is no folder argument.
_VALUED = frozenset(
    {"--rules", "--as-of", "--fail-under", "--baseline", "--deadline", "--template"}
    | {"--cache-dir", "--format", "-f", "--output", "-o"}
)
_PATH_OPTIONS = frozenset({"--rules"})  # committed folders the checker reads besides evidence


def _paths(arguments: list[str]) -> tuple[str, list[str]]:
    """The evidence folder argument (default ``evidence``) and other committed paths read."""
    folder, others = "", ["rules"]
    pending = ""
    for argument in arguments:
        if pending:
            if pending in _PATH_OPTIONS:
                others.append(argument)
            pending = ""
        elif "=" in argument and argument.split("=", 1)[0] in _PATH_OPTIONS:
            others.append(argument.split("=", 1)[1])
        elif argument in _VALUED:
            pending = argument
        elif not argument.startswith("-") and not folder:
            folder = argument
    return folder or "evidence", others


def _git(*arguments: str, stdin: bytes | None = None) -> bytes:
    # GIT_INDEX_FILE, set by ``git commit -a`` or ``git commit FILE``, is inherited on purpose:
    # that index holds what is being committed.
    return subprocess.run(["git", *arguments], input=stdin, capture_output=True, check=True).stdout


def export_index(paths: list[str], target: Path) -> None:
    """Copy the staged version of every tracked file under ``paths`` into ``target``,
    keeping their paths."""
    listed = _git("ls-files", "-z", "--cached", "--", *paths)
    if listed:
        prefix = f"{target.as_posix().rstrip('/')}/"
        _git("checkout-index", "-z", "--stdin", f"--prefix={prefix}", stdin=listed)


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in ("validate", "check"):
        print("用法：checker-precommit validate|check [选项] [证据文件夹]", file=sys.stderr)
        return 2
    try:
        root = Path(_git("rev-parse", "--show-toplevel").decode().strip())
    except (OSError, subprocess.CalledProcessError):
        print("checker-precommit：须在 git 仓库中运行", file=sys.stderr)
        return 2
    folder, others = _paths(arguments[1:])
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="checker-precommit-") as temporary:
        copy = Path(temporary)
        os.chdir(root)  # git lists paths from the root when run there
        try:
            wanted = [os.path.relpath(here / path, root) for path in [folder, *others]]
            export_index([path for path in wanted if not path.startswith("..")], copy)
        finally:
            os.chdir(here)
        # Run where the copy mirrors the working folder: paths read as in the repository.
        where = copy / os.path.relpath(here, root)
        where.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "checker", *arguments]
        return subprocess.run(command, cwd=where, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
