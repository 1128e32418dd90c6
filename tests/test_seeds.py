"""Golden scores of the seeds by the shipped model (change tests/golden/seeds.json only on purpose)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer import load_model
from scorer.documents import read_document

from .conftest import SEEDS, SPECULATIVE_SEED

GOLDEN = Path(__file__).parent / "golden" / "seeds.json"


@pytest.fixture(scope="module")
def results():
    scorer = load_model()
    return {p.name: r for p, r in zip(SEEDS, scorer.score_texts([p.name for p in SEEDS], [read_document(p) for p in SEEDS]), strict=False)}


def test_speculative_seed_is_speculative_and_others_reported(results) -> None:
    for name, result in results.items():
        assert result.label == ("speculative" if name == SPECULATIVE_SEED else "reported"), name


def test_golden_probabilities(results) -> None:
    golden = json.loads(GOLDEN.read_text())
    assert golden["model"] == next(iter(results.values())).model
    for name, result in results.items():
        assert result.p_speculative == pytest.approx(golden["p_speculative"][name], abs=1e-6), name


def test_speculative_seed_evidence_names_its_hedges(results) -> None:
    hedged = results[SPECULATIVE_SEED].explanation.hedged()
    cues = {c.text.lower() for s in hedged for c in s.cues}
    assert {"likely", "probably"} <= cues
