"""The .xlsx ledgers of the corpus, written with openpyxl as Excel and WPS users lay them out:
a title row, a 填报单位 row, the header, the rows, a 合计 row, a blank row and a sign-off line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kit import STAMP, place, restamp

SIGN_OFF = "填表人：张三　　审核人：李四　　填报日期：2022年12月30日"
UNIT_ROW = "填报单位：兴义市文化广电旅游局（盖章）"


def _save(book: Any, rel: str) -> None:
    book.properties.created = STAMP
    book.properties.modified = STAMP
    book.properties.creator = "办公室"
    path = place(rel)
    book.save(path)
    restamp(path)


def _titled(sheet: Any, title: str, width: int) -> None:
    """Title and unit rows, each merged across the table as offices do."""
    last = chr(ord("A") + width - 1)
    sheet.append([title])
    sheet.merge_cells(f"A1:{last}1")
    sheet.append([UNIT_ROW])
    sheet.merge_cells(f"A2:{last}2")


def volunteer_year() -> None:
    """Every date and number form in one ledger, 佐证材料 naming files and describing them, a
    row without a date, a missing attachment, and the sign-off line merged across the row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "志愿服务"
    _titled(sheet, "2022年志愿服务活动台账", 7)
    sheet.append(
        ["序号", "活动日期", "活动名称", "活动地点", "参加人数", "发放资料（份）", "佐证材料"]
    )
    rows: list[list[Any]] = [
        [
            1,
            dt.date(2022, 1, 15),
            "春节前走访慰问困难群众",
            "桔山街道",
            12,
            200,
            "2022-01-15 走访慰问.jpg",
        ],
        [2, "2022.2.19", "文明交通劝导", "桔山大道", "约30人", "2,000", "照片3张、签到表1份"],
        [
            3,
            "3月5日",
            "学雷锋志愿服务活动",
            "丰都社区",
            "三十人",
            "二百余份",
            "2022-03-05 学雷锋1.jpg、2022-03-05 学雷锋2.jpg",
        ],
        [
            4,
            "2022.7.5-7.7",
            "暑期文化志愿服务",
            "市图书馆",
            15,
            500,
            "2022-07-05 暑期志愿服务.jpg；\n2022-07-07 暑期志愿服务.jpg",
        ],
        [5, "2022年9月", "文明城市创建宣传", "万峰林街道", 20, "见附件", "见附件"],
        [6, None, "关爱留守儿童", "桔山小学", 10, 100, None],
        [7, dt.date(2022, 10, 13), "重阳节敬老志愿服务", "市社会福利院", 18, 150, "x.jpg"],
        [8, dt.date(2022, 12, 5), "国际志愿者日宣传", "富康广场", 25, 300, None],
        ["合计", None, None, None, 160, 3450, None],
        [None] * 7,
        [SIGN_OFF],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A14:G14")
    for cell in ("B4", "B10", "B11"):
        sheet[cell].number_format = "yyyy年m月d日"
    sheet["G7"].alignment = sheet["G7"].alignment.copy(wrap_text=True)
    _save(book, "台账/2022年志愿服务活动台账.xlsx")


def volunteer_quarter() -> None:
    """The sign-off split over cells (one under the date column, one under a number column)
    and a note line below it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    _titled(sheet, "2022年第四季度志愿服务台账", 5)
    sheet.append(["序号", "日期", "活动名称", "参加人数", "备注"])
    sheet.append([1, dt.date(2022, 10, 22), "清洁家园志愿服务", 16, None])
    sheet.append([2, dt.date(2022, 11, 19), "文明餐桌宣传", 12, "与社区联合开展"])
    sheet.append([None] * 5)
    sheet.append(["填表人：王五", "审核人：赵六", None, "填报日期：2022年12月28日", None])
    sheet.append(["备注：本表由办公室统一汇总，活动照片另行归档。"])
    sheet.merge_cells("A8:E8")
    for cell in ("B4", "B5"):
        sheet[cell].number_format = "yyyy-mm-dd"
    _save(book, "台账/2022年第四季度志愿服务台账.xlsx")


def publicity_two_row_header() -> None:
    """宣传情况 merged over 发放资料（份）/受教育群众（人）; 序号/日期/活动名称 merged down."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "宣传活动"
    _titled(sheet, "2022年普法宣传活动登记表", 6)
    sheet.append(["序号", "日期", "活动名称", "宣传情况", None, "佐证材料"])
    sheet.append([None, None, None, "发放资料（份）", "受教育群众（人）", None])
    for column in "ABCF":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("D3:E3")
    sheet.append([1, "二〇二二年三月八日", "三八妇女节普法宣传", "二百余份", 150, None])
    sheet.append([2, "２０２２年４月１５日", "全民国家安全教育日宣传", "2,000", 300, None])
    sheet.append([3, "2022-06-26 14:30", "国际禁毒日宣传", 800, "约200人", None])
    sheet.append([4, "2022年12月4日（星期日）", "国家宪法日宣传", 1200, 500, None])
    sheet.append(["合计", None, None, 4200, 1150, None])
    sheet.append([None] * 6)
    sheet.append([SIGN_OFF])
    sheet.merge_cells("A11:F11")
    _save(book, "台账/宣传/2022年普法宣传活动登记表.xlsx")


def study_with_hidden_sheet() -> None:
    """The visible sheet holds the year's study meetings but the third quarter's; a hidden,
    superseded sheet must not be read."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "学习会"
    _titled(sheet, "2022年干部职工集中学习登记表", 4)
    sheet.append(["日期", "学习内容", "主持人", "参加人数"])
    rows = [
        (dt.date(2022, 1, 13), "学习党的十九届六中全会精神", "局长", 38),
        (dt.date(2022, 2, 17), "学习《新时代公民道德建设实施纲要》", "副局长", "全体干部职工"),
        (dt.date(2022, 3, 10), "学习《兴义市群众性精神文明创建活动管理办法》", "局长", 36),
        (dt.date(2022, 4, 14), "学习《中华人民共和国民法典》", "局长", 35),
        (dt.date(2022, 5, 12), "学习习近平总书记五四重要讲话精神", "副局长", 40),
        (dt.date(2022, 6, 9), "学习《中国共产党纪律处分条例》", "局长", 37),
        (dt.date(2022, 10, 13), "学习党的二十大报告", "局长", 41),
        (dt.date(2022, 11, 10), "学习党的二十大党章修正案", "局长", 39),
        (dt.date(2022, 12, 8), "学习中央经济工作会议精神", "副局长", 36),
    ]
    for row in rows:
        sheet.append(list(row))
    for number in range(4, 13):
        sheet[f"A{number}"].number_format = "yyyy/m/d"
    old = book.create_sheet("旧表（作废）")
    old.append(["日期", "学习内容", "参加人数"])
    old.append([dt.date(2022, 7, 14), "作废：学习内容待定", 30])
    old.append([dt.date(2022, 8, 18), "作废：学习内容待定", 30])
    old.sheet_state = "hidden"
    _save(book, "台账/2022年干部职工集中学习登记表.xlsx")


def volunteer_monthly_sheets() -> None:
    """A sheet per month, each dated its own way, and a 汇总 sheet of counts without dates."""
    from openpyxl import Workbook

    book = Workbook()
    months: list[tuple[str, Any, str, int]] = [
        ("4月", "4月16日", "植树护绿志愿服务", 10),
        ("5月", dt.date(2022, 5, 21), "文明旅游志愿服务", 12),
        ("6月", "2022/6/18", "端午节文明劝导", 8),
    ]
    for index, (name, day, activity, people) in enumerate(months):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        sheet.append([f"2022年{name}志愿服务情况"])
        sheet.merge_cells("A1:C1")
        sheet.append(["日期", "活动名称", "参加人数"])
        sheet.append([day, activity, people])
        sheet["A3"].number_format = "yyyy-mm-dd"
    summary = book.create_sheet("汇总")
    summary.append(["2022年上半年志愿服务月报汇总"])
    summary.merge_cells("A1:C1")
    summary.append(["月份", "活动次数", "参加人次"])
    for row in (["4月", 1, 10], ["5月", 1, 12], ["6月", 1, 8], ["合计", 3, 30]):
        summary.append(row)
    _save(book, "台账/2022年志愿服务月报.xlsx")


def meetings_dates_in_words() -> None:
    """Meeting dates as people type them, and 参加人数 in words."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "会议"
    _titled(sheet, "2022年会议记录台账", 5)
    sheet.append(["序号", "日期", "会议名称", "参加人数", "主持人"])
    sheet.append([1, "2022年3月8日（星期二）", "党组会议（研究创建工作）", "班子成员7人", "局长"])
    sheet.append([2, "2022年5月10日上午", "创建工作推进会", "全体干部职工", "局长"])
    sheet.append([3, "２０２２年８月１６日", "党组会议（专题研究文明创建）", 9, "局长"])
    sheet.append([4, dt.datetime(2022, 11, 22, 15, 0), "年度工作总结部署会", 40, "局长"])
    sheet.append([5, "2022年12月20日下午", "党组会议（年度考核）", 9, "局长"])
    sheet["B7"].number_format = "yyyy-mm-dd hh:mm"
    sheet.append([None] * 5)
    sheet.append(["制表人：", "王五", None, "制表日期：2022年12月30日", None])
    _save(book, "台账/2022年会议记录台账.xlsx")


def build() -> None:
    volunteer_year()
    volunteer_quarter()
    publicity_two_row_header()
    study_with_hidden_sheet()
    volunteer_monthly_sheets()
    meetings_dates_in_words()
