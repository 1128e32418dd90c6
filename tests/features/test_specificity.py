"""Specificity cues: named officials, dates, numbers, quotes, attribution."""

from __future__ import annotations

import pytest

from scorer.cues import lexicon
from scorer.cues.finders import dates, named_people, numbers, quote_spans


def attribution_matches(sentence: str) -> list[str]:
    return [m.text for m in lexicon.phrases(sentence) if m.kind == "attribution"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russian Foreign Minister Sergei Lavrov arrived.", "Foreign Minister Sergei Lavrov"),
        ("Ambassador Michael Carpenter told a briefing.", "Ambassador Michael Carpenter"),
        ("Mr Blair spoke first.", "Mr Blair"),
        ("Sen. John McCain objected.", "Sen. John McCain"),
    ],
)
def test_named_people(sentence: str, expected: str) -> None:
    assert expected in [m.text for m in named_people(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "It happened on December 5, 2024.",
        "The vote is on Tuesday.",
        "We met at 3:47 am.",
        "Filed 2024-01-18.",
        "Prices rose in March.",
        "Talks begin on 22 January.",
    ],
)
def test_dates(sentence: str) -> None:
    assert dates(sentence)


def test_numbers_exclude_dates() -> None:
    found = [m.text for m in numbers("On March 3, 2024, 57 states pledged $20 billion and 3.5%.")]
    assert found == ["57", "$20 billion", "3.5%"]


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [("The Giants won 7-2.", "7-2"), ("A 3-2-1 countdown.", "3-2-1"), ("Open 09:00-17:00 daily.", "09:00-17:00")],
)
def test_a_score_range_or_clock_time_is_one_figure(sentence: str, figure: str) -> None:
    assert [m.text for m in numbers(sentence)] == [figure]


def test_quotes_need_three_words() -> None:
    assert len(quote_spans('He said "no" and then "we will not go back".')) == 1


@pytest.mark.parametrize("sentence", ["She said it was over.", "According to the ministry, 12 died.", "He told CNN."])
def test_attribution(sentence: str) -> None:
    assert attribution_matches(sentence)


def test_no_attribution_in_plain_claim() -> None:
    assert not attribution_matches("The economy is collapsing and everyone knows it.")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Ambassador Carpenter told reporters it was over.", 1.0),
        ('"We are done," said Foreign Minister Lavrov.', 1.0),
        ("He said the talks failed.", 1.0),
        ("A source told the magazine she left.", 0.0),
        ("Sources said the deal collapsed.", 0.0),
        ("According to reports, he quit.", 0.0),
    ],
)
def test_named_source_share(text: str, named: float) -> None:
    from scorer.features import extract

    assert extract(text)["named_source_share"] == named
