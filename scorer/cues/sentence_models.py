"""Every sentence model, scored together: who carries the claim, and how uncertain and subjective it is.

Three linear models over a sentence's tokens, with weights shipped as JSON in
``scorer/resources/<language>/``: the five-class claim model (``scorer.cues.claims``), and the
binary uncertainty (CoNLL-2010 Wikipedia hedges and weasels) and subjectivity (CheckThat! 2025
news sentences) scorers (``benchmarks/build_sentence_weights.py``). Their weights sit in one table,
one column per class, so the sentences of a batch of documents are scored by all three at once:
their word grams are looked up in one pass of array operations (``scorer.sparse.GramIndex``),
their cue tokens (``claims.cue_tokens``) by name, and each sentence's distinct rows summed. The
binary scorers read word 1-2 grams only; the claim tokens they do not know weigh nothing for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from scorer.cues.claims import CLASSES
from scorer.resources import Language
from scorer.sparse import GramIndex, summed_rows

if TYPE_CHECKING:
    import numpy as np

BINARY = ("uncertainty", "subjectivity")  # resources sentence_<name>.json
_CUE_TOKEN = "<"  # "<hedge>", "<quote>"...: tokens for a sentence's cues, not words


@dataclass(frozen=True)
class SentenceScores:
    """Per body sentence: claim-class probabilities (``CLASSES`` order), P(uncertain), P(subjective)."""

    claims: list[list[float]]
    uncertain: list[float]
    subjective: list[float]


@dataclass(frozen=True)
class _Table:
    intercepts: np.ndarray  # claim classes, then each binary model
    rows: np.ndarray  # one row per token, one column per class
    tokens: dict[str, int]  # the row of each token (``claims.claim_tokens``)
    grams: GramIndex  # the same, for the word grams
    cues: dict[str, int]  # the same, for the cue tokens


def table(lang: Language) -> _Table:
    """Intercepts and weight rows of a language's three models (claim classes first), and the row of each token."""
    return lang.built("sentence_models", _table)


def _table(lang: Language) -> _Table:
    import numpy as np

    claims = lang.weights("claims")
    if tuple(claims["classes"]) != CLASSES:
        raise ValueError(f"claims.json: classes {claims['classes']} differ from {CLASSES}")
    models = [(claims["weights"], len(CLASSES))] + [(lang.weights(f"sentence_{n}")["weights"], 1) for n in BINARY]
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
        float(lang.weights(f"sentence_{n}")["intercept"]) for n in BINARY
    ]
    cues = {t: r for t, r in index.items() if t.startswith(_CUE_TOKEN)}
    grams = GramIndex((t, r) for t, r in index.items() if not t.startswith(_CUE_TOKEN))
    return _Table(np.array(intercepts), np.array(table).reshape(-1, width), index, grams, cues)


def score_documents(
    documents: Sequence[tuple[list[list[str]], list[list[str]]]], lang: Language
) -> list[SentenceScores]:
    """A language's three models on each sentence of each document, given as its sentences'
    lower-cased words and cue tokens, in one pass of array operations over every sentence.

    A sentence's tokens are those of ``claims.claim_tokens``: its word 1-2 grams, ``^`` + its
    first word, and its cue tokens; each distinct known token adds its row once.
    """
    import numpy as np

    t = table(lang)
    words = [sentence for doc_words, _ in documents for sentence in doc_words]
    if not words:
        return [SentenceScores([], [], []) for _ in documents]
    starts = np.cumsum([0, *map(len, words[:-1])], dtype=np.int64)
    positions, rows = t.grams.lookup(list(chain.from_iterable(words)), starts)
    sentence = np.searchsorted(starts, positions, side="right") - 1
    cue_sentence, cue_rows = [], []
    for i, tokens in enumerate(tokens for _, doc_cues in documents for tokens in doc_cues):
        for token in tokens:
            if (row := t.cues.get(token)) is not None:
                cue_sentence.append(i)
                cue_rows.append(row)
    z = t.intercepts + summed_rows(
        t.rows,
        len(words),
        np.concatenate([sentence, np.array(cue_sentence, dtype=np.int64)]),
        np.concatenate([rows, np.array(cue_rows, dtype=np.int64)]),
    )
    k = len(CLASSES)
    claims = np.exp(z[:, :k] - z[:, :k].max(axis=1, keepdims=True))
    claims = (claims / claims.sum(axis=1, keepdims=True)).tolist()
    binary = (1.0 / (1.0 + np.exp(-np.clip(z[:, k:], -30.0, 30.0)))).T.tolist()
    scores, at = [], 0
    for doc_words, _ in documents:
        end = at + len(doc_words)
        scores.append(SentenceScores(claims[at:end], binary[0][at:end], binary[1][at:end]))
        at = end
    return scores
