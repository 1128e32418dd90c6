"""Regular-expression cues: hedging modals, titled people, dates, figures, direct quotes, named sources.

Each finder runs over a whole text (or one sentence) and returns ``Match`` cues with offsets
into it. The word lists they are built from live in ``scorer/resources/<language>/``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from scorer.cues.match import Match, find_all
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


def patterns(lang: Language) -> Patterns:
    """The cue patterns of ``lang``, compiled once per process."""
    return lang.built("finders", _compile)


def _compile(lang: Language) -> Patterns:
    # Hedging modals: "may" only in lower case or sentence-initial (capital "May" mid-sentence is the
    # month or a name); "could" not when negated ("could not be reached" is a fact).
    # Each branch opens with its literal first letter, then looks behind it: the engine then jumps
    # from one "m" or "c" to the next instead of trying the pattern at every position.
    modal = (
        r"(?:m(?<![\w'’-]m)(?:ay|ight)(?:\s+(?:not|well|have|be|also|even))?"
        r"|c(?<![\w'’-]c)ould(?!\s*(?:not|n['’]t)\b)(?:\s+(?:have|be|also|well))?)(?![\w'’-])"
    )
    capital_may = r"May\s+(?:have|be|not)\b"  # a hedge only where a sentence starts (matched there)
    # "could not possibly", "not likely to be"... read as negated certainty, not a hedge.
    negated = r"(?:\bnot|n['’]t|\bnever|\bhardly)\s+$"

    modifiers = _alternation(lang.word_list("title_modifiers"))
    # Bounded to four modifiers: "Deputy Deputy ..." stays linear.
    titles = rf"(?:(?:{modifiers})\s+){{0,4}}(?:{_alternation(lang.word_list('titles'))})"
    roles = _alternation(lang.word_list("role_nouns"), spaces=r"\ ")
    name = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+)*"
    title_opens = _opens(lang.word_list("title_modifiers"), lang.word_list("titles"))
    named_person = (
        rf"\b(?:{title_opens}{titles}\s+{name}|{_opens(lang.word_list('role_nouns'))}(?:{roles})\s*,?\s+{name})"
    )

    months_words = sorted((w for row in lang.word_rows("months") for w in row), key=len, reverse=True)
    months = "(?:" + _alternation(months_words) + ")"
    weekdays = "(?:" + _alternation("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()) + ")"
    year_4 = r"(?:,?\s+\d{4})?\b"
    # Every branch starts at a word boundary, tested once; branches are grouped by what their first
    # character can be (capital, digit, lower case), in their original order within a group: no two
    # groups can match at one place, so this is the plain alternation of all branches, tried faster.
    date = (
        rf"\b(?:(?=[A-Z])(?:{months}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?{year_4}|{months}\s+\d{{4}}\b|{weekdays}\b)"
        rf"|(?=\d)(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{months}\b(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}\b|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
        r"|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)|\d{1,2}\s*[ap]\.m\.)"
        rf"|(?=[a-z])(?:(?:{_alternation('in since until by from of last next early late'.split())}|mid-?)\s+{months}\b(?:\s+\d{{4}})?"
        rf"|(?:{_alternation('on last next this'.split())})\s+{weekdays}\b"
        rf"|(?:{_alternation('in since by until from during'.split())})\s+(?:19|20)\d{{2}}\b))"
    )
    # A figure not glued to a word or a dot before it. The first character (currency or digit) comes
    # first and the look-behind after it, so the engine jumps between those characters.
    number = (
        r"[$£€\d](?<![\w.].)(?:(?<=\d)\d*|\d+)(?:[.,]\d+)*"
        r"(?:\s*(?:%|percent|per cent|million|billion|trillion|bn|m|k))?(?![\w])"
    )
    # The source of an attribution verb: a capitalised name (or he/she, which refers back to one)
    # just before it, or a name just after it ("said Foreign Minister Lavrov", "according to Carpenter").
    name_before = r"(?:\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|\b(?:he|she|He|She))\s*,?\s*$"
    name_after = r"^\s*(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]+"
    return Patterns(
        modal=re.compile(modal),
        capital_may=re.compile(capital_may),
        negated=re.compile(negated, re.IGNORECASE),
        named_person=re.compile(named_person),
        date=re.compile(date),
        number=re.compile(number),
        name_before=re.compile(name_before),
        name_after=re.compile(name_after),
        vague_sources=frozenset(w for row in lang.word_rows("vague_sources") for w in row),
    )


def named_people(text: str, lang: Language | None = None) -> list[Match]:
    """Title + name mentions ("Foreign Minister Sergei Lavrov", "spokesman John Kirby")."""
    return find_all("person", patterns(lang or language()).named_person, text)


def dates(text: str, lang: Language | None = None) -> list[Match]:
    """Dates, weekdays and clock times."""
    return find_all("date", patterns(lang or language()).date, text)


def numbers(text: str, date_cues: list[Match] | None = None, lang: Language | None = None) -> list[Match]:
    """Figures, except those inside dates (pass ``date_cues`` when already found)."""
    p = patterns(lang or language())
    spans = [(m.start, m.end) for m in (dates(text, lang) if date_cues is None else date_cues)]
    return [m for m in find_all("number", p.number, text) if not any(s <= m.start < e for s, e in spans)]


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
