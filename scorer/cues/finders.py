"""Regular-expression cues: hedging modals, titled people, dates, figures, direct quotes, named sources.

Each finder runs over a whole text (or one sentence) and returns ``Match`` cues with offsets
into it. The word lists they are built from live in ``scorer/resources/<language>/``.
"""

from __future__ import annotations

import bisect
import re

from scorer.cues.match import Match, find_all
from scorer.resources import word_list, word_rows

# Hedging modals: "may" only in lower case or sentence-initial (capital "May" mid-sentence is the
# month or a name); "could" not when negated ("could not be reached" is a fact).
# Each branch opens with its literal first letter, then looks behind it: the engine then jumps
# from one "m" or "c" to the next instead of trying the pattern at every position.
_MODAL = re.compile(
    r"(?:m(?<![\w'’-]m)(?:ay|ight)(?:\s+(?:not|well|have|be|also|even))?"
    r"|c(?<![\w'’-]c)ould(?!\s*(?:not|n['’]t)\b)(?:\s+(?:have|be|also|well))?)(?![\w'’-])"
)
_CAPITAL_MAY = re.compile(r"May\s+(?:have|be|not)\b")  # a hedge only where a sentence starts (matched there)
# "could not possibly", "not likely to be"... read as negated certainty, not a hedge.
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever|\bhardly)\s+$", re.IGNORECASE)


def hedges(text: str, phrase_cues: list[Match], sentence_starts: set[int] | None = None) -> list[Match]:
    """Hedge cues: lexicon hedges among ``phrase_cues`` plus epistemic modals, none negated or overlapping.

    ``sentence_starts``: where sentences begin in ``text`` (default: only at 0), for "May have
    ...", which opens a sentence as a modal and is the month elsewhere.
    """
    starts = sentence_starts if sentence_starts is not None else {0}
    found = [m for m in phrase_cues if m.kind == "hedge"] + find_all("hedge", _MODAL, text)
    found += [
        Match("hedge", m.start(), m.end(), m.group()) for s in sorted(starts) if (m := _CAPITAL_MAY.match(text, s))
    ]
    kept = [m for m in found if not _NEGATED.search(text[max(0, m.start - 12) : m.start])]
    return _non_overlapping(kept)


def _non_overlapping(matches: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _alternation(entries: list[str], spaces: str = r"\s+") -> str:
    """A regex alternation of literal entries, tried in their listed order; a space matches ``spaces``.

    Entries are grouped by first character ("P(?:resident|rime\\s+Minister)|M(?:inister)"): two
    entries that start differently never match at one place, so grouping changes no match (the
    patterns here are case-sensitive), and the engine tests one character per group at each word
    instead of trying every entry.
    """
    groups: dict[str, list[str]] = {}
    for entry in entries:
        escaped = spaces.join(map(re.escape, entry.split()))
        first = re.escape(entry[0])
        groups.setdefault(first, []).append(escaped[len(first) :])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _opens(*lists: list[str]) -> str:
    """A lookahead for the first characters of these entries: other places are skipped at one test."""
    return "(?=[" + "".join(sorted({re.escape(entry[0]) for entries in lists for entry in entries})) + "])"


_MODIFIERS = _alternation(word_list("title_modifiers"))
# Bounded to four modifiers: "Deputy Deputy ..." stays linear.
_TITLES = rf"(?:(?:{_MODIFIERS})\s+){{0,4}}(?:{_alternation(word_list('titles'))})"
_ROLES = _alternation(word_list("role_nouns"), spaces=r"\ ")
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+)*"
_TITLE_OPENS = _opens(word_list("title_modifiers"), word_list("titles"))
_NAMED_PERSON = re.compile(
    rf"\b(?:{_TITLE_OPENS}{_TITLES}\s+{_NAME}|{_opens(word_list('role_nouns'))}(?:{_ROLES})\s*,?\s+{_NAME})"
)

_MONTHS = "(?:" + _alternation(sorted((w for row in word_rows("months") for w in row), key=len, reverse=True)) + ")"
_WEEKDAYS = "(?:" + _alternation("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()) + ")"
_YEAR_4 = r"(?:,?\s+\d{4})?\b"
# Every branch starts at a word boundary, tested once; branches are grouped by what their first
# character can be (capital, digit, lower case), in their original order within a group: no two
# groups can match at one place, so this is the plain alternation of all branches, tried faster.
_DATE = re.compile(
    rf"\b(?:(?=[A-Z])(?:{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?{_YEAR_4}|{_MONTHS}\s+\d{{4}}\b|{_WEEKDAYS}\b)"
    rf"|(?=\d)(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}\b|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
    r"|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)|\d{1,2}\s*[ap]\.m\.)"
    rf"|(?=[a-z])(?:(?:{_alternation('in since until by from of last next early late'.split())}|mid-?)\s+{_MONTHS}\b(?:\s+\d{{4}})?"
    rf"|(?:{_alternation('on last next this'.split())})\s+{_WEEKDAYS}\b"
    rf"|(?:{_alternation('in since by until from during'.split())})\s+(?:19|20)\d{{2}}\b))"
)
# A figure not glued to a word or a dot before it. The first character (currency or digit) comes
# first and the look-behind after it, so the engine jumps between those characters.
_NUMBER = re.compile(
    r"[$£€\d](?<![\w.].)(?:(?<=\d)\d*|\d+)(?:[.,]\d+)*(?:\s*(?:%|percent|per cent|million|billion|trillion|bn|m|k))?(?![\w])"
)


def named_people(text: str) -> list[Match]:
    """Title + name mentions ("Foreign Minister Sergei Lavrov", "spokesman John Kirby")."""
    return find_all("person", _NAMED_PERSON, text)


def dates(text: str) -> list[Match]:
    """Dates, weekdays and clock times."""
    return find_all("date", _DATE, text)


def numbers(text: str, date_cues: list[Match] | None = None) -> list[Match]:
    """Figures, except those inside dates (pass ``date_cues`` when already found)."""
    spans = [(m.start, m.end) for m in (dates(text) if date_cues is None else date_cues)]
    return [m for m in find_all("number", _NUMBER, text) if not any(s <= m.start < e for s, e in spans)]


# Direct quotes: straight or curly double quotes around 3+ words, at most MAX_QUOTE_CHARS long
# (curly single quotes are too often apostrophes to count).
MAX_QUOTE_CHARS = 1500
_QUOTE_MARK = re.compile(r'["“”\n]')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of direct quotes (three words or more).

    An opening mark pairs with the first closing mark of its kind on the same line, within
    ``MAX_QUOTE_CHARS``; quotes never overlap (the regex ``"[^"\\n]{2,N}?"|“[^”\\n]{2,N}?”``
    scanned left to right, which ``tests/test_linear_time.py`` checks). Found by looking up each
    opening mark's closer in sorted position lists, so a run of unclosed marks costs
    ``n log n`` instead of ``MAX_QUOTE_CHARS`` per mark.
    """
    marks: dict[str, list[int]] = {'"': [], "“": [], "”": [], "\n": []}
    for mark in _QUOTE_MARK.finditer(text):
        marks[mark.group()].append(mark.start())
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


# The source of an attribution verb: a capitalised name (or he/she, which refers back to one)
# just before it, or a name just after it ("said Foreign Minister Lavrov", "according to Carpenter").
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|\b(?:he|she|He|She))\s*,?\s*$")
_NAME_AFTER = re.compile(r"^\s*(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]+")
_VAGUE_SOURCES = frozenset(w for row in word_rows("vague_sources") for w in row)
_SOURCE_WINDOW = 40


def is_named_source(text: str, cue: Match, sentence_start: int, sentence_end: int) -> bool:
    """Whether an attribution cue names who is speaking, right before or right after it."""
    before = text[max(sentence_start, cue.start - _SOURCE_WINDOW) : cue.start]
    after = text[cue.end : min(sentence_end, cue.end + _SOURCE_WINDOW)]
    for found in (_NAME_BEFORE.search(before), _NAME_AFTER.match(after)):
        if found and found.group().split()[0].strip(",") not in _VAGUE_SOURCES:
            return True
    return False
