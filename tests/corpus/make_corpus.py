"""Rebuild the office-file corpus in ``evidence/`` (committed: tests need none of this).

    pip install -e '.[fixtures]'        # openpyxl, xlwt, python-docx, reportlab (Pillow is a dependency)
    python tests/corpus/make_corpus.py  # LibreOffice (soffice) remakes the .doc/.wps when installed

Files are written with fixed metadata and zip entry dates, so a rebuild gives the same bytes
where the writing library allows it (LibreOffice stamps its .doc files with the time of saving).
Every file's expected records, sums, notices and problems are in ``expected.yaml``; change
both together.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import documents
import media
import sheets
import workbooks
from kit import write_text

UNIT = """\
名称: 兴义市文化广电旅游局
类型: 机关
职工人数: 42
创建起始: 2022-01-01
评估日期: 2022-12-31
网格: [桔山街道1网格, 桔山街道2网格, 桔山街道3网格, 桔山街道4网格]
"""

# Record files as staff type them: YAML and Markdown with front matter.
RECORDS = {
    "会议/2022-06-15 党组会议.yaml": """\
类型: 党组会议
标题: 党组会议研究创建工作
日期: 2022-06-15
参与人数: 全体干部职工
""",
    "会议/2022-09-20 创建工作推进会.md": """\
---
类型: 会议
标题: 创建工作推进会
日期: 2022-09-20
参与人数: 班子成员7人
---
会议听取了各科室创建工作进展情况汇报，部署第四季度任务。
""",
    "会议/2022-10-18 党组会议.yaml": """\
类型: 会议
标提: 党组会议传达学习党的二十大精神
日期: 2022-10-18
""",
    "会议/空记录.yaml": "[]\n",
    "台账/宣传/2022-11-09 消防安全宣传进社区.md": """\
---
标题: 消防安全宣传进社区
日期: 2022-11-09
发放资料: 500余份
受教育群众: 约120人
---
在丰都社区开展消防安全宣传，发放宣传资料500余份。
""",
    "文件/2022-09-10 创建工作简报（第3期）.txt": "创建工作简报（第3期）\n"
    "兴义市文化广电旅游局办公室　　2022年9月10日\n"
    "本季度我局持续巩固文明单位创建成果，开展志愿服务活动3次。\n",
    "会议/第四季度会议（待补）.yaml": "# 2022年第四季度会议记录待补录\n# 由办公室王五负责整理\n",
}

FOLDERS = {
    "文件/_folder.yaml": "类型: 文件\n",
    "会议/_folder.yaml": "类型: 会议\n",
    "照片/_folder.yaml": "类型: 照片\n",
    "台账/宣传/_folder.yaml": "类型: 活动\n",
}


def main() -> None:
    write_text("unit.yaml", UNIT)
    for rel, text in {**FOLDERS, **RECORDS}.items():
        write_text(rel, text)
    workbooks.build()
    sheets.build()
    documents.build()
    media.build()


if __name__ == "__main__":
    main()
