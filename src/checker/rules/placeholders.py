r"""``{名称}``-style placeholders: a rule names a ``unit.yaml`` fact, so no rule is written for
one unit.

A placeholder is a fact's name in braces. A name never starts with a digit or a comma, so a
pattern's ``{0,30}`` is a quantifier, not a placeholder, and braces after ``\p`` (``\p{Han}``)
are a character class. A list fact (``网格``) stands for each
of its items: a keyword becomes one keyword per item; in prose it reads as the items joined
with 、. In a ``pattern`` the fact is matched literally (``（`` and ``.`` in a unit's name are
not pattern syntax).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Not after \p or \P: RE2's \p{Han} is a character class, not a fact.
PLACEHOLDER = re.compile(r"(?<!\\[pP])\{([^{}\d,\s][^{}]*)\}")
_EXAMPLE = "示例"

Lookup = Callable[[str], "str | list[str] | None"]


class MissingFact(KeyError):
    """A placeholder whose fact ``unit.yaml`` does not hold, or holds as something that
    cannot stand in text (``unusable``: a mapping)."""

    def __init__(self, name: str, *, unusable: bool = False) -> None:
        super().__init__(name)
        self.name = name
        self.unusable = unusable


def names_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def fill_example(text: str) -> str:
    """``text`` with every placeholder replaced by a stand-in (to check a pattern compiles)."""
    return PLACEHOLDER.sub(_EXAMPLE, text)


def fill_text(text: str, lookup: Lookup) -> str:
    """Prose (a title, guidance): each placeholder replaced by its fact."""

    def value(match: re.Match[str]) -> str:
        fact = _fact(match.group(1), lookup)
        return "、".join(fact) if isinstance(fact, list) else fact

    return PLACEHOLDER.sub(value, text)


def fill_words(words: list[str], lookup: Lookup, *, literal: bool = False) -> list[str]:
    """Keywords, content words or patterns: a word naming a list fact becomes one word per
    item; in patterns (``literal``) the fact is escaped."""
    filled: list[str] = []
    for word in words:
        names = names_in(word)
        if not names:
            filled.append(word)
            continue
        variants = [word]
        for name in dict.fromkeys(names):
            fact = _fact(name, lookup)
            items = fact if isinstance(fact, list) else [fact]
            shown = [re.escape(item) if literal else item for item in items]
            variants = [v.replace("{" + name + "}", item) for v in variants for item in shown]
        filled.extend(variants)
    return filled


def _fact(name: str, lookup: Lookup) -> str | list[str]:
    fact = lookup(name)
    if fact is None or fact == "" or fact == []:
        raise MissingFact(name)
    return fact
