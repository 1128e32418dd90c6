"""What a feature is: a named, described, versioned number computed from a ``TextView``."""

from __future__ import annotations

import re
from dataclasses import dataclass


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


def word_pattern(phrases: list[str]) -> re.Pattern[str]:
    """A case-insensitive regex matching any of the phrases as whole words (longest first)."""
    alternatives = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w'’-])", re.IGNORECASE)
