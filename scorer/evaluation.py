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
    scored = [(row.label, r.p_speculative) for row, r in zip(rows, results, strict=True) if r.p_speculative is not None]
    if not scored:
        raise ScorerError(f"{labels}: no row could be scored (first refusal: {results[0].error})")
    threshold = scorer.artifact.model.threshold
    metrics = classification_metrics([gold for gold, _ in scored], [p for _, p in scored], threshold)
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
