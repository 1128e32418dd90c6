"""Hedge cues: what counts, what does not, and attributed versus the writer's own."""

from __future__ import annotations

import pytest

from scorer.cues.document import sentence_cues
from scorer.evidence import explain
from scorer.features import extract
from scorer.text import tokenize


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
    found = [
        m.text.lower() for m in sentence_cues(sentence, tokenize(sentence)) if m.kind in ("hedge", "attributed_hedge")
    ]
    assert found == [c.lower() for c in cues]


def _hedge_kinds(text: str) -> list[str]:
    return [c.kind for s in explain(text).sentences for c in s.cues if "hedge" in c.kind]


def test_hedge_in_attributed_speech_is_counted_apart() -> None:
    assert _hedge_kinds("Police said he may have fled.") == ["attributed_hedge"]
    assert _hedge_kinds("He may have fled.") == ["hedge"]


def test_hedge_inside_a_quote_is_attributed() -> None:
    assert _hedge_kinds('"It will probably rain," the forecast read.') == ["attributed_hedge"]


def test_hedge_inside_a_quote_spanning_sentences_is_attributed() -> None:
    assert _hedge_kinds('"We are ready. It may rain. We go anyway," she said.') == ["attributed_hedge"]


def test_sentence_initial_may_is_a_modal_but_mid_sentence_may_is_a_month() -> None:
    assert _hedge_kinds("Talks ended. May have been the rain.") == ["hedge"]
    assert _hedge_kinds("Talks ended in May. Have a look.") == []


def test_unattributed_hedges_raise_the_rate() -> None:
    attributed = extract("Police said he may have fled. Police said she might return.")
    own = extract("He may have fled. She might return.")
    assert own["hedges_per_sentence"] == 1.0
    assert attributed["hedges_per_sentence"] == 0.0
    assert attributed["attributed_hedges_per_sentence"] == 1.0


def test_hedge_on_the_attribution_verb_is_the_writers_guess() -> None:
    assert _hedge_kinds("Blinken probably reiterated U.S. support.") == ["hedge"]
    assert _hedge_kinds("Lavrov likely said the talks were useful.") == ["hedge"]
    assert _hedge_kinds("He may have fled, police said.") == ["attributed_hedge"]


def test_boosters_in_reported_speech_are_not_the_writers() -> None:
    from scorer.features import extract

    assert extract("According to him, Russia is completely isolated.")["boosters_per_sentence"] == 0.0
    assert extract("Russia is completely isolated.")["boosters_per_sentence"] == 1.0
