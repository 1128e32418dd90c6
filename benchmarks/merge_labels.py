"""Merge readers' per-batch judgements (see select_for_labelling.py) into labels/judged.csv.

Rows already in judged.csv are kept as they are; only documents not yet judged are added.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import corpora
from select_for_labelling import split_of

COLUMNS = ["doc_id", "sha256", "group", "split", "label", "genre", "corpus_label", "reason"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batches", type=Path, nargs="+", default=[Path("/tmp/labelling")])
    parser.add_argument("--partial", action="store_true", help="skip batches not judged yet instead of stopping")
    parser.add_argument(
        "--machine",
        action="store_true",
        help="add the machine-written pairs of labels/machine (labelled by their brief)",
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "labels" / "judged.csv")
    args = parser.parse_args()
    proxy: dict[str, str] = {}
    for corpus in corpora.CORPORA:
        proxy.update(corpora.corpus_labels(corpus))
    rows = list(csv.DictReader(open(args.out, encoding="utf-8"))) if args.out.exists() else []
    known = {r["doc_id"] for r in rows}
    for folder in sorted(f for root in args.batches for f in root.glob("batch*")):
        if args.partial and not (folder / "labels.csv").exists():
            continue
        manifest = {r["file"]: r for r in csv.DictReader(open(folder / "manifest.csv"))}
        # Readers name files "007.txt" or "007": both mean the manifest's file.
        judged = {
            r["file"].strip().removesuffix(".txt") + ".txt": r for r in csv.DictReader(open(folder / "labels.csv"))
        }
        missing = set(manifest) - set(judged)
        if missing:
            raise SystemExit(f"{folder}: no judgement for {sorted(missing)}")
        for name, item in manifest.items():
            if item["doc_id"] in known:
                continue
            verdict = judged[name]
            label = verdict["label"].strip().lower()
            if label not in {"reported", "speculative", "unsure"}:
                raise SystemExit(f"{folder}/{name}: unknown label {label!r}")
            rows.append(
                {
                    **{k: item[k] for k in ("doc_id", "sha256", "group", "split")},
                    "label": label,
                    "genre": (verdict.get("genre") or "").strip().lower(),
                    "corpus_label": proxy[item["doc_id"]],
                    "reason": verdict["reason"].strip(),
                }
            )
    if args.machine:
        for doc_id, text, group in corpora.iter_documents("machine"):
            if doc_id not in known:
                kind = proxy[doc_id]
                rows.append(
                    {
                        "doc_id": doc_id,
                        "sha256": corpora.text_sha256(text),
                        "group": group,
                        "split": split_of(group),
                        "label": "speculative" if kind == "filler" else "reported",
                        "genre": "filler" if kind == "filler" else "news",
                        "corpus_label": kind,
                        "reason": f"machine-written to the brief as {'filler' if kind == 'filler' else 'a report'}",
                    }
                )
    rows.sort(key=lambda r: r["doc_id"])
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows -> {args.out}")


if __name__ == "__main__":
    main()
