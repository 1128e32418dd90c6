"""Sentence scorers learnt from public sentence-level data, averaged over the article.

Two linear word-n-gram models whose weights ship as JSON in ``scorer/resources/en`` (built
by ``benchmarks/build_sentence_weights.py``; no pickle, no sentences): the share of
uncertain sentences (CoNLL-2010 Wikipedia hedges and weasels) and of subjective sentences
(CheckThat! 2025 news subjectivity).
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache
from typing import TYPE_CHECKING

from scorer.features.base import Feature
from scorer.resources import weights
from scorer.sparse import summed_rows
from scorer.view import TextView

if TYPE_CHECKING:
    import numpy as np

FEATURES = [
    Feature("uncertain_sentence_share", "Mean P(uncertain) of body sentences, from a CoNLL-2010 hedge model"),
    Feature("subjective_sentence_share", "Mean P(subjective) of body sentences, from a CheckThat! 2025 model"),
]


MODELS = ("uncertainty", "subjectivity")


@cache
def _models() -> tuple[np.ndarray, dict[Hashable, int], np.ndarray]:
    """Both models as one table: intercepts, the row of each unigram or word pair, weight rows (a column each)."""
    import numpy as np

    index: dict[Hashable, int] = {}
    table: list[list[float]] = []
    for column, name in enumerate(MODELS):
        for gram, weight in weights(f"sentence_{name}")["weights"].items():
            if gram not in index:
                index[gram] = len(table)
                table.append([0.0] * len(MODELS))
            table[index[gram]][column] = float(weight)
    intercepts = np.array([float(weights(f"sentence_{name}")["intercept"]) for name in MODELS])
    return intercepts, index, np.array(table).reshape(-1, len(MODELS))


def probabilities(grams: list[list[str]]) -> np.ndarray:
    """P(uncertain) and P(subjective) of each sentence from its word grams (``text.word_grams``; binary presence)."""
    import numpy as np

    intercepts, index, rows = _models()
    z = intercepts + summed_rows(index, rows, grams)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def compute(view: TextView) -> dict[str, float]:
    n = len(view.sentences)
    if not n:
        return {"uncertain_sentence_share": 0.0, "subjective_sentence_share": 0.0}
    uncertain, subjective = probabilities(view.grams).sum(axis=0)
    return {"uncertain_sentence_share": float(uncertain) / n, "subjective_sentence_share": float(subjective) / n}
