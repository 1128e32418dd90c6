"""Filler: padding phrases, conversational address and opinion markers that replace facts."""

from __future__ import annotations

import re

from scorer.features.base import Feature, Match, find_all, rate, word_pattern
from scorer.resources import word_list
from scorer.text import TextView

FEATURES = [
    Feature("filler_phrases_per_sentence", "Padding phrases (Let's dive in, In summary...) per sentence"),
    Feature("second_person_per_100_words", "You / your / let's per 100 words: talking to the reader"),
    Feature("first_person_per_100_words", "I / me / my / we / our per 100 words outside quotes"),
    Feature("question_share", "Share of body sentences that are questions"),
    Feature("exclamation_share", "Share of body sentences that end in an exclamation mark"),
]

_FILLERS = word_pattern(word_list("fillers"))
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|let['’]s)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|we|us|our|ours)\b")
_QUOTED = re.compile(r"\"[^\"\n]{0,1500}\"|“[^”\n]{0,1500}”")


def filler_matches(sentence: str) -> list[Match]:
    """Padding phrases in one sentence."""
    return find_all("filler", _FILLERS, sentence)


def compute(view: TextView) -> dict[str, float]:
    fillers = second = first = questions = exclamations = 0
    for sentence in view.sentences:
        text = sentence.text
        fillers += len(filler_matches(text))
        unquoted = _QUOTED.sub(" ", text)
        second += len(_SECOND_PERSON.findall(unquoted))
        first += len(_FIRST_PERSON.findall(unquoted))
        end = text.rstrip("\"'”’) ")[-1:]
        questions += end == "?"
        exclamations += end == "!"
    n, words = len(view.sentences), len(view.words)
    return {
        "filler_phrases_per_sentence": rate(fillers, n),
        "second_person_per_100_words": 100 * rate(second, words),
        "first_person_per_100_words": 100 * rate(first, words),
        "question_share": rate(questions, n),
        "exclamation_share": rate(exclamations, n),
    }
