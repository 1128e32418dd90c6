"""Whether a text is news at all, so that the scorer refuses what it was never meant to judge.

Product pages, service pages, documentation, forum threads and listings are not reporting nor
speculation; judged as articles they got confident, meaningless labels. A logistic model over the
document's own feature row (``resources/<language>/scope.json``, fitted and measured by
``benchmarks/build_scope_model.py``) gives P(not news); a text is refused only above a threshold
chosen so that almost no news article is refused. Short texts say too little and are never refused.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

MIN_WORDS = 80  # below this the feature shares are too noisy to judge a genre by


@dataclass(frozen=True)
class ScopeModel:
    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float

    def p_not_news(self, row: Mapping[str, float]) -> float:
        z = self.intercept + sum(
            w * (row[name] - m) / s
            for name, m, s, w in zip(self.features, self.means, self.scales, self.weights, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@cache
def scope_model() -> ScopeModel:
    from scorer.resources import weights

    record = weights("scope")
    return ScopeModel(
        tuple(record["features"]),
        tuple(float(v) for v in record["means"]),
        tuple(float(v) for v in record["scales"]),
        tuple(float(v) for v in record["weights"]),
        float(record["intercept"]),
        float(record["threshold"]),
    )


def out_of_scope(row: Mapping[str, float], n_words: int) -> float | None:
    """P(not news) when the text is surely not news (at or above the model's threshold), else ``None``."""
    if n_words < MIN_WORDS:
        return None
    p = scope_model().p_not_news(row)
    return p if p >= scope_model().threshold else None
