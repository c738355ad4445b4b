"""Which records a requirement counts: type, tags, field conditions, keywords, content."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from checker.evidence.model import Record
from checker.evidence.text import TextStore
from checker.rules.loader import Vocabulary
from checker.rules.models import Bounds, Condition, Requirement


def values_of(record: Record, name: str) -> list[str]:
    """A field's values as text (a list field gives each item), for ``distinct`` and ``per``."""
    value = record.value(name)
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [text for item in items if (text := str(item).strip())]


def _holds(record: Record, name: str, condition: Condition) -> bool:
    if isinstance(condition, Bounds):
        number = record.number(name)
        if number is None:
            return False
        return (condition.min is None or number >= condition.min) and (
            condition.max is None or number <= condition.max
        )
    if isinstance(condition, list):
        return any(_holds(record, name, option) for option in condition)
    if isinstance(condition, bool):
        return record.value(name) is condition
    if isinstance(condition, float):
        return record.number(name) == condition
    return condition.strip() in values_of(record, name)


def _any_of(words: list[str]) -> re.Pattern[str]:
    """One pattern for “any of these words”, casefolded: searched in C, once per text."""
    return re.compile("|".join(re.escape(word.casefold()) for word in words))


def _text_fields(record: Record) -> list[str]:
    """A record's other written fields (a ledger's 学习内容, 工作内容, 备注): part of its text."""
    return [value for value in record.fields.values() if isinstance(value, str)]


class Selector:
    """Indexes records by type once, so each requirement looks only at its own types."""

    def __init__(self, records: Iterable[Record], vocabulary: Vocabulary, texts: TextStore) -> None:
        self.vocabulary = vocabulary
        self.texts = texts
        self.all: list[Record] = list(records)
        self.by_type: dict[str | None, list[Record]] = defaultdict(list)
        for record in self.all:
            self.by_type[record.type].append(record)
        self._contents: dict[int, tuple[str, list[str]]] = {}
        self._heads: dict[int, str] = {}  # title, tags and written fields, casefolded

    def candidates(self, requirement: Requirement) -> list[Record]:
        if not requirement.type:
            return self.all
        types = {self.vocabulary.resolve(name) for name in requirement.type}
        found: list[Record] = []
        for name in sorted(t for t in types if t):
            found.extend(self.by_type.get(name, []))
        return sorted(found, key=lambda record: record.source) if len(types) > 1 else found

    def select(self, requirement: Requirement) -> tuple[list[Record], list[str]]:
        """The matching records, and documents whose text could not be read for ``content``."""
        selected: list[Record] = []
        unreadable: set[str] = set()
        tags = set(requirement.tags)
        where = list(requirement.where.items())
        keywords = _any_of(requirement.keywords) if requirement.keywords else None
        content = [word.casefold() for word in requirement.content]
        for record in self.candidates(requirement):
            if tags and not tags.issubset(record.tags):
                continue
            if where and not all(_holds(record, k, c) for k, c in where):
                continue
            if keywords is not None and not self._mentions(record, keywords):
                continue
            if content:
                text, missing = self._content(record)
                if not any(word in text for word in content):
                    unreadable.update(missing)
                    continue
            selected.append(record)
        return selected, sorted(unreadable)

    def _content(self, record: Record) -> tuple[str, list[str]]:
        """The record's own text and its documents' text, casefolded, and the documents whose
        text could not be extracted. Computed once per record."""
        key = id(record)
        if key not in self._contents:
            self._contents[key] = self._read_content(record)
        return self._contents[key]

    def _read_content(self, record: Record) -> tuple[str, list[str]]:
        parts = [record.text]
        missing = []
        for document in record.files:
            text = self.texts.text_of(document)
            if text is None:
                if self.texts.is_document(document):
                    missing.append(document)
            else:
                parts.append(text)
        return "\n".join(parts).casefold(), missing

    def _mentions(self, record: Record, words: re.Pattern[str]) -> bool:
        """Title, tags and written fields first: the documents' text is read only when they
        do not match."""
        key = id(record)
        head = self._heads.get(key)
        if head is None:
            head = " ".join((record.title, *record.tags, *_text_fields(record))).casefold()
            self._heads[key] = head
        if words.search(head):
            return True
        return words.search(self._content(record)[0]) is not None
