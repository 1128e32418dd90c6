"""Golden scores of the seeds by the shipped model (change tests/golden/seeds.json only on purpose)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer import load_model
from scorer.cuekinds import HEDGING
from scorer.documents import read_document

from .conftest import SEEDS, SPECULATIVE_SEED

GOLDEN = Path(__file__).parent / "golden" / "seeds.json"


@pytest.fixture(scope="module")
def results():
    scorer = load_model()
    return {
        p.name: r
        for p, r in zip(
            SEEDS, scorer.score_texts([p.name for p in SEEDS], [read_document(p) for p in SEEDS]), strict=False
        )
    }


def test_reported_seeds_are_reported_and_the_speculative_seed_ranks_far_above_them(results) -> None:
    others = [r.p_speculative for name, r in results.items() if name != SPECULATIVE_SEED]
    for name, result in results.items():
        if name != SPECULATIVE_SEED:
            assert result.label == "reported", name
    assert results[SPECULATIVE_SEED].p_speculative > 3 * max(others)


def test_the_speculative_seed_is_speculative_at_the_balanced_threshold() -> None:
    """Where the judged set's two errors weigh the same (P = 0.5 on the judged mix, before the prior shift)."""
    import math

    shift = load_model().artifact.metadata["operating_point"]["log_odds_shift"]
    scorer = load_model(threshold=1 / (1 + math.exp(-shift)))
    seed = next(p for p in SEEDS if p.name == SPECULATIVE_SEED)
    assert scorer.score_texts(["s"], [read_document(seed)], evidence=False)[0].label == "speculative"


def test_the_speculative_seed_is_speculative_at_the_shipped_threshold(results) -> None:
    """At the shipped operating point (at most 5% of reporting called speculative on outlet-disjoint folds)."""
    assert results[SPECULATIVE_SEED].label == "speculative"


def test_golden_probabilities(results) -> None:
    golden = json.loads(GOLDEN.read_text())
    assert golden["model"] == next(iter(results.values())).model
    for name, result in results.items():
        assert result.p_speculative == pytest.approx(golden["p_speculative"][name], abs=1e-6), name


def test_speculative_seed_evidence_names_its_hedges(results) -> None:
    hedged = results[SPECULATIVE_SEED].explanation.listed(HEDGING)
    cues = {c.text.lower() for s in hedged for c in s.cues}
    assert {"likely", "probably"} <= cues


def test_each_evidence_list_shows_only_its_own_kind(results) -> None:
    """ "hedged" holds hedges and vague sources only; a sentence the writer hedges is never "specific"."""
    from scorer.cuekinds import EVIDENCE_LISTS, HEDGING, KINDS

    for result in results.values():
        record = result.evidence_dict()
        for shown in EVIDENCE_LISTS:
            for sentence in record[shown.key]:
                listed = next(s for s in result.explanation.sentences if s.start == sentence["start"])
                assert sentence["cues"] and all(
                    c.kind in shown.kinds for c in listed.cues if c.text in sentence["cues"]
                )
                assert not any(c.kind in shown.excluding for c in listed.cues), (shown.name, sentence["text"])
    own = results[SPECULATIVE_SEED].evidence_dict()["own_voice_sentences"]
    assert any("undoubtedly" in s["cues"] for s in own)  # a booster is the writer's voice, not a hedge
    assert all(KINDS[k].group == "own voice" for k in HEDGING)
