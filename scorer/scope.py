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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorer.resources import Language

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


def scope_model(lang: Language) -> ScopeModel:
    """A language's scope gate (``scope.json``)."""
    return lang.built("scope", _scope_model)


def _scope_model(lang: Language) -> ScopeModel:
    record = lang.weights("scope")
    return ScopeModel(
        tuple(record["features"]),
        tuple(float(v) for v in record["means"]),
        tuple(float(v) for v in record["scales"]),
        tuple(float(v) for v in record["weights"]),
        float(record["intercept"]),
        float(record["threshold"]),
    )


def out_of_scope(row: Mapping[str, float], n_words: int, lang: Language) -> float | None:
    """P(not news) when the text is surely not news (at or above the model's threshold), else ``None``."""
    if n_words < MIN_WORDS:
        return None
    gate = scope_model(lang)
    p = gate.p_not_news(row)
    return p if p >= gate.threshold else None
