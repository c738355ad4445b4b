"""``checker batch``: the 文明办's view of many units at once (ranked, with review verdicts).

The summary every renderer reads is a plain dict (its shape is documented in docs/batch.md);
each summary format is a module with ``render(summary) -> str | bytes``, imported on use."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SummaryFormat:
    module: str
    extension: str
    binary: bool = False


SUMMARY_FORMATS: dict[str, SummaryFormat] = {
    "json": SummaryFormat("checker.batch.summary", "json"),
    "xlsx": SummaryFormat("checker.batch.xlsx_summary", "xlsx", binary=True),
    "html": SummaryFormat("checker.batch.html_summary", "html"),
    "markdown": SummaryFormat("checker.batch.markdown_summary", "md"),
}
SUMMARY_NAME = "汇总"  # the summary's file name in an output folder: 汇总.xlsx
