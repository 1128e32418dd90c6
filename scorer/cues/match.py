"""A cue: one piece of evidence, its kind and its character offsets."""

from __future__ import annotations

import re
from typing import Any, NamedTuple


class Match(NamedTuple):
    """One cue found in a text (a tuple: cheap to build for every regex hit)."""

    kind: str
    start: int
    end: int
    text: str


def find_all(kind: str, pattern: re.Pattern[str] | Any, text: str) -> list[Match]:
    """Every non-overlapping match of ``pattern`` (``re``, or RE2's like-named API) in ``text`` as a cue of ``kind``."""
    return [Match(kind, m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
