"""Agreement between two independent readings of the same dev articles (labels/agreement.csv).

    python benchmarks/agreement.py

A second reader, who did not see the first labels, judged a random sample of 120 dev rows
against the same guide. Agreement and Cohen's kappa on the rows both readers labelled
(neither said unsure) bound what any model can score against these labels.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    first = {r["doc_id"]: r["label"] for r in csv.DictReader(open(ROOT / "labels" / "judged.csv", encoding="utf-8"))}
    second = {r["doc_id"]: r["label"] for r in csv.DictReader(open(ROOT / "labels" / "agreement.csv", encoding="utf-8"))}
    pairs = [(first[d], second[d]) for d in second if "unsure" not in (first[d], second[d])]
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    kappa = (observed - expected) / (1 - expected)
    print(f"second reading of {len(second)} dev rows; both decided on {n}")
    print(f"agreement {observed:.3f}, Cohen's kappa {kappa:.3f}")
    print("confusion (first reader rows, second reader columns):", dict(Counter(pairs)))


if __name__ == "__main__":
    main()
