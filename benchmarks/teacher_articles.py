"""Would the teacher itself, as the article's claim model, lift the article model enough to ship?

    /work/tvenv/bin/python benchmarks/teacher_articles.py   (torch and transformers: see teacher.py)

The bar (issue 21): ship the teacher as an optional model only if the article model it feeds gains
at least 0.03 macro-F1 at FPR 5%. The teacher (``teacher.py``) is fine-tuned on every judged
sentence (all from articles that are never judged whole), then gives each body sentence of every
judged article its class probabilities; their means replace the ``claim_<class>_share`` features.
The shipped recipe (``training.fit_recipe``) is measured with the shipped features and with the
teacher's, on the same outlet-grouped folds and leaving each machine generator out. Also timed:
the teacher's articles/s on two cores. Writes benchmarks/results/teacher_articles.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from judged import judged_rows
from provenance import write_result
from select_model import cv_group, features_of, operating_point
from select_sentences import judged_sentences
from teacher import CLASSES, Teacher, checkpoint

from scorer import training
from scorer.features import model_feature_names
from scorer.view import TextView

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "teacher_articles.json"
SHARES = Path("/tmp/teacher_article_shares.json")  # the slow part, kept if a later step fails


def teacher_shares(bodies_sentences: list[list[str]]) -> tuple[np.ndarray, float]:
    """Each article's mean class probabilities by the teacher fitted on every judged sentence, and articles/s."""
    folder, _ = checkpoint()
    sentence_rows = judged_sentences()
    teacher = Teacher(folder)
    started = time.time()
    teacher.fit([s for _, s in sentence_rows], np.array([r["label"] for r, _ in sentence_rows]))
    print(f"fitted on {len(sentence_rows)} sentences in {time.time() - started:.0f}s", flush=True)
    flat = [(i, s) for i, sentences in enumerate(bodies_sentences) for s in sentences]
    order = sorted(range(len(flat)), key=lambda k: len(flat[k][1]))  # similar lengths batch with little padding
    started = time.time()
    p_sorted = teacher.proba([flat[k][1] for k in order])
    rate = len(bodies_sentences) / (time.time() - started)
    p = np.zeros((len(flat), len(CLASSES)))
    p[order] = p_sorted
    shares = np.zeros((len(bodies_sentences), len(CLASSES)))
    counts = np.zeros(len(bodies_sentences))
    for (i, _), row in zip(flat, p, strict=True):
        shares[i] += row
        counts[i] += 1
    return shares / np.maximum(counts, 1)[:, None], rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-logo", action="store_true", help="skip leaving each generator out (18 more fits)")
    args = parser.parse_args()
    records = judged_rows(None, dedupe=True)
    texts = [t.text for _, t in records]
    views = [TextView(t) for t in texts]
    bodies = [v.body_text for v in views]
    y = np.array([t.label for _, t in records])
    groups = np.array([cv_group(r) for r, _ in records])
    names = model_feature_names()
    hashes = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
    cached = features_of(dict(zip(hashes, texts, strict=True)))
    X = np.array([[cached[h][n] for n in names] for h in hashes])
    if SHARES.exists() and json.loads(SHARES.read_text())["n"] == len(texts):
        stored = json.loads(SHARES.read_text())
        shares, rate = np.array(stored["shares"]), stored["articles_per_s"]
    else:
        shares, rate = teacher_shares([[s.text for s in v.sentences] for v in views])
        SHARES.write_text(json.dumps({"n": len(texts), "shares": shares.tolist(), "articles_per_s": rate}))
    X_teacher = X.copy()
    for k, c in enumerate(CLASSES):
        X_teacher[:, names.index(f"claim_{c}_share")] = shares[:, k]
    generators = np.array([g.removeprefix("gen:") if g.startswith("gen:") else "" for g in groups])
    report: dict = {"n": len(y), "teacher_articles_per_s": round(rate, 1), "features": {}}
    for label, matrix in (("shipped claim model", X), ("teacher", X_teacher)):
        fitted = training.fit_recipe(matrix, bodies, list(y), list(groups))
        figures = operating_point(y, fitted.out_of_fold)
        caught = rep_called = spec_n = rep_n = 0
        for generator in [] if args.no_logo else sorted(set(generators) - {""}):
            tr, te = np.where(generators != generator)[0], np.where(generators == generator)[0]
            model = training.fit_recipe(matrix[tr], [bodies[i] for i in tr], list(y[tr]), list(groups[tr])).model
            p = model.speculative_probability(matrix[te], [bodies[i] for i in te])
            spec, rep = y[te] == "speculative", y[te] == "reported"
            caught += int((p[spec] >= 0.5).sum())
            rep_called += int((p[rep] >= 0.5).sum())
            spec_n, rep_n = spec_n + int(spec.sum()), rep_n + int(rep.sum())
        if not args.no_logo:
            figures["leave_one_generator_out"] = {
                "speculative_caught": round(caught / max(spec_n, 1), 4),
                "false_positive_rate_on_reported": round(rep_called / max(rep_n, 1), 4),
            }
        report["features"][label] = figures
        print(f"{label}: {figures}", flush=True)
    gain = (
        report["features"]["teacher"]["macro_f1_at_fpr_5"]
        - report["features"]["shipped claim model"]["macro_f1_at_fpr_5"]
    )
    report["gain_macro_f1_at_fpr_5"] = round(gain, 4)
    report["ships"] = gain >= 0.03
    print(f"gain at FPR 5%: {gain:+.4f}; teacher {'ships' if gain >= 0.03 else 'does not ship'} (bar: +0.03)")
    write_result(OUT, report)
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
