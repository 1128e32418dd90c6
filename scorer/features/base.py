"""What a feature is: a named, described, versioned number computed from a ``TextView``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorer.text import Tokens


@dataclass(frozen=True)
class Feature:
    """One column of the feature schema."""

    name: str
    description: str
    version: int = 1
    in_model: bool = True  # False: computed and reported, but not a classifier input


@dataclass(frozen=True)
class Match:
    """One piece of evidence inside a sentence: a cue and its character offsets."""

    kind: str
    start: int
    end: int
    text: str


def find_all(kind: str, pattern: re.Pattern[str], text: str) -> list[Match]:
    """Every non-overlapping match of ``pattern`` in ``text`` as evidence of ``kind``."""
    return [Match(kind, m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def rate(count: float, total: float) -> float:
    """``count / total``, or 0.0 when there is nothing to divide by."""
    return count / total if total else 0.0


class PhraseMatcher:
    """Finds word phrases of several kinds (case-insensitive, whole words, longest first) in one pass.

    A big regex alternation tries every phrase at every position; this looks each word up
    once in a table keyed by the phrases' first words, so its cost grows with the text, not
    with the size of the word lists.
    """

    def __init__(self, phrases: dict[str, list[str]]) -> None:
        from scorer.text import words_of

        table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind, entries in phrases.items():
            for phrase in {p.strip().lower() for p in entries if p.strip()}:
                words = tuple(words_of(phrase))
                if words:
                    table.setdefault(words[0], []).append((words, kind))
        self._table = {first: sorted(found, key=lambda f: -len(f[0])) for first, found in table.items()}

    def find(self, text: str, tokens: Tokens | None = None) -> list[Match]:
        """Non-overlapping phrase matches in ``text`` (pass its ``tokenize`` output to reuse it)."""
        from scorer.text import tokenize

        tokens = tokenize(text) if tokens is None else tokens
        lower, spans, table = tokens.lower, tokens.spans, self._table
        found: list[Match] = []
        taken = -1
        for i in [i for i, word in enumerate(lower) if word in table]:
            if i <= taken:
                continue
            for words, kind in table[lower[i]]:
                k = len(words)
                if lower[i : i + k] == list(words) and all(
                    text[spans[j - 1][1] : spans[j][0]].isspace() for j in range(i + 1, i + k)
                ):
                    start, end = spans[i][0], spans[i + k - 1][1]
                    found.append(Match(kind, start, end, text[start:end]))
                    taken = i + k - 1
                    break
        return found
