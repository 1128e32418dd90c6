"""Agreement between two independent readings of the same articles (labels/agreement.csv).

    python benchmarks/agreement.py
    python benchmarks/agreement.py --add /tmp/second   # merge a second reading (labels.csv + manifest)

Second readers, who never saw the first labels, judged random samples against the same guide:
120 dev rows of rounds 1-2, 210 rows of round 3 (AllSides, BuzzFeed-Webis, Horne 2017,
Golbeck 2018), 80 of round 4 (Hyperpartisan and AllSides; counted with their corpora below) and
200 of round 6 (machine-written news and the human articles beside it). Agreement and Cohen's kappa on the rows both readers decided (neither said
unsure) bound what any model can score against these labels.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "labels" / "agreement.csv"


def add(folder: Path) -> None:
    """Append a second reading (``labels.csv`` by file, ``manifest_hidden.csv`` file -> doc_id)."""
    manifest = {r["file"]: r["doc_id"] for r in csv.DictReader(open(folder / "manifest_hidden.csv", encoding="utf-8"))}
    rows = list(csv.DictReader(open(AGREEMENT, encoding="utf-8")))
    known = {r["doc_id"] for r in rows}
    for r in csv.DictReader(open(folder / "labels.csv", encoding="utf-8")):
        doc_id = manifest[r["file"]]
        if doc_id not in known:
            rows.append({"doc_id": doc_id, "label": r["label"].strip().lower(), "reason": r["reason"].strip()})
    with open(AGREEMENT, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["doc_id", "label", "reason"])
        writer.writeheader()
        writer.writerows(rows)


def kappa(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return observed, (observed - expected) / (1 - expected)


ROUNDS = {
    "rounds 1-2 (AMT, Celebrity, hyperpartisan, BBC)": ("amt", "celebrity", "hyperpartisan", "bbc"),
    "rounds 3-5 (AllSides, BuzzFeed-Webis, Horne, Golbeck)": ("allsides", "buzzfeed", "horne", "golbeck"),
    "round 6 (machine-written: Uchendu, DetectRL, F3, SheepDog)": ("uchendu", "detectrl", "f3", "sheepdog"),
}


def summary() -> dict[str, dict]:
    """Per group of rounds and over all: rows read twice, rows both decided, agreement, kappa, confusion."""
    first = {r["doc_id"]: r["label"] for r in csv.DictReader(open(ROOT / "labels" / "judged.csv", encoding="utf-8"))}
    second = {r["doc_id"]: r["label"] for r in csv.DictReader(open(AGREEMENT, encoding="utf-8"))}
    both = [d for d in second if d in first]
    out = {}
    for name, corpora in {**ROUNDS, "all": tuple(c for cs in ROUNDS.values() for c in cs)}.items():
        read = [d for d in both if d.split("/", 1)[0] in corpora]
        pairs = [(first[d], second[d]) for d in read if "unsure" not in (first[d], second[d])]
        if pairs:
            observed, k = kappa(pairs)
            out[name] = {"read": len(read), "decided": len(pairs), "agreement": observed, "kappa": k, "pairs": pairs}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--add", type=Path, help="folder of a second reading to merge first")
    args = parser.parse_args()
    if args.add:
        add(args.add)
    for name, m in summary().items():
        print(
            f"{name}: read twice {m['read']}, both decided {m['decided']}; agreement {m['agreement']:.3f}, "
            f"Cohen's kappa {m['kappa']:.3f}; confusion (first, second): {dict(Counter(m['pairs']))}"
        )


if __name__ == "__main__":
    main()
