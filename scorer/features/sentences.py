"""Sentence scorers learnt from public sentence-level data, averaged over the article.

Two linear word-n-gram models whose weights ship as JSON in ``scorer/resources`` (built
by ``benchmarks/build_sentence_weights.py``; no pickle, no sentences): the share of
uncertain sentences (CoNLL-2010 Wikipedia hedges and weasels) and of subjective sentences
(CheckThat! 2025 news subjectivity).
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from itertools import pairwise, repeat

from scorer.features.base import Feature, rate
from scorer.text import TextView

FEATURES = [
    Feature("uncertain_sentence_share", "Mean P(uncertain) of body sentences, from a CoNLL-2010 hedge model"),
    Feature("subjective_sentence_share", "Mean P(subjective) of body sentences, from a CheckThat! 2025 model"),
]


def ngrams(words: list[str]) -> list[str]:
    """Word unigrams and bigrams, the sentence models' vocabulary."""
    return words + [f"{a} {b}" for a, b in pairwise(words)]


@cache
def _model(name: str) -> tuple[float, dict[str, float], dict[tuple[str, str], float]]:
    """Intercept, unigram weights, and bigram weights keyed by word pairs."""
    raw = resources.files("scorer.resources").joinpath(f"sentence_{name}.json").read_text(encoding="utf-8")
    record = json.loads(raw)
    unigrams: dict[str, float] = {}
    bigrams: dict[tuple[str, str], float] = {}
    for gram, weight in record["weights"].items():
        first, _, second = gram.partition(" ")
        if second:
            bigrams[first, second] = weight
        else:
            unigrams[first] = weight
    return float(record["intercept"]), unigrams, bigrams


def _probability(name: str, words: set[str], pairs: set[tuple[str, str]]) -> float:
    intercept, unigrams, bigrams = _model(name)
    z = intercept + sum(map(unigrams.get, words, repeat(0.0))) + sum(map(bigrams.get, pairs, repeat(0.0)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def sentence_probability(name: str, lower_words: list[str]) -> float:
    """P(positive class) of one sentence, from its lower-cased words (binary n-gram presence)."""
    return _probability(name, set(lower_words), set(pairwise(lower_words)))


def compute(view: TextView) -> dict[str, float]:
    uncertain = subjective = 0.0
    for words in view.sentence_words:
        lowered = [w.lower() for w in words]
        grams, pairs = set(lowered), set(pairwise(lowered))  # shared by both models
        uncertain += _probability("uncertainty", grams, pairs)
        subjective += _probability("subjectivity", grams, pairs)
    n = len(view.sentence_words)
    return {"uncertain_sentence_share": rate(uncertain, n), "subjective_sentence_share": rate(subjective, n)}
