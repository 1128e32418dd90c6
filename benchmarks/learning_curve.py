"""Would more judged articles of the same kind help? The shipped family trained on a share of the outlets.

    python benchmarks/learning_curve.py              # about 2 minutes; writes benchmarks/results/learning_curve.json
    python benchmarks/learning_curve.py --draws 3    # more random draws per share

The same outlet-grouped 5-fold cross-validation as ``select_model.py`` (same rows, groups and
folds), but each fold's model is fitted on the training rows of a random share of the groups
(outlets, story pairs) only, then scored on the fold's whole test part. The model is the shipped
family with the shipped model's settings read from its metadata (feature model, knots, C,
weighting, n-gram C; the stacking weights are refitted on the out-of-fold log-odds, as in
selection). A curve still rising at 100% says more labels of the same kind would help; a flat one
says they would not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import select_model as selection
from judged import judged_rows

from scorer import load_model
from scorer import model as model_lib
from scorer.features import model_feature_names
from scorer.view import TextView

SHARES = (0.25, 0.5, 0.75, 1.0)
RESULTS = Path(__file__).resolve().parent / "results" / "learning_curve.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=2, help="random draws of groups per share below 100%%")
    args = parser.parse_args()
    chosen_meta = load_model().artifact.metadata
    chosen = chosen_meta["model_selection"]
    records = judged_rows(None, dedupe=True)
    texts = [t.text for _, t in records]
    bodies = [TextView(t).body_text for t in texts]
    y = np.array([t.label for _, t in records])
    groups = np.array([selection.cv_group(r) for r, _ in records])
    hashes = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
    feats = selection.features_of(dict(zip(hashes, texts, strict=True)))
    names = chosen["features"]
    assert set(names) <= set(model_feature_names())
    X = np.array([[feats[h][n] for n in names] for h in hashes])
    folds = list(GroupKFold(5).split(X, y, groups))
    every_group = np.array(sorted(set(groups)))
    rng = np.random.default_rng(0)
    print(f"{len(y)} judged rows, {len(every_group)} groups; feature model: {chosen['feature_model']}")
    print(f"{'share of groups':>16} {'rows':>6} {'AUC':>6} {'macro-F1 at 0.5':>16} {'at FPR 5%':>10} {'Brier':>6}")
    curve = []
    for share in SHARES:
        figures = []
        for _ in range(1 if share == 1.0 else args.draws):
            kept = set(rng.choice(every_group, round(len(every_group) * share), replace=False))
            z_f, z_n = np.zeros(len(y)), np.zeros(len(y))
            rows = 0
            for train, test in folds:
                train = np.array([i for i in train if groups[i] in kept])
                rows += len(train)
                features = model_lib.fit_additive(
                    X[train],
                    list(y[train]),
                    names,
                    C=chosen["C"],
                    class_weight=chosen["class_weight"],
                    quantiles=chosen["knot_quantiles"],
                )
                z_f[test] = features.log_odds(X[test])
                ngrams, intercept = model_lib.fit_ngrams(
                    [bodies[i] for i in train], list(y[train]), C=(chosen["ngrams"] or {}).get("C", selection.NGRAM_C)
                )
                z_n[test] = [total + intercept for total, _ in ngrams.terms_of([bodies[i] for i in test])]
            stack = LogisticRegression(C=1e6, max_iter=1000).fit(np.c_[z_f, z_n], y == "speculative")
            p = stack.predict_proba(np.c_[z_f, z_n])[:, 1]
            m = selection.summary(y, p) | selection.operating_point(y, p)
            figures.append((rows / len(folds), m["auc"], m["macro_f1"], m["macro_f1_at_fpr_5"], m["brier"]))
        rows, auc, f1, f1_5, brier = np.mean(figures, axis=0)
        print(f"{share:>16.0%} {rows:>6.0f} {auc:>6.3f} {f1:>16.3f} {f1_5:>10.3f} {brier:>6.3f}", flush=True)
        curve.append(
            {"share": share, "training_rows": round(float(rows)), "auc": round(float(auc), 4),
             "macro_f1": round(float(f1), 4), "macro_f1_at_fpr_5": round(float(f1_5), 4), "brier": round(float(brier), 4)}
        )  # fmt: skip
    RESULTS.write_text(
        json.dumps(
            {"model": f"{chosen_meta['name']}-v{chosen_meta['model_version']}", "draws": args.draws, "curve": curve},
            indent=1,
        )
        + "\n"
    )
    print(f"-> {RESULTS}")


if __name__ == "__main__":
    main()
