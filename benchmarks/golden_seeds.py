"""Rewrite tests/golden/seeds.json from the shipped model (run after a new model is built, then review the diff)."""

from __future__ import annotations

import json
from pathlib import Path

from scorer import load_model
from scorer.documents import read_document

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    results = load_model().score_texts([p.name for p in seeds], [read_document(p) for p in seeds], evidence=False)
    record = {"model": results[0].model, "p_speculative": {r.id: round(r.p_speculative, 8) for r in results}}
    (ROOT / "tests" / "golden" / "seeds.json").write_text(json.dumps(record, indent=2) + "\n")
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
