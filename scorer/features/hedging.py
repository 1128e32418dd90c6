"""Hedging: guesses, epistemic modals and vague attribution, told apart from attributed speech.

A hedge inside a quote or in a sentence with an attribution ("police said he may have
fled") reports someone else's uncertainty; an unattributed hedge is the writer guessing.
"""

from __future__ import annotations

import re

from scorer.features.base import Feature, Match, find_all, rate, word_pattern
from scorer.features.specificity import attribution_matches, quote_spans
from scorer.resources import word_list
from scorer.text import TextView

FEATURES = [
    Feature("hedges_per_sentence", "Unattributed hedges (likely, probably, may have...) per body sentence"),
    Feature("hedged_sentence_share", "Share of body sentences with at least one unattributed hedge"),
    Feature("attributed_hedges_per_sentence", "Hedges inside quotes or attributed sentences, per sentence"),
    Feature("hedges_per_100_words", "All hedges per 100 body words"),
    Feature("weasels_per_sentence", "Vague attributions (experts say, sources said...) per sentence"),
]

_LEXICON = word_pattern(word_list("hedges"))
_WEASELS = word_pattern(word_list("weasels"))
# Modals: "may" only in lower case or sentence-initial (capital "May" mid-sentence is the
# month or a name); "could" not when negated ("could not be reached" is a fact).
_MODAL = re.compile(
    r"(?<![\w'’-])(?:(?:may|might)(?:\s+(?:not|well|have|be|also|even))?"
    r"|could(?!\s*(?:not|n['’]t)\b)(?:\s+(?:have|be|also|well))?)(?![\w'’-])"
)
_SENTENCE_INITIAL_MAY = re.compile(r"^May\s+(?:have|be|not)\b")
# "could not possibly", "not likely to be"... read as negated certainty, not a hedge.
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever|\bhardly)\s+$", re.IGNORECASE)


def hedge_matches(sentence: str) -> list[Match]:
    """Hedge cues in one sentence (lexicon entries and epistemic modals)."""
    found = find_all("hedge", _LEXICON, sentence) + find_all("hedge", _MODAL, sentence)
    found += find_all("hedge", _SENTENCE_INITIAL_MAY, sentence)
    kept = [m for m in found if not _NEGATED.search(sentence[max(0, m.start - 12) : m.start])]
    return _non_overlapping(kept)


def weasel_matches(sentence: str) -> list[Match]:
    """Vague attributions in one sentence."""
    return find_all("weasel", _WEASELS, sentence)


def split_attributed(sentence: str, hedges: list[Match]) -> tuple[list[Match], list[Match]]:
    """(the writer's own hedges, hedges reporting someone else: inside a quote or an attributed sentence)."""
    if not hedges:
        return [], []
    if attribution_matches(sentence):
        return [], hedges
    quotes = quote_spans(sentence)
    inside = [h for h in hedges if any(start <= h.start < end for start, end in quotes)]
    return [h for h in hedges if h not in inside], inside


def compute(view: TextView) -> dict[str, float]:
    unattributed = attributed = hedged = weasels = 0
    for sentence in view.sentences:
        own, others = split_attributed(sentence.text, hedge_matches(sentence.text))
        unattributed += len(own)
        attributed += len(others)
        hedged += bool(own)
        weasels += len(weasel_matches(sentence.text))
    n = len(view.sentences)
    return {
        "hedges_per_sentence": rate(unattributed, n),
        "hedged_sentence_share": rate(hedged, n),
        "attributed_hedges_per_sentence": rate(attributed, n),
        "hedges_per_100_words": 100 * rate(unattributed + attributed, len(view.words)),
        "weasels_per_sentence": rate(weasels, n),
    }


def _non_overlapping(matches: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept
