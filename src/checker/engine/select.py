"""Which records a requirement counts: type, tags, field conditions, keywords, content."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, compress
from operator import attrgetter, methodcaller, not_, or_

from checker.evidence.columns import each
from checker.evidence.model import COUNTED_FILES, Record, canonical_field
from checker.evidence.text import TextStore
from checker.parsing import parse_number
from checker.rules.loader import Vocabulary
from checker.rules.models import Bounds, Condition, Requirement
from checker.rules.patterns import Searcher, any_of


def values_of(record: Record, name: str) -> list[str]:
    """A field's values as text (a list field gives each item), for ``distinct`` and ``per``."""
    return _texts(record.value(name))


def _texts(value: object) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [text for item in items if (text := str(item).strip())]


_OWN_ATTRIBUTES = frozenset({"type", "title", "tags", "date", "start", "end"})


def values_in(records: Sequence[Record], name: str) -> list[list[str]]:
    """``values_of`` for many records: a field's values as text, converted once per distinct
    value."""
    name = canonical_field(name)
    if name in _OWN_ATTRIBUTES:
        return [values_of(record, name) for record in records]
    return each(_texts, list(map(methodcaller("get", name), map(_FIELDS, records))))


def numbers_in(records: Sequence[Record], name: str) -> list[float | None]:
    """``Record.number`` for many records."""
    name = canonical_field(name)
    if name in COUNTED_FILES:
        return [record.number(name) for record in records]
    return each(parse_number, list(map(methodcaller("get", name), map(_FIELDS, records))))


def _holds(record: Record, name: str, condition: Condition) -> bool:
    if isinstance(condition, Bounds):
        if condition.filled is not None:  # written in at all (a 主讲人, a 佐证材料)
            return bool(values_of(record, name)) is condition.filled
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


_SOURCE = attrgetter("source")


def _text_fields(record: Record) -> list[str]:
    """A record's other written fields (a ledger's 学习内容, 工作内容, 备注): part of its text."""
    return [value for value in record.fields.values() if isinstance(value, str)]


class Selector:
    """Indexes records by type once, so each requirement looks only at its own types."""

    def __init__(
        self,
        records: Iterable[Record],
        vocabulary: Vocabulary,
        texts: TextStore,
        contexts: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.texts = texts
        # Each ledger table's title lines, sheet and file name (casefolded), by (file, sheet):
        # part of every one of its rows' text for keywords, matched once per table.
        self.contexts = dict(contexts or {})
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
        lists = [
            self.by_type[name] for name in sorted(t for t in types if t) if name in self.by_type
        ]
        if len(lists) == 1:  # a single type's records, in the order they were loaded
            return list(lists[0])
        return sorted(chain.from_iterable(lists), key=_SOURCE)

    def select(self, requirement: Requirement) -> tuple[list[Record], list[str]]:
        """The matching records, and documents whose text could not be read for ``content``."""
        found = self.candidates(requirement)
        if requirement.tags:
            tags = set(requirement.tags)
            found = list(compress(found, map(tags.issubset, map(attrgetter("tags"), found))))
        for name, condition in requirement.where.items():
            found = [record for record in found if _holds(record, name, condition)]
        if requirement.keywords:
            words = _any_of(requirement.keywords)
            joined = any(not word.strip() or _SPACE.search(word) for word in requirement.keywords)
            found = self._mentioning(found, words, joined)
        if requirement.pattern:  # a pattern may run across fields, as a spaced keyword does
            found = self._mentioning(found, any_of(requirement.pattern), True)
        unreadable: set[str] = set()
        if requirement.content:
            content = [word.casefold() for word in requirement.content]
            kept = []
            for record in found:
                text, missing = self._content(record)
                if any(word in text for word in content):
                    kept.append(record)
                else:
                    unreadable.update(missing)
            found = kept
        return found, sorted(unreadable)

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

    def _mentioning(self, records: list[Record], words: Searcher, joined: bool) -> list[Record]:
        """The records whose title, tags or written fields mention one of ``words``; the
        documents' text is read only for those that do not. ``joined``: a match may run
        across two fields (a keyword with a space, a pattern)."""
        if joined:
            heads = self._heads_of(records)
            hits = list(map(bool, map(words.search, heads)))
        else:
            hits = _mention_hits(records, words)
        hits = self._in_context(records, words, hits)
        if all(hits):
            return records
        for index in compress(range(len(records)), map(not_, hits)):
            record = records[index]
            if (record.text or record.files) and words.search(self._content(record)[0]):
                hits[index] = True
        return list(compress(records, hits))

    def _in_context(self, records: list[Record], words: Searcher, hits: list[bool]) -> list[bool]:
        """``hits``, and the rows of every table whose context mentions one of ``words``: each
        table's context is searched once, the rows are looked up in C."""
        tables = {key for key, text in self.contexts.items() if words.search(text)}
        if not tables:
            return hits
        return list(map(or_, hits, map(tables.__contains__, map(_TABLE, records))))

    def _heads_of(self, records: list[Record]) -> list[str]:
        """Title, tags and written fields, casefolded: worked out once per record."""
        heads = self._heads
        missing = [record for record in records if id(record) not in heads]
        heads.update(
            (id(record), " ".join((record.title, *record.tags, *_text_fields(record))).casefold())
            for record in missing
        )
        return list(map(heads.__getitem__, map(id, records)))


_SPACE = re.compile(r"\s")


def _mention_hits(records: list[Record], words: Searcher) -> list[bool]:
    """Per record: whether its title, a tag or a written field mentions one of ``words``
    (none of which holds a space, so no match runs across two of them). Each distinct tag
    list and field value is searched once."""

    def mentions(value: object) -> bool:
        return isinstance(value, str) and words.search(value.casefold()) is not None

    def tagged(tags: tuple[str, ...]) -> bool:
        return any(map(mentions, tags))

    titles = map(words.search, map(str.casefold, map(_TITLE, records)))
    found = [list(map(bool, titles)), each(tagged, list(map(_TAGS, records)))]
    fields = list(map(_FIELDS, records))
    for name in sorted(set().union(*fields)):
        found.append(each(mentions, list(map(methodcaller("get", name), fields))))
    return list(map(any, zip(*found, strict=True)))


_TITLE, _TAGS, _FIELDS = attrgetter("title"), attrgetter("tags"), attrgetter("fields")
_TABLE = attrgetter("source.file", "source.sheet")
