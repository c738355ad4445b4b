"""Property-based robustness: generated evidence folders always end in exit 0, 1 or 2 with no
exception; and reports are byte-identical whatever the hash seed, time zone or file order."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BASE_RULESET, REPO, dump, run_cli, write_tree

RULES = {
    "category": "测试",
    "rules": [
        {
            "id": "R1",
            "title": "会议",
            "score": 3,
            "requires": [{"name": "会议", "type": "会议", "period": "month"}],
        },
        {
            "id": "R2",
            "title": "活动",
            "score": 3,
            "requires": [
                {"name": "活动", "type": "活动", "sum": "发放资料", "min": 5, "per": "网格"}
            ],
        },
        {
            "id": "R3",
            "title": "文件",
            "score": 2,
            "requires": [{"name": "文件", "content": ["创建"]}],
        },
    ],
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "2022-03-08",
            "2022-02-30",
            "2022年3月8日",
            "20220308",
            "会议",
            "活动",
            "约30人",
            "2000余份",
            "",
            "-1",
        ]
    ),
)
keys = st.one_of(
    st.sampled_from(
        [
            "类型",
            "日期",
            "标题",
            "标签",
            "附件",
            "参与人数",
            "发放资料",
            "网格",
            "开始日期",
            "结束日期",
            "type",
            "date",
        ]
    ),
    st.text(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
records = st.dictionaries(keys, values, max_size=6)
names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
    min_size=1,
    max_size=30,
).filter(lambda n: n not in (".", ".."))
contents = st.one_of(
    records.map(lambda r: dump(r)),
    st.lists(records, max_size=4).map(lambda rs: dump(rs)),
    st.binary(max_size=200),
    st.text(max_size=200),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(names, contents, max_size=6),
    st.sampled_from([".yaml", ".md", ".csv", ".txt", ".xlsx", ".jpg", ".pdf"]),
)
def test_any_folder_ends_in_a_verdict(files: dict[str, str | bytes], suffix: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        write_tree(root / "rules", {"ruleset.yaml": dump(BASE_RULESET), "r.yaml": dump(RULES)})
        evidence = root / "evidence"
        evidence.mkdir()
        (evidence / "unit.yaml").write_text("名称: 单位\n类型: 机关\n网格: [甲, 乙]\n", "utf-8")
        for index, (name, content) in enumerate(files.items()):
            path = evidence / f"{index:02d}-{name}{suffix}"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", errors="surrogatepass")
        result = run_cli(
            "check",
            str(evidence),
            "--rules",
            str(root / "rules"),
            "-f",
            "json",
            "--as-of",
            "2022-12-31",
            "--no-cache",
        )
        assert result.exit_code in (0, 1, 2), result.output[-2000:]
        assert "Traceback" not in result.output


@settings(max_examples=60, deadline=None)
@given(records)
def test_any_record_file_loads_or_is_named(record: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        write_tree(root / "rules", {"ruleset.yaml": dump(BASE_RULESET), "r.yaml": dump(RULES)})
        write_tree(
            root / "evidence",
            {
                "unit.yaml": "名称: 单位\n类型: 机关\n",
                "a.yaml": yaml.safe_dump(record, allow_unicode=True),
            },
        )
        result = run_cli("validate", str(root / "evidence"), "--rules", str(root / "rules"))
        assert result.exit_code in (0, 2)
        if result.exit_code == 2:
            assert "a.yaml" in result.stderr or "unit.yaml" in result.stderr


def _digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        sha.update(path.name.encode() + path.read_bytes())
    return sha.hexdigest()


def _copy(source: Path, target: Path, *, backwards: bool) -> None:
    """Copy a folder, creating its entries in sorted or reversed order."""
    for path in sorted(source.rglob("*"), reverse=backwards):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def test_reports_do_not_depend_on_hash_seed_time_zone_or_file_order(tmp_path: Path) -> None:
    source = REPO / "tests" / "fixtures" / "all-statuses"
    formats = ("text", "markdown", "html", "json", "junit", "sarif", "github", "docx")
    digests = []
    for seed, zone, backwards in (
        ("0", "UTC", False),
        ("12345", "Asia/Shanghai", True),
        ("random", "America/New_York", True),
    ):
        folder = tmp_path / f"run-{seed}"
        _copy(source, folder, backwards=backwards)
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone, "NO_COLOR": "1"}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "checker",
                "check",
                "evidence",
                "--rules",
                "rules",
                "--no-cache",
                "-q",
                "-o",
                "out",
                *(f"-f{name}" for name in formats),
            ],
            cwd=folder,
            env=env,
            capture_output=True,
            check=False,
        )
        assert len(list((folder / "out").iterdir())) == len(formats)
        digests.append(_digest(folder / "out"))
    assert digests[0] == digests[1] == digests[2]


def test_a_report_written_to_a_pipe_leaves_the_pipe_a_pipe(tmp_path: Path) -> None:
    """``-o /dev/null`` or a named pipe is written to, never renamed over (which would put a
    regular file where the device was)."""
    import json
    import stat
    import threading

    fifo = tmp_path / "报告管道"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli("check", str(REPO / "evidence"), "-f", "json", "-o", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 1, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["schema_version"] == 1
    assert not list(tmp_path.glob(".*.tmp"))
