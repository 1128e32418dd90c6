"""Features, scores and evidence of a fixed set of texts are what tests/golden/features.json says.

The file is written by ``python benchmarks/golden_features.py``; a refactor leaves it unchanged,
a fix that changes it says why in its commit. Corpus texts are compared where ../shared/data is.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import golden_features

STORED = json.loads(golden_features.GOLDEN.read_text())


def _compare(texts: dict[str, str]) -> None:
    current = golden_features.record(texts)
    for doc_id, now in current.items():
        then = STORED[doc_id]
        assert now["sha256"] == then["sha256"], f"{doc_id}: the text itself changed"
        assert now["features"] == pytest.approx(then["features"], abs=1e-7), doc_id
        assert now["p_speculative"] == pytest.approx(then["p_speculative"], abs=1e-7), doc_id
        assert now["evidence_sha256"] == then["evidence_sha256"], f"{doc_id}: evidence changed"


def test_repository_texts_match_golden() -> None:
    texts = golden_features.repo_texts()
    assert len(texts) >= 19
    _compare(texts)


def test_corpus_sample_matches_golden() -> None:
    texts = golden_features.corpus_sample()
    if not texts:
        pytest.skip("../shared/data is not here: the corpus sample cannot be read")
    assert set(texts) <= set(STORED)
    _compare(texts)
