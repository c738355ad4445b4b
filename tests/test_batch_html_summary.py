"""The batch summary page: self-contained and escaped, the units to act on first, the ranking,
a heat map whose colours are explained and whose cells carry the numbers; in Chromium (when
installed) nothing runs off a phone's screen or an A4 page."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from batch_summary_sample import summary
from checker.batch import html_summary
from test_html_browser import PHONE_PROBE, PHONE_WIDTH_PX, _layout, on_a_phone

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _section(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def test_self_contained_and_printable_with_page_numbers() -> None:
    page = html_summary.render(summary())
    for outside in ("http://", "https://", "<link", "<script", "@import", "url(", "src="):
        assert outside not in page
    assert "@page" in page and "size: A4" in page and "counter(page)" in page
    assert "参考版测评表（非官方）" in page and "2022年12月31日" in page


def test_unit_and_evidence_text_is_escaped() -> None:
    data = summary()
    data["units"][1]["items"][4]["title"] = "<script>alert(1)</script>"  # a veto's title
    data["units"][2]["name"] = "A&B学校"
    page = html_summary.render(data)
    assert "<b>新</b>" not in page and "&lt;b&gt;新&lt;/b&gt;社区居委会" in page
    assert "<script>" not in page and "&lt;script&gt;alert(1)" in page
    assert "A&amp;B学校" in page


def test_the_units_to_act_on_come_first_revocations_before_warnings() -> None:
    page = html_summary.render(summary())
    attention = _section(page, '<section class="attention">', "</section>")
    assert page.index('<section class="attention">') < page.index('<table class="ranking">')
    names = re.findall(r'data-label="单位">([^<]+)<', attention)
    # the veto (撤销, rank 2), the empty unit (撤销, rank 4), then the warning (限期整改)
    assert [html.unescape(n) for n in names] == [
        "兴义供电所",
        "<b>新</b>社区居委会",
        "兴义市第二中学",
    ]
    text = _text(attention)
    assert "一票否决：领导班子成员无严重违纪违法" in text
    assert "得分低于及格线 80 分" in text and "材料中有 2 处问题" in text
    assert "兴义市人大常委会机关" not in text  # kept, above the line: nothing to act on


def test_a_batch_with_nothing_to_act_on_says_so() -> None:
    data = summary()
    data["units"] = data["units"][:1]
    attention = _text(
        _section(html_summary.render(data), '<section class="attention">', "</section>")
    )
    assert "复查结论均为保留" in attention


def test_the_ranking_lists_every_unit_in_rank_order_with_last_years_move() -> None:
    data = summary()
    ranking = _section(html_summary.render(data), '<table class="ranking">', "</table>")
    names = [html.unescape(n) for n in re.findall(r'data-label="单位">([^<]+)<', ranking)]
    assert names == [u["name"] for u in data["units"]]
    assert re.findall(r'data-label="名次变化"[^>]*>([^<]+)<', ranking) == [
        "上升1位",
        "下降1位",
        "新参评",
        "新参评",
    ]
    assert "上年得分" not in html_summary.render(summary(baseline=False))


def test_the_heat_map_writes_its_numbers_and_explains_its_colours() -> None:
    page = html_summary.render(summary())
    heat = _section(page, '<table class="heat">', "</table>")
    legend = _section(page, '<ul class="legend">', "</ul>")
    header = re.findall(r"<th>([^<]+)</th>", heat)
    assert header == ["单位", "组织领导", "思想道德建设", "现场与评价", "校园文化"]
    assert "一票否决" not in header  # no unit scores in it
    used = set(re.findall(r'class="cell (heat-\d)"', heat))
    assert used >= {"heat-1", "heat-4"}
    for band in used:
        assert f"swatch {band}" in legend
    cells = re.findall(r'class="cell heat-\d" data-label="([^"]+)">(.*?)</td>', heat)
    assert len(cells) == len(summary()["units"]) * (len(header) - 1)
    supply = re.findall(
        r'class="cell (heat-\d)" data-label="组织领导"><b>([^<]+)</b><span class="small">([^<]+)<',
        heat,
    )
    assert supply[1] == ("heat-1", "2", "满分 4，50%")  # colour and the numbers it stands for
    assert html_summary.band(4.5, 5.0) == "heat-4" and html_summary.band(3.5, 5.0) == "heat-2"
    assert html_summary.band(0.0, 0.0) == "heat-0"


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed here")
def test_usable_on_a_phone(tmp_path: Path) -> None:
    layout = on_a_phone(tmp_path, html_summary.render(summary()))
    assert layout["view"] == PHONE_WIDTH_PX, layout
    assert layout["cells"] > 40
    assert layout["overflowing"] == [] and layout["crossing"] == [], layout
    assert layout["scroll"] <= layout["view"], layout


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed here")
def test_nothing_runs_off_an_a4_page(tmp_path: Path) -> None:
    probe = tmp_path / "a4.html"
    probe.write_text(html_summary.render(summary()).replace("</body>", PHONE_PROBE), "utf-8")
    layout = _layout(tmp_path, probe)
    assert layout["overflowing"] == [] and layout["crossing"] == [], layout
    assert layout["scroll"] <= layout["view"], layout


def test_the_verdict_cards_add_up_to_the_units() -> None:
    """待现场测评 and 无法评定 are verdicts too: the cards count every unit once."""
    from batch_summary_sample import summary
    from checker.batch import html_summary

    data = summary()
    data["units"][0]["verdict"] = "待现场测评"
    data["units"][-1]["verdict"] = "无法评定"
    verdicts = html_summary.context(data)["verdicts"]
    assert sum(verdicts.values()) == len(data["units"])
    assert verdicts["待现场测评"] == 1 and verdicts["无法评定"] == 1
