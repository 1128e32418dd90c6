"""Draw the sample of sentences to be judged by reading for the sentence-level claim model.

Sentences come from articles that are neither judged nor drawn for article judging, spread
round-robin over outlets so that no outlet dominates; at most two per article. Each comes
with the sentence before it as context. Deterministic: the same data gives the same sample.
Writes ``batchK.csv`` files (sid, context, sentence) under OUT for readers.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

import corpora
import select_for_labelling

from scorer.text import split_sentences
from scorer.view import TextView

PER_CORPUS = {"allsides": 1400, "buzzfeed": 500, "hyperpartisan": 500, "golbeck": 400, "bbc": 200, "horne": 200}
PER_ARTICLE = 2
MIN_CHARS, MAX_CHARS = 20, 600


def _candidates(text: str) -> list[tuple[int, str, str]]:
    """(offset, previous sentence, sentence) for every sentence of every line, furniture included."""
    out: list[tuple[int, str, str]] = []
    previous = ""
    for line in TextView(text).lines:
        for span in split_sentences(line.text, line.start):
            sentence = " ".join(span.text.split())
            if MIN_CHARS <= len(sentence) <= MAX_CHARS:
                out.append((span.start, previous, sentence))
            previous = sentence
    return out


def draw(excluded: set[str], seed: int = 13) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for corpus, n in PER_CORPUS.items():
        by_outlet: dict[str, list[tuple[str, str, str]]] = {}
        for doc in corpora.iter_documents(corpus):
            if doc[0] not in excluded:
                outlet = doc[2] if doc[2].startswith("outlet:") else corpus
                by_outlet.setdefault(outlet, []).append(doc)
        queues = []
        for outlet in sorted(by_outlet):
            docs = by_outlet[outlet]
            rng.shuffle(docs)
            queues.append((outlet, docs))
        taken = 0
        while taken < n and any(docs for _, docs in queues):
            for outlet, docs in queues:
                if not docs or taken >= n:
                    continue
                doc_id, text, _ = docs.pop()
                candidates = _candidates(text)
                for offset, context, sentence in rng.sample(candidates, min(PER_ARTICLE, len(candidates))):
                    rows.append(
                        {
                            "sid": f"{doc_id}#{offset}",
                            "outlet": outlet,
                            "context": context,
                            "sentence": sentence,
                            "sha256": corpora.text_sha256(sentence),
                        }
                    )
                    taken += 1
    return rows


SENTENCES = Path(__file__).resolve().parents[1] / "labels" / "sentences.csv"
CLASSES = ("named", "vague", "conjecture", "fact", "furniture", "unsure")


def merge(folder: Path, out: Path = SENTENCES) -> None:
    """Readers' ``batchK.labels.csv`` + the manifest -> labels/sentences.csv (ids, hashes, labels; no text)."""
    manifest = {r["sid"]: r for r in csv.DictReader(open(folder / "manifest.csv", encoding="utf-8"))}
    rows = []
    for path in sorted(folder.glob("batch*.labels.csv")):
        for r in csv.DictReader(open(path, encoding="utf-8")):
            label = r["label"].strip().lower()
            if label not in CLASSES:
                raise SystemExit(f"{path}: {r['sid']}: unknown class {label!r}")
            item = manifest[r["sid"]]
            rows.append({"sid": r["sid"], "sha256": item["sha256"], "outlet": item["outlet"], "label": label})
    rows.sort(key=lambda r: r["sid"])
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["sid", "sha256", "outlet", "label"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} judged sentences -> {out}")


def judged_sentences(path: Path = SENTENCES) -> list[tuple[dict[str, str], str]]:
    """(label row, sentence text) of every judged sentence but ``unsure``; texts checked by sha256."""
    rows = [r for r in csv.DictReader(open(path, encoding="utf-8")) if r["label"] != "unsure"]
    texts = corpora.load_texts(sorted({r["sid"].rsplit("#", 1)[0] for r in rows}))
    out = []
    for r in rows:
        doc_id, offset = r["sid"].rsplit("#", 1)
        found = {o: s for o, _, s in _candidates(texts[doc_id])}
        sentence = found.get(int(offset))
        if sentence is None or corpora.text_sha256(sentence) != r["sha256"]:
            raise SystemExit(f"{r['sid']}: sentence differs from the one judged")
        out.append((r, sentence))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("/tmp/sentences"))
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument(
        "--merge", action="store_true", help="merge the readers' labels under --out into labels/sentences.csv"
    )
    args = parser.parse_args()
    if args.merge:
        merge(args.out)
        return
    judged = {r["doc_id"] for r in csv.DictReader(open(select_for_labelling.JUDGED, encoding="utf-8"))}
    drawn = {d for d, _, _ in select_for_labelling.draw(3)}
    rows = draw(judged | drawn)
    random.Random(17).shuffle(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    for b in range(args.batches):
        with open(args.out / f"batch{b}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, ["sid", "context", "sentence"], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows[b :: args.batches])
    with open(args.out / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["sid", "outlet", "sha256"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    print(
        f"{len(rows)} sentences from {len({r['outlet'] for r in rows})} outlets in {args.batches} batches under {args.out}"
    )


if __name__ == "__main__":
    main()
