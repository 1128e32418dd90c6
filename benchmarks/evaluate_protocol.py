"""Evaluation protocol: the feature model against two baselines on judged and proxy labels.

    python benchmarks/evaluate_protocol.py [--quick] [--C 0.1]

Three models, always trained and tested on the same rows:

* ``feature``: the product's model, ``training.fit`` with ``--C`` (default 0.1), seed 0.
* ``tfidf``: TF-IDF of the raw texts (word 1-2 grams, sublinear tf, min_df=2) + logistic
  regression, no class weights (like the feature model). C: ``--tfidf-C``, or by default the
  best of 0.1/1/10/100/1000 by 5-fold cross-validation grouped by story pair/outlet/file on the
  training rows of each experiment (at C=1 it calls every judged test row reported).
* ``hedge``: one feature, ``hedges_per_sentence`` (unattributed hedges per sentence). The
  threshold t maximises macro-F1 on the training rows (speculative when x > t); then
  p_speculative = sigmoid(a * (x - t)), the slope a fitted by maximum likelihood on the
  training rows with t held fixed, so p >= 0.5 exactly when the threshold rule fires (and
  Brier measures that constrained logistic, not a free one).

Experiments:

1. Judged split (the headline): labels/judged.csv split=train -> split=dev. Story pairs and
   outlets never straddle the split (checked).
2. Leave one corpus out on the judged labels (both splits): train on three corpora, test on
   the fourth. BBC's judged rows are nearly all reported: read its FPR first.
3. Proxy labels, cross-dataset: each corpus's own label mapped (AMT and Celebrity
   legit->reported, fake->speculative; hyperpartisan false->reported, true->speculative;
   BBC all reported). Train on one of AMT/Celebrity/hyperpartisan, test on the other two
   (proxy labels, and the judged labels of the test corpus's judged rows), and measure the
   false-positive rate of each trained model on every BBC article (all 2,225, none
   excluded; ``--quick``: a seeded sample of 300).

Features are extracted once per document (``scorer.features.extract``, cached in memory);
the feature model is fitted from the cached rows with ``model.build_pipeline``, and the
headline fit is repeated with ``training.fit`` itself: the run stops if the two disagree.
Writes benchmarks/results/evaluate_protocol.json (``--quick``: evaluate_protocol_quick.json).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import Pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora
from judged import judged_rows

from scorer import training
from scorer.features import extract, model_feature_names
from scorer.labels import LabelledText
from scorer.metrics import classification_metrics
from scorer.model import CLASSES, POSITIVE, as_matrix, build_pipeline, speculative_probability

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
CORPORA = ("amt", "celebrity", "hyperpartisan", "bbc")
PROXY_TRAIN = ("amt", "celebrity", "hyperpartisan")
PROXY_MAP = {
    "amt": {"legit": "reported", "fake": "speculative"},
    "celebrity": {"legit": "reported", "fake": "speculative"},
    "hyperpartisan": {"false": "reported", "true": "speculative"},
    "bbc": {"bbc": "reported"},
}
MODELS = ("feature", "tfidf", "hedge")
HEDGE = "hedges_per_sentence"
QUICK_BBC = 300
TFIDF_GRID = (0.1, 1.0, 10.0, 100.0, 1000.0)
CV_FOLDS = 5
MAX_SLOPE = 1e4  # hedge baseline: bound on the logistic slope (a separable training set has no finite optimum)

Row = tuple[str, str]  # (doc_id, label)
Predictor = Callable[[Sequence[Row], Sequence[str]], tuple[np.ndarray, dict[str, Any]]]


class Store:
    """Texts and groups of every document, and their features, each extracted at most once."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.groups: dict[str, str] = {}
        self._features: dict[str, dict[str, float]] = {}
        self.extract_seconds = 0.0

    def add(self, doc_id: str, text: str, group: str) -> None:
        """Register a document; a second registration must carry the same text."""
        if doc_id in self.texts and self.texts[doc_id] != text:
            raise SystemExit(f"{doc_id}: two different texts under one id")
        self.texts[doc_id] = text
        self.groups[doc_id] = group

    def features(self, doc_ids: Sequence[str]) -> list[dict[str, float]]:
        """Feature dicts of the documents, extracting those not seen yet."""
        start = time.perf_counter()
        for d in doc_ids:
            if d not in self._features:
                self._features[d] = extract(self.texts[d])
        self.extract_seconds += time.perf_counter() - start
        return [self._features[d] for d in doc_ids]

    @property
    def extracted(self) -> int:
        return len(self._features)


def feature_predictor(store: Store, seed: int, C: float) -> Predictor:
    """The feature model, fitted from cached feature rows exactly as ``training.fit`` does."""

    def predict(train: Sequence[Row], test: Sequence[str]) -> tuple[np.ndarray, dict[str, Any]]:
        pipeline = fit_cached(store, train, seed, C)
        return speculative_probability(pipeline, as_matrix(store.features(test))), {"C": C, "seed": seed}

    return predict


def fit_cached(store: Store, train: Sequence[Row], seed: int, C: float) -> Pipeline:
    """``build_pipeline(seed, C, n_rows).fit`` on cached features (the body of ``training.fit``)."""
    matrix = as_matrix(store.features([d for d, _ in train]))
    return build_pipeline(seed, C, n_rows=len(train)).fit(matrix, [label for _, label in train])


def tfidf_pipeline(seed: int, C: float) -> Pipeline:
    """TF-IDF (word 1-2 grams, sublinear tf, min_df=2) + logistic regression (no class weights)."""
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
            ("classify", LogisticRegression(C=C, max_iter=5000, random_state=seed)),
        ]
    )


def choose_tfidf_C(texts: list[str], labels: list[str], groups: list[str], seed: int) -> tuple[float, dict[str, float]]:
    """The C of ``TFIDF_GRID`` with the best pooled out-of-fold macro-F1, folds by group (ties: smaller C)."""
    folds = GroupKFold(n_splits=min(CV_FOLDS, len(set(groups))))
    y = np.array([label == POSITIVE for label in labels], dtype=int)
    scores: dict[str, float] = {}
    for C in TFIDF_GRID:
        proba = cross_val_predict(
            tfidf_pipeline(seed, C), texts, labels, groups=groups, cv=folds, method="predict_proba"
        )
        pred = (proba[:, sorted(set(labels)).index(POSITIVE)] >= 0.5).astype(int)
        scores[str(C)] = float(f1_score(y, pred, average="macro", labels=[0, 1], zero_division=0))
    best = max(TFIDF_GRID, key=lambda C: (scores[str(C)], -C))
    return best, scores


def tfidf_predictor(store: Store, seed: int, C: float | None) -> Predictor:
    """The TF-IDF baseline; ``C=None``: chosen per training set by grouped cross-validation on it."""

    def predict(train: Sequence[Row], test: Sequence[str]) -> tuple[np.ndarray, dict[str, Any]]:
        texts = [store.texts[d] for d, _ in train]
        labels = [label for _, label in train]
        info: dict[str, Any] = {}
        chosen = C
        if chosen is None:
            chosen, info["cv_macro_f1_by_C"] = choose_tfidf_C(texts, labels, [store.groups[d] for d, _ in train], seed)
        pipeline = tfidf_pipeline(seed, chosen).fit(texts, labels)
        column = list(pipeline.classes_).index(POSITIVE)
        p = pipeline.predict_proba([store.texts[d] for d in test])[:, column]
        return p, {"C": chosen, "vocabulary": len(pipeline.named_steps["tfidf"].vocabulary_), **info}

    return predict


def hedge_predictor(store: Store) -> Predictor:
    """Threshold on unattributed hedges per sentence, with a logistic slope for probabilities."""

    def predict(train: Sequence[Row], test: Sequence[str]) -> tuple[np.ndarray, dict[str, Any]]:
        x = np.array([f[HEDGE] for f in store.features([d for d, _ in train])])
        y = np.array([label == POSITIVE for _, label in train], dtype=bool)
        values = np.unique(x)
        candidates = np.concatenate([[values[0] - 1.0], (values[:-1] + values[1:]) / 2, [values[-1] + 1.0]])
        scores = [f1_score(y, x > t, average="macro", labels=[False, True], zero_division=0) for t in candidates]
        best = int(np.argmax(scores))  # ties: the lowest threshold
        threshold = float(candidates[best])
        z = x - threshold

        def neg_log_likelihood(a: float) -> float:
            return float(np.logaddexp(0, -a * z[y]).sum() + np.logaddexp(0, a * z[~y]).sum())

        slope = float(minimize_scalar(neg_log_likelihood, bounds=(0.0, MAX_SLOPE), method="bounded").x)
        x_test = np.array([f[HEDGE] for f in store.features(test)])
        p = 1.0 / (1.0 + np.exp(-slope * (x_test - threshold)))
        return p, {"threshold": threshold, "slope": slope, "train_macro_f1": float(scores[best])}

    return predict


def evaluate(predictors: dict[str, Predictor], train: Sequence[Row], test: Sequence[Row]) -> dict[str, Any]:
    """Every model trained on ``train`` and measured on ``test``."""
    ids = [d for d, _ in test]
    labels = [label for _, label in test]
    out: dict[str, Any] = {}
    for name, predict in predictors.items():
        p, info = predict(train, ids)
        out[name] = {"metrics": measured(labels, p), "info": info}
    return out


def measured(labels: Sequence[str], p: np.ndarray) -> dict[str, Any]:
    """``classification_metrics``, with macro-F1 flagged as undefined when a class is absent."""
    metrics = classification_metrics(labels, p)
    metrics["macro_f1_defined"] = all(metrics["per_class"][c]["support"] for c in CLASSES)
    return metrics


def split_summary(store: Store, train: Sequence[Row], test: Sequence[Row]) -> dict[str, Any]:
    """Row counts per class, and the leak checks: shared groups and identical texts."""
    shared_groups = {store.groups[d] for d, _ in train} & {store.groups[d] for d, _ in test}
    digest = {d: hashlib.sha256(store.texts[d].encode("utf-8")).hexdigest() for d, _ in (*train, *test)}
    shared_texts = {digest[d] for d, _ in train} & {digest[d] for d, _ in test}
    return {
        "train": dict(sorted(Counter(label for _, label in train).items())),
        "test": dict(sorted(Counter(label for _, label in test).items())),
        "groups_in_both": len(shared_groups),
        "identical_texts_in_both": len(shared_texts),
    }


# --- tables -------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def fit_cell(name: str, info: dict[str, Any]) -> str:
    """The fitted setting of one model: C, or the hedge threshold and slope."""
    if name == "hedge":
        return f"t={info['threshold']:.3f} a={info['slope']:.3g}"
    return f"C={info['C']:g}" + (" (cv)" if "cv_macro_f1_by_C" in info else "")


def metric_cells(m: dict[str, Any]) -> list[str]:
    """n, accuracy, macro-F1, per-class P/R, FPR, Brier, confusion of one metrics dict."""
    rep, spec = m["per_class"]["reported"], m["per_class"]["speculative"]
    (tn, fp), (fn, tp) = m["confusion"]["matrix"]
    return [
        f"{rep['support']}/{spec['support']}",
        fmt(m["accuracy"]),
        fmt(m["macro_f1"] if m["macro_f1_defined"] else None),
        fmt(rep["precision"]),
        fmt(rep["recall"]),
        fmt(spec["precision"]),
        fmt(spec["recall"]),
        fmt(m["false_positive_rate_on_reported"]),
        fmt(m["brier"]),
        f"{tn} {fp} | {fn} {tp}",
    ]


METRIC_HEADER = [
    "n rep/spec",
    "acc",
    "macroF1",
    "P rep",
    "R rep",
    "P spec",
    "R spec",
    "FPR rep",
    "Brier",
    "conf rr rs|sr ss",
    "fit",
]


def table(title: str, note: str, header: list[str], rows: list[list[str]], left: int = 1) -> str:
    """A plain-text table under a title and a note on the split; the first ``left`` columns left-aligned."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    line = "  ".join(f"{{:{'<' if i < left else '>'}{w}}}" for i, w in enumerate(widths))
    body = [line.format(*header), line.format(*("-" * w for w in widths))]
    body += [line.format(*r) for r in rows]
    return "\n".join([f"\n## {title}", f"   {note}", *body])


# --- experiments ------------------------------------------------------------------------------


def judged_split(
    store: Store,
    judged: list[tuple[dict[str, str], LabelledText]],
    predictors: dict[str, Predictor],
    seed: int,
    C: float,
) -> dict[str, Any]:
    """Experiment 1: judged train -> judged dev, with the ``training.fit`` cross-check."""
    train = [(t.id, t.label) for r, t in judged if r["split"] == "train"]
    dev = [(t.id, t.label) for r, t in judged if r["split"] == "dev"]
    summary = split_summary(store, train, dev)
    if summary["groups_in_both"] or summary["identical_texts_in_both"]:
        raise SystemExit(f"judged split leaks: {summary}")
    results = evaluate(predictors, train, dev)

    reference = training.fit([t for r, t in judged if r["split"] == "train"], seed=seed, C=C)
    dev_matrix = as_matrix(store.features([d for d, _ in dev]))
    p_reference = speculative_probability(reference, dev_matrix)
    p_cached = speculative_probability(fit_cached(store, train, seed, C), dev_matrix)
    gap = float(np.max(np.abs(p_reference - p_cached)))
    if gap > 1e-9:
        raise SystemExit(f"the cached fit no longer reproduces training.fit (max |dp| = {gap:.3g}); update fit_cached")
    return {"split": summary, "models": results, "training_fit_check_max_abs_diff": gap}


def leave_one_corpus_out(
    store: Store, judged: list[tuple[dict[str, str], LabelledText]], predictors: dict[str, Predictor]
) -> dict[str, Any]:
    """Experiment 2: judged rows of three corpora (both splits) -> the fourth."""
    rows = [(t.id, t.label) for _, t in judged]
    out: dict[str, Any] = {}
    for corpus in CORPORA:
        train = [r for r in rows if r[0].split("/", 1)[0] != corpus]
        test = [r for r in rows if r[0].split("/", 1)[0] == corpus]
        out[corpus] = {"split": split_summary(store, train, test), "models": evaluate(predictors, train, test)}
    return out


def proxy_cross_dataset(
    store: Store, proxy: dict[str, list[Row]], judged_by_corpus: dict[str, list[Row]], predictors: dict[str, Predictor]
) -> dict[str, Any]:
    """Experiment 3: train on one corpus's proxy labels; test on the others and on all of BBC."""
    pairs: dict[str, Any] = {}
    bbc: dict[str, Any] = {}
    bbc_ids = [d for d, _ in proxy["bbc"]]
    bbc_judged_reported = [d for d, label in judged_by_corpus["bbc"] if label == "reported"]
    for source in PROXY_TRAIN:
        train = proxy[source]
        targets = [c for c in PROXY_TRAIN if c != source]
        bbc[source] = {}
        test_ids = bbc_ids + bbc_judged_reported + [d for c in targets for d, _ in (*proxy[c], *judged_by_corpus[c])]
        unique = list(dict.fromkeys(test_ids))
        for name, predict in predictors.items():
            p_all, info = predict(train, unique)
            p = dict(zip(unique, p_all, strict=True))
            for target in targets:
                entry = pairs.setdefault(f"{source}->{target}", {"split": split_summary(store, train, proxy[target])})
                entry.setdefault("proxy_labels", {})[name] = measured(
                    [lab for _, lab in proxy[target]], np.array([p[d] for d, _ in proxy[target]])
                )
                judged = judged_by_corpus[target]
                entry.setdefault("judged_labels", {})[name] = measured(
                    [lab for _, lab in judged], np.array([p[d] for d, _ in judged])
                )
                entry.setdefault("info", {})[name] = info
            bbc[source][name] = {
                "fpr_all_bbc": float(np.mean([p[d] >= 0.5 for d in bbc_ids])),
                "n_all_bbc": len(bbc_ids),
                "fpr_judged_reported_bbc": float(np.mean([p[d] >= 0.5 for d in bbc_judged_reported])),
                "n_judged_reported_bbc": len(bbc_judged_reported),
            }
    return {"pairs": pairs, "bbc_false_positive_rate": bbc}


def render(
    headline: dict[str, Any],
    loco: dict[str, Any],
    cross: dict[str, Any],
    judged_by_corpus: dict[str, list[Row]],
    bbc_total: int,
    quick: bool,
) -> list[str]:
    """The printed tables, each with a note on its split."""

    def rows_of(models: dict[str, Any], *lead: str) -> list[list[str]]:
        return [[*lead, m, *metric_cells(models[m]["metrics"]), fit_cell(m, models[m]["info"])] for m in MODELS]

    s = headline["split"]
    bbc_judged = judged_by_corpus["bbc"]
    bbc_spec = sum(label == POSITIVE for _, label in bbc_judged)
    bbc_note = f"seeded sample of {QUICK_BBC} of {bbc_total}" if quick else f"all {bbc_total}, none excluded"
    pairs = cross["pairs"]
    return [
        table(
            "1. Judged split (headline)",
            f"labels/judged.csv split=train {s['train']} -> split=dev {s['test']}; "
            f"story pairs/outlets never straddle (groups in both: {s['groups_in_both']})",
            ["model", *METRIC_HEADER],
            rows_of(headline["models"]),
        ),
        table(
            "2. Leave one corpus out (judged labels, both splits)",
            "train on the judged rows of the other three corpora, test on the named corpus's judged rows; "
            f"BBC: {bbc_spec} speculative of {len(bbc_judged)}, read its FPR rep",
            ["test", "model", *METRIC_HEADER],
            [row for c in CORPORA for row in rows_of(loco[c]["models"], c)],
            left=2,
        ),
        table(
            "3a. Proxy labels, cross-dataset: macro-F1",
            "train on all of one corpus, its own labels mapped (legit/false->reported, fake/true->speculative); "
            "test on another corpus: against its proxy labels (all its articles) and against the judged "
            "labels of its judged rows",
            ["train->test", "tfidf C", "n proxy", "feat", "tfidf", "hedge", "n judged", "feat", "tfidf", "hedge"],
            [
                [
                    pair,
                    f"{v['info']['tfidf']['C']:g}",
                    str(v["proxy_labels"]["feature"]["n"]),
                    *(fmt(v["proxy_labels"][m]["macro_f1"]) for m in MODELS),
                    str(v["judged_labels"]["feature"]["n"]),
                    *(fmt(v["judged_labels"][m]["macro_f1"]) for m in MODELS),
                ]
                for pair, v in pairs.items()
            ],
        ),
        table(
            "3b. Proxy-trained models: share of BBC reporting called speculative (FPR)",
            f"'all': BBC articles, {bbc_note} (proxy label: all reported, though the judged sample "
            f"finds {bbc_spec}/{len(bbc_judged)} speculative); 'judged-rep': the {len(bbc_judged) - bbc_spec} "
            "BBC rows judged reported",
            [
                "trained on",
                "feat all",
                "tfidf all",
                "hedge all",
                "feat judged-rep",
                "tfidf judged-rep",
                "hedge judged-rep",
            ],
            [
                [
                    src,
                    *(fmt(v[m]["fpr_all_bbc"]) for m in MODELS),
                    *(fmt(v[m]["fpr_judged_reported_bbc"]) for m in MODELS),
                ]
                for src, v in cross["bbc_false_positive_rate"].items()
            ],
        ),
    ]


# --- main ---------------------------------------------------------------------------------------


def git_state() -> dict[str, Any]:
    """HEAD commit and whether tracked files differ from it (features may be mid-change)."""

    def run(*cmd: str) -> str:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    return {
        "head": run("git", "rev-parse", "HEAD"),
        "dirty_files": run("git", "status", "--porcelain", "--untracked-files=no").splitlines(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--quick", action="store_true", help=f"BBC proxy test on a seeded sample of {QUICK_BBC} articles"
    )
    parser.add_argument("--C", type=float, default=0.1, help="feature model regularisation (default 0.1)")
    parser.add_argument(
        "--tfidf-C", type=float, default=None, help="TF-IDF baseline C (default: grouped CV per training set)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--out", type=Path, default=None, help="JSON path (default benchmarks/results/evaluate_protocol[_quick].json)"
    )
    args = parser.parse_args()
    started = time.perf_counter()

    store = Store()
    judged = judged_rows()  # both splits, unsure left out, texts sha256-checked
    for row, text in judged:
        store.add(text.id, text.text, row["group"])
    judged_by_corpus = {c: [(t.id, t.label) for _, t in judged if t.id.split("/", 1)[0] == c] for c in CORPORA}

    proxy: dict[str, list[Row]] = {}
    for corpus in CORPORA:
        labels = corpora.corpus_labels(corpus)
        rows = []
        for doc_id, text, group in corpora.iter_documents(corpus):
            store.add(doc_id, text, group)
            rows.append((doc_id, PROXY_MAP[corpus][labels[doc_id]]))
        proxy[corpus] = rows
    bbc_total = len(proxy["bbc"])
    if args.quick:
        proxy["bbc"] = sorted(random.Random(args.seed).sample(proxy["bbc"], QUICK_BBC))

    predictors = {
        "feature": feature_predictor(store, args.seed, args.C),
        "tfidf": tfidf_predictor(store, args.seed, args.tfidf_C),
        "hedge": hedge_predictor(store),
    }
    headline = judged_split(store, judged, predictors, args.seed, args.C)
    loco = leave_one_corpus_out(store, judged, predictors)
    cross = proxy_cross_dataset(store, proxy, judged_by_corpus, predictors)
    wall = time.perf_counter() - started

    printed = render(headline, loco, cross, judged_by_corpus, bbc_total, args.quick)
    for block in printed:
        print(block)
    print(f"\nfeatures extracted: {store.extracted} documents, {store.extract_seconds:.1f} s; wall time {wall:.1f} s")

    out = args.out or RESULTS / ("evaluate_protocol_quick.json" if args.quick else "evaluate_protocol.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "protocol": __doc__,
        "options": {"quick": args.quick, "C": args.C, "tfidf_C": args.tfidf_C, "seed": args.seed},
        "environment": {"git": git_state(), "sklearn": sklearn.__version__, "model_features": model_feature_names()},
        "judged_split": headline,
        "leave_one_corpus_out": loco,
        "proxy_cross_dataset": {"bbc_articles": len(proxy["bbc"]), "bbc_total": bbc_total, **cross},
        "documents_extracted": store.extracted,
        "extract_seconds": round(store.extract_seconds, 1),
        "wall_seconds": round(wall, 1),
    }
    out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
