"""Filler: padding phrases, conversational address and opinion markers that replace facts."""

from __future__ import annotations

from scorer.features.base import Feature, Match, PhraseMatcher, rate
from scorer.resources import word_list
from scorer.text import TextView

FEATURES = [
    Feature("filler_phrases_per_sentence", "Padding phrases (Let's dive in, In summary...) per sentence"),
    Feature("second_person_per_100_words", "You / your / let's per 100 words: talking to the reader"),
    Feature("first_person_per_100_words", "I / me / my / we / our per 100 words outside quotes"),
    Feature("directives_per_sentence", "Unquoted should / must / need to / it is time to... per sentence"),
    Feature("question_share", "Share of body sentences that are questions"),
    # Shown, not a classifier input: its weight came from crowd-written fakes' exclamations and it
    # lowered macro-F1 at the shipped operating point on outlet-disjoint folds (benchmarks/select_model.py).
    Feature("exclamation_share", "Share of body sentences that end in an exclamation mark", in_model=False),
]

# "us" is left out of the first person: matched case-blind it would count every "US".
PHRASES = {
    "filler": word_list("fillers"),
    "directive": word_list("deontic"),
    "you": ["you", "your", "yours", "yourself", "let's", "let’s"],
    "me": ["i", "me", "my", "mine", "myself", "we", "our", "ours"],
}
_FILLERS = PhraseMatcher(PHRASES)


def filler_matches(text: str) -> list[Match]:
    """Padding phrases in a text."""
    return [m for m in _FILLERS.find(text) if m.kind == "filler"]


def person_matches(text: str) -> list[Match]:
    """Second-person (``you``) and first-person (``me``) words; the caller drops quoted ones."""
    return [m for m in _FILLERS.find(text) if m.kind in ("you", "me")]


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
