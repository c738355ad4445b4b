"""The HTML report in a real browser: headless Chromium renders it, takes a screenshot and
prints it to PDF on A4, with nothing running off the page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed here")
A4_WIDTH_PX, A4_HEIGHT_PX = 794, 1123  # 210 × 297 mm at 96 dpi


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
    result = _chromium(
        tmp_path / "profile",
        f"--window-size={A4_WIDTH_PX},{A4_HEIGHT_PX}",
        "--dump-dom",
        probe.as_uri(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    title = result.stdout.split("<title>", 1)[1].split("</title>", 1)[0]
    layout = json.loads(title.replace("&quot;", '"'))
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
