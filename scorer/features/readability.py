"""Readability: textstat's character-based grade levels and sentence/word shape.

textstat is pinned (see pyproject.toml) because its formulas change between releases, and
its version is recorded in every model's metadata. Only Coleman-Liau is used: it needs no
syllable dictionary (offline by construction, no cmudict load of 0.6 s on the first call),
and the Automated Readability Index, measured too at first, moved with it and doubled the
cost (benchmarks/speed.py).
"""

from __future__ import annotations

import math
from collections import Counter

from scorer.features.base import Feature, rate
from scorer.view import TextView

FEATURES = [
    Feature(
        "coleman_liau_index", "textstat Coleman-Liau grade level of the body (letters per word, sentences per word)"
    ),
    Feature("words_per_sentence", "Mean body words per sentence"),
    Feature("long_word_share", "Share of body words with seven or more letters"),
    Feature("type_token_ratio", "Distinct words / words over the first 300 body words (repetitive padding is low)"),
]

_GRADE_LIMIT = 40.0  # textstat's grades grow without bound on degenerate text (one 1 MB "word")
_TTR_WINDOW = 300


def compute(view: TextView) -> dict[str, float]:
    import textstat  # deferred: `score --help` must not pay for it

    body = view.body_text
    words = view.words
    has_text = bool(words)
    first = [w.lower() for w in words[:_TTR_WINDOW]]
    return {
        "coleman_liau_index": _bounded(textstat.coleman_liau_index(body)) if has_text else 0.0,
        "words_per_sentence": rate(len(words), len(view.sentences)),
        "long_word_share": rate(sum(n for size, n in Counter(map(len, words)).items() if size >= 7), len(words)),
        "type_token_ratio": rate(len(set(first)), len(first)),
    }


def _bounded(value: float) -> float:
    if not math.isfinite(value):
        return 0.0
    return max(-_GRADE_LIMIT, min(_GRADE_LIMIT, float(value)))
