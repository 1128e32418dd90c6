"""Does the word n-gram term learn names and topics, and does a vocabulary without names transfer better?

    python benchmarks/ngram_vocabulary.py

For each vocabulary of ``scorer.model.fit_ngrams`` (``all``: every 1-2 gram, as shipped before;
``no-names``: no gram holding a word that the training texts mostly capitalise mid-sentence, or a
digit), the n-gram term alone is fitted on labels/judged.csv (``unsure`` left out) with one part held
out entirely: each corpus (leave one corpus out) and each machine generator (leave one generator
out). Printed per held-out part: AUC and, for parts with both classes, macro-F1 at the threshold
that calls 5% of the training rows' reporting speculative. Also: the share of the ``all`` term's
absolute weight that sits on grams holding a name-like word, and its strongest grams.
Writes benchmarks/results/ngram_vocabulary.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from judged import judged_rows
from provenance import write_result
from select_model import corpus_of

from scorer.model import NGRAM_VOCABULARIES, fit_ngrams, name_like_words
from scorer.training import bodies_of, fpr_threshold

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "ngram_vocabulary.json"
PARTIAL = Path("/tmp/ngram_vocabulary.partial.json")  # parts done so far, if a run is cut off


def held_out(bodies, y, train, test, vocabulary: str) -> dict:
    ngrams, intercept = fit_ngrams([bodies[i] for i in train], list(y[train]), vocabulary=vocabulary)
    z = lambda idx: np.array([t + intercept for t, _ in ngrams.terms_of([bodies[i] for i in idx])])  # noqa: E731
    p_test = 1 / (1 + np.exp(-z(test)))
    out: dict = {"n": len(test)}
    truth = y[test] == "speculative"
    if 0 < truth.sum() < len(test):
        threshold = fpr_threshold(y[train], 1 / (1 + np.exp(-z(train))))
        out["auc"] = round(float(roc_auc_score(truth, p_test)), 4)
        out["macro_f1"] = round(
            float(f1_score(y[test], np.where(p_test >= threshold, "speculative", "reported"), average="macro")), 4
        )
    return out


def main() -> None:
    records = judged_rows(None, dedupe=True)
    bodies = bodies_of([t.text for _, t in records])
    y = np.array([t.label for _, t in records])
    corpora = np.array([corpus_of(r) for r, _ in records])
    generators = np.array(
        [r["group"].removeprefix("gen:") if r["group"].startswith("gen:") else "" for r, _ in records]
    )
    report: dict = {"n": len(y), "leave_one_corpus_out": {}, "leave_one_generator_out": {}}
    partial = PARTIAL.exists() and json.loads(PARTIAL.read_text())
    if partial and partial.get("n") == len(y):  # an interrupted run on the same rows: keep its parts
        report.update({k: partial[k] for k in ("leave_one_corpus_out", "leave_one_generator_out")})
    parts = [("leave_one_corpus_out", c, corpora == c) for c in sorted(set(corpora))]
    parts += [("leave_one_generator_out", g, generators == g) for g in sorted(set(generators) - {""})]
    for kind, name, mask in parts:
        if name not in report[kind]:
            train, test = np.where(~mask)[0], np.where(mask)[0]
            report[kind][name] = {v: held_out(bodies, y, train, test, v) for v in NGRAM_VOCABULARIES}
            PARTIAL.write_text(json.dumps(report))
        print(f"{kind} {name:24s} {report[kind][name]}", flush=True)
    for kind in ("leave_one_corpus_out", "leave_one_generator_out"):
        parts_of_kind = list(report[kind].values())
        report[kind]["mean macro-F1"] = {
            v: round(float(np.mean([p[v]["macro_f1"] for p in parts_of_kind if "macro_f1" in p[v]])), 4)
            for v in NGRAM_VOCABULARIES
        }
        print(f"{kind}: mean macro-F1 {report[kind]['mean macro-F1']}")
    ngrams, _ = fit_ngrams(bodies, list(y), vocabulary="all")
    names = name_like_words(bodies)
    on_names = np.array([not names.isdisjoint(t.split()) for t in ngrams.terms])
    weight = np.abs(ngrams.coef)
    report["all_vocabulary_weight_on_names"] = round(float(weight[on_names].sum() / weight.sum()), 4)
    strongest = np.argsort(-weight)[:30]
    report["all_vocabulary_strongest"] = [
        {"gram": ngrams.terms[i], "coef": round(float(ngrams.coef[i]), 3), "name_like": bool(on_names[i])}
        for i in strongest
    ]
    print(f"weight on name-like grams (all vocabulary): {report['all_vocabulary_weight_on_names']}")
    write_result(OUT, report)
    PARTIAL.unlink(missing_ok=True)
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
