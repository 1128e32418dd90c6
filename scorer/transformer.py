"""A scikit-learn transformer of the feature extractor, to sit inside a user's own Pipeline."""

from __future__ import annotations

from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from scorer.features import extract, feature_names


class FeatureExtractor(TransformerMixin, BaseEstimator):
    """Texts -> the feature matrix (every schema column, in order). Stateless once fitted.

    Takes raw documents like ``CountVectorizer``: a list, array or Series of strings, or a
    one-column DataFrame / 2-D array (what ``ColumnTransformer`` passes for ``["text"]``).
    A single string is refused (it would be read as one document per character).
    """

    def fit(self, X: Any, y: Any = None) -> FeatureExtractor:
        _documents(X)
        self.n_features_out_ = len(feature_names())
        return self

    def transform(self, X: Any) -> Any:
        import numpy as np

        check_is_fitted(self, "n_features_out_")
        names = feature_names()
        rows = [extract(text) for text in _documents(X)]
        return np.array([[row[n] for n in names] for row in rows], dtype=float).reshape(len(rows), len(names))

    def get_feature_names_out(self, input_features: Any = None) -> Any:
        import numpy as np

        check_is_fitted(self, "n_features_out_")
        return np.array(feature_names(), dtype=object)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = True
        return tags


def _documents(X: Any) -> list[str]:
    """The documents of ``X`` as a list of strings; ``ValueError`` on anything else."""
    if isinstance(X, (str, bytes)):
        raise ValueError("Iterable over raw text documents expected, string object received.")
    if hasattr(X, "columns") and hasattr(X, "iloc"):  # a DataFrame: one text column
        if X.shape[1] != 1:
            raise ValueError(f"a DataFrame with one text column is expected, got {X.shape[1]} columns")
        X = X.iloc[:, 0]
    elif getattr(X, "ndim", 1) == 2:
        if X.shape[1] != 1:
            raise ValueError(f"a 2-D input must have one text column, got {X.shape[1]}")
        X = X[:, 0]
    documents = list(X)
    for i, doc in enumerate(documents):
        if not isinstance(doc, str):
            raise ValueError(f"document {i} is {type(doc).__name__}, not text")
    return documents
