"""Every sentence model, scored together: who carries the claim, and how uncertain and subjective it is.

Three linear models over a sentence's tokens, with weights shipped as JSON in
``scorer/resources/<language>/``: the five-class claim model (``scorer.cues.claims``), and the
binary uncertainty (CoNLL-2010 Wikipedia hedges and weasels) and subjectivity (CheckThat! 2025
news sentences) scorers (``benchmarks/build_sentence_weights.py``). Their weights sit in one table,
one column per class, so a document's sentences are scored by all three in one lookup of each
distinct token and one matrix operation. The binary scorers read word 1-2 grams only; the claim
tokens they do not know weigh nothing for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from scorer.cues.claims import CLASSES
from scorer.resources import weights
from scorer.sparse import summed_rows

if TYPE_CHECKING:
    import numpy as np

BINARY = ("uncertainty", "subjectivity")  # resources sentence_<name>.json


@dataclass(frozen=True)
class SentenceScores:
    """Per body sentence: claim-class probabilities (``CLASSES`` order), P(uncertain), P(subjective)."""

    claims: list[list[float]]
    uncertain: list[float]
    subjective: list[float]


@cache
def _table() -> tuple[np.ndarray, dict[str, int], np.ndarray]:
    """Intercepts and weight rows of all three models (claim classes first), and the row of each token."""
    import numpy as np

    claims = weights("claims")
    if tuple(claims["classes"]) != CLASSES:
        raise ValueError(f"claims.json: classes {claims['classes']} differ from {CLASSES}")
    models = [(claims["weights"], len(CLASSES))] + [(weights(f"sentence_{n}")["weights"], 1) for n in BINARY]
    width = sum(size for _, size in models)
    index: dict[str, int] = {}
    table: list[list[float]] = []
    column = 0
    for model_weights, size in models:
        for token, weight in model_weights.items():
            if token not in index:
                index[token] = len(table)
                table.append([0.0] * width)
            row = table[index[token]]
            row[column : column + size] = [float(w) for w in weight] if size > 1 else [float(weight)]
        column += size
    intercepts = [float(b) for b in claims["intercepts"]] + [
        float(weights(f"sentence_{n}")["intercept"]) for n in BINARY
    ]
    return np.array(intercepts), index, np.array(table).reshape(-1, width)


def score_sentences(tokens: list[list[str]]) -> SentenceScores:
    """All three models on each sentence's tokens (``claims.claim_tokens``)."""
    import numpy as np

    if not tokens:
        return SentenceScores([], [], [])
    intercepts, index, rows = _table()
    z = intercepts + summed_rows(index, rows, tokens)  # type: ignore[arg-type]
    k = len(CLASSES)
    claims = np.exp(z[:, :k] - z[:, :k].max(axis=1, keepdims=True))
    binary = 1.0 / (1.0 + np.exp(-np.clip(z[:, k:], -30.0, 30.0)))
    return SentenceScores(
        (claims / claims.sum(axis=1, keepdims=True)).tolist(), binary[:, 0].tolist(), binary[:, 1].tolist()
    )
