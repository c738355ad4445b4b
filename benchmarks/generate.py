"""Synthetic evidence folders of a given size, with the mix a real unit has: record files,
Excel ledgers, documents and photos, dated across one year and spread over category folders.

    python benchmarks/generate.py OUT --records 10000 [--ledger-rows 0] [--documents 100] [--photos 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import shutil
import zipfile
from pathlib import Path

TYPES = ["会议", "学习", "活动", "志愿服务", "网格", "帮扶", "信息报送", "宣传阵地"]
GRIDS = [f"栗坪社区{n}网格" for n in range(1, 23)]
START = dt.date(2022, 1, 1)


def unit(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    grids = "".join(f"  - {grid}\n" for grid in GRIDS)
    (root / "unit.yaml").write_text(
        f"名称: 基准测试单位\n类型: 机关\n职工人数: 48\n创建起始: 2022-01-01\n评估日期: 2022-12-31\n网格:\n{grids}",
        encoding="utf-8",
    )


def records(root: Path, count: int, rng: random.Random) -> None:
    """One record per file, a hundred files per folder, as units file them by month/activity."""
    for index in range(count):
        kind = TYPES[index % len(TYPES)]
        day = START + dt.timedelta(days=rng.randrange(365))
        folder = root / "记录" / kind / f"{index // 100:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{day} {kind}{index}.yaml").write_text(
            f"类型: {kind}\n日期: {day}\n标题: {kind}活动第{index}次，研究部署文明创建工作\n"
            f"参与人数: {rng.randrange(5, 60)}\n发放资料: {rng.randrange(0, 80)}余份\n"
            f"网格: {GRIDS[index % len(GRIDS)]}\n标签: [创建, 普法]\n",
            encoding="utf-8",
        )


def ledger(root: Path, rows: int, rng: random.Random) -> None:
    import xlsxwriter

    folder = root / "台账"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_folder.yaml").write_text("类型: 网格\n", encoding="utf-8")
    book = xlsxwriter.Workbook(str(folder / "网格工作登记.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet("网格工作")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["2022年网格包保工作登记"])
    sheet.write_row(1, 0, ["序号", "日期", "网格", "网格员", "工作内容", "发放手册（册）"])
    for row in range(rows):
        day = START + dt.timedelta(days=rng.randrange(365))
        sheet.write_number(row + 2, 0, row + 1)
        sheet.write_datetime(row + 2, 1, dt.datetime(day.year, day.month, day.day), date_format)
        sheet.write_string(row + 2, 2, GRIDS[row % len(GRIDS)])
        sheet.write_string(row + 2, 3, f"干部{row % 22 + 1:02d}")
        sheet.write_string(row + 2, 4, "入户宣传创建全国文明城市")
        sheet.write_number(row + 2, 5, rng.randrange(0, 4))
    book.close()


def _docx(text: str) -> bytes:
    """A Word body as Word writes it: styled runs, several per paragraph."""
    run = (
        '<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/>'
        '<w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>'
    )
    body = "".join(
        '<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/>'
        "</w:pPr>" + "".join(run.format(part) for part in line.split("，")) + "</w:p>"
        for line in text.split("\n")
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def _pdf(path: Path, lines: list[str]) -> None:
    """A text PDF of a few pages, as “save as PDF” makes it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), invariant=1)
    y = 780
    for line in lines:
        if y < 60:
            page.showPage()
            y = 780
        page.setFont("STSong-Light", 12)
        page.drawString(60, y, line)
        y -= 20
    page.showPage()
    page.save()


def documents(root: Path, count: int, rng: random.Random) -> None:
    """Half Word files, half text PDFs of three pages, about the size offices write."""
    folder = root / "文件"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_folder.yaml").write_text("类型: 文件\n", encoding="utf-8")
    sentence = "深入开展文明单位创建工作，巩固模范机关创建成果，推动各项任务落实落地"
    for index in range(count):
        day = START + dt.timedelta(days=rng.randrange(365))
        head = [f"关于创建工作的通知（第{index}号）", f"兴人常发〔2022〕{index}号"]
        if index % 2:
            lines = head + [sentence[: 20 + line % 14] for line in range(100)]
            _pdf(folder / f"{day} 方案{index}.pdf", lines)
        else:
            text = "\n".join(head + [sentence * 4] * 120)
            (folder / f"{day} 通知{index}.docx").write_bytes(_docx(text))


def photos(root: Path, count: int, rng: random.Random) -> None:
    from PIL import Image

    folder = root / "照片"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_folder.yaml").write_text("类型: 照片\n", encoding="utf-8")
    for index in range(count):
        day = START + dt.timedelta(days=rng.randrange(365))
        picture = Image.new("RGB", (64, 48), color=(index % 255, 100, 150))
        exif = Image.Exif()
        exif.get_ifd(0x8769)[0x9003] = day.strftime("%Y:%m:%d 10:00:00")
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=60, exif=exif.tobytes())
        (folder / f"活动照片{index}.jpg").write_bytes(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--ledger-rows", type=int, default=0)
    parser.add_argument("--documents", type=int, default=0)
    parser.add_argument("--photos", type=int, default=0)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    rng = random.Random(args.seed)
    unit(args.out)
    records(args.out, args.records, rng)
    if args.ledger_rows:
        ledger(args.out, args.ledger_rows, rng)
    if args.documents:
        documents(args.out, args.documents, rng)
    if args.photos:
        photos(args.out, args.photos, rng)


if __name__ == "__main__":
    main()
