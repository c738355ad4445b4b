"""A ``.zip`` in the evidence folder is read as the folder it holds: photos archived by month,
zipped minutes, record files and ledgers, each cited through the zip; names Windows writes in
GBK; and the archives that must not be read (outside paths, bombs, encryption, nesting)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from checker.evidence import archives as archives_module
from checker.evidence import parallel, zipcheck
from checker.evidence.archives import member_name, openable
from checker.evidence.loader import Evidence
from checker.rules.loader import RuleSet
from conftest import build_case, load_folder, run_cli

PHOTOS = "月度照片.zip"
MINUTES = "会议记录.zip"


def _jpeg(shade: int, taken: str | None = None) -> bytes:
    """A camera photo: ``taken`` is its EXIF DateTimeOriginal (``2022:03:15 10:20:00``)."""
    from PIL import Image

    picture = Image.new("RGB", (32, 24), color=(shade, 100, 150))
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=70, exif=exif.tobytes())
    return buffer.getvalue()


def _docx(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("党组理论学习中心组学习记录", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    """A ledger as offices keep it: merged title row, header, rows, a sign-off line."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "志愿服务"
    sheet.append(["2022年志愿服务活动台账"])
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "活动日期", "活动名称", "参与人数"])
    sheet.append([1, dt.date(2022, 6, 4), "文明交通劝导", 12])
    sheet.append([2, "2022年6月18日", "关爱空巢老人", 8])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _WindowsName(zipfile.ZipInfo):
    """A member written as Windows' “压缩文件夹” writes it: the name in GBK, the UTF-8 flag
    (bit 11) unset; ``encrypted`` sets bit 0 (zipfile itself cannot encrypt)."""

    gbk = False
    encrypted = False

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        flags = self.flag_bits | (1 if self.encrypted else 0)
        if self.gbk:
            return self.filename.encode("gbk"), flags & ~0x800
        name, more = super()._encodeFilenameFlags()
        return name, more | flags


def _zip(
    entries: dict[str, bytes], gbk: bool = False, encrypted: frozenset[str] = frozenset()
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = _WindowsName(name, date_time=(2022, 12, 31, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.gbk, info.encrypted = gbk, name in encrypted
            archive.writestr(info, data)
    return buffer.getvalue()


SIGN_IN = _jpeg(40)
MONTHLY = {
    "2022年3月/2022-03-08 普法宣传.jpg": _jpeg(10, "2022:03:08 09:00:00"),
    "2022年3月/现场照片.jpg": _jpeg(20, "2022:03:15 10:20:00"),  # dated by EXIF only
    "2022年4月/2022-04-02 环境整治.jpg": _jpeg(30),
    "2022年4月/Thumbs.db": b"\x00windows thumbnails",
    "__MACOSX/2022年3月/._现场照片.jpg": b"\x00resource fork",
    "_folder.yaml": "类型: 照片\n".encode(),
}
ZIPPED_MINUTES = {
    "_folder.yaml": "类型: 会议\n".encode(),
    "2022-04-10 党组会.yaml": "标题: 研究创建工作\n参与人数: 9\n附件: 签到/签到表.jpg\n".encode(),
    "签到/签到表.jpg": SIGN_IN,
    "学习/2022-05-06 学习会记录.docx": _docx("学习《文明单位创建管理办法》，全体党员参加。"),
    "台账/2022年志愿服务台账.xlsx": _xlsx(),
}
FOLDER: dict[str, str | bytes] = {
    PHOTOS: _zip(MONTHLY),
    MINUTES: _zip(ZIPPED_MINUTES),
}


@pytest.fixture
def evidence(tmp_path: Path, rules: RuleSet) -> Evidence:
    return load_folder(tmp_path, rules, FOLDER)


def _by_file(evidence: Evidence) -> dict[str, Any]:
    return {str(record.source): record for record in evidence.records}


def test_members_are_evidence_files_named_through_the_zip(evidence: Evidence) -> None:
    assert evidence.problems == []
    assert evidence.files == [
        "unit.yaml",
        f"{MINUTES}/2022-04-10 党组会.yaml",
        f"{MINUTES}/_folder.yaml",
        f"{PHOTOS}/_folder.yaml",
        f"{MINUTES}/台账/2022年志愿服务台账.xlsx",
        f"{MINUTES}/学习/2022-05-06 学习会记录.docx",
        f"{MINUTES}/签到/签到表.jpg",
        f"{PHOTOS}/2022年3月/2022-03-08 普法宣传.jpg",
        f"{PHOTOS}/2022年3月/现场照片.jpg",
        f"{PHOTOS}/2022年4月/2022-04-02 环境整治.jpg",
    ]


def test_each_member_is_loaded_as_its_kind(evidence: Evidence) -> None:
    records = _by_file(evidence)
    assert sorted(records) == [
        f"{MINUTES}/2022-04-10 党组会.yaml:1",
        f"{MINUTES}/台账/2022年志愿服务台账.xlsx:3（工作表 志愿服务）",
        f"{MINUTES}/台账/2022年志愿服务台账.xlsx:4（工作表 志愿服务）",
        f"{MINUTES}/学习/2022-05-06 学习会记录.docx",
        f"{PHOTOS}/2022年3月/2022-03-08 普法宣传.jpg",
        f"{PHOTOS}/2022年3月/现场照片.jpg",
        f"{PHOTOS}/2022年4月/2022-04-02 环境整治.jpg",
    ]
    meeting = records[f"{MINUTES}/2022-04-10 党组会.yaml:1"]
    # dated by its name, typed by the _folder.yaml inside the zip, its attachment found there
    assert (meeting.type, meeting.start, meeting.title) == (
        "会议",
        dt.date(2022, 4, 10),
        "研究创建工作",
    )
    assert meeting.files == (f"{MINUTES}/签到/签到表.jpg",)
    ledger_row = records[f"{MINUTES}/台账/2022年志愿服务台账.xlsx:4（工作表 志愿服务）"]
    assert (ledger_row.start, ledger_row.title) == (dt.date(2022, 6, 18), "关爱空巢老人")
    assert ledger_row.number("参与人数") == 8
    undated = records[f"{PHOTOS}/2022年3月/现场照片.jpg"]
    assert (undated.type, undated.start) == ("照片", dt.date(2022, 3, 15))  # from its EXIF
    assert evidence.photo_date(f"{PHOTOS}/2022年3月/2022-03-08 普法宣传.jpg") == dt.date(2022, 3, 8)


def test_documents_in_a_zip_have_text_and_digests(evidence: Evidence) -> None:
    document = f"{MINUTES}/学习/2022-05-06 学习会记录.docx"
    text = evidence.texts.text_of(document)
    assert text is not None and "文明单位创建管理办法" in text
    signed = f"{MINUTES}/签到/签到表.jpg"
    assert evidence.texts.digest(signed) == hashlib.sha256(SIGN_IN).hexdigest()


def test_nothing_is_written_into_the_folder_and_the_copies_go(
    tmp_path: Path, rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    evidence = load_folder(tmp_path, rules, FOLDER)
    (unpacked,) = scratch.iterdir()
    assert unpacked.name.startswith("checker-zip-")
    assert sorted(p.name for p in (tmp_path / "ev").iterdir()) == sorted(["unit.yaml", *FOLDER])
    evidence.archives.close()
    assert list(scratch.iterdir()) == []


def test_names_windows_writes_in_gbk_are_read(tmp_path: Path, rules: RuleSet) -> None:
    data = _zip(MONTHLY, gbk=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        raw = archive.getinfo("2022年3月/2022-03-08 普法宣传.jpg".encode("gbk").decode("cp437"))
        assert not raw.flag_bits & 0x800  # as Windows writes it: zipfile sees cp437 garble
        assert member_name(raw) == "2022年3月/2022-03-08 普法宣传.jpg"
    evidence = load_folder(tmp_path, rules, {PHOTOS: data})
    assert evidence.problems == []
    assert sorted(str(record.source) for record in evidence.records) == [
        f"{PHOTOS}/2022年3月/2022-03-08 普法宣传.jpg",
        f"{PHOTOS}/2022年3月/现场照片.jpg",
        f"{PHOTOS}/2022年4月/2022-04-02 环境整治.jpg",
    ]


def test_a_utf8_name_without_the_flag_is_not_garbled() -> None:
    info = zipfile.ZipInfo("照片/a.jpg".encode().decode("cp437"))
    assert member_name(info) == "照片/a.jpg"


def test_the_info_zip_unicode_path_field_is_used() -> None:
    import struct
    import zlib

    raw = "旧名.jpg".encode("gbk")
    info = zipfile.ZipInfo(raw.decode("cp437"))
    utf8 = "照片/新名.jpg".encode()
    data = b"\x01" + struct.pack("<I", zlib.crc32(raw)) + utf8
    info.extra = struct.pack("<HH", 0x7075, len(data)) + data
    assert member_name(info) == "照片/新名.jpg"


def _problems(evidence: Evidence) -> list[tuple[str, str]]:
    return sorted((p.file, p.message) for p in evidence.problems)


def _notices(evidence: Evidence) -> list[tuple[str, str]]:
    return sorted((p.file, p.message) for p in evidence.warnings)


def test_paths_out_of_the_zip_are_problems_and_never_read(tmp_path: Path, rules: RuleSet) -> None:
    hostile = _zip(
        {
            "../逃出.yaml": b"\xe7\xb1\xbb\xe5\x9e\x8b: x\n",
            "/etc/绝对.jpg": SIGN_IN,
            "C:\\Windows\\盘符.jpg": SIGN_IN,
            "2022年3月/..\\..\\反斜杠.jpg": SIGN_IN,
            "2022年3月/2022-03-08 留下.jpg": SIGN_IN,
        }
    )
    evidence = load_folder(tmp_path, rules, {"坏.zip": hostile})
    assert _problems(evidence) == sorted(
        ("ev/坏.zip", f"压缩包中的“{name}”路径指向压缩包之外，未读取")
        for name in (
            "../逃出.yaml",
            "/etc/绝对.jpg",
            "C:\\Windows\\盘符.jpg",
            "2022年3月/..\\..\\反斜杠.jpg",
        )
    )
    assert [str(record.source) for record in evidence.records] == [
        "坏.zip/2022年3月/2022-03-08 留下.jpg"
    ]
    assert not (tmp_path / "逃出.yaml").exists()


def test_encrypted_nested_and_linked_members_are_notices(tmp_path: Path, rules: RuleSet) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("2022-03-09 链接.jpg")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    linked = buffer.getvalue()
    members = {
        "2022-03-08 加密.jpg": SIGN_IN,
        "2022-03-10 内层.zip": _zip({"2022-03-10 x.jpg": SIGN_IN}),
        "2022-03-11 正常.jpg": SIGN_IN,
    }
    evidence = load_folder(
        tmp_path,
        rules,
        {"a.zip": _zip(members, encrypted=frozenset({"2022-03-08 加密.jpg"})), "b.zip": linked},
    )
    assert evidence.problems == []
    assert _notices(evidence) == [
        ("ev/a.zip/2022-03-08 加密.jpg", "压缩包中的文件已加密，未读取"),
        ("ev/a.zip/2022-03-10 内层.zip", "压缩包中的压缩包不会读取；请解压后放入证据文件夹"),
        ("ev/b.zip/2022-03-09 链接.jpg", "压缩包中的符号链接不会读取"),
    ]
    assert [str(record.source) for record in evidence.records] == ["a.zip/2022-03-11 正常.jpg"]


def _bomb() -> bytes:
    """A small zip whose one member unpacks to 40 MB of zeros."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("2022-03-08 炸弹.txt", "w") as out,
    ):
        for _ in range(40):
            out.write(b"\0" * (1 << 20))
    return buffer.getvalue()


def test_broken_empty_bombs_and_ignored_zips(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "损坏.zip": b"PK\x03\x04 not really a zip",
            "空.zip": _zip({}),
            "炸弹.zip": _bomb(),
            "~$临时.zip": b"lock file of an open archive",
            ".隐藏.zip": b"PK",
        },
    )
    (broken, bomb) = _problems(evidence)
    assert broken == ("ev/损坏.zip", "压缩包已损坏，无法打开")
    assert bomb[0] == "ev/炸弹.zip"
    assert bomb[1].startswith("压缩比异常（") and bomb[1].endswith(
        "上限 200 倍；疑似压缩炸弹），未读取"
    )
    assert _notices(evidence) == [("ev/空.zip", "压缩包是空的，没有任何文件")]
    assert evidence.records == []
    assert evidence.files == ["unit.yaml"]  # a zip is never a plain-file record itself


def test_member_count_and_total_size_limits(
    tmp_path: Path, rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zipcheck, "ZIP_MEMBERS", 3)
    monkeypatch.setattr(archives_module, "UNZIPPED_TOTAL_BYTES", len(SIGN_IN) * 3)
    many = _zip({f"2022-03-0{day} 照片.jpg": SIGN_IN for day in range(1, 5)})
    few = _zip({f"2022-04-0{day} 照片.jpg": SIGN_IN for day in range(1, 3)})
    evidence = load_folder(tmp_path, rules, {"a多.zip": many, "b少.zip": few, "c再.zip": few})
    total = archives_module.size_text(len(SIGN_IN) * 3)
    assert _problems(evidence) == [
        ("ev/a多.zip", "压缩包内有 4 个条目，超过上限 3 个（疑似压缩炸弹），未读取"),
        (
            "ev/c再.zip",
            f"证据文件夹中的压缩包解压后合计超过上限 {total}，此压缩包未读取；请解压后放入证据文件夹",
        ),
    ]
    assert len(evidence.records) == 2


def test_a_member_unpacking_to_more_than_declared_is_refused(
    tmp_path: Path, rules: RuleSet
) -> None:
    data = bytearray(_zip({"2022-03-08 a.txt": b"x" * 1000}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        central = archive.start_dir  # the central directory entry's size field, patched
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    evidence = load_folder(tmp_path, rules, {"a.zip": bytes(data)})
    assert _problems(evidence) == [("ev/a.zip/2022-03-08 a.txt", "压缩包中的文件已损坏，无法读取")]


def test_a_damaged_member_costs_only_itself(tmp_path: Path, rules: RuleSet) -> None:
    """The members after a damaged one are unpacked and read as usual."""
    data = bytearray(
        _zip({"2022-03-08 a.txt": b"x" * 1000, "2022-03-09 b.txt": b"y", "2022-03-10 c.txt": b"z"})
    )
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        central = archive.start_dir
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")  # the first one's size
    evidence = load_folder(tmp_path, rules, {"a.zip": bytes(data)})
    assert _problems(evidence) == [("ev/a.zip/2022-03-08 a.txt", "压缩包中的文件已损坏，无法读取")]
    assert sorted(r.source.file for r in evidence.records) == [
        "a.zip/2022-03-09 b.txt",
        "a.zip/2022-03-10 c.txt",
    ]


def test_a_zip_of_an_unknown_version_is_broken_not_a_crash(tmp_path: Path, rules: RuleSet) -> None:
    data = bytearray(_zip({"2022-03-08 a.txt": b"x"}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        central = archive.start_dir
    data[central + 6 : central + 8] = (99).to_bytes(2, "little")  # "version needed": 9.9
    evidence = load_folder(tmp_path, rules, {"a.zip": bytes(data), "台账.xlsx": bytes(data)})
    assert [str(p) for p in evidence.problems] == [
        "ev/a.zip:1:1: 压缩包已损坏，无法打开",
        "ev/台账.xlsx:1:1: 表格文件已损坏或不是 Excel/WPS 表格，无法打开",
    ]


def test_record_files_in_zips_load_in_worker_processes(
    tmp_path: Path, rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    evidence = load_folder(
        tmp_path,
        rules,
        {
            **FOLDER,
            "2022-07-01 外面.yaml": f"类型: 会议\n附件: {MINUTES}/签到/签到表.jpg\n",
        },
    )
    assert evidence.problems == []
    records = _by_file(evidence)
    assert records[f"{MINUTES}/2022-04-10 党组会.yaml:1"].files == (f"{MINUTES}/签到/签到表.jpg",)
    assert records["2022-07-01 外面.yaml:1"].files == (f"{MINUTES}/签到/签到表.jpg",)


RULES = [
    {"id": "R1", "score": 2, "requires": [{"name": "照片", "type": "照片", "min": 3}]},
    {
        "id": "R2",
        "score": 2,
        "requires": [{"name": "学习", "type": "会议", "content": ["文明单位"]}],
    },
    {"id": "R3", "score": 2, "requires": [{"name": "志愿服务", "type": "志愿服务", "min": 2}]},
]


def _check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    files: dict[str, str | bytes] = {
        **FOLDER,
        MINUTES: _zip({**ZIPPED_MINUTES, "台账/_folder.yaml": "类型: 志愿服务\n".encode()}),
        "照片/2022-05-01 复用.jpg": MONTHLY["2022年3月/2022-03-08 普法宣传.jpg"],
    }
    build_case(
        tmp_path,
        {"rules": RULES, "unit": {"评估日期": "2022-12-31"}, "files": files},
    )
    monkeypatch.chdir(tmp_path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = _snapshot(tmp_path / "evidence")
    result = run_cli("check", "evidence", "--rules", "rules", "-f", "json", "--no-cache")
    assert _snapshot(tmp_path / "evidence") == before  # nothing written into the folder
    assert list(scratch.iterdir()) == []  # the unpacked members are gone when the run ends
    return result.exit_code, result.stdout


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_check_reads_zips_and_cites_their_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = _check(tmp_path, monkeypatch)
    report = json.loads(out)
    assert (code, report["errors"]) == (0, [])
    results = {r["rule"]: r["requirements"][0] for r in report["results"]}
    # a photo outside the zip, in a folder with no type, is a 照片 too
    assert [e["file"] for e in results["R1"]["evidence"]] == [
        f"{PHOTOS}/2022年3月/2022-03-08 普法宣传.jpg",
        f"{PHOTOS}/2022年3月/现场照片.jpg",
        f"{PHOTOS}/2022年4月/2022-04-02 环境整治.jpg",
        "照片/2022-05-01 复用.jpg",
    ]
    # the content keyword is in the .docx inside the zip (and not in the meeting record)
    assert [e["file"] for e in results["R2"]["evidence"]] == [
        f"{MINUTES}/学习/2022-05-06 学习会记录.docx"
    ]
    assert results["R3"]["found"] == 2
    (reused,) = [s for s in report["integrity"] if s["kind"] == "duplicate"]
    assert reused["files"] == [
        f"{PHOTOS}/2022年3月/2022-03-08 普法宣传.jpg",
        "照片/2022-05-01 复用.jpg",
    ]
    listed = {entry["file"] for entry in report["inventory"]}
    assert f"{MINUTES}/签到/签到表.jpg" in listed and PHOTOS not in listed


def test_the_same_zips_give_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _check(tmp_path / "a", monkeypatch)
    second = _check(tmp_path / "b", monkeypatch)
    assert first == second


def test_reports_link_a_member_to_its_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from urllib.parse import quote

    _check(tmp_path, monkeypatch)
    run_cli("check", "evidence", "--rules", "rules", "-f", "html", "-o", "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f'<a href="evidence/{quote(PHOTOS)}">{PHOTOS}/2022年3月/现场照片.jpg</a>' in page
    assert quote("2022年3月") not in page  # no link into the zip, which no browser could open
    assert openable("照片/x.jpg") == "照片/x.jpg"
    assert openable("资料/存档.ZIP/a/b.pdf") == "资料/存档.ZIP"
