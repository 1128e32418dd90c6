"""Fit the two sentence scorers and write their word weights into scorer/resources/.

    python benchmarks/build_sentence_weights.py

- uncertainty: CoNLL-2010 Wikipedia train.csv (label 1 = uncertain: hedge/weasel/peacock)
- subjectivity: CheckThat! 2025 English train_en.tsv (SUBJ vs OBJ news sentences)

Each is a logistic regression on binary word unigrams and bigrams. Only derived numbers
(n-gram weights and an intercept) are written, never the sentences. Cross-validated F1
is printed so the figures in the README can be reproduced.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from scorer.text import word_grams, words_of

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
OUT = Path(__file__).resolve().parents[1] / "scorer" / "resources" / "en"
MIN_WEIGHT = 0.05


def conll() -> tuple[list[str], list[int]]:
    with open(DATA / "conll2010-wiki-uncertainty/wiki_weasel_clean/train.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [int(r["label"]) for r in rows]


def checkthat() -> tuple[list[str], list[int]]:
    with open(DATA / "checkthat2025-subjectivity-en/train_en.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r["sentence"] for r in rows], [int(r["label"] == "SUBJ") for r in rows]


def fit(name: str, texts: list[str], labels: list[int], C: float, source: str) -> None:
    def analyse(text: str) -> list[str]:
        return word_grams([w.lower() for w in words_of(text)])

    pipeline = make_pipeline(
        CountVectorizer(analyzer=analyse, binary=True, min_df=2),
        LogisticRegression(C=C, max_iter=3000, class_weight="balanced"),
    )
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    predicted = cross_val_predict(pipeline, texts, labels, cv=folds)
    f1 = f1_score(labels, predicted)
    macro = f1_score(labels, predicted, average="macro")
    pipeline.fit(texts, labels)
    vocab = pipeline[0].vocabulary_
    coef = pipeline[1].coef_[0]
    weights = {g: round(float(coef[i]), 4) for g, i in sorted(vocab.items()) if abs(coef[i]) >= MIN_WEIGHT}
    record = {
        "source": source,
        "model": f"logistic regression (C={C}, balanced) on binary word 1-2 grams, min_df=2",
        "cv": {
            "method": "5-fold stratified CV (seed 0) on the source's train split",
            "f1_positive": round(float(f1), 4),
            "macro_f1": round(float(macro), 4),
            "n": len(texts),
        },
        "intercept": round(float(pipeline[1].intercept_[0]), 4),
        "weights": weights,
    }
    path = OUT / f"sentence_{name}.json"
    path.write_text(json.dumps(record, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    print(
        f"{name}: 5-fold CV F1(positive)={f1:.3f} macro-F1={macro:.3f} n={len(texts)} "
        f"-> {path.name} ({len(weights)} n-grams, sha256 {digest})"
    )


def main() -> None:
    fit("uncertainty", *conll(), C=0.5, source="CoNLL-2010 Wikipedia uncertainty, wiki_weasel_clean/train.csv")
    fit("subjectivity", *checkthat(), C=0.5, source="CheckThat! 2025 subjectivity, English train_en.tsv")


if __name__ == "__main__":
    main()
