"""Regular-expression cues: hedging modals, titled people, dates, figures, direct quotes, named sources.

Each finder runs over a whole text (or one sentence) and returns ``Match`` cues with offsets
into it. Their patterns and the word lists they are built from live in
``scorer/resources/<language>/`` (``patterns.json``, built by ``scorer.patterns``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from scorer.cues.match import Match, find_all
from scorer.patterns import compiled, compiled_re2, same_in_re2, section
from scorer.resources import Language, language


def hedges(
    text: str, phrase_cues: list[Match], sentence_starts: set[int] | None = None, lang: Language | None = None
) -> list[Match]:
    """Hedge cues: lexicon hedges among ``phrase_cues`` plus epistemic modals, none negated or overlapping.

    ``sentence_starts``: where sentences begin in ``text`` (default: only at 0), for "May have
    ...", which opens a sentence as a modal and is the month elsewhere.
    """
    p = patterns(lang or language())
    starts = sentence_starts if sentence_starts is not None else {0}
    found = [m for m in phrase_cues if m.kind == "hedge"] + find_all("hedge", p.modal, text)
    found += [
        Match("hedge", m.start(), m.end(), m.group()) for s in sorted(starts) if (m := p.capital_may.match(text, s))
    ]
    kept = [m for m in found if not p.negated.search(text[max(0, m.start - 12) : m.start])]
    return _non_overlapping(kept)


def _non_overlapping(matches: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


@dataclass(frozen=True)
class Patterns:
    """A language's compiled cue patterns (``patterns(lang)``): built on first use, not at import."""

    modal: re.Pattern[str]
    capital_may: re.Pattern[str]
    negated: re.Pattern[str]
    named_person: re.Pattern[str]
    date: re.Pattern[str]
    number: re.Pattern[str]
    name_before: re.Pattern[str]
    name_after: re.Pattern[str]
    vague_sources: frozenset[str]
    in_re2: dict[str, Any]  # name -> the same pattern in RE2, for the costliest scans (``patterns.compiled_re2``)

    def find(self, name: str, kind: str, text: str) -> list[Match]:
        """``find_all`` of the pattern ``name``: scanned by RE2 when it finds the same in ``text``
        (``patterns.same_in_re2``), else by ``re``."""
        fast = self.in_re2.get(name)
        if fast is None or not same_in_re2(text):
            return find_all(kind, getattr(self, name), text)
        if text.isascii():  # as bytes: RE2's offsets are the characters', with no offset table to build
            return [Match(kind, a, b, text[a:b]) for a, b in (m.span() for m in fast.finditer(text.encode("ascii")))]
        return find_all(kind, fast, text)


def patterns(lang: Language) -> Patterns:
    """The cue patterns of ``lang``, compiled once per process."""
    return lang.built("finders", _compile)


def _compile(lang: Language) -> Patterns:
    cues = section(lang, "cues")
    found = {name: compiled(lang, cues[name]) for name in _PATTERN_NAMES}
    in_re2 = {name: fast for name in _SCANNED_IN_RE2 if (fast := compiled_re2(lang, cues[name])) is not None}
    vague = frozenset(w for row in lang.word_rows("vague_sources") for w in row)
    return Patterns(**found, vague_sources=vague, in_re2=in_re2)


_PATTERN_NAMES = ("modal", "capital_may", "negated", "named_person", "date", "number", "name_before", "name_after")
# The patterns that open with a word boundary, so ``re`` tries them at every place of a text (4x and
# 2x faster in RE2 on news); the others open with a literal ``re`` jumps to.
_SCANNED_IN_RE2 = ("named_person", "date")


def named_people(text: str, lang: Language | None = None) -> list[Match]:
    """Title + name mentions ("Foreign Minister Sergei Lavrov", "spokesman John Kirby")."""
    return patterns(lang or language()).find("named_person", "person", text)


def dates(text: str, lang: Language | None = None) -> list[Match]:
    """Dates, weekdays and clock times."""
    return patterns(lang or language()).find("date", "date", text)


def numbers(text: str, date_cues: list[Match] | None = None, lang: Language | None = None) -> list[Match]:
    """Figures, except those inside dates (pass ``date_cues`` when already found)."""
    p = patterns(lang or language())
    spans = sorted((m.start, m.end) for m in (dates(text, lang) if date_cues is None else date_cues))
    found = find_all("number", p.number, text)
    if not spans:
        return found
    # A figure is dropped when some date span holds its start: the spans sorted by start, only those
    # opening at or before it can, and the furthest end among them decides.
    opens = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))
    return [m for m in found if (i := bisect.bisect_right(opens, m.start)) == 0 or reach[i - 1] <= m.start]


# Direct quotes: straight or curly double quotes around 3+ words, at most MAX_QUOTE_CHARS long
# (curly single quotes are too often apostrophes to count).
MAX_QUOTE_CHARS = 1500


def _positions(text: str, mark: str) -> list[int]:
    """Where ``mark`` (one character) stands in ``text``, in order: ``str.find`` skips to each one."""
    found = []
    at = text.find(mark)
    while at != -1:
        found.append(at)
        at = text.find(mark, at + 1)
    return found


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of direct quotes (three words or more).

    An opening mark pairs with the first closing mark of its kind on the same line, within
    ``MAX_QUOTE_CHARS``; quotes never overlap (the regex ``"[^"\\n]{2,N}?"|“[^”\\n]{2,N}?”``
    scanned left to right, which ``tests/test_linear_time.py`` checks). Found by looking up each
    opening mark's closer in sorted position lists, so a run of unclosed marks costs
    ``n log n`` instead of ``MAX_QUOTE_CHARS`` per mark.
    """
    marks = {mark: _positions(text, mark) for mark in ('"', "“", "”", "\n")}
    found: list[tuple[int, int]] = []
    resume = 0
    for start in sorted(marks['"'] + marks["“"]):
        if start < resume:
            continue
        closers = marks['"'] if text[start] == '"' else marks["”"]
        i = bisect.bisect_right(closers, start)
        if i == len(closers):
            continue
        end = closers[i]
        j = bisect.bisect_right(marks["\n"], start)
        if (j == len(marks["\n"]) or end < marks["\n"][j]) and 2 <= end - start - 1 <= MAX_QUOTE_CHARS:
            found.append((start, end + 1))
            resume = end + 1
    return [(a, b) for a, b in found if len(text[a:b].split()) >= 3]


_SOURCE_WINDOW = 40


def is_named_source(
    text: str, cue: Match, sentence_start: int, sentence_end: int, lang: Language | None = None
) -> bool:
    """Whether an attribution cue names who is speaking, right before or right after it."""
    p = patterns(lang or language())
    before = text[max(sentence_start, cue.start - _SOURCE_WINDOW) : cue.start]
    after = text[cue.end : min(sentence_end, cue.end + _SOURCE_WINDOW)]
    for found in (p.name_before.search(before), p.name_after.match(after)):
        if found and found.group().split()[0].strip(",") not in p.vague_sources:
            return True
    return False
