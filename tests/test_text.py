"""Document text: Word (tables, headers), PDF text layers, scans, broken files, the cache."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from checker.evidence import text as text_module
from checker.evidence.text import TextStore, extract
from conftest import build_case, run_cli

FILES = Path(__file__).parent / "fixtures" / "office" / "evidence" / "文件"
DOCX = FILES / "2022-03-15 关于调整领导小组的通知.docx"
PDF = FILES / "2022-02-18 2022年工作要点.pdf"
SCAN = FILES / "2022-03-20 创建工作方案（扫描件）.pdf"


def test_docx_text_includes_tables_and_headers() -> None:
    text = extract(DOCX)
    assert text is not None
    assert "创建文明单位工作领导小组组长由党组书记担任" in text  # a table cell
    assert "兴人常机党〔2022〕5号" in text  # the page header


def test_pdf_text_layer() -> None:
    text = extract(PDF)
    assert text is not None
    assert "深入开展文明单位创建工作" in text


def test_scans_and_broken_files_have_no_text(tmp_path: Path) -> None:
    assert extract(SCAN) is None
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04garbage")
    assert extract(broken) is None
    not_word = tmp_path / "空.docx"
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert extract(not_word) is None
    (tmp_path / "旧.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    assert extract(tmp_path / "旧.doc") is None
    (tmp_path / "坏.pdf").write_bytes(b"%PDF-1.4 nothing")
    assert extract(tmp_path / "坏.pdf") is None


def test_gbk_text_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("文明单位创建".encode("gbk"))
    assert extract(tmp_path / "a.txt") == "文明单位创建"


def test_second_run_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ev"
    root.mkdir()
    (root / "a.pdf").write_bytes(PDF.read_bytes())
    (root / "scan.pdf").write_bytes(SCAN.read_bytes())
    cache = tmp_path / "cache"
    first = TextStore(root, cache)
    assert "文明单位" in (first.text_of("a.pdf") or "")
    assert first.text_of("scan.pdf") is None

    def fail(path: Path) -> text_module.Extraction:
        raise AssertionError(f"extracted again: {path}")

    monkeypatch.setattr(text_module, "extraction", fail)
    second = TextStore(root, cache)
    assert "文明单位" in (second.text_of("a.pdf") or "")
    assert second.text_of("scan.pdf") is None  # "no text" is cached too, with its reason
    assert second.reason_of("scan.pdf") == "扫描件，没有文字层"
    (root / "a.pdf").write_bytes(PDF.read_bytes() + b"\n%%EOF\n")  # new content: new key
    with pytest.raises(AssertionError, match="extracted again"):
        TextStore(root, cache).text_of("a.pdf")


def test_many_new_documents_are_extracted_in_parallel(tmp_path: Path) -> None:
    root = tmp_path / "ev"
    root.mkdir()
    for index in range(12):
        (root / f"{index}.txt").write_text(f"文档{index}", encoding="utf-8")
    store = TextStore(root, None)
    store.prefetch(f"{index}.txt" for index in range(12))
    assert [store.text_of(f"{index}.txt") for index in range(12)] == [
        f"文档{index}" for index in range(12)
    ]


def test_cache_inside_the_evidence_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = {"rules": [{"id": "R1", "score": 1, "method": "实地考察"}], "records": []}
    build_case(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "evidence", "--rules", "rules", "--cache-dir", "evidence/.cache")
    assert result.exit_code == 2
    assert "缓存目录不能在证据文件夹内" in result.stderr
    assert not (tmp_path / "evidence" / ".cache").exists()


def test_unchanged_files_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ev"
    root.mkdir()
    (root / "a.pdf").write_bytes(PDF.read_bytes())
    cache = tmp_path / "cache"
    first = TextStore(root, cache)
    assert "文明单位" in (first.text_of("a.pdf") or "")
    first.flush()

    def fail(path: Path) -> str:
        raise AssertionError(f"read again: {path}")

    monkeypatch.setattr(text_module, "digest", fail)
    second = TextStore(root, cache)
    assert "文明单位" in (second.text_of("a.pdf") or "")  # size and time unchanged: indexed
    (root / "a.pdf").write_bytes(PDF.read_bytes() + b"\n")  # changed: read and hashed again
    with pytest.raises(AssertionError, match="read again"):
        TextStore(root, cache).text_of("a.pdf")
