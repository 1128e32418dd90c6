"""A scikit-learn transformer of the feature extractor, to sit inside a user's own Pipeline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin

from scorer.features import extract, feature_names


class FeatureExtractor(TransformerMixin, BaseEstimator):
    """Texts -> the feature matrix (all schema columns, in order). Stateless."""

    def fit(self, X: Iterable[str], y: Any = None) -> FeatureExtractor:
        self.n_features_out_ = len(feature_names())
        return self

    def transform(self, X: Iterable[str]) -> Any:
        import numpy as np

        names = feature_names()
        rows = [extract(text if isinstance(text, str) else "") for text in X]
        return np.array([[row[n] for n in names] for row in rows], dtype=float).reshape(len(rows), len(names))

    def get_feature_names_out(self, input_features: Any = None) -> Any:
        import numpy as np

        return np.array(feature_names(), dtype=object)
