"""Fit and measure the scope gate (is this news at all?) and write scorer/resources/en/scope.json.

    python benchmarks/build_scope_model.py             # prints figures, writes the weights
    python benchmarks/build_scope_model.py --dry-run   # figures only

Examples. Not news: the gold main text of modern-web-2026 pages whose type is product, service,
documentation, forum, listing or collection. News (in scope): its article and blog pages, and the
articles of labels/judged.csv (reported and speculative alike: both are the product's genre).
Split: modern-web-2026 pages by a hash of their file id into a development half and a half measured
once, after the model was fixed; judged articles by their group's ``split`` (train / dev), so no
outlet is on both sides. The model is a logistic regression (balanced classes) on the standardised
feature row the scorer computes anyway; its threshold is set on out-of-fold development
predictions (5-fold, grouped by site or outlet) so that at most ``MAX_NEWS_REFUSED`` of news is
refused. Only derived numbers are written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora
from judged import judged_rows
from provenance import write_result

from scorer.features import extract, feature_names
from scorer.scope import MIN_WORDS
from scorer.view import TextView

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "scorer" / "resources" / "en" / "scope.json"
RESULTS = ROOT / "benchmarks" / "results" / "scope.json"
MODERN = corpora.DATA_ROOT / "modern-web-2026" / "ground-truth"
NOT_NEWS = ("product", "service", "documentation", "forum", "listing", "collection")
MAX_NEWS_REFUSED = 0.01
JUDGED_PER_SPLIT = 900  # articles of labels/judged.csv per split (every corpus, both labels)


def scope_features() -> list[str]:
    """The feature row without the sentence models' shares: the gate must not change whenever they do."""
    return [n for n in feature_names() if not n.startswith("claim_") and n not in SENTENCE_MODEL_FEATURES]


SENTENCE_MODEL_FEATURES = ("uncertain_sentence_share", "subjective_sentence_share")


def half_of(file_id: str) -> str:
    """The development half or the half measured once, by a hash of the page id."""
    return "dev" if int(hashlib.sha256(f"scope:{file_id}".encode()).hexdigest()[:8], 16) % 2 == 0 else "measure"


def examples() -> list[dict]:
    """Every example: text, not_news (0/1), kind (page type or corpus), group (site or outlet), half."""
    out = []
    for path in sorted(MODERN.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        kind = (record.get("_internal", {}).get("page_type", {}) or {}).get("primary") or "unknown"
        text = record["ground_truth"]["main_content"] or ""
        site = record.get("url", "").split("/")[2] if "//" in record.get("url", "") else path.stem
        if kind in NOT_NEWS or kind in ("article", "blog"):
            out.append(
                {
                    "text": text,
                    "not_news": int(kind in NOT_NEWS),
                    "kind": kind,
                    "group": site,
                    "half": half_of(path.stem),
                }
            )
    rng = np.random.default_rng(0)
    rows = judged_rows(None, dedupe=True)
    for split, half in (("train", "dev"), ("dev", "measure")):
        chosen = [rows[i] for i in rng.permutation(len(rows)) if rows[i][0]["split"] == split][:JUDGED_PER_SPLIT]
        for r, t in chosen:
            out.append(
                {
                    "text": t.text,
                    "not_news": 0,
                    "kind": "judged " + r["doc_id"].split("/")[0],
                    "group": r["group"],
                    "half": half,
                }
            )
    return [e for e in out if TextView(e["text"]).word_count >= MIN_WORDS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    data = examples()
    names = scope_features()
    X = np.array([[extract(e["text"])[n] for n in names] for e in data])
    y = np.array([e["not_news"] for e in data])
    dev = np.array([e["half"] == "dev" for e in data])
    groups = np.array([e["group"] for e in data])
    print(f"{len(data)} examples: {Counter((e['half'], e['not_news']) for e in data)}")

    def fit(idx: np.ndarray):
        mean, scale = X[idx].mean(axis=0), X[idx].std(axis=0)
        scale = np.where(scale > 1e-9, scale, 1.0)
        lr = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000).fit((X[idx] - mean) / scale, y[idx])
        return mean, scale, lr

    def predict(fitted, idx: np.ndarray) -> np.ndarray:
        mean, scale, lr = fitted
        return lr.predict_proba((X[idx] - mean) / scale)[:, 1]

    dev_idx = np.where(dev)[0]
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(5).split(dev_idx, y[dev_idx], groups[dev_idx]):
        oof[dev_idx[te]] = predict(fit(dev_idx[tr]), dev_idx[te])
    news = dev_idx[y[dev_idx] == 0]
    threshold = float(max(np.quantile(oof[news], 1 - MAX_NEWS_REFUSED) + 1e-6, 0.5))
    report: dict = {"threshold": threshold, "max_news_refused": MAX_NEWS_REFUSED}

    def figures(idx: np.ndarray, p: np.ndarray) -> dict:
        kinds = np.array([data[i]["kind"] for i in idx])
        per_kind = {
            str(k): {"n": int((kinds == k).sum()), "refused": round(float((p[kinds == k] >= threshold).mean()), 4)}
            for k in sorted(set(kinds))
        }
        is_news = y[idx] == 0
        return {
            "news_refused": round(float((p[is_news] >= threshold).mean()), 4),
            "not_news_refused": round(float((p[~is_news] >= threshold).mean()), 4),
            "per_kind": per_kind,
        }

    report["development_out_of_fold"] = figures(dev_idx, oof[dev_idx])
    print(f"threshold {threshold:.3f}; development, out of fold: {report['development_out_of_fold']}")
    final = fit(dev_idx)
    measure_idx = np.where(~dev)[0]
    report["measured_once"] = figures(measure_idx, predict(final, measure_idx))
    print(f"measured once (pages and outlets never used to fit or choose): {report['measured_once']}")
    mean, scale, lr = final
    weights = dict(zip(names, lr.coef_[0], strict=True))
    report["strongest_weights"] = {
        k: round(float(v), 3) for k, v in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:8]
    }
    print(f"strongest: {report['strongest_weights']}")
    write_result(RESULTS, report)
    if args.dry_run:
        return
    record = {
        "source": "modern-web-2026 page types (not news: " + ", ".join(NOT_NEWS) + "; news: article, blog) and "
        "labels/judged.csv articles; benchmarks/build_scope_model.py",
        "features": names,
        "means": [round(float(v), 6) for v in mean],
        "scales": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in lr.coef_[0]],
        "intercept": round(float(lr.intercept_[0]), 6),
        "threshold": round(threshold, 6),
        "measured_once": report["measured_once"],
    }
    OUT.write_text(json.dumps(record, sort_keys=True) + "\n", encoding="utf-8")
    print(f"-> {OUT.name}")


if __name__ == "__main__":
    main()
