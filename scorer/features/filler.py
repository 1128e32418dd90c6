"""Filler: padding phrases, conversational address and opinion markers that replace facts."""

from __future__ import annotations

import re

from scorer.features.base import Feature, Match, PhraseMatcher, find_all, rate
from scorer.resources import word_list
from scorer.text import TextView

FEATURES = [
    Feature("filler_phrases_per_sentence", "Padding phrases (Let's dive in, In summary...) per sentence"),
    Feature("second_person_per_100_words", "You / your / let's per 100 words: talking to the reader"),
    Feature("first_person_per_100_words", "I / me / my / we / our per 100 words outside quotes"),
    Feature("directives_per_sentence", "Unquoted should / must / need to / it is time to... per sentence"),
    Feature("question_share", "Share of body sentences that are questions"),
    Feature("exclamation_share", "Share of body sentences that end in an exclamation mark"),
]

PHRASES = {"filler": word_list("fillers"), "directive": word_list("deontic")}
_FILLERS = PhraseMatcher(PHRASES)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|let['’]s)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|we|us|our|ours)\b")


def filler_matches(text: str) -> list[Match]:
    """Padding phrases in a text."""
    return [m for m in _FILLERS.find(text) if m.kind == "filler"]


def person_matches(text: str) -> list[Match]:
    """Second-person (``you``) and first-person (``me``) words; the caller drops quoted ones."""
    return find_all("you", _SECOND_PERSON, text) + find_all("me", _FIRST_PERSON, text)


def compute(view: TextView) -> dict[str, float]:
    from scorer.cues import cues_of

    cues = cues_of(view)
    ends = [s.text.rstrip("\"'”’) ")[-1:] for s in view.sentences]
    n, words = len(view.sentences), len(view.words)
    return {
        "filler_phrases_per_sentence": rate(cues.total("filler"), n),
        "second_person_per_100_words": 100 * rate(cues.total("you"), words),
        "first_person_per_100_words": 100 * rate(cues.total("me"), words),
        "directives_per_sentence": rate(cues.total("directive"), n),
        "question_share": rate(ends.count("?"), n),
        "exclamation_share": rate(ends.count("!"), n),
    }
