"""Sentence subjectivity (CLEF CheckThat! 2025 Task 1, English): train on train_en.tsv, score on dev_en.tsv.

Data: ``checkthat2025-subjectivity-en/{train_en,dev_en}.tsv`` (tab separated, read with
``csv.QUOTE_NONE`` because sentences contain quote characters; labels SUBJ / OBJ). Train is 36% SUBJ,
dev 52% SUBJ, so both models use balanced class weights.

Rows (macro-F1 over SUBJ and OBJ on dev, plus per-class F1):

* TF-IDF (word 1-2 grams, sublinear tf) + logistic regression (C=1, balanced), fitted on train.
* logistic regression (standardised inputs, balanced) on six per-sentence cue counts from scorer:
  hedges and weasels (``scorer.cues``), direct quotes (``quote_spans``),
  attributions, first-person and second-person pronouns.
* majority class of train (OBJ) as the floor.

Run: ``python benchmarks/subjectivity_sentences.py``
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from scorer.cues.document import sentence_cues
from scorer.cues.finders import quote_spans
from scorer.text import tokenize

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "checkthat2025-subjectivity-en"
RESULTS = Path(__file__).resolve().parent / "results" / "subjectivity_sentences.json"
LABELS = ("SUBJ", "OBJ")
CUES = ("hedges", "weasels", "quotes", "attributions", "first_person", "second_person")

# "US" in capitals is the country, so first-person "us" is matched in lower or title case only.
_FIRST_PERSON = re.compile(
    r"(?<![\w'’])(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Oo]urselves)(?![\w-])"
)
_SECOND_PERSON = re.compile(r"(?<![\w'’])(?:you|your|yours|yourself|yourselves)(?![\w-])", re.IGNORECASE)


def load(name: str) -> tuple[list[str], list[str]]:
    """Sentences and SUBJ/OBJ labels of one TSV file."""
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r["sentence"] for r in rows], [r["label"] for r in rows]


def cue_counts(sentences: list[str]) -> np.ndarray:
    """Per sentence, the counts named in ``CUES``."""
    rows = []
    for s in sentences:
        kinds = [c.kind for c in sentence_cues(s, tokenize(s))]
        rows.append(
            [
                sum(k in ("hedge", "attributed_hedge") for k in kinds),
                kinds.count("weasel"),
                len(quote_spans(s)),
                kinds.count("attribution"),
                len(_FIRST_PERSON.findall(s)),
                len(_SECOND_PERSON.findall(s)),
            ]
        )
    return np.array(
        rows,
        dtype=float,
    ).reshape(-1, len(CUES))


def _scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    per_class = f1_score(gold, pred, labels=list(LABELS), average=None, zero_division=0)
    return {
        "macro_f1": round(float(np.mean(per_class)), 4),
        **{f"f1_{label}": round(float(v), 4) for label, v in zip(LABELS, per_class, strict=True)},
    }


def evaluate() -> dict[str, Any]:
    """All figures of the benchmark, as a JSON-ready dict."""
    train_x, train_y = load("train_en.tsv")
    dev_x, dev_y = load("dev_en.tsv")
    tfidf = Pipeline(
        [
            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("lr", LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000)),
        ]
    ).fit(train_x, train_y)
    train_cues, dev_cues = cue_counts(train_x), cue_counts(dev_x)
    cues = Pipeline(
        [("scale", StandardScaler()), ("lr", LogisticRegression(class_weight="balanced", max_iter=3000))]
    ).fit(train_cues, train_y)
    majority = max(set(train_y), key=train_y.count)
    lr = cues.named_steps["lr"]
    subj_sign = 1.0 if lr.classes_[1] == "SUBJ" else -1.0
    return {
        "train": {"sentences": len(train_y), "subj": train_y.count("SUBJ")},
        "dev": {"sentences": len(dev_y), "subj": dev_y.count("SUBJ")},
        "rows": {
            "TF-IDF+LR (train -> dev)": _scores(dev_y, list(tfidf.predict(dev_x))),
            "LR on scorer cue counts (train -> dev)": _scores(dev_y, list(cues.predict(dev_cues))),
            f"majority class ({majority})": _scores(dev_y, [majority] * len(dev_y)),
        },
        "cue_coefficients_towards_subj": {
            name: round(subj_sign * float(c), 3) for name, c in zip(CUES, lr.coef_[0], strict=True)
        },
        "cue_share_of_dev_sentences": {
            name: round(float((dev_cues[:, i] > 0).mean()), 3) for i, name in enumerate(CUES)
        },
    }


def main() -> None:
    """Print the table and write benchmarks/results/subjectivity_sentences.json."""
    result = evaluate()
    print(f"CheckThat 2025 subjectivity (en): train {result['train']}, dev {result['dev']}")
    print(f"{'method':<40} {'macro-F1':>8} {'F1 SUBJ':>8} {'F1 OBJ':>8}")
    for name, s in result["rows"].items():
        print(f"{name:<40} {s['macro_f1']:>8.3f} {s['f1_SUBJ']:>8.3f} {s['f1_OBJ']:>8.3f}")
    print(f"{'cue':<16} {'coef (standardised, +SUBJ)':>27} {'share of dev sentences':>23}")
    for name, coef in result["cue_coefficients_towards_subj"].items():
        print(f"{name:<16} {coef:>27.3f} {result['cue_share_of_dev_sentences'][name]:>23.3f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
