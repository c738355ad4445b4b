"""Evidence folders: record files, Markdown front matter, folder defaults, plain files, and
bad evidence reported all at once with its place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.evidence.loader import load_evidence
from checker.rules.loader import RuleSet
from conftest import load_folder


def test_english_and_chinese_keys_give_the_same_record(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "a.yaml": "type: 会议记录\ntitle: 党组会\ndate: 2022/3/8\ntags: [创建]\nparticipants: 9\n",
            "b.yaml": "类型: 会议\n标题: 党组会\n日期: 2022年3月8日\n标签: 创建\n参与人数: 9人\n",
        },
    )
    assert evidence.problems == []
    first, second = evidence.records
    for record in (first, second):
        assert (record.type, record.title, record.start, record.tags) == (
            "会议",
            "党组会",
            dt.date(2022, 3, 8),
            ("创建",),
        )
        assert record.number("参与人数") == 9
        assert record.number("participants") == 9


def test_list_files_and_line_numbers(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "list.yaml": "- {类型: 学习, 日期: 2022-01-05}\n\n- 类型: 学习\n  日期: 2022-02-05\n",
        },
    )
    assert [str(record.source) for record in evidence.records] == ["list.yaml:1", "list.yaml:3"]


def test_markdown_front_matter_and_body(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "2022-03-08 学习会.md": "---\n类型: 学习\n主讲人: 张三\n---\n学习党的二十大精神\n",
            "说明.md": "# 没有 front matter 的文档\n",
        },
    )
    (record,) = evidence.records
    assert record.title == "学习会"
    assert record.start == dt.date(2022, 3, 8)
    assert record.text == "学习党的二十大精神\n"
    assert record.fields["主讲人"] == "张三"


def test_folder_defaults_inherit_down_the_tree(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "活动/_folder.yaml": "类型: 活动\n标签: [创建]\n责任科室: 办公室\n",
            "活动/普法/_folder.yaml": "标签: [普法]\n",
            "活动/普法/2022-03-08 三八普法宣传.jpg": b"\xff\xd8\xff",
            "活动/普法/20220415_国家安全教育日.pdf": b"%PDF",
            "活动/普法/记录.yaml": "日期: 2022-05-01\n标题: 民法典宣传\n类型: 会议\n附件: 附件/签到表.pdf\n",
            "活动/普法/附件/签到表.pdf": b"%PDF",
            "活动/没有日期的照片.jpg": b"\xff\xd8\xff",
        },
    )
    assert evidence.problems == []
    records = {record.title: record for record in evidence.records}
    assert set(records) == {"三八普法宣传", "国家安全教育日", "民法典宣传"}
    assert records["三八普法宣传"].type == "活动"
    assert records["三八普法宣传"].tags == ("创建", "普法")
    assert records["三八普法宣传"].fields["责任科室"] == "办公室"
    assert records["民法典宣传"].type == "会议"  # the record's own type wins
    assert records["民法典宣传"].files == ("活动/普法/附件/签到表.pdf",)
    assert records["国家安全教育日"].start == dt.date(2022, 4, 15)
    assert [w.message[:33] for w in evidence.warnings] == [
        "文件名没有日期，照片里也没有拍摄日期（EXIF），未计入任何检查；"
    ]


def test_bad_evidence_is_reported_all_at_once(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "a.yaml": "- 类型: 会义\n  日期: 2022-02-30\n- 类型: 会议\n  附件: [nope.pdf]\n"
            "  日期: 20220308\n- {类型: 会议, 日期: 2022-03-08, 参与人数: 很多}\n"
            "- {类型: 会议}\n- {类型: 会议, 开始日期: 2022-03-08, 结束日期: 2022-03-01}\n",
            "b.yaml": "a: [1\nb: 2\n",
            "c.md": "---\n类型: 学习\n日期: 20221301\n---\n",
            "d.yaml": "类型: 会议\n日期: 2022-01-01\n类型: 学习\n",
            "e.yaml": "附件: ../../etc/passwd\n日期: 2022-01-01\n",
            "f.yaml": "- just text\n",
            "2022-02-29 照片.jpg": b"\xff\xd8",
            "gbk.yaml": "类型: 会议\n".encode("gbk"),
        },
    )
    assert [str(problem) for problem in sorted(evidence.problems)] == [
        "ev/2022-02-29 照片.jpg:1:1: 文件名中的日期 '2022-02-29' 不是有效日期",
        "ev/a.yaml:1:7: 类型 '会义' 未定义，是否为 '会议'？",
        "ev/a.yaml:2:7: 日期 '2022-02-30' 不是有效日期",
        "ev/a.yaml:4:8: 附件 'nope.pdf' 不存在",
        "ev/a.yaml:7:3: 记录缺少日期（日期，或 开始日期 与 结束日期）",
        "ev/a.yaml:8:3: 结束日期早于开始日期",
        "ev/b.yaml:2:2: YAML 语法错误：方括号列表未闭合，缺少“,”或“]”",
        "ev/c.md:3:5: 日期 '20221301' 不是有效日期",
        "ev/d.yaml:3:1: 键 '类型' 重复出现",
        "ev/e.yaml:1:5: 附件 '../../etc/passwd' 不在证据文件夹内",
        "ev/f.yaml:1:3: 记录应为映射（“键: 值”），如 类型: 会议",
        "ev/gbk.yaml:1:1: 记录缺少日期（日期，或 开始日期 与 结束日期）",  # GBK is read
    ]
    # each record a problem keeps out, with the type it would have counted for (its own, the
    # type it misspells, or none); a whole file that cannot be read counts once
    assert sorted((str(u.source), u.type) for u in evidence.unusable) == [
        ("2022-02-29 照片.jpg", None),
        ("a.yaml:1", "会议"),
        ("a.yaml:3", "会议"),
        ("a.yaml:7", "会议"),
        ("a.yaml:8", "会议"),
        ("b.yaml", None),
        ("c.md:2", "学习"),
        ("d.yaml", None),
        ("e.yaml:1", None),
        ("gbk.yaml:1", "会议"),
    ]
    # 参与人数 in words is a notice: the meeting still counts
    assert [str(w) for w in evidence.warnings] == [
        "ev/a.yaml:6:34: 参与人数“很多”没有写明人数，按人数不详计入（记录照常计入）"
    ]
    assert any(r.source.line == 6 and r.type == "会议" for r in evidence.records)


def test_unit_yaml_is_required_and_checked(tmp_path: Path, rules: RuleSet) -> None:
    root = tmp_path / "ev"
    root.mkdir()
    with pytest.raises(InputError, match=r"缺少单位档案 unit\.yaml"):
        load_evidence(root, rules, "ev")
    (root / "unit.yaml").write_text("名称: 单位\n类型: 工厂\n职工人数: 很多\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_evidence(root, rules, "ev")
    assert [str(p) for p in caught.value.problems] == ["ev/unit.yaml:3:7: '职工人数' 应为整数"]
    (root / "unit.yaml").write_text("名称: 单位\n类型: 工厂\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ev/unit\.yaml:2:5: 单位类型 '工厂' 不在规则集"):
        load_evidence(root, rules, "ev")


def test_waivers_name_known_rules(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "waivers.yaml": "- {rule: R1, 理由: 改造, 有效期至: 2023-01-01}\n"
            "- {rule: R9, 理由: x}\n- {rule: R1, 原因: x}\n",
        },
    )
    assert [str(p) for p in evidence.problems] == [
        "ev/waivers.yaml:2:10: 豁免的规则 'R9' 不存在，是否为 'R1'？",
        "ev/waivers.yaml:3:3: 缺少必填项 '理由'（或 reason）",
        "ev/waivers.yaml:3:14: 未知的键 '原因'",
    ]
    assert [w.rule for w in evidence.waivers] == ["R1"]


def test_hidden_and_office_lock_files_are_ignored(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            ".git/config": "x",
            "~$2022-01-01 草稿.docx": b"x",
            "Thumbs.db": b"x",
            ".DS_Store": b"x",
        },
    )
    assert evidence.files == ["unit.yaml"]
    assert evidence.problems == []


def test_empty_required_values_are_named(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(tmp_path, rules, {"a.yaml": "类型:\n日期:\n标题: 空\n"})
    assert [str(p) for p in evidence.problems] == [
        "ev/a.yaml:1:4: '类型' 不能为空",
        "ev/a.yaml:2:4: '日期' 不能为空",
    ]


def test_dates_as_ranges_months_and_days_without_a_year(tmp_path: Path, rules: RuleSet) -> None:
    evidence = load_folder(
        tmp_path,
        rules,
        {
            "a.yaml": "- {类型: 会议, 日期: 2022.7.5-7.7}\n- {类型: 会议, 日期: 2022年9月}\n"
            "- {类型: 会议, 开始日期: 2022年10月, 结束日期: 2022年11月}\n",
            # the year of a day written without one comes from the file's name
            "2022年学习记录.yaml": "类型: 会议\n日期: 3月8日下午\n标题: 学习会\n",
            "学习记录.yaml": "类型: 会议\n日期: 3月9日\n标题: 学习会\n",
            "2022年志愿服务台账.csv": "日期,类型,标题\n4月1日,活动,植树\n12月30日至1月2日,活动,慰问\n",
        },
    )
    spans = sorted((str(r.source), str(r.start), str(r.end)) for r in evidence.records)
    assert spans == [
        ("2022年学习记录.yaml:1", "2022-03-08", "2022-03-08"),
        ("2022年志愿服务台账.csv:2", "2022-04-01", "2022-04-01"),
        ("2022年志愿服务台账.csv:3", "2022-12-30", "2023-01-02"),
        ("a.yaml:1", "2022-07-05", "2022-07-07"),
        ("a.yaml:2", "2022-09-01", "2022-09-30"),
        ("a.yaml:3", "2022-10-01", "2022-11-30"),
    ]
    (problem,) = evidence.problems  # no year anywhere: certainly not a date that can be placed
    assert problem.file == "ev/学习记录.yaml" and "没有年份" in problem.message
