"""Draw the sample of corpus articles to be judged by reading, split by group.

Deterministic: the same data gives the same sample. Writes one text file per document
and a manifest per batch under OUT (default /tmp/labelling), for readers to judge.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
from pathlib import Path

import corpora

# How many groups to draw per corpus in each round (AMT and Celebrity groups are story
# pairs: 2 docs). Round 2 leans towards the corpora where speculative articles are found.
ROUNDS = {
    1: {"amt": 40, "celebrity": 45, "hyperpartisan": 160, "bbc": 110},
    2: {"amt": 40, "celebrity": 50, "hyperpartisan": 160, "bbc": 60},
}
# Round 3 counts documents, drawn round-robin over (outlet, proxy label) strata so that every
# outlet and both proxy classes within it are represented (Horne 2017 tags no outlet: its
# strata are the proxy labels alone).
# Round 4 reads the Hyperpartisan articles left after rounds 1-2 (many small outlets, most of them
# new to the judged set) and more AllSides opinion and news, the genre pair most often confused.
STRATIFIED = {
    3: {"allsides": 800, "buzzfeed": 300, "horne": 200, "golbeck": 300},
    4: {"hyperpartisan": 320, "allsides": 160},
    5: {"buzzfeed": 320, "allsides": 160},  # partisan sourced news: the reporting most often called speculative
    # Machine-written news from many generators, strata (generator, style or variant), with the
    # human articles the rewrites sit beside.
    6: {"uchendu": 400, "detectrl": 380, "f3": 380, "sheepdog": 380},
}
MAX_CHARS = 15_000  # reading budget: longer articles (under 10% of AllSides) are not drawn
DEV_SHARE = 0.5
JUDGED = Path(__file__).resolve().parents[1] / "labels" / "judged.csv"


def split_of(group: str) -> str:
    """Train or dev, from a hash of the group, so a group never straddles the split."""
    digest = int(hashlib.sha256(group.encode()).hexdigest()[:8], 16)
    return "dev" if digest / 0xFFFFFFFF < DEV_SHARE else "train"


def _stratified(corpus: str, n: int, rng: random.Random, seen: set[str]) -> list[tuple[str, str, str]]:
    proxy = corpora.corpus_labels(corpus)
    strata: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for doc in corpora.iter_documents(corpus):
        if doc[0] in seen or len(doc[1]) > MAX_CHARS:
            continue
        outlet = "" if corpus == "horne" else doc[2]  # machine-written corpora: the generator
        strata.setdefault((outlet, proxy[doc[0]]), []).append(doc)
    for docs in strata.values():
        rng.shuffle(docs)
    queues = [strata[k] for k in sorted(strata)]
    rows: list[tuple[str, str, str]] = []
    while len(rows) < n and any(queues):
        for queue in queues:
            if queue and len(rows) < n:
                rows.append(queue.pop())
    return rows


def draw(round_: int = 1) -> list[tuple[str, str, str]]:
    """The documents of one round; later rounds skip every document judged before."""
    rng = random.Random(7 if round_ == 1 else 7 + round_)
    seen = {r["doc_id"] for r in csv.DictReader(open(JUDGED, encoding="utf-8"))} if round_ > 1 else set()
    if round_ in STRATIFIED:
        return [row for corpus, n in STRATIFIED[round_].items() for row in _stratified(corpus, n, rng, seen)]
    rows: list[tuple[str, str, str]] = []
    for corpus, n in ROUNDS[round_].items():
        docs = [d for d in corpora.iter_documents(corpus) if d[0] not in seen]
        if corpus == "hyperpartisan":
            rows += [(d, t, g) for d, t, g in rng.sample(docs, n)]
            continue
        groups = sorted({g for _, _, g in docs})
        chosen = set(rng.sample(groups, n))
        rows += [(d, t, g) for d, t, g in docs if g in chosen]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("/tmp/labelling"))
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument("--round", type=int, default=1, choices=sorted(ROUNDS | STRATIFIED))
    args = parser.parse_args()
    rows = draw(args.round)
    random.Random(11).shuffle(rows)
    for b in range(args.batches):
        folder = args.out / f"batch{b}"
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "manifest.csv", "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["doc_id", "file", "sha256", "group", "split"])
            for i, (doc_id, text, group) in enumerate(rows[b :: args.batches]):
                name = f"{i:03d}.txt"
                (folder / name).write_text(text, encoding="utf-8")
                writer.writerow([doc_id, name, corpora.text_sha256(text), group, split_of(group)])
    print(f"{len(rows)} documents in {args.batches} batches under {args.out}")


if __name__ == "__main__":
    main()
