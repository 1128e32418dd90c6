"""Specificity: named officials and people, dates and times, figures, direct quotes, attribution."""

from __future__ import annotations

import bisect
import re

from scorer.features.base import Feature, Match, PhraseMatcher, find_all, rate
from scorer.resources import word_list
from scorer.text import TextView

FEATURES = [
    Feature("named_people_per_sentence", "Title + name mentions (Foreign Minister Sergei Lavrov) per sentence"),
    Feature("proper_nouns_per_100_words", "Capitalised words not opening a sentence, per 100 words"),
    Feature("dates_per_sentence", "Dates, weekdays and clock times per sentence"),
    Feature("numbers_per_100_words", "Figures (57, 3.5%, $20 trillion) per 100 words"),
    Feature("quoted_word_share", "Share of body words inside direct quotes"),
    Feature("quotes_per_sentence", "Direct quotes of three or more words per sentence"),
    Feature("attributions_per_sentence", "Attribution verbs (said, told, according to) per sentence"),
    Feature("attributed_sentence_share", "Share of body sentences that attribute a claim"),
    Feature("anchored_sentence_share", "Share of body sentences with a quote, attribution, named person, date or figure"),
    Feature("named_source_share", "Share of attributions whose source is named (Carpenter said, said Minister Lavrov, he told)"),
]

_TITLES = (
    r"(?:(?:Deputy|Vice|Acting|Former|Prime|Foreign|Interior|Defen[cs]e|Finance|Health|Justice|Chief|"
    r"Executive|General|Senior|Assistant|Attorney|Press|U\.S\.|US|UN|EU)\s+){0,4}"  # bounded: "Deputy Deputy ..." stays linear
    r"(?:President|Minister|Secretary(?:\s+of\s+State)?|Ambassador|Senator|Sen\.|Rep\.|Representative|"
    r"Governor|Gov\.|Mayor|Chancellor|Premier|Judge|Justice|General|Gen\.|Colonel|Col\.|Captain|Capt\.|"
    r"Commissioner|Director|Chairman|Chairwoman|Chair|CEO|Spokesman|Spokeswoman|Spokesperson|Officer|"
    r"Inspector|Sergeant|Sgt\.|Detective|Professor|Prof\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Lord|Lady|Sir|King|Queen|"
    r"Prince|Princess|Pope|Bishop|Coach|Manager|Chief|FM|MP|Speaker|Leader|Founder|Analyst|Economist)"
)
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+)*"
_NAMED_PERSON = re.compile(rf"\b{_TITLES}\s+{_NAME}|\b(?:spokes(?:man|woman|person)|minister|ambassador|"
                           rf"secretary|president|director|chairman|chief executive|official)\s*,?\s+{_NAME}")
_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE = re.compile(
    rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b(?:\s+\d{{4}})?"
    rf"|\b(?:in|since|until|by|from|of|last|next|early|late|mid-?)\s+{_MONTHS}\b(?:\s+\d{{4}})?|\b{_MONTHS}\s+\d{{4}}\b"
    r"|\b(?:on\s+|last\s+|next\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)|\b\d{1,2}\s*[ap]\.m\."
    r"|\b(?:in|since|by|until|from|during)\s+(?:19|20)\d{2}\b"
)
_NUMBER = re.compile(r"(?<![\w.])[$£€]?\d+(?:[.,]\d+)*(?:\s*(?:%|percent|per cent|million|billion|trillion|bn|m|k))?(?![\w])")
# Direct quotes: straight or curly double quotes around 3+ words, at most MAX_QUOTE_CHARS long
# (curly single quotes are too often apostrophes to count); see ``quote_spans``.
MAX_QUOTE_CHARS = 1500
PHRASES = {"attribution": word_list("attribution")}
_ATTRIBUTION = PhraseMatcher(PHRASES)
_CAPITALISED = re.compile(r"(?<=[\w,;:)\]]\s)[A-Z][\w'’-]+")


def named_people(sentence: str) -> list[Match]:
    """Title + name mentions in one sentence."""
    return find_all("person", _NAMED_PERSON, sentence)


def date_matches(sentence: str) -> list[Match]:
    """Dates, weekdays and times in one sentence."""
    return find_all("date", _DATE, sentence)


def number_matches(sentence: str) -> list[Match]:
    """Figures in one sentence, dates excluded."""
    dates = [(m.start, m.end) for m in date_matches(sentence)]
    return [m for m in find_all("number", _NUMBER, sentence)
            if not any(s <= m.start < e for s, e in dates)]


_QUOTE_MARK = re.compile(r'["“”\n]')


def quote_spans(sentence: str) -> list[tuple[int, int]]:
    """Offsets of direct quotes (three words or more) in one sentence.

    An opening mark pairs with the first closing mark of its kind on the same line, within
    ``MAX_QUOTE_CHARS``; quotes never overlap (the regex ``"[^"\\n]{2,N}?"|“[^”\\n]{2,N}?”``
    scanned left to right, which ``tests/test_linear_time.py`` checks). Found by looking up each
    opening mark's closer in sorted position lists, so a run of unclosed marks costs
    ``n log n`` instead of ``MAX_QUOTE_CHARS`` per mark.
    """
    marks: dict[str, list[int]] = {'"': [], "“": [], "”": [], "\n": []}
    for mark in _QUOTE_MARK.finditer(sentence):
        marks[mark.group()].append(mark.start())
    found: list[tuple[int, int]] = []
    resume = 0
    for start in sorted(marks['"'] + marks["“"]):
        if start < resume:
            continue
        closers = marks['"'] if sentence[start] == '"' else marks["”"]
        i = bisect.bisect_right(closers, start)
        if i == len(closers):
            continue
        end = closers[i]
        j = bisect.bisect_right(marks["\n"], start)
        if (j == len(marks["\n"]) or end < marks["\n"][j]) and 2 <= end - start - 1 <= MAX_QUOTE_CHARS:
            found.append((start, end + 1))
            resume = end + 1
    return [(a, b) for a, b in found if len(sentence[a:b].split()) >= 3]


def attribution_matches(text: str) -> list[Match]:
    """Attribution verbs and phrases in a text."""
    return _ATTRIBUTION.find(text)


# The source of an attribution verb: a capitalised name (or he/she, which refers back to one)
# just before it, or a name just after it ("said Foreign Minister Lavrov", "according to Carpenter").
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|\b(?:he|she|He|She))\s*,?\s*$")
_NAME_AFTER = re.compile(r"^\s*(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]+")
_VAGUE_SOURCES = frozenset("A An The Sources Source Officials Reports Insiders Experts Critics Analysts Witnesses Some Many It".split())
_SOURCE_WINDOW = 40


def is_named_source(text: str, cue: Match, sentence_start: int, sentence_end: int) -> bool:
    """Whether an attribution cue names who is speaking, right before or right after it."""
    before = text[max(sentence_start, cue.start - _SOURCE_WINDOW) : cue.start]
    after = text[cue.end : min(sentence_end, cue.end + _SOURCE_WINDOW)]
    for found in (_NAME_BEFORE.search(before), _NAME_AFTER.match(after)):
        if found and found.group().split()[0].strip(",") not in _VAGUE_SOURCES:
            return True
    return False


def compute(view: TextView) -> dict[str, float]:
    from scorer.cues import cues_of

    cues = cues_of(view)
    attributed = cues.per_sentence("attribution")
    anchors = cues.per_sentence("attribution", "quote", "quote_continued", "person", "date", "number")
    quoted_words = sum(len(c.text.split()) for s in cues.sentences for c in s if c.kind in ("quote", "quote_continued"))
    named = sum(
        is_named_source(view.text, c, sentence.start, sentence.end)
        for sentence, found in zip(view.sentences, cues.sentences, strict=True)
        for c in found
        if c.kind == "attribution"
    )
    n, words = len(view.sentences), len(view.words)
    return {
        "named_people_per_sentence": rate(cues.total("person"), n),
        "proper_nouns_per_100_words": 100 * rate(len(_CAPITALISED.findall(view.body_text)), words),
        "dates_per_sentence": rate(cues.total("date"), n),
        "numbers_per_100_words": 100 * rate(cues.total("number"), words),
        "quoted_word_share": min(1.0, rate(quoted_words, words)),
        "quotes_per_sentence": rate(cues.total("quote"), n),
        "attributions_per_sentence": rate(sum(attributed), n),
        "attributed_sentence_share": rate(sum(1 for k in attributed if k), n),
        "anchored_sentence_share": rate(sum(1 for k in anchors if k), n),
        "named_source_share": rate(named, sum(attributed)),
    }
