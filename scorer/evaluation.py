"""Measuring a model on a labelled CSV, and the evaluation report (inline SVG, no assets)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from scorer.errors import ScorerError
from scorer.labels import read_labelled_csv
from scorer.metrics import classification_metrics
from scorer.scoring import Scorer
from scorer.targets import write_whole


def evaluate_csv(
    labels: Path,
    model: str | os.PathLike[str] | None = None,
    report: Path | None = None,
    any_path: bool = False,
    threshold: float | None = None,
) -> dict[str, Any]:
    """Metrics of a model on every row of a labelled CSV; optionally an HTML report.

    ``any_path``: the CSV's path column may name files outside its folder; ``threshold``: another
    operating point than the model's own."""
    rows = read_labelled_csv(labels, both_classes=False, any_path=any_path)
    scorer = Scorer(model, threshold=threshold)
    results = scorer.score_texts([r.id for r in rows], [r.text for r in rows], evidence=False)
    scored = [(row, result) for row, result in zip(rows, results, strict=True) if result.p_speculative is not None]
    if not scored:
        raise ScorerError(f"{labels}: no row could be scored (first refusal: {results[0].error})")
    threshold = scorer.artifact.model.threshold
    gold = [row.label for row, _ in scored]
    p = [result.p_speculative for _, result in scored if result.p_speculative is not None]
    metrics = classification_metrics(gold, p, threshold)
    metrics["auc"] = _auc(gold, p)
    metrics["refused"] = [{"id": r.id, "error": r.error} for r in results if r.p_speculative is None]
    metrics["threshold"] = threshold
    metrics["model"] = scorer.version
    metrics["labels"] = str(labels)
    if report is not None:
        from scorer.report import render_evaluation

        fitted = scorer.artifact.model
        with write_whole(report, "--report") as stream:
            stream.write(render_evaluation(metrics, fitted.shapes(), fitted.effects()))
    return metrics


def format_metrics(m: dict[str, Any]) -> str:
    """A plain-text summary of ``classification_metrics`` output."""
    fpr = m["false_positive_rate_on_reported"]
    lines = [
        f"model {m.get('model', '?')} on {m.get('labels', '?')} ({m['n']} rows scored"
        f"{', ' + str(len(m['refused'])) + ' refused and left out' if m.get('refused') else ''})",
        f"accuracy {m['accuracy']:.3f}   macro-F1 {m['macro_f1']:.3f}   Brier {m['brier']:.3f}   "
        f"FPR on reported {'n/a' if fpr is None else f'{fpr:.3f}'}   "
        f"AUC {'n/a (one class)' if m.get('auc') is None else format(m['auc'], '.3f')}   threshold {m.get('threshold', 0.5):.2f}",
    ]
    for cls, v in m["per_class"].items():
        lines.append(
            f"  {cls:12s} precision {v['precision']:.3f}  recall {v['recall']:.3f}  F1 {v['f1']:.3f}  n={v['support']}"
        )
    (tn, fp), (fn, tp) = m["confusion"]["matrix"]
    lines.append(f"confusion (rows true, cols predicted; reported, speculative): [[{tn}, {fp}], [{fn}, {tp}]]")
    lines.append(
        "reliability: "
        + "  ".join(
            f"{b['bin']}: {b['mean_predicted']:.2f}->{b['observed']:.2f} (n={b['n']})" for b in m["reliability"]
        )
    )
    return "\n".join(lines)


def _auc(gold: list[str], p: list[float]) -> float | None:
    """How well the probabilities rank speculative above reported (None with one class only)."""
    from sklearn.metrics import roc_auc_score

    positive = [label == "speculative" for label in gold]
    return round(float(roc_auc_score(positive, p)), 4) if 0 < sum(positive) < len(positive) else None
