"""What the claim model gains from more judged sentences, and from a vocabulary that cannot learn names.

    python benchmarks/claim_experiments.py

Every figure is macro-F1 (and per-class F1) of out-of-outlet predictions: 5-fold cross-validation
grouped by outlet or generator over the rows the claim model trains on (``build_claim_model.claim_rows``:
six classes, ``evaluation`` apart from ``conjecture``), the same test folds for every row of the table.
The last line merges ``evaluation`` into ``conjecture`` (the five classes of rounds 1-2) to measure the split.

1. Learning curve: each fold's training sentences subsampled to 25/50/75/100% (seeded), tested on
   the whole test fold.
2. Vocabulary: the shipped tokens (word 1-2 grams, first word, cue tokens) against the same with
   every capitalised word that does not open the sentence, and every number, replaced by a class
   token (``<cap>``, ``<num>``): names, places, brands and outlets cannot be learnt.
Writes benchmarks/results/claim_experiments.json.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_claim_model import claim_rows
from provenance import write_result

from scorer.cues.claims import CLASSES, sentence_tokens
from scorer.text import word_grams, words_of

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "claim_experiments.json"
MERGE = {"evaluation": "conjecture"}
_NUMBER = re.compile(r"^\d[\d,.]*$")


def masked_tokens(sentence: str) -> list[str]:
    """The shipped tokens, with capitalised words past the first and numbers as class tokens."""
    words = words_of(sentence)
    masked = [
        w.lower() if i == 0 else "<num>" if _NUMBER.match(w) else "<cap>" if w[:1].isupper() else w.lower()
        for i, w in enumerate(words)
    ]
    cues = [t for t in sentence_tokens(sentence) if t.startswith("<")]
    first = [f"^{masked[0]}"] if masked else []
    return [*word_grams(masked), *first, *cues]


def pipeline(analyzer, C: float = 1.0, weight: str | None = "balanced"):
    return make_pipeline(
        CountVectorizer(analyzer=analyzer, binary=True, min_df=2),
        LogisticRegression(C=C, class_weight=weight, max_iter=5000),
    )


def evaluate(texts, labels, groups, analyzer, share: float = 1.0, C: float = 1.0, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    predicted = np.empty(len(labels), dtype=object)
    for train, test in GroupKFold(5).split(texts, labels, groups):
        if share < 1.0:
            train = rng.choice(train, int(len(train) * share), replace=False)
        model = pipeline(analyzer, C).fit([texts[i] for i in train], labels[train])
        predicted[test] = model.predict([texts[i] for i in test])
    classes = sorted(set(labels))
    per_class = f1_score(labels, predicted.astype(str), labels=classes, average=None)
    return {
        "macro_f1": round(float(per_class.mean()), 4),
        "per_class_f1": {c: round(float(f), 4) for c, f in zip(classes, per_class, strict=True)},
    }


def main() -> None:
    rows = claim_rows()
    texts = [s for _, s in rows]
    six = np.array([r["label"] for r, _ in rows])
    five = np.array([MERGE.get(label, label) for label in six])
    groups = np.array([r["outlet"] for r, _ in rows])
    assert set(six) == set(CLASSES), set(six)
    print(f"{len(texts)} sentences, {len(set(groups))} outlets or generators")
    report: dict = {"n": len(texts), "groups": len(set(groups)), "learning_curve": {}, "vocabulary": {}}
    for share in (0.25, 0.5, 0.75, 1.0):
        figures = evaluate(texts, six, groups, sentence_tokens, share)
        report["learning_curve"][str(share)] = figures
        print(f"training share {share:.2f}: {figures}")
    for name, analyzer in (("shipped tokens", sentence_tokens), ("names and numbers masked", masked_tokens)):
        for C in (0.3, 1.0):
            figures = evaluate(texts, six, groups, analyzer, C=C)
            report["vocabulary"][f"{name}, C={C}"] = figures
            print(f"{name}, C={C}: {figures}")
    report["five_classes"] = evaluate(texts, five, groups, sentence_tokens, C=0.3)
    print(f"five classes (evaluation merged into conjecture): {report['five_classes']}")
    write_result(OUT, report)
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
