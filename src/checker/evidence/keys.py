"""The keys a record may be written with, and the misspellings of them that must not pass.

Any key is a field of its own (``发放资料: 2000``), so a misspelt standard key (``标提``) would
silently become a field nobody reads. A key is taken for a misspelling when it is not known and
reads like a known one: the same length, and where they differ, characters of the same sound
(Chinese input methods type by pinyin, so ``标提`` for ``标题``, ``日其`` for ``日期``),
or for an English key one typed letter off. ``类别`` beside ``类型`` or ``主题`` beside
``标题`` sound different and stay fields of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from checker.evidence.model import COUNTED_FILES, FIELD_ALIASES, STANDARD_FIELDS, canonical_field
from checker.validation import closest

if TYPE_CHECKING:
    from checker.rules.loader import RuleSet

_STANDARD_KEYS = frozenset({*FIELD_ALIASES, *STANDARD_FIELDS, "participants", *COUNTED_FILES})


@dataclass(frozen=True)
class RecordKeys:
    """The fields the rule set reads (besides the standard ones), and those it adds up."""

    named: frozenset[str] = frozenset()
    summed: frozenset[str] = frozenset()
    known: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "known", _STANDARD_KEYS | self.named | self.summed)

    @classmethod
    def of(cls, rules: RuleSet) -> RecordKeys:
        named: set[str] = set()
        summed: set[str] = set()
        for rule in rules.rules:
            for requirement in rule.requires:
                named.update(map(canonical_field, requirement.where))
                named.update(
                    canonical_field(name)
                    for name in (requirement.distinct, requirement.per)
                    if name
                )
                if requirement.sum:
                    summed.add(canonical_field(requirement.sum))
        return cls(frozenset(named), frozenset(summed))

    def misspelt(self, key: str) -> str | None:
        """The known key that ``key`` misspells, or None (a known key, or a field of its own)."""
        key = key.strip()
        if key in self.known:
            return None
        return _closest(key, self.known)


@cache
def _closest(key: str, known: frozenset[str]) -> str | None:
    if key.isascii():  # one typed letter off: titel, particpants
        ascii_keys = [k for k in known if k.isascii() and len(k) >= 4]
        return closest(key.lower(), ascii_keys, cutoff=0.8) if len(key) >= 4 else None
    for candidate in sorted(known):
        if len(candidate) != len(key) or candidate.isascii():
            continue
        differing = [(a, b) for a, b in zip(key, candidate, strict=True) if a != b]
        if 0 < len(differing) <= len(key) // 2 and all(_sound_alike(a, b) for a, b in differing):
            return candidate
    return None


def _sound_alike(first: str, second: str) -> bool:
    """Two characters an input method may confuse: the same everyday reading, tones aside
    (其 for 期; not 记 for 期, whose rare reading ji would make 日记 a misspelling)."""
    return bool(_readings(first) & _readings(second))


@cache
def _readings(character: str) -> frozenset[str]:
    from pypinyin import Style, pinyin  # only when a key may be a misspelling (0.2 s to load)

    readings = pinyin(character, style=Style.NORMAL, errors="ignore")
    return frozenset(reading for group in readings for reading in group)
