"""Hedging: guesses, epistemic modals and vague attribution, told apart from attributed speech.

A hedge inside a quote or in a sentence with an attribution ("police said he may have
fled") reports someone else's uncertainty; an unattributed hedge is the writer guessing
(``scorer.cues.document``).
"""

from __future__ import annotations

from scorer.features.base import SPECULATIVE, Feature, rate
from scorer.view import TextView

FEATURES = [
    Feature(
        "hedges_per_sentence",
        "Unattributed hedges (likely, probably, may have...) per body sentence",
        direction=SPECULATIVE,
    ),
    Feature(
        "hedged_sentence_share", "Share of body sentences with at least one unattributed hedge", direction=SPECULATIVE
    ),
    Feature("attributed_hedges_per_sentence", "Hedges inside quotes or attributed sentences, per sentence"),
    Feature("hedges_per_100_words", "All hedges per 100 body words", direction=SPECULATIVE),
    Feature(
        "weasels_per_sentence", "Vague attributions (experts say, sources said...) per sentence", direction=SPECULATIVE
    ),
    Feature(
        "boosters_per_sentence",
        "Unquoted boosters (clearly, obviously, outrageous...) per sentence",
        direction=SPECULATIVE,
    ),
]


def compute(view: TextView) -> dict[str, float]:
    cues = view.cues
    own = cues.per_sentence("hedge")
    n = len(view.sentences)
    return {
        "hedges_per_sentence": rate(sum(own), n),
        "hedged_sentence_share": rate(sum(1 for k in own if k), n),
        "attributed_hedges_per_sentence": rate(cues.total("attributed_hedge"), n),
        "hedges_per_100_words": 100 * rate(cues.total("hedge", "attributed_hedge"), view.word_count),
        "weasels_per_sentence": rate(cues.total("weasel"), n),
        "boosters_per_sentence": rate(cues.total("booster"), n),
    }
