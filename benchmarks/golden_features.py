"""Rewrite tests/golden/features.json: every feature, P(speculative) and an evidence digest of a fixed set.

    python benchmarks/golden_features.py          # write, then review the diff
    python benchmarks/golden_features.py --check  # compare only (exit 1 on any difference)

The set: the seeds, the test texts of tests/conftest.py, and a sample of every corpus in
../shared/data (ids and text hashes only: the texts stay outside the repository). A refactor
must leave this file unchanged; a fix that changes it says why in its commit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

GOLDEN = ROOT / "tests" / "golden" / "features.json"
PER_CORPUS = 12
DIGITS = 9


def repo_texts() -> dict[str, str]:
    """Texts that live in the repository: the seeds and the test sentences."""
    from scorer.documents import read_document
    from tests.conftest import REPORTED, SPECULATIVE

    texts = {f"seeds/{p.name}": read_document(p) for p in sorted((ROOT / "seeds").glob("*.txt"))}
    texts.update({f"tests/reported/{i}": t for i, t in enumerate(REPORTED)})
    texts.update({f"tests/speculative/{i}": t for i, t in enumerate(SPECULATIVE)})
    return texts


def corpus_sample() -> dict[str, str]:
    """Every len/PER_CORPUS-th document of each corpus, by sorted id."""
    from corpora import CORPORA, DATA_ROOT, iter_documents

    sample: dict[str, str] = {}
    if not DATA_ROOT.is_dir():
        return sample
    for corpus in CORPORA:
        docs = sorted((doc_id, text) for doc_id, text, _ in iter_documents(corpus))
        step = max(1, len(docs) // PER_CORPUS)
        sample.update(docs[::step][:PER_CORPUS])
    return sample


def record(texts: dict[str, str]) -> dict[str, dict[str, object]]:
    """Per text: its hash, feature values, P(speculative) and a digest of its evidence."""
    from scorer import load_model

    scorer = load_model(any_language=True)
    ids = list(texts)
    results = scorer.score_texts(ids, [texts[i] for i in ids], evidence=True)
    out = {}
    for doc_id, result in zip(ids, results, strict=True):
        evidence = json.dumps(result.evidence_dict(), sort_keys=True, ensure_ascii=False)
        out[doc_id] = {
            "sha256": hashlib.sha256(texts[doc_id].encode("utf-8")).hexdigest(),
            "p_speculative": round(result.p_speculative, DIGITS),
            "features": {k: round(v, DIGITS) for k, v in result.features.items()},
            "evidence_sha256": hashlib.sha256(evidence.encode("utf-8")).hexdigest(),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the stored file instead of writing it")
    args = parser.parse_args()
    current = record({**repo_texts(), **corpus_sample()})
    if not args.check:
        GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
        print(f"wrote {GOLDEN.relative_to(ROOT)}: {len(current)} documents")
        return
    stored = json.loads(GOLDEN.read_text())
    differ = sorted(k for k in current if k in stored and current[k] != stored[k])
    for doc_id in differ:
        print(
            doc_id,
            {
                k: (stored[doc_id][k], current[doc_id][k])
                for k in current[doc_id]
                if stored[doc_id][k] != current[doc_id][k] and k != "features"
            },
        )
        for name, value in current[doc_id]["features"].items():
            if stored[doc_id]["features"].get(name) != value:
                print(f"  {name}: {stored[doc_id]['features'].get(name)} -> {value}")
    print(f"{len(differ)} of {len(current)} documents differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
