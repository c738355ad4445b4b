"""Word 97 (.doc/.wps) and OFD text, and the reason given for each document that cannot be
read (tests/fixtures/documents, made by make_fixtures.py with LibreOffice, msoffcrypto-tool,
reportlab and the standard library)."""

from __future__ import annotations

import json
import quopri
import shutil
import struct
import zipfile
from pathlib import Path
from typing import Any

import olefile
import pytest

from checker.engine.integrity import has_document_number
from checker.evidence import text as text_module
from checker.evidence.text import TextStore, extraction
from checker.evidence.word97 import _pieces, _read_pieces, clean
from conftest import build_case, run_cli

DOCUMENTS = Path(__file__).parent / "fixtures" / "documents"
DOC = DOCUMENTS / "红头文件.doc"
OFD = DOCUMENTS / "红头文件.ofd"
SCAN = "扫描件，没有文字层"
ENCRYPTED = "文件已加密"
BROKEN = "文件已损坏，无法打开"


def _text(path: Path) -> str:
    result = extraction(path)
    assert result.reason is None
    assert result.text is not None
    return result.text


@pytest.mark.parametrize("name", ["红头文件.doc", "红头文件.wps"])
def test_word97_text_has_body_table_text_box_header_and_footer(name: str) -> None:
    text = _text(DOCUMENTS / name)
    assert "关于印发《2022年文明单位创建工作方案》的通知" in text  # body
    assert "志愿服务队伍建设\t办公室" in text  # a table row, cells apart
    assert "文明创建宣传栏" in text  # a text box
    assert "兴人常发〔2022〕8号" in text  # the page header
    assert "2022年3月1日印发\u3000第1页" in text  # the footer, its PAGE field's result kept
    # a hyperlink field keeps its text, not its code
    assert "请认真贯彻落实。详见机关内网通知公告。" in text
    assert "HYPERLINK" not in text
    assert "PAGE" not in text
    assert not {c for c in text if ord(c) < 0x20} - {"\t", "\n"}


def test_renamed_word_files_are_read_by_their_bytes(tmp_path: Path) -> None:
    as_docx = tmp_path / "其实是doc.docx"
    shutil.copyfile(DOC, as_docx)
    assert "志愿服务队伍建设" in _text(as_docx)
    office = Path(__file__).parent / "fixtures" / "office" / "evidence" / "文件"
    as_doc = tmp_path / "其实是docx.doc"
    shutil.copyfile(office / "2022-03-15 关于调整领导小组的通知.docx", as_doc)
    assert "兴人常机党〔2022〕5号" in _text(as_doc)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("加密.doc", ENCRYPTED),  # the FIB's fEncrypted bit
        ("加密.docx", ENCRYPTED),  # an OLE file with EncryptionInfo, not a zip
        ("加密.pdf", ENCRYPTED),  # a user password
        ("Word95.doc", "旧版 Word 6.0/95 格式，无法读取"),
        ("扫描件.ofd", SCAN),  # pages that are pictures only
    ],
)
def test_unreadable_documents_say_why(name: str, reason: str) -> None:
    assert extraction(DOCUMENTS / name) == (None, reason)


def test_broken_word_files(tmp_path: Path) -> None:
    cases = {
        "截断.doc": DOC.read_bytes()[:9000],  # cut off while copying
        "魔数.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "空.wps": b"",
        "图片.doc": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert extraction(tmp_path / name) == (None, BROKEN), name


def test_a_hostile_piece_table_is_bounded(tmp_path: Path) -> None:
    """Pieces that claim millions of characters each read no more than the stream holds."""
    path = tmp_path / "坏表.doc"
    shutil.copyfile(DOC, path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        document = bytearray(ole.openstream("WordDocument").read())
        struct.pack_into("<i", document, 64 + 3 * 4, 0x7FFFFFF0)  # ccpText
        ole.write_stream("WordDocument", bytes(document))
        fc_clx, lcb_clx = struct.unpack_from("<II", document, 154 + 33 * 8)  # FibRgFcLcb97
        name = "1Table" if document[0x0B] & 0x02 else "0Table"
        table = bytearray(ole.openstream(name).read())
        assert table[fc_clx] == 0x02  # no Prc: the Pcdt comes first
        count = (lcb_clx - 5 - 4) // 12
        for index in range(1, count + 1):  # every piece claims 16 million characters
            struct.pack_into("<I", table, fc_clx + 5 + 4 * index, index * 0x1000000)
        ole.write_stream(name, bytes(table))
    result = extraction(path)
    assert result.text is not None
    assert "兴义市人大常委会机关" in result.text
    assert len(result.text) <= len(document)
    # many pieces over the same bytes: the total read stays within the stream's size
    stream = "文明".encode("utf-16-le") * 500
    pieces = [(n * 1_000_000, (n + 1) * 1_000_000, 0, False) for n in range(2000)]
    assert len(_read_pieces(stream, pieces, 2_000_000_000)) <= len(stream)


def test_compressed_and_unicode_pieces() -> None:
    """Word writes runs of Western text as cp1252 bytes ("compressed", fc doubled with bit 30
    set) and the rest as UTF-16LE; a formatting Prc may come before the piece table."""
    stream = b"\x00" * 16 + b"Word \x93ok\x94 " + "文明单位".encode("utf-16-le")
    cps = struct.pack("<3I", 0, 10, 14)
    pcds = struct.pack("<HIH", 0, (16 * 2) | 0x40000000, 0) + struct.pack("<HIH", 0, 26, 0)
    plc = cps + pcds
    clx = (
        b"\x01"
        + struct.pack("<H", 3)
        + b"\x00\x00\x00"
        + b"\x02"
        + struct.pack("<I", len(plc))
        + plc
    )
    pieces = _pieces(clx)
    assert pieces == [(0, 10, 16, True), (10, 14, 26, False)]
    assert _read_pieces(stream, pieces, 14) == "Word \u201cok\u201d 文明单位"
    assert _read_pieces(stream, pieces, 12) == "Word \u201cok\u201d 文明"  # up to the last story


def test_field_codes_are_dropped_and_results_kept() -> None:
    raw = "甲\x13 HYPERLINK \x13 REF x \x14内\x15 \x14链接\x15乙\x13 PAGE \x15丙\r丁\x07戊\x07\x07"
    assert clean(raw) == "甲链接乙丙\n丁\t戊\t\t"


# As Word saves a page on Chinese Windows: GB2312 declared in a meta tag, styles in the head.
_WORD_HTML = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
    '<meta http-equiv=Content-Type content="text/html; charset=gb2312">'
    "<style>p.MsoNormal {font-family:宋体}</style><title>通知</title></head><body>"
    "<p class=MsoNormal>兴人常发〔2022〕8号</p><p>关于印发&lt;方案&gt;的通知</p>"
    "<table><tr><td><p>志愿服务</p></td><td>队伍建设</td></tr></table></body></html>"
)


def test_word_files_saved_as_web_pages(tmp_path: Path) -> None:
    text = _text(DOCUMENTS / "网页.doc")  # LibreOffice's HTML under a .doc name
    assert "兴人常发〔2022〕8号" in text
    assert "志愿服务队伍建设" in text
    assert "文明创建宣传栏" in text
    assert "<" not in text
    page = tmp_path / "网页.doc"
    page.write_bytes(_WORD_HTML.encode("gbk"))
    expected = "兴人常发〔2022〕8号\n关于印发<方案>的通知\n志愿服务\n\t队伍建设"
    assert _text(page) == expected
    single = tmp_path / "单个文件网页.doc"  # MHT: the page quoted-printable in a MIME message
    body = quopri.encodestring(_WORD_HTML.encode("gbk")).decode("ascii")
    single.write_text(
        'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="----=_NextPart_01D8"\n\n'
        "------=_NextPart_01D8\nContent-Location: file:///C:/D3A0C1E2/file.htm\n"
        'Content-Transfer-Encoding: quoted-printable\nContent-Type: text/html; charset="gb2312"\n\n'
        f"{body}\n\n------=_NextPart_01D8--\n",
        encoding="ascii",
    )
    assert _text(single) == expected


def test_rtf_as_libreoffice_writes_it() -> None:
    text = _text(DOCUMENTS / "红头文件.rtf")  # \uN characters, each with a \'3f fallback
    assert "兴人常发〔2022〕8号" in text  # the page header
    assert "关于印发《2022年文明单位创建工作方案》的通知" in text
    assert "1\t志愿服务队伍建设\t办公室" in text
    assert "请认真贯彻落实。详见机关内网通知公告。" in text
    assert "HYPERLINK" not in text
    assert "?" not in text


# As Word writes RTF on Chinese Windows: GBK bytes as \'hh pairs under \ansicpg936; or under
# \ansicpg1252 in a font whose charset is 134 (GB2312). Fields keep their result only.
_WORD_RTF = (
    "{\\rtf1\\ansi\\ansicpg{page}\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}"
    "{\\f13\\fnil\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}"
    "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Microsoft Word 11.0;}"
    "{\\info{\\title 2022}{\\author office}}"
    "{\\header \\pard\\f13 {text}\\par}"
    "\\pard\\f13 {text}\\f0  No.\\par "
    '{\\field{\\*\\fldinst {HYPERLINK "http://a.example"}}{\\fldrslt {\\f13 {text}}}}'
    "\\par\\trowd\\intbl A\\cell B\\cell\\row}"
)


@pytest.mark.parametrize("page", ["936", "1252"])
def test_rtf_as_word_writes_it(tmp_path: Path, page: str) -> None:
    number = "".join(f"\\'{b:02x}" for b in "兴人常发〔2022〕8号".encode("gbk"))
    path = tmp_path / "另存为.rtf"
    path.write_bytes(_WORD_RTF.replace("{page}", page).replace("{text}", number).encode())
    text = _text(path)
    assert text == "兴人常发〔2022〕8号\n兴人常发〔2022〕8号 No.\n兴人常发〔2022〕8号\nA\tB\t\n"
    as_doc = tmp_path / "其实是rtf.doc"  # OA systems export RTF under a .doc name
    shutil.copyfile(path, as_doc)
    assert _text(as_doc) == text


def test_ofd_text_in_page_order_with_lines_rejoined() -> None:
    text = _text(OFD)
    lines = text.split("\n")
    assert lines[0] == "兴人常发〔2022〕8号"  # two text objects on one line
    # a sentence cut into two text objects on one line reads whole
    assert "现将《2022年文明单位创建工作方案》印发给你们" in text
    assert text.index("请认真贯彻落实") < text.index("一、志愿服务队伍建设")  # page 1, then 2
    assert lines[-1] == "兴义市人大常委会机关党组"
    assert has_document_number([text])


def _rewrite_ofd(source: Path, target: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in change:
                data = change[info.filename]
                if data is not None:
                    new.writestr(info.filename, data)
            else:
                new.writestr(info, old.read(info))


def test_ofd_locations_may_be_absolute_and_prefixes_differ(tmp_path: Path) -> None:
    with zipfile.ZipFile(OFD) as archive:
        document = archive.read("Doc_0/Document.xml").decode()
        page = archive.read("Doc_0/Pages/Page_1/Content.xml").decode()
    absolute = document.replace('BaseLoc="Pages/', 'BaseLoc="/Doc_0/Pages/')
    other_prefix = page.replace("ofd:", "o:").replace("xmlns:ofd=", "xmlns:o=")
    path = tmp_path / "绝对路径.ofd"
    _rewrite_ofd(
        OFD,
        path,
        {
            "Doc_0/Document.xml": absolute.encode(),
            "Doc_0/Pages/Page_1/Content.xml": other_prefix.encode(),
        },
    )
    text = _text(path)
    assert "兴人常发〔2022〕8号" in text
    assert "道德讲堂每月一次" in text


def test_broken_and_oversized_ofd(tmp_path: Path) -> None:
    missing = tmp_path / "缺页.ofd"
    _rewrite_ofd(OFD, missing, {"Doc_0/Pages/Page_1/Content.xml": None})
    assert extraction(missing) == (None, BROKEN)
    (tmp_path / "非zip.ofd").write_bytes(b"not a zip")
    assert extraction(tmp_path / "非zip.ofd") == (None, BROKEN)
    bomb = tmp_path / "炸弹.ofd"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", b"<OFD/>" + b" " * (40 * 1024 * 1024))
    result = extraction(bomb)
    assert result.text is None
    assert (result.reason or "").startswith("文件过大，未读取（")


def test_files_over_the_size_limit_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_module, "DOCUMENT_FILE_BYTES", 1000)
    path = tmp_path / "大.doc"
    shutil.copyfile(DOC, path)
    assert extraction(path).reason == "文件过大，未读取（0.0 MB，上限 0.0 MB）"


def test_the_store_gives_each_reason_and_caches_it(tmp_path: Path) -> None:
    root = tmp_path / "ev"
    root.mkdir()
    for name in ("红头文件.doc", "加密.pdf", "扫描件.ofd"):
        shutil.copyfile(DOCUMENTS / name, root / name)
    (root / "照片.jpg").write_bytes(b"\xff\xd8")
    cache = tmp_path / "cache"
    for store in (TextStore(root, cache), TextStore(root, cache)):  # extracted, then cached
        assert "志愿服务队伍建设" in (store.text_of("红头文件.doc") or "")
        assert store.reason_of("红头文件.doc") is None
        assert (store.text_of("加密.pdf"), store.reason_of("加密.pdf")) == (None, ENCRYPTED)
        assert store.reason_of("扫描件.ofd") == SCAN
        assert store.reason_of("照片.jpg") is None  # not a document: nothing to read
    cached = [
        json.loads(p.read_text("utf-8")) for p in cache.rglob("*.json") if p.parent.name != "index"
    ]
    assert {"text": None, "reason": ENCRYPTED} in cached


def _check(tmp_path: Path, files: dict[str, str | bytes]) -> dict[str, Any]:
    rule = {"name": "创建方案", "type": "文件", "content": ["志愿服务队伍建设"], "min": 4}
    case = {
        "rules": [{"id": "R1", "score": 4, "requires": [rule]}],
        "unit": {"创建起始": "2022-01-01", "评估日期": "2022-12-31"},
        "files": {"文件/_folder.yaml": "类型: 文件\n", **files},
    }
    build_case(tmp_path, case)
    result = run_cli(
        "check", str(tmp_path / "evidence"), "--rules", str(tmp_path / "rules"), "-f", "json"
    )
    assert result.exit_code == 1, result.output  # the score is below the pass mark
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_doc_and_ofd_count_for_content_and_unreadable_files_say_why(tmp_path: Path) -> None:
    def fixture(name: str) -> bytes:
        return (DOCUMENTS / name).read_bytes()

    report = _check(
        tmp_path,
        {
            "文件/2022-03-01 创建工作方案.doc": fixture("红头文件.doc"),
            "文件/2022-03-02 创建工作方案.ofd": fixture("红头文件.ofd"),
            "文件/2022-03-03 加密的方案.pdf": fixture("加密.pdf"),
            "文件/2022-03-04 扫描的方案.ofd": fixture("扫描件.ofd"),
        },
    )
    (result,) = report["results"]
    requirement = result["requirements"][0]
    assert (requirement["found"], requirement["needed"]) == (2, 4)
    assert [e["file"] for e in requirement["evidence"]] == [
        "文件/2022-03-01 创建工作方案.doc",
        "文件/2022-03-02 创建工作方案.ofd",
    ]
    assert requirement["gap"].endswith(
        "另有 2 个文件无法提取文本，未计入：文件/2022-03-03 加密的方案.pdf（文件已加密）、"
        "文件/2022-03-04 扫描的方案.ofd（扫描件，没有文字层）"
    )
    signals = {s["kind"]: [] for s in report["integrity"]}
    for signal in report["integrity"]:
        signals[signal["kind"]].append(signal["message"])
    # the .doc has its 文号 in the page header, the OFD on its first line; the unread two
    # are not said to lack one
    assert "document_number" not in signals
    assert signals["unreadable"] == [
        "文件/2022-03-03 加密的方案.pdf：无法提取文本（文件已加密），不能据其正文判断是否达标，"
        "也无法核对“加密的方案”的文号",
        "文件/2022-03-04 扫描的方案.ofd：无法提取文本（扫描件，没有文字层），"
        "不能据其正文判断是否达标，也无法核对“扫描的方案”的文号",
    ]


def test_a_read_body_without_a_number_is_still_flagged(tmp_path: Path) -> None:
    with zipfile.ZipFile(OFD) as archive:
        page = archive.read("Doc_0/Pages/Page_0/Content.xml").decode()
    no_number = page.replace("兴人常发", "").replace("〔2022〕8号", "")
    path = tmp_path / "无文号.ofd"
    _rewrite_ofd(OFD, path, {"Doc_0/Pages/Page_0/Content.xml": no_number.encode()})
    report = _check(tmp_path / "case", {"文件/2022-03-02 创建工作方案.ofd": path.read_bytes()})
    flagged = [s["message"] for s in report["integrity"] if s["kind"] == "document_number"]
    assert len(flagged) == 1
    assert "标题、字段和正文中都没有文号" in flagged[0]
    assert not [s for s in report["integrity"] if s["kind"] == "unreadable"]
