"""The judged sets of labels/judged.csv resolved to texts (hash-checked) for training and evaluation."""

from __future__ import annotations

import csv
from pathlib import Path

import corpora

from scorer.labels import LabelledText

JUDGED = Path(__file__).resolve().parents[1] / "labels" / "judged.csv"


def judged_rows(
    split: str | None = None, path: Path = JUDGED, dedupe: bool = False
) -> list[tuple[dict[str, str], LabelledText]]:
    """(label row, labelled text) of one split, ``unsure`` rows left out; texts checked by sha256.

    The corpora hold a few identical texts under different ids (BBC duplicates, syndicated
    articles); a dev row whose text is also in train is left out of dev, so nothing leaks.
    """
    records = [r for r in csv.DictReader(open(path, encoding="utf-8")) if r["label"] != "unsure"]
    train_texts = {r["sha256"] for r in records if r["split"] == "train"}
    records = [r for r in records if not (r["split"] == "dev" and r["sha256"] in train_texts)]
    if split:
        records = [r for r in records if r["split"] == split]
    if dedupe:  # one row per distinct text (the first by id), for cross-validation over all rows
        seen: set[str] = set()
        records = [r for r in records if not (r["sha256"] in seen or seen.add(r["sha256"]))]
    texts = corpora.load_texts([r["doc_id"] for r in records])
    out = []
    for r in records:
        text = texts.get(r["doc_id"])
        if text is None:
            raise SystemExit(f"{r['doc_id']}: not found under {corpora.DATA_ROOT}")
        if corpora.text_sha256(text) != r["sha256"]:
            raise SystemExit(f"{r['doc_id']}: text differs from the one judged (sha256 mismatch)")
        out.append((r, LabelledText(r["doc_id"], text, r["label"])))
    return out
