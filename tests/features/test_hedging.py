"""Hedge cues: what counts, what does not, and attributed versus the writer's own."""

from __future__ import annotations

import pytest

from scorer.explain import sentence_cues
from scorer.features import extract
from scorer.features.hedging import hedge_matches


@pytest.mark.parametrize(
    ("sentence", "cues"),
    [
        ("They probably discussed arms control.", ["probably"]),
        ("The talks are likely to fail.", ["are likely to"]),
        ("He may have fled the country.", ["may have"]),
        ("It is possible that the vote is delayed.", ["it is possible that"]),
        ("The minister is expected to resign.", ["is expected to"]),
        ("The election was held in May 2024.", []),
        ("Talks ended on 3 May without a deal.", []),
        ("May have been the reason, they thought.", ["May have"]),
        ("She could not possibly have known.", []),
        ("He could not be reached for comment.", []),
        ("The rally might draw thousands.", ["might"]),
        ("Officials confirmed the deal.", []),
    ],
)
def test_hedge_cues(sentence: str, cues: list[str]) -> None:
    assert [m.text.lower() for m in hedge_matches(sentence)] == [c.lower() for c in cues]


def test_hedge_in_attributed_speech_is_counted_apart() -> None:
    kinds = [c.kind for c in sentence_cues("Police said he may have fled.") if "hedge" in c.kind]
    assert kinds == ["attributed_hedge"]
    kinds = [c.kind for c in sentence_cues("He may have fled.") if "hedge" in c.kind]
    assert kinds == ["hedge"]


def test_hedge_inside_a_quote_is_attributed() -> None:
    cues = sentence_cues('"It will probably rain," the forecast read.')
    assert [c.kind for c in cues if "hedge" in c.kind] == ["attributed_hedge"]


def test_unattributed_hedges_raise_the_rate() -> None:
    attributed = extract("Police said he may have fled. Police said she might return.")
    own = extract("He may have fled. She might return.")
    assert own["hedges_per_sentence"] == 1.0
    assert attributed["hedges_per_sentence"] == 0.0
    assert attributed["attributed_hedges_per_sentence"] == 1.0
