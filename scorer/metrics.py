"""Classification metrics computed the same way everywhere (evaluate, train, benchmarks)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scorer.model import CLASSES, POSITIVE

RELIABILITY_BINS = 10


def classification_metrics(
    labels: Sequence[str], p_speculative: Sequence[float], threshold: float = 0.5
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall, FPR on reporting, Brier, AUC, confusion, reliability.

    ``threshold``: P(speculative) at or above which a row is called speculative (the model's own).
    """
    import numpy as np
    from sklearn.metrics import (
        accuracy_score,
        brier_score_loss,
        confusion_matrix,
        f1_score,
        precision_recall_fscore_support,
        roc_auc_score,
    )

    y = np.array([label == POSITIVE for label in labels], dtype=int)
    p = np.asarray(p_speculative, dtype=float)
    pred = (p >= threshold).astype(int)
    precision, recall, f1, support = precision_recall_fscore_support(y, pred, labels=[0, 1], zero_division=0)
    matrix = confusion_matrix(y, pred, labels=[0, 1])
    reported_total = matrix[0].sum()
    return {
        "n": len(y),
        "accuracy": float(accuracy_score(y, pred)),
        "macro_f1": float(f1_score(y, pred, average="macro", labels=[0, 1], zero_division=0)),
        "per_class": {
            cls: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, cls in enumerate(CLASSES)
        },
        "false_positive_rate_on_reported": float(matrix[0, 1] / reported_total) if reported_total else None,
        "brier": float(brier_score_loss(y, p, pos_label=1)) if len(y) else None,
        # how well the probabilities rank speculative above reported; undefined with one class only
        "auc": round(float(roc_auc_score(y, p)), 4) if 0 < y.sum() < len(y) else None,
        "confusion": {"labels": list(CLASSES), "matrix": matrix.tolist()},
        "reliability": reliability(y, p),
    }


def reliability(y: Any, p: Any, bins: int = RELIABILITY_BINS) -> list[dict[str, Any]]:
    """Mean predicted vs observed rate of *speculative* per probability bin (non-empty bins)."""
    import numpy as np

    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    out = []
    for b in range(bins):
        mask = which == b
        if mask.any():
            out.append(
                {
                    "bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}",
                    "n": int(mask.sum()),
                    "mean_predicted": float(p[mask].mean()),
                    "observed": float(y[mask].mean()),
                }
            )
    return out
