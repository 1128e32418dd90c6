"""Filler: padding phrases, conversational address and opinion markers that replace facts."""

from __future__ import annotations

from scorer.features.base import SPECULATIVE, Feature, rate
from scorer.view import TextView

FEATURES = [
    Feature(
        "filler_phrases_per_sentence",
        "Padding phrases (Let's dive in, In summary...) per sentence",
        direction=SPECULATIVE,
    ),
    Feature(
        "second_person_per_100_words", "You / your / let's per 100 words: talking to the reader", direction=SPECULATIVE
    ),
    Feature("first_person_per_100_words", "I / me / my / we / our per 100 words outside quotes", direction=SPECULATIVE),
    Feature(
        "directives_per_sentence",
        "Unquoted should / must / need to / it is time to... per sentence",
        direction=SPECULATIVE,
    ),
    Feature("question_share", "Share of body sentences that are questions", direction=SPECULATIVE),
    # Shown, not a classifier input: its weight came from crowd-written fakes' exclamations and it
    # lowered macro-F1 at the shipped operating point on outlet-disjoint folds (benchmarks/select_model.py).
    Feature(
        "exclamation_share",
        "Share of body sentences that end in an exclamation mark",
        in_model=False,
        direction=SPECULATIVE,
    ),
]


def compute(view: TextView) -> dict[str, float]:
    cues = view.cues
    ends = [s.text.rstrip("\"'”’) ")[-1:] for s in view.sentences]
    n, words = len(view.sentences), view.word_count
    return {
        "filler_phrases_per_sentence": rate(cues.total("filler"), n),
        "second_person_per_100_words": 100 * rate(cues.total("you"), words),
        "first_person_per_100_words": 100 * rate(cues.total("me"), words),
        "directives_per_sentence": rate(cues.total("directive"), n),
        "question_share": rate(ends.count("?"), n),
        "exclamation_share": rate(ends.count("!"), n),
    }
