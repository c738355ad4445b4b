"""The HTML report in a real browser: headless Chromium renders it, takes a screenshot and
prints it to PDF on A4, with nothing running off the page."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed here")
A4_WIDTH_PX, A4_HEIGHT_PX = 794, 1123  # 210 × 297 mm at 96 dpi
PHONE_WIDTH_PX, PHONE_HEIGHT_PX = 390, 844  # a common phone, in CSS pixels


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _layout(tmp_path: Path, probe: Path) -> dict[str, Any]:
    """What a probe page's script measured and wrote into its <title>, as Chromium renders it."""
    result = _chromium(
        tmp_path / "profile",
        f"--window-size={A4_WIDTH_PX},{A4_HEIGHT_PX}",
        "--dump-dom",
        probe.as_uri(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    title = result.stdout.split("<title>", 1)[1].split("</title>", 1)[0]
    layout: dict[str, Any] = json.loads(html.unescape(title))
    return layout


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        result = run_cli("check", "-f", "html", "-o", str(folder / "报告.html"), "--no-cache")
    finally:
        os.chdir(previous)
    assert result.exit_code == 1, result.output  # the sample is below the pass line
    return folder / "报告.html"


def test_renders_without_horizontal_overflow(report: Path, tmp_path: Path) -> None:
    """A copy of the page reports its layout into <title>; the report itself has no script."""
    probe = tmp_path / "probe.html"
    measure = (
        "<script>document.title = JSON.stringify({scroll: document.documentElement.scrollWidth,"
        " view: window.innerWidth, svg: document.querySelectorAll('svg rect').length,"
        " tables: document.querySelectorAll('table').length});</script></body>"
    )
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", measure), "utf-8")
    layout = _layout(tmp_path, probe)
    assert layout["scroll"] <= layout["view"], layout
    assert layout["svg"] > 7  # the category chart was drawn
    assert layout["tables"] >= 5


def test_screenshot_shows_the_report(report: Path, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "report.png"
    result = _chromium(
        tmp_path / "profile",
        f"--window-size={A4_WIDTH_PX},{A4_HEIGHT_PX}",
        f"--screenshot={shot}",
        report.as_uri(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    with Image.open(shot) as image:
        assert image.size == (A4_WIDTH_PX, A4_HEIGHT_PX)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # text, the red rule and the chart, not a blank page


def test_prints_on_a4_with_nothing_cut_off(report: Path, tmp_path: Path) -> None:
    import pypdfium2

    pdf_path = tmp_path / "report.pdf"
    result = _chromium(
        tmp_path / "profile",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf_path}",
        report.as_uri(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    assert len(pdf) >= 3
    text = ""
    for page in pdf:
        width, height = page.get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            left, _, right, _ = textpage.get_charbox(index)
            assert left >= 0 and right <= width + 0.5, "text runs off the page"
        text += textpage.get_text_range()
    assert "问题清单" in text and "兴义市人大常委会机关" in text
    for number in range(1, len(pdf) + 1):  # every page carries its number and the count
        assert f"第 {number} 页 共 {len(pdf)} 页" in text


# Measured in the page at phone width: every cell's box, any cell whose content runs out
# of it, and pairs of cells (in one table) whose boxes cross, reported into <title>.
def on_a_phone(tmp_path: Path, page: str) -> dict[str, Any]:
    """The layout of ``page`` measured in a frame of a phone's width (a headless window is
    at least 500 px wide, so the page's media queries would not see 390 px otherwise)."""
    probe = tmp_path / "phone.html"
    probe.write_text(
        f'<!DOCTYPE html><html><head><title>-</title></head><body style="margin:0">'
        f'<iframe width="{PHONE_WIDTH_PX}" height="{PHONE_HEIGHT_PX}" style="border:0"'
        f' onload="document.title = this.contentDocument.title"'
        f' srcdoc="{html.escape(page.replace("</body>", PHONE_PROBE), quote=True)}">'
        "</iframe></body></html>",
        "utf-8",
    )
    return _layout(tmp_path, probe)


PHONE_PROBE = """<script>
const view = window.innerWidth, cells = [], overflowing = [], crossing = [];
for (const table of document.querySelectorAll("table")) {
  const boxes = [...table.querySelectorAll("td, th")].filter(c => c.offsetParent !== null)
    .map(c => [c, c.getBoundingClientRect()]);
  for (const [cell, box] of boxes) {
    cells.push(cell);
    if (box.left < -0.5 || box.right > view + 0.5 || cell.scrollWidth > cell.clientWidth + 1)
      overflowing.push(cell.textContent.slice(0, 40));
  }
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i][1], b = boxes[j][1];
    if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1)
      crossing.push(boxes[i][0].textContent.slice(0, 20) + " / " + boxes[j][0].textContent.slice(0, 20));
  }
}
const problems = document.querySelector("table.problems");
document.title = JSON.stringify({view, scroll: document.documentElement.scrollWidth,
  cells: cells.length, overflowing: overflowing.slice(0, 5), crossing: crossing.slice(0, 5),
  problem_width: problems ? problems.getBoundingClientRect().width : 0});
</script></body>"""


def test_usable_on_a_phone(report: Path, tmp_path: Path) -> None:
    """At 390 px the tables stack as cards: no cell runs off the screen or out of its own
    box, no two cells cover each other, and the page never scrolls sideways."""
    # A headless window is at least 500 px wide, so the page is measured in a frame of a
    # phone's width, where its media queries see 390 px.
    layout = on_a_phone(tmp_path, report.read_text(encoding="utf-8"))
    assert layout["view"] == PHONE_WIDTH_PX, layout
    assert layout["cells"] > 100  # the problem list, the results, the evidence list
    assert layout["overflowing"] == [], layout
    assert layout["crossing"] == [], layout
    assert layout["scroll"] <= layout["view"], layout
    assert 0 < layout["problem_width"] <= PHONE_WIDTH_PX


def test_the_chart_explains_its_colours_and_the_pass_line(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    chart = page.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    legend = page.split('<ul class="chart-legend">', 1)[1].split("</ul>", 1)[0]
    fills = set(re.findall(r'fill="(#[0-9a-f]{6})"', chart)) - {"#f3e3c3"}  # the hatch's own
    for colour in fills:
        assert colour in legend, f"{colour} is drawn but not explained"
    assert "需现场核验" in legend and "及格线" in legend
    assert 'class="pass-line"' in chart and "及格线 80%" in chart
