"""Trivia must not flip a label: calls to action, furniture, exclamations, capitals, one quote fewer.

The same perturbations are measured over every judged report by benchmarks/select_model.py
(flip rates in the model's metadata and the README); here they are checked on the seeds.
"""

from __future__ import annotations

import re

import pytest

from scorer import load_model
from scorer.documents import read_document

from .conftest import SEEDS

PERTURBATIONS = {
    "stay tuned": lambda t: t + "\n\nStay tuned!",
    "wow": lambda t: t + "\n\nWow!",
    "subscribe": lambda t: t + "\n\nSubscribe to our newsletter for more!",
    "breaking": lambda t: "BREAKING NEWS: " + t,
    "furniture": lambda t: t + "\n\nShare this article:\nFacebook\nTwitter\nRead more\nLeave a comment\n© 2024 All rights reserved",
    "capital title": lambda t: t.split("\n", 1)[0].upper() + ("\n" + t.split("\n", 1)[1] if "\n" in t else ""),
    "one quote fewer": lambda t: re.sub(r"[\"“][^\"”\n]{10,}?[\"”]", "", t, count=1),
}


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
