"""Train the shipped model on the judged train split; measure it on the judged dev split.

    python benchmarks/build_model.py            # writes models/sourcescore-v<N>.model.json + .json

The dev split (whole outlets and story pairs held out) is never used to fit; the seeds are
never used at all, and the script checks that none of their texts is in the training rows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from judged import JUDGED, judged_rows

from scorer import training
from scorer.features import model_feature_names
from scorer.metrics import classification_metrics
from scorer.model import fit_linear

ROOT = Path(__file__).resolve().parents[1]
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)


def select_c(records: list) -> tuple[float, dict[str, float]]:
    """C with the best macro-F1 in 5-fold cross-validation grouped by story pair / outlet (train split only)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    rows = [t for _, t in records]
    groups = [r["group"] for r, _ in records]
    matrix, labels = training.featurise(rows)
    scores = {}
    for c in C_GRID:
        p_spec = np.zeros(len(rows))
        for fit_idx, test_idx in GroupKFold(5).split(matrix, labels, groups):
            fitted = fit_linear(matrix[fit_idx], [labels[i] for i in fit_idx], model_feature_names(), C=c)
            p_spec[test_idx] = fitted.speculative_probability(matrix[test_idx])
        scores[str(c)] = round(classification_metrics(labels, p_spec)["macro_f1"], 4)
    best = max(C_GRID, key=lambda c: scores[str(c)])
    return best, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "models")
    parser.add_argument("--C", type=float, default=None, help="default: chosen by grouped CV on the train split")
    parser.add_argument("--dry-run", action="store_true", help="measure only; write no model")
    args = parser.parse_args()

    train_records = judged_rows("train")
    train = [t for _, t in train_records]
    if args.C is None:
        args.C, grid = select_c(train_records)
        print(f"C={args.C} chosen by grouped 5-fold CV macro-F1 on train: {grid}")
    else:
        grid = {}
    dev_records = judged_rows("dev")
    dev = [t for _, t in dev_records]
    seeds = {
        hashlib.sha256(p.read_bytes().decode("utf-8").encode()).hexdigest() for p in (ROOT / "seeds").glob("*.txt")
    }
    assert not seeds & {hashlib.sha256(t.text.encode()).hexdigest() for t in train}, "a seed is in the training rows"

    fitted = training.fit(train, C=args.C)
    matrix, labels = training.featurise(dev)
    dev_metrics = classification_metrics(labels, fitted.speculative_probability(matrix))
    print(
        json.dumps(
            {k: dev_metrics[k] for k in ("n", "accuracy", "macro_f1", "false_positive_rate_on_reported", "brier")},
            indent=1,
        )
    )
    if args.dry_run:
        return
    extra = {
        "labels_file": {"path": "labels/judged.csv", "sha256": hashlib.sha256(JUDGED.read_bytes()).hexdigest()},
        "seeds_in_training": False,
        "model_selection": {
            "method": "C with the best macro-F1 in 5-fold cross-validation grouped by story pair/outlet, train split only",
            "macro_f1_by_C": grid,
            "chosen_C": args.C,
        },
        "evaluation": {
            "dev_judged": {
                "method": "labels/judged.csv split=dev: articles judged by reading, whole outlets and story pairs held out from training",
                **dev_metrics,
            }
        },
    }
    path = training.train(train, args.out, C=args.C, sources=["labels/judged.csv split=train"], extra=extra)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
