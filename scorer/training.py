"""Training a new model version from labelled rows, with cross-validated metrics."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from scorer import artifact, model
from scorer.features import extract, model_feature_names
from scorer.labels import LabelledText, data_hash
from scorer.metrics import classification_metrics

CV_FOLDS = 5


def featurise(rows: list[LabelledText]) -> tuple[Any, list[str]]:
    """Feature matrix and labels of labelled rows."""
    return model.as_matrix([extract(r.text) for r in rows]), [r.label for r in rows]


def fit(rows: list[LabelledText], seed: int = 0, C: float = 1.0) -> model.AdditiveModel:
    """A fitted model; the same rows and seed give the same model."""
    matrix, labels = featurise(rows)
    return model.fit_additive(matrix, labels, model_feature_names(), C=C, seed=seed)


def cross_validated(rows: list[LabelledText], seed: int = 0, C: float = 1.0) -> dict[str, Any]:
    """Out-of-fold metrics on the training rows (stratified k-fold; a check, not a test set)."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    matrix, labels = featurise(rows)
    folds = min(CV_FOLDS, min(Counter(labels).values()))
    if folds < 2:
        return {"method": "not measured: a class has fewer than 2 rows"}
    split = StratifiedKFold(folds, shuffle=True, random_state=seed)
    p_spec = np.zeros(len(labels))
    for train_idx, test_idx in split.split(matrix, labels):
        fitted = model.fit_additive(
            matrix[train_idx], [labels[i] for i in train_idx], model_feature_names(), C=C, seed=seed
        )
        p_spec[test_idx] = fitted.speculative_probability(matrix[test_idx])
    return {
        "method": f"{folds}-fold stratified cross-validation on the training rows",
        **classification_metrics(labels, p_spec.tolist()),
    }


def train(
    rows: list[LabelledText],
    out_dir: Path,
    name: str = artifact.DEFAULT_NAME,
    seed: int = 0,
    C: float = 1.0,
    sources: list[str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Fit on all rows, measure by cross-validation, and write a new model version."""
    fitted = fit(rows, seed, C)
    metrics = {"cross_validation": cross_validated(rows, seed, C)}
    return save_fitted(
        fitted, rows, out_dir, name, seed=seed, C=C, sources=sources, extra={"metrics": metrics, **(extra or {})}
    )


def save_fitted(
    fitted: model.AdditiveModel,
    rows: list[LabelledText],
    out_dir: Path,
    name: str = artifact.DEFAULT_NAME,
    seed: int = 0,
    C: float = 1.0,
    class_weight: str | None = None,
    sources: list[str] | None = None,
    extra: dict[str, Any] | None = None,
    version: int | None = None,
) -> Path:
    """Write a fitted model as a new version, with the metadata of the rows it was fitted on."""
    metadata = {
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "training_data": {
            "sha256": data_hash(rows),
            "rows": len(rows),
            "classes": dict(sorted(Counter(r.label for r in rows).items())),
            "sources": sources or [],
        },
        "hyperparameters": {"C": C, "seed": seed, "class_weight": class_weight},
        **(extra or {}),
    }
    return artifact.save(fitted, metadata, out_dir, name, version)
