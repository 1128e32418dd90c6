"""Draw the sample of sentences to be judged by reading for the sentence-level claim model.

Sentences come from articles that are neither judged nor drawn for article judging, spread
round-robin over outlets so that no outlet dominates; at most two per article. Each comes
with the sentence before it as context. Deterministic: the same data gives the same sample.
Writes ``batchK.csv`` files (sid, context, sentence) under OUT for readers.

Round 2 (``--round 2``) skips the sentences of round 1 (other sentences of the same articles may
be drawn, so that the outlets stay many) and, of each article's two sentences, takes first those
that may carry a vague source (a weasel phrase, or an attribution whose
source is not named), the class round 1 found rarest (288 of 3,052) and the model worst at.
``--merge`` adds the readers' labels to labels/sentences.csv (rows already there are kept).
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

PER_CORPUS_ROUND_1 = {"allsides": 1400, "buzzfeed": 500, "hyperpartisan": 500, "golbeck": 400, "bbc": 200, "horne": 200}
PER_CORPUS_ROUND_2 = {"allsides": 700, "buzzfeed": 300, "hyperpartisan": 250, "golbeck": 200, "bbc": 100, "horne": 50}
# Round 3: machine-written news of every generator beside the outlets again, drawn at random.
PER_CORPUS_ROUND_3 = {
    "uchendu": 1200,
    "detectrl": 1400,
    "f3": 1400,
    "sheepdog": 1400,
    "allsides": 1600,
    "buzzfeed": 800,
    "hyperpartisan": 1000,
    "golbeck": 500,
    "horne": 300,
}
# Round 4: the same, leaning to the corpora of many small outlets (Hyperpartisan, Golbeck 2018).
PER_CORPUS_ROUND_4 = {
    "uchendu": 800,
    "detectrl": 1000,
    "f3": 1200,
    "sheepdog": 1000,
    "allsides": 1000,
    "hyperpartisan": 1500,
    "golbeck": 1000,
    "buzzfeed": 300,
    "horne": 200,
}
# Round 5: outlets no earlier round reached: every sentence of Lim et al.'s 46 articles (36 outlets,
# first 20 sentences each, so each has its context) and single sentences of BABE's 11 outlets.
PER_CORPUS_ROUND_5 = {"lim": 1000, "babe": 450}
PER_CORPUS = {
    1: PER_CORPUS_ROUND_1,
    2: PER_CORPUS_ROUND_2,
    3: PER_CORPUS_ROUND_3,
    4: PER_CORPUS_ROUND_4,
    5: PER_CORPUS_ROUND_5,
}
SEEDS = {2: 29, 3: 31, 4: 37, 5: 41}
PER_ARTICLE = 2
PER_ARTICLE_IN_ROUND = {5: 20}
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


def may_be_vague(sentence: str) -> bool:
    """A weasel phrase, or an attribution whose source is not named next to it."""
    from scorer.cues.document import sentence_cues
    from scorer.cues.finders import is_named_source
    from scorer.text import tokenize

    cues = sentence_cues(sentence, tokenize(sentence))
    attributions = [c for c in cues if c.kind == "attribution"]
    unnamed = attributions and not any(is_named_source(sentence, c, 0, len(sentence)) for c in attributions)
    return bool(unnamed) or any(c.kind == "weasel" for c in cues)


def _pick(
    candidates: list[tuple[int, str, str]], rng: random.Random, vague_first: bool, per_article: int = PER_ARTICLE
) -> list[tuple[int, str, str]]:
    if not vague_first:
        return rng.sample(candidates, min(per_article, len(candidates)))
    shuffled = rng.sample(candidates, len(candidates))
    return sorted(shuffled, key=lambda c: not may_be_vague(c[2]))[:per_article]  # stable: vague-looking first


def draw(
    excluded: set[str], seed: int = 13, round_: int = 1, read: frozenset[str] = frozenset()
) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for corpus, n in PER_CORPUS[round_].items():
        by_outlet: dict[str, list[tuple[str, str, str]]] = {}
        for doc in corpora.iter_documents(corpus):
            if doc[0] not in excluded:
                outlet = doc[2] if doc[2].startswith(("outlet:", "gen:")) else corpus
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
                candidates = [c for c in _candidates(text) if f"{doc_id}#{c[0]}" not in read]
                per_article = PER_ARTICLE_IN_ROUND.get(round_, PER_ARTICLE)
                for offset, context, sentence in _pick(candidates, rng, round_ == 2, per_article):
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
# ``evaluation`` (the writer's own judgement, opinion, sarcasm, promotional puffery) is read apart
# from ``conjecture`` from round 3 on; rounds 1-2 hold both under ``conjecture``.
CLASSES = ("named", "vague", "conjecture", "evaluation", "fact", "furniture", "unsure")


def merge(folder: Path, round_: int, out: Path = SENTENCES) -> None:
    """Readers' ``batchK.labels.csv`` + the manifest -> labels/sentences.csv (ids, hashes, labels, round; no text)."""
    manifest = {r["sid"]: r for r in csv.DictReader(open(folder / "manifest.csv", encoding="utf-8"))}
    rows = [r for r in csv.DictReader(open(out, encoding="utf-8")) if r["sid"] not in manifest] if out.exists() else []
    for r in rows:
        r["round"] = r.get("round") or "1"
    for path in sorted(folder.glob("batch*.labels.csv")):
        for r in csv.DictReader(open(path, encoding="utf-8")):
            label = r["label"].strip().lower()
            if label not in CLASSES:
                raise SystemExit(f"{path}: {r['sid']}: unknown class {label!r}")
            item = manifest[r["sid"]]
            rows.append(
                {
                    "sid": r["sid"],
                    "sha256": item["sha256"],
                    "outlet": item["outlet"],
                    "label": label,
                    "round": str(round_),
                }
            )
    rows.sort(key=lambda r: r["sid"])
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["sid", "sha256", "outlet", "label", "round"])
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
    parser.add_argument("--round", type=int, default=1, choices=sorted(PER_CORPUS))
    parser.add_argument(
        "--merge", action="store_true", help="merge the readers' labels under --out into labels/sentences.csv"
    )
    args = parser.parse_args()
    if args.merge:
        merge(args.out, args.round)
        return
    judged = {r["doc_id"] for r in csv.DictReader(open(select_for_labelling.JUDGED, encoding="utf-8"))}
    drawn = {d for d, _, _ in select_for_labelling.draw(3)}
    if args.round == 1:
        rows = draw(judged | drawn)
    else:  # never a sentence read in an earlier round, nor one of an article drawn for reading whole
        read = frozenset(r["sid"] for r in csv.DictReader(open(SENTENCES, encoding="utf-8")))
        excluded = judged if args.round == 2 else judged | {d for d, _, _ in select_for_labelling.draw(6)}
        rows = draw(excluded, seed=SEEDS[args.round], round_=args.round, read=read)
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
