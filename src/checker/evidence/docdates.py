"""The 成文日期 of an office document: the date of its 落款, read from its text.

Offices name documents by their 文号 and title ("兴某发〔2024〕3号 关于成立…的通知.docx"); the
date stands in the 落款 at the end of the body, on a line of its own under the signing unit
("2024年1月10日", "二〇二四年一月十日"), sometimes on the unit's line ("某某局 2024年1月10日").
After it may come 附件, 抄送, 印发 lines and a page number, so the 成文日期 is the LAST line that is
only a date (or a unit's name and a date); a PDF's text may run its columns together, so a
date line in the middle of the page (before 抄送) is found the same way. A line with a colon
("公示期：2024年12月16日至12月20日") is a fact in the body, not a 落款.

A record of an activity or a meeting has no 落款: its date stands in a labelled line near the
top (“时间：2024年11月26日上午9:30　地点：…”, “会议时间：…”). When no 落款 dates the text, the
first such line does.
"""

from __future__ import annotations

import datetime as dt
import re

from checker.numerals import fold_text

# Only a date: a whole date, in the Chinese form a 落款 uses (NFKC and numerals already folded).
_DATE = r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
# A signing unit before it: Chinese text without punctuation that ends a clause or labels a
# field (a 落款 line is “兴义市某某局 2024年1月10日”, never “时间：…” or “…，2024年…”).
_SIGNER = r"(?:[^\s，。；：:,;！？!?、“”\"（）()]{2,40}\s*)?"
_SIGN_OFF = re.compile(rf"^[（(]?\s*{_SIGNER}{_DATE}\s*[）)]?$")
# The 落款 lies near the end; a long document's first pages never hold it.
_TAIL_LINES = 80
# Invisible or spacing characters offices leave in the lines (full-width spaces, tabs, NBSP).
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b]+")


# “时间：2024年11月26日”, “会议时间: …”, “活动日期：…” at the start of a line near the top.
_LABELLED = re.compile(rf"^[^\s，。；：:]{{0,6}}(?:时间|日期)\s*[:：]\s*{_DATE}")
_HEAD_LINES = 15


def written_on(text: str) -> dt.date | None:
    """The date a document's text gives it: its 落款 (``signed_on``), else the labelled date
    line of a record (``时间：…``) near its top."""
    return signed_on(text) or _labelled(text)


def _labelled(text: str) -> dt.date | None:
    for line in text.splitlines()[:_HEAD_LINES]:
        match = _LABELLED.match(fold_text(_SPACES.sub(" ", line).strip()))
        if match is not None:
            return _day(match)
    return None


def _day(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:  # 2024年2月30日 is a typing error, not a date to trust
        return None


def signed_on(text: str) -> dt.date | None:
    """The 成文日期 of a document's text: the last line that is only a date, possibly after
    the signing unit's name; ``None`` when no line is. Attachments printed after the 落款
    (a line of its own that says 附件 or 附件1) carry dates of their own: the 落款 is sought
    before them first."""
    lines = text.splitlines()
    cut = next((n for n, line in enumerate(lines) if _ATTACHMENT.match(line.strip())), None)
    if cut is not None:
        day = _last_sign_off(lines[:cut])
        if day is not None:
            return day
    return _last_sign_off(lines)


_ATTACHMENT = re.compile(r"^附\s*件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})?\s*[:：]?$")


def _last_sign_off(lines: list[str]) -> dt.date | None:
    for line in reversed(lines[-_TAIL_LINES:]):
        plain = _SPACES.sub(" ", line).strip()
        if not plain or len(plain) > 60 or "年" not in plain:
            continue
        match = _SIGN_OFF.match(fold_text(plain))
        day = _day(match) if match is not None else None
        if day is not None:
            return day
    return None


def title_line(text: str) -> str:
    """The document's title: its first line that reads as one (not the red header's 文件
    line, a 文号 or a rule of ━), for typing a document whose name says nothing."""
    for line in text.splitlines()[:12]:
        plain = _SPACES.sub("", line)
        if len(plain) < 4 or not re.search(r"[\u4e00-\u9fff]", plain):
            continue
        if plain.endswith("文件") or _WENHAO.search(plain) or plain.endswith(("：", ":")):
            continue
        return plain
    return ""


# A 文号 line, with or without the 签发人 beside it (兴某发〔2024〕3号　签发人：张三).
_WENHAO = re.compile(r"^[^\s]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号|^[〔\[［]\d{4}[〕\]］]")
