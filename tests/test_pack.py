"""``checker pack``: a scenario with its own small rules, for exact expectations."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from PIL import Image

from checker.pack.layout import safe_name
from conftest import BASE_RULESET, build_case, run_cli


def digest(folder: Path) -> str:
    """Every file's name and bytes below ``folder``: any change to the folder changes it."""
    hashed = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        hashed.update(path.relative_to(folder).as_posix().encode())
        if path.is_file() and not path.is_symlink():
            hashed.update(path.read_bytes())
    return hashed.hexdigest()


def photo(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def notice() -> bytes:
    document = Document()
    document.add_paragraph("关于成立创建文明单位工作领导小组的通知")
    document.add_paragraph("各科室：经研究，成立领导小组，局长任组长。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


LEDGER = (
    "2022年志愿服务活动登记\n"
    "序号,日期,类型,活动名称,参与人数\n"
    "1,2022-03-05,志愿服务,学雷锋清扫街道,12\n"
    "2,2022-04-09,志愿服务,文明交通劝导,8\n"
    "3,2022-05-14,志愿服务,关爱空巢老人,10\n"
)

CASE = {
    "ruleset": {"evidence_types": {**BASE_RULESET["evidence_types"], "链接": ["网址"]}},
    "unit": {"名称": "兴义市测试局"},
    "rules": [
        {
            "id": "R1",
            "title": "党组会议研究创建工作",
            "score": 2,
            "requires": [{"name": "会议", "type": "会议", "min": 2}],
        },
        {
            "id": "R2",
            "title": "成立领导小组",
            "score": 1,
            "requires": [{"name": "通知", "type": "文件", "min": 1}],
        },
        {
            "id": "R3",
            "title": "经常开展志愿服务",
            "score": 3,
            "requires": [{"name": "志愿服务", "type": "志愿服务", "min": 3}],
        },
        {
            "id": "R4",
            "title": "网上宣传",
            "score": 1,
            "requires": [{"name": "网页", "type": "链接", "min": 1}],
        },
        {
            "id": "R5",
            "title": "集中学习: 每月*",
            "score": 2,
            "requires": [{"name": "学习", "type": "学习", "min": 1}],
        },
    ],
    "records": [
        {
            "类型": "会议",
            "日期": "2022-03-10",
            "标题": "研究部署创建工作",
            "附件": ["会议/2022-03-10 会议照片.jpg"],
        },
        {"类型": "会议", "日期": "2022-08-18", "标题": "研究解决创建中的问题", "参会人数": 9},
        {
            "类型": "文件",
            "日期": "2022-03-15",
            "标题": "关于成立创建文明单位工作领导小组的通知",
            "附件": ["文件/2022-03-15 关于成立领导小组的通知.docx"],
        },
        {
            "类型": "链接",
            "日期": "2022-06-01",
            "标题": "单位网站创建专栏",
            "网址": "https://www.example.gov.cn/wmcj/2022/0601.html",
            "附件": ["截图/2022-06-01 网站专栏截图.png"],
        },
    ],
    "as_of": "2022-12-31",
}


@pytest.fixture
def scenario(tmp_path: Path) -> tuple[Path, Path]:
    rules_dir, evidence = build_case(tmp_path, CASE)
    files = {
        "会议/2022-03-10 会议照片.jpg": photo("red"),
        "文件/2022-03-15 关于成立领导小组的通知.docx": notice(),
        "截图/2022-06-01 网站专栏截图.png": photo("blue"),
        "志愿服务/2022年志愿服务登记.csv": LEDGER.encode("utf-8"),
        "其他/2022-05-01 未用的照片.jpg": photo("green"),
    }
    for name, content in files.items():
        (evidence / name).parent.mkdir(parents=True, exist_ok=True)
        (evidence / name).write_bytes(content)
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(photo("white"))
    os.symlink(outside, evidence / "其他" / "2022-06-01 外部照片.jpg")
    return rules_dir, evidence


def pack(rules_dir: Path, evidence: Path, out: Path, *extra: str) -> int:
    result = run_cli(
        "pack",
        str(evidence),
        "-o",
        str(out),
        "--rules",
        str(rules_dir),
        "--as-of",
        "2022-12-31",
        "--no-cache",
        *extra,
    )
    return result.exit_code


def listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_each_item_holds_what_counted_for_it_and_nothing_else(
    scenario: tuple[Path, Path], tmp_path: Path
) -> None:
    rules_dir, evidence = scenario
    before = digest(evidence)
    out = tmp_path / "pack"
    assert pack(rules_dir, evidence, out) == 0
    assert digest(evidence) == before
    r1, r2 = "R1 党组会议研究创建工作", "R2 成立领导小组"
    r3, r4 = "R3 经常开展志愿服务", "R4 网上宣传"
    assert listing(out) == {
        "目录.xlsx",
        "目录.docx",
        "说明.docx",
        f"{r1}/台账摘录.xlsx",  # a file of several records: just those counted
        f"{r1}/2022-03-10 会议照片.jpg",
        f"{r2}/台账摘录.xlsx",  # a file of several records: just those counted
        f"{r2}/2022-03-15 关于成立领导小组的通知.docx",
        f"{r3}/台账摘录.xlsx",
        f"{r4}/台账摘录.xlsx",  # a file of several records: just those counted
        f"{r4}/2022-06-01 网站专栏截图.png",
        f"{r4}/链接.txt",
        *(f"说明/{rule['id']} {safe_name(rule['title'])}.txt" for rule in CASE["rules"]),
    }
    extract = openpyxl.load_workbook(out / r1 / "台账摘录.xlsx").active
    titles = {row[5] for row in extract.iter_rows(values_only=True) if row[0] == "records.yaml"}
    assert titles == {"研究部署创建工作", "研究解决创建中的问题"}
    copied = out / r1 / "2022-03-10 会议照片.jpg"
    assert copied.read_bytes() == (evidence / "会议/2022-03-10 会议照片.jpg").read_bytes()
    assert "https://www.example.gov.cn/wmcj/2022/0601.html" in (out / r4 / "链接.txt").read_text(
        encoding="utf-8-sig"
    )


def test_the_extract_holds_just_the_counted_rows_with_their_source(
    scenario: tuple[Path, Path], tmp_path: Path
) -> None:
    rules_dir, evidence = scenario
    assert pack(rules_dir, evidence, tmp_path / "pack") == 0
    sheet = openpyxl.load_workbook(tmp_path / "pack/R3 经常开展志愿服务/台账摘录.xlsx").active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    table = [row for row in rows if row[0] == "志愿服务/2022年志愿服务登记.csv"]
    assert [row[2] for row in table] == [3, 4, 5]
    assert [row[4] for row in table] == ["2022年3月5日", "2022年4月9日", "2022年5月14日"]
    assert [row[5] for row in table] == ["学雷锋清扫街道", "文明交通劝导", "关爱空巢老人"]


def test_the_index_lists_files_rows_links_gaps_and_what_counted_for_nothing(
    scenario: tuple[Path, Path], tmp_path: Path
) -> None:
    rules_dir, evidence = scenario
    assert pack(rules_dir, evidence, tmp_path / "pack") == 0
    sheet = openpyxl.load_workbook(tmp_path / "pack/目录.xlsx").active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    text = "\n".join(
        "|".join("" if v is None else str(v) for v in row)
        for row in sheet.iter_rows(values_only=True)
    )
    assert "R2 成立领导小组/2022-03-15 关于成立领导小组的通知.docx|2022年3月15日|1|" in text
    assert "志愿服务/2022年志愿服务登记.csv第3—5行" in text
    assert "链接：https://www.example.gov.cn/wmcj/2022/0601.html" in text
    assert "R5 集中学习: 每月*|0/2|未达标|（无计入本项的材料，未建文件夹）" in text
    assert "|未计入任何测评项目|||其他/2022-05-01 未用的照片.jpg" in text
    assert "2022-" not in text.replace("/2022-", "")  # dates as people write them
    words = "\n".join(p.text for p in Document(str(tmp_path / "pack/目录.docx")).paragraphs)
    assert "创建文明单位台账目录" in words


def test_drafts_say_what_the_records_show_and_the_gap_truthfully(
    scenario: tuple[Path, Path], tmp_path: Path
) -> None:
    rules_dir, evidence = scenario
    assert pack(rules_dir, evidence, tmp_path / "pack") == 0
    folder = tmp_path / "pack/说明"
    r1 = (folder / "R1 党组会议研究创建工作.txt").read_bytes()
    assert r1.startswith(b"\xef\xbb\xbf")
    assert (
        r1.decode("utf-8-sig").strip()
        == "2022年共召开会议2次（3月10日、8月18日），参与9人次，留存照片1张。"
    )
    r3 = (folder / "R3 经常开展志愿服务.txt").read_text(encoding="utf-8-sig")
    assert "2022年共开展志愿服务3次（3月5日、4月9日、5月14日），参与30人次" in r3
    r5 = (folder / "R5 集中学习_ 每月_.txt").read_text(encoding="utf-8-sig").strip()
    assert r5 == (
        "因＿＿＿＿（请如实填写原因），创建周期内未见学习记录；自即日起按要求开展并同步留存资料。"
    )
    r4 = (folder / "R4 网上宣传.txt").read_text(encoding="utf-8-sig").strip()
    assert r4 == (  # a screenshot is not a photo: the address it shows is named
        "2022年6月1日发布“单位网站创建专栏”，"
        "网页截图1张（网址https://www.example.gov.cn/wmcj/2022/0601.html）。"
    )
    words = [p.text for p in Document(str(tmp_path / "pack/说明.docx")).paragraphs]
    assert "R1 党组会议研究创建工作" in words
    assert any(w.startswith("（") and w.endswith("字，限500字）") for w in words)


def test_the_pack_refuses_a_target_inside_the_evidence_or_holding_files(
    scenario: tuple[Path, Path], tmp_path: Path
) -> None:
    rules_dir, evidence = scenario
    before = digest(evidence)
    assert pack(rules_dir, evidence, evidence / "资料包") == 2
    full = tmp_path / "full"
    full.mkdir()
    (full / "我的文件.docx").write_bytes(b"mine")
    assert pack(rules_dir, evidence, full) == 2
    assert listing(full) == {"我的文件.docx"}
    assert digest(evidence) == before


def test_the_zip_is_byte_identical_and_its_names_are_flagged_utf8(
    scenario: tuple[Path, Path], tmp_path: Path
) -> None:
    rules_dir, evidence = scenario
    assert pack(rules_dir, evidence, tmp_path / "one.zip", "--zip") == 0
    assert pack(rules_dir, evidence, tmp_path / "two", "--zip") == 0
    first, second = (tmp_path / "one.zip").read_bytes(), (tmp_path / "two.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert "R1 党组会议研究创建工作/2022-03-10 会议照片.jpg" in names
    assert all(info.flag_bits & 0x800 for info in infos)
    assert {info.date_time for info in infos} == {(2022, 12, 31, 0, 0, 0)}


def test_a_counted_file_inside_a_zip_is_extracted_as_itself(tmp_path: Path) -> None:
    case = {
        "rules": [
            {"id": "R1", "score": 1, "requires": [{"name": "照片", "type": "照片", "min": 1}]}
        ],
        "records": [],
    }
    rules_dir, evidence = build_case(tmp_path, case)
    with zipfile.ZipFile(evidence / "活动照片.zip", "w") as archive:
        archive.writestr("2022-03-05 志愿服务.jpg", photo("red"))
    before = digest(evidence)
    assert pack(rules_dir, evidence, tmp_path / "pack") == 0
    assert (tmp_path / "pack/R1 规则R1/2022-03-05 志愿服务.jpg").read_bytes() == photo("red")
    assert digest(evidence) == before


def test_a_target_that_is_a_file_is_called_a_file_and_an_added_zip_is_said(
    scenario: tuple[Path, Path], tmp_path: Path
) -> None:
    rules_dir, evidence = scenario
    taken = tmp_path / "已有.docx"
    taken.write_bytes(b"mine")
    common = ("--rules", str(rules_dir), "--as-of", "2022-12-31", "--no-cache")
    refused = run_cli("pack", str(evidence), "-o", str(taken), *common)
    assert refused.exit_code == 2
    assert "是已有的文件" in refused.output and "文件夹" not in refused.output
    assert taken.read_bytes() == b"mine"
    zipped = run_cli("pack", str(evidence), "-o", str(tmp_path / "包"), "--zip", "-q", *common)
    assert zipped.exit_code == 0
    assert "已写为 包.zip" in zipped.output
    assert (tmp_path / "包.zip").is_file()


def test_copies_sharing_a_name_say_which_they_are(tmp_path: Path) -> None:
    attached = {
        "2022-03-08": ["一/签到表.jpg"],
        "2022-06-08": ["二/签到表.jpg"],
        "2022-09-08": ["甲/2022-09-08 纪要.jpg", "乙/2022-09-08 纪要.jpg", "丙/议程.jpg"],
    }
    records = [
        {"类型": "会议", "日期": day, "标题": f"{day}会议", "附件": files}
        for day, files in attached.items()
    ]
    rules_dir, evidence = build_case(tmp_path, {**CASE, "records": records})
    colours = iter(("red", "blue", "green", "yellow", "white"))
    for files in attached.values():
        for name in files:
            (evidence / name).parent.mkdir(exist_ok=True)
            (evidence / name).write_bytes(photo(next(colours)))
    assert pack(rules_dir, evidence, tmp_path / "pack") == 0
    held = {name.split("/", 1)[1] for name in listing(tmp_path / "pack") if name.startswith("R1 ")}
    assert held == {
        "2022-03-08 签到表.jpg",
        "2022-06-08 签到表.jpg",
        "甲 2022-09-08 纪要.jpg",
        "乙 2022-09-08 纪要.jpg",
        "议程.jpg",  # a name shared with nothing stays as it is
        "台账摘录.xlsx",
    }


def test_the_extract_names_columns_as_the_ledger_does_and_keeps_the_photos(
    scenario: tuple[Path, Path], tmp_path: Path
) -> None:
    rules_dir, evidence = scenario
    assert pack(rules_dir, evidence, tmp_path / "pack") == 0
    sheet = openpyxl.load_workbook(tmp_path / "pack/R1 党组会议研究创建工作/台账摘录.xlsx").active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    head = next(row for row in rows if row[0] == "来源文件")
    assert "participants" not in head and "参与人数" in head and "佐证材料" in head
    first = next(row for row in rows if row[5] == "研究部署创建工作")
    assert first[head.index("佐证材料")] == "2022-03-10 会议照片.jpg"
