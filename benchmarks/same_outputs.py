"""The check a speed change must pass: the full JSON output of thousands of texts, before and after.

    python benchmarks/same_outputs.py --save /tmp/before.json    # on the code before the change
    python benchmarks/same_outputs.py --check /tmp/before.json   # after: exit 1 on any difference

``tests/golden/features.json`` holds a dozen documents of each corpus; this reads up to
``--per-corpus`` documents of every corpus in ../shared/data (in sorted id order), the repository's
own texts, and fuzzed strings built with a fixed seed (lone surrogates, dotted capital I, astral
and Arabic characters, quotes, abbreviations, dates), each also with doubled spaces and in capitals,
and scores them with evidence as ``score -f jsonl`` would write them. Saved: one sha256 per text
and of the whole (no text: the file may be kept anywhere). Checked: the texts are the same and so
is every output; a difference names the documents that moved.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

_PIECES = [
    *"abcXYZ .,!?;:'\"“”‘’-–—()[]\n\t0123456789éßİı\U0001f600\ud800٣𝐀",
    "said ", "may ", "according to ", "Mr. ", "Dr. ", "Jan. 5, 2024 ", "President Joe Biden ", "“We will,” he said. ",
]  # fmt: skip


def texts(per_corpus: int) -> dict[str, str]:
    """The texts by id: a sample of every corpus, the repository's texts, and fuzzed variants."""
    from corpora import CORPORA, DATA_ROOT, iter_documents
    from golden_features import repo_texts

    found = dict(repo_texts())
    if DATA_ROOT.is_dir():
        for corpus in CORPORA:
            found.update(sorted((doc_id, text) for doc_id, text, _ in iter_documents(corpus))[:per_corpus])
    rng = random.Random(7)
    for i in range(600):
        found[f"fuzz/{i}"] = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 400)))
    for doc_id, text in list(found.items())[:300]:
        found[f"spaced/{doc_id}"] = text.replace(" ", "  ").replace(".", ". ")
        found[f"capitals/{doc_id}"] = text.upper()
    return found


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def outputs(found: dict[str, str]) -> dict[str, list[str]]:
    """Per id: the sha256 of its text and of its JSON output with evidence."""
    from scorer import load_model, score_many

    scorer = load_model()
    ids = list(found)
    results = score_many([found[i] for i in ids], model=scorer, evidence=True)
    return {
        doc_id: [
            _digest(found[doc_id]),
            _digest(json.dumps(r.to_dict(evidence=True), sort_keys=True, ensure_ascii=False)),
        ]
        for doc_id, r in zip(ids, results, strict=True)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, metavar="FILE", help="write the digests of this code's outputs")
    action.add_argument("--check", type=Path, metavar="FILE", help="compare this code's outputs with a saved file")
    parser.add_argument("--per-corpus", type=int, default=300, help="documents read from each corpus (default 300)")
    args = parser.parse_args()
    if args.check:
        saved = json.loads(args.check.read_text(encoding="utf-8"))
        now = outputs(texts(saved["per_corpus"]))
        if set(now) != set(saved["outputs"]) or any(now[k][0] != saved["outputs"][k][0] for k in now):
            raise SystemExit("the texts differ from the saved ones (another corpus version?): nothing compared")
        moved = [k for k in now if now[k][1] != saved["outputs"][k][1]]
        print(
            f"{len(now)} texts: "
            + (f"{len(moved)} outputs differ, e.g. {moved[:10]}" if moved else "every output identical")
        )
        raise SystemExit(1 if moved else 0)
    found = outputs(texts(args.per_corpus))
    args.save.write_text(json.dumps({"per_corpus": args.per_corpus, "outputs": found}), encoding="utf-8")
    print(f"{len(found)} texts: digests written to {args.save}")


if __name__ == "__main__":
    main()
