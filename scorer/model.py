"""The classifier: a scikit-learn Pipeline over the feature schema, and its explanations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scorer.features import model_feature_names

if TYPE_CHECKING:
    import numpy as np
    from sklearn.pipeline import Pipeline

CLASSES = ("reported", "speculative")
POSITIVE = "speculative"


def build_pipeline(seed: int = 0, C: float = 1.0, n_rows: int = 100) -> Pipeline:
    """Features to training-set percentiles, standardised, then an L2 logistic regression.

    The percentile step bounds every input: a page far outside the training range (a
    boilerplate-heavy web page, a 1 MB line) cannot push the score by more than the most
    extreme training article did, and each weight still reads per feature.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import QuantileTransformer, StandardScaler

    return Pipeline(
        [
            ("percentile", QuantileTransformer(n_quantiles=max(2, min(100, n_rows)), random_state=seed)),
            ("scale", StandardScaler()),
            ("classify", LogisticRegression(C=C, class_weight=None, max_iter=2000, random_state=seed)),
        ]
    )


def as_matrix(rows: Sequence[dict[str, float]]) -> np.ndarray:
    """Feature dicts to a matrix of the classifier's columns, in schema order."""
    import numpy as np

    names = model_feature_names()
    return np.array([[row[n] for n in names] for row in rows], dtype=float).reshape(len(rows), len(names))


def speculative_probability(pipeline: Pipeline, matrix: np.ndarray) -> np.ndarray:
    """P(speculative) of each row, predicted in one batch."""
    column = list(pipeline.classes_).index(POSITIVE)
    return pipeline.predict_proba(matrix)[:, column]


def contributions(pipeline: Pipeline, matrix: np.ndarray) -> list[dict[str, float]]:
    """Each feature's signed push on the log-odds of *speculative*, per row.

    For a linear model on transformed features this is exact: weight x transformed value; the
    contributions plus the intercept are the model's log-odds.
    """
    classify = pipeline.named_steps["classify"]
    sign = 1.0 if classify.classes_[1] == POSITIVE else -1.0
    pushes = pipeline[:-1].transform(matrix) * classify.coef_[0] * sign
    names = model_feature_names()
    return [dict(zip(names, map(float, row), strict=False)) for row in pushes]


def weights(pipeline: Pipeline) -> dict[str, float]:
    """Standardised weight of each feature towards *speculative*."""
    classify = pipeline.named_steps["classify"]
    sign = 1.0 if classify.classes_[1] == POSITIVE else -1.0
    return {n: float(w * sign) for n, w in zip(model_feature_names(), classify.coef_[0], strict=False)}
