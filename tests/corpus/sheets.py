"""The ledgers not written by openpyxl: a legacy .xls and a WPS .et (both BIFF, by xlwt),
and CSV files as Excel on Chinese Windows saves them (GBK, or UTF-8 with a BOM; CRLF)."""

from __future__ import annotations

import datetime as dt

from kit import place, write_text


def study_xls() -> None:
    """Dates as an Excel date cell, as a bare integer serial (no date format), and as text."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("学习会")
    sheet.write_merge(0, 0, 0, 2, "2022年第三季度干部职工学习会登记表")
    for column, name in enumerate(["日期", "学习内容", "参加人数"]):
        sheet.write(1, column, name)
    sheet.write(2, 0, dt.date(2022, 7, 21), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    sheet.write(2, 1, "学习《习近平谈治国理政》第四卷")
    sheet.write(2, 2, 35)
    sheet.write(3, 0, 44819)  # 2022-09-15, typed as a number
    sheet.write(3, 1, "学习《关于新时代加强和改进思想政治工作的意见》")
    sheet.write(3, 2, 36)
    sheet.write(4, 0, "2022-09-29")
    sheet.write(4, 1, "学习习近平总书记关于精神文明建设的重要论述")
    sheet.write(4, 2, "38人")
    book.save(str(place("台账/2022年第三季度学习会登记.xls")))


def grid_et() -> None:
    """A WPS 表格 workbook: WPS saves .et files in the BIFF format of .xls."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("入户登记")
    sheet.write_merge(0, 0, 0, 3, "2022年网格包保入户登记表")
    for column, name in enumerate(["走访日期", "网格", "入户户数", "走访内容"]):
        sheet.write(1, column, name)
    style = xlwt.easyxf(num_format_str="YYYY/M/D")
    rows = [
        (dt.date(2022, 5, 7), "桔山街道1网格", 12, "文明创建政策宣传"),
        (dt.date(2022, 5, 14), "桔山街道2网格", 8, "环境卫生整治"),
        (dt.date(2022, 6, 11), "桔山街道1网格", 10, "垃圾分类入户宣传"),
    ]
    for number, (day, grid, homes, note) in enumerate(rows, start=2):
        sheet.write(number, 0, day, style)
        sheet.write(number, 1, grid)
        sheet.write(number, 2, homes)
        sheet.write(number, 3, note)
    book.save(str(place("台账/2022年网格包保入户登记.et")))


def grid_csv_utf8_bom() -> None:
    """Excel's “CSV UTF-8” save: a BOM, CRLF line ends."""
    text = "日期,网格,走访内容\n2022/7/9,桔山街道3网格,文明创建宣传\n2022/8/13,桔山街道2网格,环境卫生检查\n"
    place("台账/网格入户登记（下半年）.csv").write_bytes(
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    )


def publicity_csv_gbk() -> None:
    """Excel's plain CSV save on Chinese Windows: GBK, CRLF, the title row padded with commas,
    a 发放资料 cell that says 见附件 and a 合计 row."""
    text = (
        "2022年法治宣传活动台账,,,\n"
        "日期,活动名称,发放资料（份）,备注\n"
        "2022/3/15,消费者权益日宣传,300,\n"
        '2022/5/15,防范电信诈骗宣传,"1,500",联合公安局\n'
        "2022/10/30,重阳节法律宣传,见附件,\n"
        "合计,,1800,\n"
    )
    write_text("台账/宣传/法治宣传台账.csv", text, encoding="gbk", newline="\r\n")


def lecture_csv_utf8() -> None:
    """A UTF-8 CSV without a BOM (saved by WPS or a script)."""
    text = (
        "日期,主题,主讲人,参加人数\n"
        "2022年3月18日,孝老爱亲 家风传承,王老师,45\n"
        "2022年6月24日,诚信守法 爱岗敬业,李老师,42\n"
    )
    write_text("台账/2022年道德讲堂登记.csv", text)


def build() -> None:
    study_xls()
    grid_et()
    grid_csv_utf8_bom()
    publicity_csv_gbk()
    lecture_csv_utf8()
