"""Word, PDF and OFD documents of the corpus: a 红头文件 with its 文号 in the page header, a
keyword only in a table cell or a text box, meeting minutes, LibreOffice-made .doc/.wps, text
PDFs with a CJK font, a scan, an encrypted PDF, and an OFD written per GB/T 33190."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from kit import STAMP, ZIP_TIME, place, restamp

RED = (0xC0, 0x00, 0x00)


def _document() -> Any:
    from docx import Document

    document = Document()
    properties = document.core_properties
    properties.created = properties.modified = properties.last_printed = STAMP
    properties.author = properties.last_modified_by = "办公室"
    properties.revision = 1
    return document


def _save(document: Any, path: Path) -> None:
    document.save(str(path))
    restamp(path)


def _red_head(document: Any, issuer: str, number: str | None, title: str) -> None:
    """The 版头 of a 红头文件: the issuer in large red type, the 文号 in the page header."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    if number:
        header = document.sections[0].header.paragraphs[0]
        header.text = number
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(issuer)
    run.font.size, run.font.bold, run.font.color.rgb = Pt(26), True, RGBColor(*RED)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title).font.size = Pt(22)


def leading_group_notice(path: Path) -> None:
    document = _document()
    _red_head(
        document,
        "中共兴义市文化广电旅游局党组",
        "兴文旅党发〔2022〕3号",
        "关于成立创建文明单位工作领导小组的通知",
    )
    document.add_paragraph("局机关各科室、局属各单位：")
    document.add_paragraph(
        "为深入推进文明单位创建工作，经局党组研究，决定成立创建文明单位工作领导小组，"
        "组长由党组书记、局长担任，实行“一把手”负责制。"
    )
    document.add_paragraph("中共兴义市文化广电旅游局党组")
    document.add_paragraph("2022年2月10日")
    _save(document, path)


def plan_with_table(path: Path) -> None:
    """责任分工 appears only inside the table."""
    document = _document()
    document.add_heading("兴义市文化广电旅游局创建文明单位工作实施方案", level=1)
    document.add_paragraph("为巩固文明单位创建成果，结合我局实际，制定本方案。")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for row, cells in enumerate(
        [
            ("工作任务", "牵头科室", "完成时限"),
            ("责任分工：思想道德教育", "办公室", "长期坚持"),
            ("志愿服务常态化", "机关党委", "每月"),
        ]
    ):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    _save(document, path)


TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
    '<v:shape id="box1" type="#_x0000_t202" style="width:300pt;height:60pt">'
    "<v:textbox><w:txbxContent><w:p><w:r><w:t>讲文明树新风 争做文明职工</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
)


def slogan_in_text_box(path: Path) -> None:
    """The slogan exists only in a text box (w:txbxContent), as on a designed handout."""
    from docx.oxml import parse_xml

    document = _document()
    document.add_heading("文明创建宣传标语", level=1)
    document.add_paragraph("一、宣传标语如下，由办公室统一制作展板。")
    holder = document.add_paragraph()
    holder._p.append(parse_xml(TEXT_BOX))
    _save(document, path)


def yearly_plan(path: Path) -> None:
    document = _document()
    document.add_heading("兴义市文化广电旅游局2022年度工作计划", level=1)
    document.add_paragraph("一、持续巩固文明单位创建成果。二、抓好志愿服务常态化。")
    _save(document, path)


def commendation(path: Path) -> None:
    document = _document()
    _red_head(
        document,
        "兴义市文化广电旅游局",
        "兴文旅发〔2022〕21号",
        "关于表彰2022年上半年文明科室的决定",
    )
    document.add_paragraph("经考评，决定授予办公室、公共服务科“文明科室”称号。")
    _save(document, path)


DEMAND = "各科室对照测评细则查缺补漏，推动文明单位创建工作常态化。"


def minutes(path: Path, day: str, topic: str, demand: str = DEMAND) -> None:
    """会议记录 as offices keep them: a table of 时间/地点/主持人/参会人员, then the content."""
    document = _document()
    document.add_heading("会议记录", level=1)
    table = document.add_table(rows=4, cols=2)
    table.style = "Table Grid"
    for row, (key, value) in enumerate(
        [("时间", day), ("地点", "局三楼会议室"), ("主持人", "局长"), ("参会人员", "全体干部职工")]
    ):
        table.cell(row, 0).text, table.cell(row, 1).text = key, value
    document.add_paragraph(f"会议内容：{topic}")
    document.add_paragraph(f"会议要求：{demand}")
    document.add_paragraph("记录人：王五")
    _save(document, path)


def etiquette_notice(number: str, title: str) -> Any:
    document = _document()
    _red_head(document, "兴义市文化广电旅游局", None, title)
    document.add_paragraph(number)
    document.add_paragraph(
        "为提升干部职工文明素养，巩固文明单位创建成果，定于近期开展文明礼仪培训，请各科室按时参加。"
    )
    return document


def word97(document: Any, path: Path) -> None:
    """A Word 97 binary saved by LibreOffice from the .docx; kept as committed when LibreOffice
    is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print(f"LibreOffice not found: keeping {path.name}")
        return
    with tempfile.TemporaryDirectory() as temp:
        source = Path(temp) / "source.docx"
        document.save(str(source))
        profile = Path(temp, "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                temp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(Path(temp) / "source.doc", path)


def _canvas(path: Path, **options: Any) -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), invariant=1, **options)
    page.setFont("STSong-Light", 14)
    return page


def _lines(page: Any, lines: list[str]) -> None:
    page.setFont("STSong-Light", 14)
    for number, line in enumerate(lines):
        page.drawString(72, 760 - 28 * number, line)
    page.showPage()


def key_points_pdf(path: Path) -> None:
    page = _canvas(path)
    _lines(
        page,
        [
            "兴义市文化广电旅游局2022年精神文明建设工作要点",
            "兴文旅发〔2022〕5号",
            "一、巩固文明单位创建成果，推动创建工作常态化、长效化。",
        ],
    )
    page.save()


def progress_report_pdf(path: Path) -> None:
    """Two pages; the keyword only on the second."""
    page = _canvas(path)
    _lines(page, ["创建工作推进情况通报", "一、上半年工作开展情况"])
    _lines(page, ["二、存在问题", "文明单位测评细则中的志愿服务项目仍有短板。"])
    page.save()


def encrypted_pdf(path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    lock = StandardEncryption("wmdw2022", ownerPassword="owner2022", canPrint=1)
    page = _canvas(path, encrypt=lock)
    _lines(page, ["文明单位创建专项经费使用情况", "本文件仅限内部查阅。"])
    page.save()


def scanned_pdf(path: Path) -> None:
    """A scan: one page that is only a picture, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (210, 297), color=236)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 20, 170, 34), fill=40)
    for top in range(60, 260, 16):
        draw.line((24, top, 186, top), fill=70, width=3)
    page = canvas.Canvas(str(path), invariant=1)
    page.drawImage(ImageReader(picture), 60, 160, width=420, height=594)
    page.showPage()
    page.save()


OFD_NS = "http://www.ofdspec.org/2016"


def _ofd_parts(lines: list[str]) -> dict[str, str]:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    text = "".join(
        f'<ofd:TextObject ID="{10 + n}" Boundary="20 {20 + 10 * n} 170 8" Font="2" Size="4.2">'
        f'<ofd:TextCode X="0" Y="6">{line}</ofd:TextCode></ofd:TextObject>'
        for n, line in enumerate(lines)
    )
    return {
        "OFD.xml": head + f'<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>corpus0001</ofd:DocID>"
        "<ofd:Title>2022年度文明单位创建工作总结</ofd:Title>"
        "<ofd:CreationDate>2022-12-20</ofd:CreationDate></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": head + f'<ofd:Document xmlns:ofd="{OFD_NS}">'
        "<ofd:CommonData><ofd:MaxUnitID>20</ofd:MaxUnitID>"
        "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
        "</ofd:Document>",
        "Doc_0/PublicRes.xml": head + f'<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res">'
        '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        "Doc_0/Pages/Page_0/Content.xml": head + f'<ofd:Page xmlns:ofd="{OFD_NS}">'
        f'<ofd:Content><ofd:Layer ID="3">{text}</ofd:Layer></ofd:Content></ofd:Page>',
    }


def summary_ofd(path: Path) -> None:
    """An OFD (GB/T 33190) as government systems export it: a zip of XML parts."""
    parts = _ofd_parts(
        [
            "兴义市文化广电旅游局2022年度文明单位创建工作总结",
            "一、创建工作总结：全年开展志愿服务活动十余次。",
            "二、下一步打算：持续巩固创建成果。",
        ]
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


def build() -> None:
    folder = "文件/"
    leading_group_notice(place(folder + "2022-02-10 关于成立创建文明单位工作领导小组的通知.docx"))
    plan_with_table(place(folder + "2022-03-01 创建文明单位工作实施方案.docx"))
    slogan_in_text_box(place(folder + "2022-03-05 文明创建宣传标语.docx"))
    yearly_plan(place(folder + "2022年度工作计划.docx"))
    commendation(place(folder + "2022-06-30 关于表彰2022年上半年文明科室的决定.docx"))
    word97(
        etiquette_notice("兴文旅发〔2022〕12号", "关于开展文明礼仪培训的通知"),
        place(folder + "2022-04-01 关于开展文明礼仪培训的通知.doc"),
    )
    word97(
        etiquette_notice("兴文旅发〔2022〕13号", "关于文明礼仪培训考核的通知"),
        place(folder + "2022-04-20 关于文明礼仪培训考核的通知.wps"),
    )
    key_points_pdf(place(folder + "2022-02-18 2022年精神文明建设工作要点.pdf"))
    progress_report_pdf(place(folder + "2022-08-15 创建工作推进情况通报.pdf"))
    scanned_pdf(place(folder + "2022-03-20 创建工作方案（签发稿）.pdf"))
    encrypted_pdf(place(folder + "2022-05-06 创建专项经费使用情况.pdf"))
    summary_ofd(place(folder + "2022-12-20 2022年度文明单位创建工作总结.ofd"))
    minutes(
        place("会议/（2022年3月8日）学习会记录.docx"),
        "2022年3月8日",
        "传达学习文明单位创建工作要求，研究部署全年创建任务。",
    )
    minutes(
        place("会议/学习会记录（2022.7.12）.docx"),
        "2022年7月12日",
        "学习文明单位创建测评细则，通报上半年创建工作情况。",
    )
    minutes(
        place("会议/2022-12-27 党组会议纪要.docx"),
        "2022年12月27日",
        "研究2023年度重点工作安排。",
        "各科室于1月10日前报送2023年工作计划。",
    )
