"""Sentence scorers learnt from public sentence-level data, averaged over the article.

Two linear word-n-gram models whose weights ship as JSON in ``scorer/resources`` (built
by ``benchmarks/build_sentence_weights.py``; no pickle, no sentences): the share of
uncertain sentences (CoNLL-2010 Wikipedia hedges and weasels) and of subjective sentences
(CheckThat! 2025 news subjectivity).
"""

from __future__ import annotations

import itertools
import json
import math
from functools import cache
from importlib import resources

from scorer.features.base import Feature, rate
from scorer.text import TextView

FEATURES = [
    Feature("uncertain_sentence_share", "Mean P(uncertain) of body sentences, from a CoNLL-2010 hedge model"),
    Feature("subjective_sentence_share", "Mean P(subjective) of body sentences, from a CheckThat! 2025 model"),
]


def ngrams(words: list[str]) -> list[str]:
    """Word unigrams and bigrams, the sentence models' vocabulary."""
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


@cache
def _model(name: str) -> tuple[float, dict[str, float]]:
    raw = resources.files("scorer.resources").joinpath(f"sentence_{name}.json").read_text(encoding="utf-8")
    record = json.loads(raw)
    return float(record["intercept"]), record["weights"]


def sentence_probability(name: str, words: list[str]) -> float:
    """P(positive class) of one sentence's words under the named sentence model."""
    intercept, weights = _model(name)
    z = intercept + sum(weights.get(g, 0.0) for g in set(ngrams([w.lower() for w in words])))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def compute(view: TextView) -> dict[str, float]:
    n = len(view.sentence_words)
    return {
        "uncertain_sentence_share": rate(sum(sentence_probability("uncertainty", w) for w in view.sentence_words), n),
        "subjective_sentence_share": rate(sum(sentence_probability("subjectivity", w) for w in view.sentence_words), n),
    }
