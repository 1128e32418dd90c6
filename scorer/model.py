"""The classifier, stored as data: clip -> standardise -> logistic regression, calibrated.

A fitted model is a handful of numbers per feature (clip bounds, mean, scale, weight), an
intercept and a decision threshold. It is saved as JSON and rebuilt here with numpy alone:
loading a model never unpickles anything, so a model file cannot run code, and scoring
does not depend on how scikit-learn pickles its estimators. scikit-learn is used to *fit*
(``fit_linear``), never to predict.

Scores are exact sums: the log-odds of *speculative* is the intercept plus one push per
feature, ``weight x standardised clipped value``; the explanation shows those pushes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scorer.errors import ModelError

if TYPE_CHECKING:
    import numpy as np

CLASSES = ("reported", "speculative")
POSITIVE = "speculative"
KIND = "clipped-standardised-logistic"
CLIP_QUANTILES = (0.01, 0.99)
_ARRAYS = ("low", "high", "mean", "scale", "coef")


@dataclass(frozen=True)
class LinearModel:
    """Everything needed to score: per-feature clip bounds, mean, scale and weight."""

    features: tuple[str, ...]
    low: np.ndarray
    high: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # towards *speculative*, calibration folded in
    intercept: float
    threshold: float = 0.5  # P(speculative) at or above which the label is speculative

    @property
    def classes_(self) -> tuple[str, ...]:
        return CLASSES

    def standardised(self, matrix: np.ndarray) -> np.ndarray:
        import numpy as np

        return (np.clip(matrix, self.low, self.high) - self.mean) / self.scale

    def pushes(self, matrix: np.ndarray) -> np.ndarray:
        """Per row and feature, the signed push on the log-odds of *speculative*."""
        return self.standardised(matrix) * self.coef

    def log_odds(self, matrix: np.ndarray) -> np.ndarray:
        return self.pushes(matrix).sum(axis=1) + self.intercept

    def speculative_probability(self, matrix: np.ndarray) -> np.ndarray:
        """P(speculative) of each row, in one vectorised pass."""
        import numpy as np

        return 1.0 / (1.0 + np.exp(-np.clip(self.log_odds(matrix), -30.0, 30.0)))

    def labels(self, p_speculative: np.ndarray) -> list[str]:
        return [POSITIVE if p >= self.threshold else "reported" for p in p_speculative]

    def weights(self) -> dict[str, float]:
        """Weight of each standardised feature towards *speculative*."""
        return {n: float(w) for n, w in zip(self.features, self.coef, strict=True)}

    def with_calibration(self, slope: float, offset: float) -> LinearModel:
        """The same model with Platt scaling (``slope x log-odds + offset``) folded into its weights."""
        return _replace(self, coef=self.coef * slope, intercept=self.intercept * slope + offset)

    def with_threshold(self, threshold: float) -> LinearModel:
        return _replace(self, threshold=float(threshold))

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready record of the model (what ``from_record`` reads back)."""
        record: dict[str, Any] = {"kind": KIND, "classes": list(CLASSES), "features": list(self.features)}
        record.update({name: [float(v) for v in getattr(self, name)] for name in _ARRAYS})
        record.update(intercept=float(self.intercept), threshold=float(self.threshold))
        return record

    @classmethod
    def from_record(cls, record: Any, expected_features: Sequence[str]) -> LinearModel:
        """Rebuild a model from its record, checking every field; ``ModelError`` names the first problem."""
        import numpy as np

        if not isinstance(record, Mapping):
            raise ModelError("model parameters are not a JSON object")
        if record.get("kind") != KIND:
            raise ModelError(f"model kind {record.get('kind')!r} is not one this scorer reads ({KIND!r})")
        if record.get("classes") != list(CLASSES):
            raise ModelError(f"model classes {record.get('classes')!r}, expected {list(CLASSES)}")
        features = record.get("features")
        if features != list(expected_features):
            raise ModelError("model features differ from the feature schema this scorer computes; retrain it")
        arrays = {}
        for name in _ARRAYS:
            values = record.get(name)
            if not isinstance(values, list) or len(values) != len(features):
                raise ModelError(f"model field {name!r} must be a list of {len(features)} numbers")
            arrays[name] = _finite_array(name, values)
        if not np.all(arrays["scale"] > 0):
            raise ModelError("model field 'scale' must be positive")
        if not np.all(arrays["low"] <= arrays["high"]):
            raise ModelError("model field 'low' must not exceed 'high'")
        intercept, threshold = _finite("intercept", record.get("intercept")), _finite("threshold", record.get("threshold"))
        if not 0.0 < threshold < 1.0:
            raise ModelError(f"model threshold {threshold} is not a probability strictly between 0 and 1")
        return cls(tuple(features), intercept=intercept, threshold=threshold, **arrays)


def _replace(model: LinearModel, **changes: Any) -> LinearModel:
    import dataclasses

    return dataclasses.replace(model, **changes)


def _finite(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ModelError(f"model field {name!r} must be a finite number")
    return float(value)


def _finite_array(name: str, values: list[Any]) -> np.ndarray:
    import numpy as np

    return np.array([_finite(name, v) for v in values], dtype=float)


def fit_linear(matrix: np.ndarray, labels: Sequence[str], features: Sequence[str], C: float = 1.0,
               class_weight: str | None = None, seed: int = 0) -> LinearModel:
    """Fit clip bounds (training 1st/99th percentiles), standardisation and an L2 logistic regression.

    Clipping bounds every input: a page far outside the training range cannot push the score
    harder than a training article at the 99th percentile did.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    low, high = np.quantile(matrix, CLIP_QUANTILES, axis=0)
    clipped = np.clip(matrix, low, high)
    mean, scale = clipped.mean(axis=0), clipped.std(axis=0)
    scale = np.where(scale > 1e-12, scale, 1.0)
    y = np.array([label == POSITIVE for label in labels], dtype=int)
    if len(set(y)) < 2:
        raise ModelError("training needs both classes")
    lr = LogisticRegression(C=C, class_weight=class_weight, max_iter=5000, random_state=seed)
    lr.fit((clipped - mean) / scale, y)
    return LinearModel(tuple(features), low, high, mean, scale, lr.coef_[0].copy(), float(lr.intercept_[0]))


def as_matrix(rows: Sequence[Mapping[str, float]], names: Sequence[str] | None = None) -> np.ndarray:
    """Feature dicts to a matrix of the classifier's columns, in schema order."""
    import numpy as np

    from scorer.features import model_feature_names

    names = list(names) if names is not None else model_feature_names()
    return np.array([[row[n] for n in names] for row in rows], dtype=float).reshape(len(rows), len(names))
