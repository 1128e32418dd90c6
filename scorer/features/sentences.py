"""Sentence scorers learnt from public sentence-level data, averaged over the article.

The share of uncertain sentences (CoNLL-2010 Wikipedia hedges and weasels) and of subjective
sentences (CheckThat! 2025 news subjectivity): two linear word-n-gram models whose weights ship
as JSON (``benchmarks/build_sentence_weights.py``), scored with the claim model in
``scorer.cues.sentence_models``.
"""

from __future__ import annotations

from scorer.features.base import SPECULATIVE, Feature, rate
from scorer.view import TextView

FEATURES = [
    Feature(
        "uncertain_sentence_share",
        "Mean P(uncertain) of body sentences, from a CoNLL-2010 hedge model",
        direction=SPECULATIVE,
    ),
    Feature(
        "subjective_sentence_share",
        "Mean P(subjective) of body sentences, from a CheckThat! 2025 model",
        direction=SPECULATIVE,
    ),
]


def compute(view: TextView) -> dict[str, float]:
    scores = view.sentence_scores
    return {
        "uncertain_sentence_share": rate(sum(scores.uncertain), len(scores.uncertain)),
        "subjective_sentence_share": rate(sum(scores.subjective), len(scores.subjective)),
    }
