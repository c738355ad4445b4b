"""Integrity signals on record files: claimed totals, document numbers, evidence outside the
window, files reused for different occasions; and the inventory of every file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.engine.integrity import has_document_number
from conftest import build_case, check_cli, run_cli

CASE: dict[str, Any] = {
    "unit": {"创建起始": "2022-01-01", "评估日期": "2022-12-31"},
    "rules": [{"id": "R1", "score": 2, "requires": [{"name": "活动", "type": "活动"}]}],
    "records": [
        {
            "类型": "总结",
            "日期": "2022-12-20",
            "标题": "年度总结",
            "声称": {"发放资料": "2000余份", "活动次数": 3, "参与人数": "约30人"},
        },
        {
            "类型": "活动",
            "日期": "2022-03-01",
            "发放资料": 1200,
            "参与人数": 10,
            "附件": "现场.jpg",
        },
        {"类型": "活动", "日期": "2022-04-01", "发放资料": 700, "参与人数": 22, "附件": "现场.jpg"},
        {"类型": "活动", "日期": "2021-04-01", "发放资料": 500},
        {"类型": "文件", "日期": "2022-02-01", "标题": "关于成立领导小组的通知"},
        {"类型": "文件", "日期": "2022-02-02", "标题": "方案", "文号": "兴人常发〔2022〕3号"},
    ],
    "files": {
        "现场.jpg": b"\xff\xd8\xff same bytes",
        "2023-02-01 明年的照片.jpg": b"\xff\xd8\xff other",
        "未用/2022-05-01 多余的材料.txt": "没有规则用到它",
    },
}


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    ruleset = {"evidence_types": {"活动": [], "文件": [], "总结": [], "照片": []}}
    build_case(tmp_path, {**CASE, "ruleset": ruleset})
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "evidence", "--rules", "rules", "-f", "json")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _signals(report: dict[str, Any], kind: str) -> list[str]:
    return [s["message"] for s in report["integrity"] if s["kind"] == kind]


def test_summary_claims_against_itemised_records(report: dict[str, Any]) -> None:
    claims = {c["field"]: c for c in report["claims"]}
    # 2000余: at least 2000, the records in the window add up to 1200 + 700
    assert (claims["发放资料"]["itemised"], claims["发放资料"]["consistent"]) == (1900, False)
    # 活动次数: a count of 活动 records in the window, exactly 3 claimed
    assert (claims["活动次数"]["itemised"], claims["活动次数"]["consistent"]) == (2, False)
    # 约30人: within a tenth
    assert (claims["参与人数"]["itemised"], claims["参与人数"]["consistent"]) == (32, True)
    assert _signals(report, "claim") == [
        "records.yaml第1行 写明“发放资料”2000余，而2022年1月1日至12月31日各条记录的“发放资料”合计为 1900",
        "records.yaml第1行 写明“活动次数”3，而2022年1月1日至12月31日“活动”记录条数为 2",
    ]


def test_official_documents_need_a_number(report: dict[str, Any]) -> None:
    assert _signals(report, "document_number") == [
        "文件“关于成立领导小组的通知”（records.yaml第21行）标题、字段和正文中都没有文号，"
        "正式文件应注明文号，如 兴人常发〔2022〕2号"
    ]


def test_evidence_outside_the_window_is_listed(report: dict[str, Any]) -> None:
    assert _signals(report, "outside_window") == [
        "2023-02-01 明年的照片.jpg（2023年2月1日）晚于评估日期2022年12月31日，未计入",
        "records.yaml 1 条记录（2021年4月1日）早于评估起点2022年1月1日，未计入",
    ]


def test_one_file_attached_to_two_occasions(report: dict[str, Any]) -> None:
    (message,) = _signals(report, "duplicate")
    assert message.startswith("现场.jpg 被用作不同活动或日期的证据：2022年3月1日")


def test_inventory_says_what_became_of_each_file(report: dict[str, Any]) -> None:
    statuses = {e["file"]: (e["status"], e["rules"]) for e in report["inventory"]}
    assert statuses == {
        "unit.yaml": ("config", []),
        "records.yaml": ("counted", ["R1"]),
        "现场.jpg": ("counted", ["R1"]),
        "2023-02-01 明年的照片.jpg": ("outside", []),
        "未用/2022-05-01 多余的材料.txt": ("unused", []),
    }


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("兴人常发〔2022〕2号", True),
        ("市文明〔2021〕6号", True),
        ("黔府办发[2022]12号", True),
        ("兴人常机党（2022）第5号", True),
        ("2022年工作要点", False),
        ("〔2022〕号", False),
    ],
)
def test_document_number_forms(text: str, found: bool) -> None:
    assert has_document_number([text]) is found


def _photo(shade: int, taken: str) -> bytes:
    """A camera photo whose EXIF DateTimeOriginal is ``taken`` (``2022:03:08 10:00:00``)."""
    import io

    from PIL import Image

    picture = Image.new("RGB", (16, 12), color=(shade, 90, 140))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = taken
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=70, exif=exif.tobytes())
    return buffer.getvalue()


def test_a_photo_taken_within_three_days_of_its_record_is_consistent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record of 03-01 to 03-10: photos of 03-08 (inside), 02-26 and 03-13 (three days off,
    the edges) are consistent; one of 03-15 (five days after the end) is signalled."""
    photos = {"inside": 10, "before": 40, "after": 70, "late": 100}
    taken = {
        "inside": "2022:03:08 10:00:00",
        "before": "2022:02:26 10:00:00",
        "after": "2022:03:13 10:00:00",
        "late": "2022:03:15 10:00:00",
    }
    files: dict[str, Any] = {f"照片/{n}.jpg": _photo(s, taken[n]) for n, s in photos.items()}
    files["培训.yaml"] = (
        "类型: 活动\n标题: 志愿者培训\n开始日期: 2022-03-01\n结束日期: 2022-03-10\n"
        "附件: [照片/inside.jpg, 照片/before.jpg, 照片/after.jpg, 照片/late.jpg]\n"
    )
    build_case(
        tmp_path,
        {
            "rules": [{"id": "R1", "score": 1, "requires": [{"name": "活动", "type": "活动"}]}],
            "records": [],
            "files": files,
        },
    )
    monkeypatch.chdir(tmp_path)
    data = json.loads(check_cli("-f", "json", "--as-of", "2022-12-31").stdout)
    signals = [s for s in data["integrity"] if s["kind"] == "photo_date"]
    assert [(s["files"], "相差 5 天" in s["message"]) for s in signals] == [
        (["照片/late.jpg"], True)
    ]
