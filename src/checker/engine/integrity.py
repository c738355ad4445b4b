"""Integrity signals: what an inspector would question in the evidence, beyond the score.

Reused files, official documents without a document number, claimed totals that the
itemised records do not add up to, photos whose camera date disagrees with their record,
documents whose text cannot be read, and evidence dated outside the assessment window.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import compress, repeat
from operator import attrgetter, contains, not_

from checker.engine.anachronism import anachronisms, anchors
from checker.engine.numbering import DOCUMENT_NUMBER, ascii_digits, document_order
from checker.engine.periods import Window
from checker.engine.repetition import repeated_titles
from checker.engine.signals import LABELS, Signal, day, span
from checker.evidence.loader import Evidence
from checker.evidence.model import Claim, Record
from checker.evidence.photos import is_photo
from checker.parsing import claim_kind, format_number, parse_number
from checker.rules.loader import Vocabulary

__all__ = ["LABELS", "Inspector", "Signal", "has_document_number"]

PHOTO_DAYS = 3  # a photo taken within this many days of its record's dates is consistent
_CLAIM_KEYS = ("声称", "claims")


def _when(record: Record) -> str:
    if record.start is None:
        return ""
    return span(record.start, record.end)


def _occasion(record: Record) -> str:
    """“2022年3月5日 周末志愿红：关爱空巢老人（台账.xlsx:11）”: when, what and where."""
    return " ".join(filter(None, [_when(record), record.title])) + f"（{record.source.cited}）"


def has_document_number(texts: Iterable[str]) -> bool:
    """Whether any text holds a 文号 such as 兴人常发〔2022〕2号 (full-width digits too)."""
    return any(DOCUMENT_NUMBER.search(ascii_digits(text)) for text in texts if text)


class Inspector:
    def __init__(
        self,
        evidence: Evidence,
        window: Window,
        current: Sequence[bool],
        vocabulary: Vocabulary,
        official_types: Sequence[str],
    ) -> None:
        self.evidence = evidence
        self.window = window
        self.vocabulary = vocabulary
        self.official = {vocabulary.resolve(name) for name in official_types} - {None}
        self.inside = list(compress(evidence.records, current))
        self.outside = list(compress(evidence.records, map(not_, current)))
        self._claims: list[Claim] | None = None

    def signals(self) -> list[Signal]:
        return [
            *self.duplicates(),
            *self.document_numbers(),
            *(self._claim_signal(claim) for claim in self.claims() if not claim.consistent),
            *self.photo_dates(),
            *self.unreadable(),
            *self.outside_window(),
            *anachronisms(self.inside, self._document_text, self.official),
            *document_order(self.inside, self._document_text, self.official),
            *repeated_titles(
                self.inside,
                {self.vocabulary.resolve("照片"), *self.official},
                anchors().repeat_minimum,
            ),
        ]

    def _document_text(self, name: str) -> str | None:
        """A document's text; None for a photo or any other file that holds no text."""
        texts = self.evidence.texts
        return texts.text_of(name) if texts.is_document(name) else None

    def duplicates(self) -> list[Signal]:
        """The same content behind different activities or dates."""
        uses: dict[str, list[tuple[str, Record]]] = defaultdict(list)
        for record in self.evidence.records:
            for name in record.files:
                try:
                    uses[self.evidence.texts.digest(name)].append((name, record))
                except OSError:
                    continue
        signals = []
        for group in uses.values():
            occasions = {(record.start, record.end, record.title) for _, record in group}
            if len(occasions) < 2:
                continue
            files = sorted({name for name, _ in group})
            used = "；".join(sorted({_occasion(r) for _, r in group}))
            same = "内容完全相同，" if len(files) > 1 else ""
            signals.append(
                Signal(
                    "duplicate",
                    f"{'、'.join(files)} {same}被用作不同活动或日期的证据：{used}",
                    files,
                )
            )
        return signals

    def _unread(self, record: Record) -> list[str]:
        """The record's documents whose text could not be read."""
        texts = self.evidence.texts
        return [n for n in record.files if texts.is_document(n) and texts.text_of(n) is None]

    @cached_property
    def _numberless(self) -> list[tuple[Record, list[str]]]:
        """Official documents in the window whose title, fields and read text hold no 文号,
        each with its documents that could not be read (asked twice: worked out once)."""
        found = []
        for record in self.inside:
            if record.type not in self.official:
                continue
            texts = [record.title, record.text, *(str(v) for v in record.fields.values())]
            texts.extend(self.evidence.texts.text_of(name) or "" for name in record.files)
            if not has_document_number(texts):
                found.append((record, self._unread(record)))
        return found

    def document_numbers(self) -> list[Signal]:
        """Official documents without a 文号. One whose body could not be read is not said to
        lack one: :meth:`unreadable` names it, with the reason, as not checked."""
        return [
            Signal(
                "document_number",
                f"{record.type}“{record.title}”（{record.source.cited}）标题、字段和正文中都没有文号，"
                "正式文件应注明文号，如 兴人常发〔2022〕2号",
                [record.source.file],
            )
            for record, unread in self._numberless
            if not unread
        ]

    def claims(self) -> list[Claim]:
        """Ledger totals rows, and totals claimed by summary records, each beside the sum of
        the itemised records."""
        if self._claims is None:
            self._claims = [*self.evidence.claims, *self._summary_claims()]
        return self._claims

    def _summary_claims(self) -> list[Claim]:
        claims = []
        fields = list(map(attrgetter("fields"), self.inside))
        stating = map(
            any, zip(*(map(contains, fields, repeat(k)) for k in _CLAIM_KEYS), strict=True)
        )
        for record in compress(self.inside, stating):
            stated = next((record.fields[k] for k in _CLAIM_KEYS if k in record.fields), None)
            if not isinstance(stated, dict):
                continue
            for name, value in stated.items():
                claimed = parse_number(value)
                if claimed is None:
                    continue
                itemised, scope = self._itemised(str(name), record)
                claims.append(
                    Claim(record.source, str(name), claimed, itemised, scope, claim_kind(value))
                )
        return claims

    def _itemised(self, name: str, claimant: Record) -> tuple[float, str]:
        others = [r for r in self.inside if r is not claimant]
        window = span(self.window.start, self.window.end)
        for suffix in ("次数", "场次", "次"):
            kind = self.vocabulary.resolve(name.removesuffix(suffix))
            if name.endswith(suffix) and kind:
                count = sum(1 for r in others if r.type == kind)
                return float(count), f"{window}“{kind}”记录条数"
        total = sum(r.number(name) or 0.0 for r in others)
        return total, f"{window}各条记录的“{name}”合计"

    @staticmethod
    def _claim_signal(claim: Claim) -> Signal:
        number = format_number(claim.claimed)
        stated = {"at_least": f"{number}余", "about": f"约{number}"}.get(claim.kind, number)
        return Signal(
            "claim",
            f"{claim.source.cited} 写明“{claim.field}”{stated}，而{claim.scope}为 "
            f"{format_number(claim.itemised)}",
            [claim.source.file],
        )

    def photo_dates(self) -> list[Signal]:
        signals = []
        tolerance = dt.timedelta(days=PHOTO_DAYS)
        for record in self.inside:
            assert record.start is not None
            end = record.end or record.start
            for name in record.files:
                taken = self.evidence.photo_date(name) if is_photo(name) else None
                if taken is None or record.start - tolerance <= taken <= end + tolerance:
                    continue
                days = min(abs((taken - record.start).days), abs((taken - end).days))
                signals.append(
                    Signal(
                        "photo_date",
                        f"{name} 的拍摄日期（EXIF）为 {day(taken)}，与记录“{record.title}”"
                        f"（{record.source.cited}）的日期 {_when(record)} 相差 {days} 天",
                        [name],
                    )
                )
        return signals

    def unreadable(self) -> list[Signal]:
        """Documents whose text could not be read, each with the reason; for an official
        document without a 文号 elsewhere, that its 文号 could not be checked either."""
        names = sorted({name for record in self.evidence.records for name in self._unread(record)})
        unchecked = {name: record for record, unread in self._numberless for name in unread}
        signals = []
        for name in names:
            reason = self.evidence.texts.reason_of(name) or "原因不明"
            official = unchecked.get(name)
            number = f"，也无法核对“{official.title}”的文号" if official else ""
            signals.append(
                Signal(
                    "unreadable",
                    f"{name}：无法提取文本（{reason}），不能据其正文判断是否达标{number}",
                    [name],
                )
            )
        return signals

    def outside_window(self) -> list[Signal]:
        """Records not counted because of their dates, one line per file."""
        by_file: dict[str, list[Record]] = defaultdict(list)
        for record in self.outside:
            by_file[record.source.file].append(record)
        signals = []
        for name in sorted(by_file):
            records = by_file[name]
            first = min(r.start for r in records if r.start)
            last = max((r.end or r.start) for r in records if r.start)
            reason = self._why_outside(first, last)
            when = span(first, last)
            rows = len(records) > 1 or records[0].source.line
            count = f" {len(records)} 条记录" if rows else ""
            signals.append(
                Signal("outside_window", f"{name}{count}（{when}）{reason}，未计入", [name])
            )
        return signals

    def _why_outside(self, first: dt.date, last: dt.date) -> str:
        window = self.window
        if first > window.as_of:
            return f"晚于评估日期{day(window.as_of)}"
        if first > window.cycle_end:
            return f"在创建周期结束（{day(window.cycle_end)}）之后"
        if last < window.start:
            return f"早于评估起点{day(window.start)}"
        return "不在评估期内"
