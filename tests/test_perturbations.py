"""Trivia must not flip a label: calls to action, furniture, exclamations, capitals, one quote fewer.

The same perturbations are measured over every judged report by benchmarks/select_model.py
(flip rates in the model's metadata and the README); here they are checked on the seeds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scorer import load_model
from scorer.documents import read_document

from .conftest import SEEDS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from select_model import PERTURBATIONS


@pytest.fixture(scope="module")
def scorer():
    return load_model()


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name[:3] for p in SEEDS])
@pytest.mark.parametrize("name", PERTURBATIONS)
def test_trivia_does_not_flip_a_seed(scorer, seed, name: str) -> None:
    text = read_document(seed)
    changed = PERTURBATIONS[name](text)
    before, after = scorer.score_texts(["a", "b"], [text, changed], evidence=False)
    assert after.label == before.label, f"{name}: p {before.p_speculative:.3f} -> {after.p_speculative:.3f}"
