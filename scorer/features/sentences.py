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
def _model(name: str) -> tuple[float, dict[str, float], dict[str, dict[str, float]]]:
    """Intercept, unigram weights, and bigram weights keyed by first then second word."""
    raw = resources.files("scorer.resources").joinpath(f"sentence_{name}.json").read_text(encoding="utf-8")
    record = json.loads(raw)
    unigrams: dict[str, float] = {}
    bigrams: dict[str, dict[str, float]] = {}
    for gram, weight in record["weights"].items():
        first, _, second = gram.partition(" ")
        if second:
            bigrams.setdefault(first, {})[second] = weight
        else:
            unigrams[first] = weight
    return float(record["intercept"]), unigrams, bigrams


def sentence_probability(name: str, lower_words: list[str]) -> float:
    """P(positive class) of one sentence, from its lower-cased words (binary n-gram presence)."""
    intercept, unigrams, bigrams = _model(name)
    z = intercept + sum(unigrams.get(w, 0.0) for w in set(lower_words))
    z += sum(bigrams[a].get(b, 0.0) for a, b in set(itertools.pairwise(lower_words)) if a in bigrams)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def compute(view: TextView) -> dict[str, float]:
    lowered = [[w.lower() for w in words] for words in view.sentence_words]
    n = len(lowered)
    return {
        "uncertain_sentence_share": rate(sum(sentence_probability("uncertainty", w) for w in lowered), n),
        "subjective_sentence_share": rate(sum(sentence_probability("subjectivity", w) for w in lowered), n),
    }
