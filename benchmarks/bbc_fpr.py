"""Share of BBC stories the shipped model calls speculative (BBC is edited reporting).

    python benchmarks/bbc_fpr.py

All 2,225 stories of bbc-news-2225 except the ones in the judged train split (the model saw
those). The judged sample finds about 5% of BBC stories speculative by our guide (analyses,
columns), so this rate mixes true and false positives; the judged dev BBC rows are also
reported separately.
"""

from __future__ import annotations

import csv

import corpora
from judged import JUDGED

from scorer import load_model


def main() -> None:
    rows = list(csv.DictReader(open(JUDGED, encoding="utf-8")))
    seen = {r["doc_id"] for r in rows if r["split"] == "train"}
    dev_reported = {
        r["doc_id"] for r in rows if r["split"] == "dev" and r["label"] == "reported" and r["doc_id"].startswith("bbc/")
    }
    docs = [(d, t) for d, t, _ in corpora.iter_documents("bbc") if d not in seen]
    scorer = load_model()
    results = scorer.score_texts([d for d, _ in docs], [t for _, t in docs], evidence=False)
    flagged = sum(r.label == "speculative" for r in results)
    dev = [r for r in results if r.id in dev_reported]
    dev_flagged = sum(r.label == "speculative" for r in dev)
    print(
        f"{scorer.version}: {flagged}/{len(results)} BBC stories called speculative ({flagged / len(results):.3f}); "
        f"judged-reported dev BBC rows: {dev_flagged}/{len(dev)} ({dev_flagged / max(1, len(dev)):.3f})"
    )


if __name__ == "__main__":
    main()
