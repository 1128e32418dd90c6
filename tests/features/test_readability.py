"""Coleman-Liau counted in arrays is textstat's own float, on every kind of text."""

from __future__ import annotations

from pathlib import Path

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.features.readability import coleman_liau_index
from tests.features.test_features import EDGE_CASES

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
# Pieces that move textstat's counts: contractions and stray apostrophes, sentence ends inside
# tokens ("U.S."), punctuation-only tokens, every kind of whitespace str.split knows (\x1c-\x1f,
# no-break and ideographic spaces, line separators), non-ASCII word characters, digits,
# underscores, and a lone surrogate (text decoded with surrogateescape).
PIECES = [
    "a", "Z", "9", "_", "é", "ß", "ﬁ", "٣", "漢", "'", "’", "'s", "'t", "n't", "'ll", "'re", "'ve", "'d",
    ".", "!", "?", "?!", "...", "…", "U.S.", "-", ",", '"', " ", "  ", "\t", "\n", "\x0b", "\x1c", "\x1f",
    "\u00a0", "\u2028", "\u3000", "\udc80", "word", "The", "said",
]  # fmt: skip


@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
@settings(max_examples=3000, deadline=None)
def test_equals_textstat_on_fuzzed_text(text: str) -> None:
    assert coleman_liau_index(text) == textstat.coleman_liau_index(text)


@given(st.text(max_size=80))
@settings(max_examples=1000, deadline=None)
def test_equals_textstat_on_any_unicode(text: str) -> None:
    assert coleman_liau_index(text) == textstat.coleman_liau_index(text)


@pytest.mark.parametrize("text", [*EDGE_CASES.values(), *(p.read_text(encoding="utf-8") for p in SEEDS)])
def test_equals_textstat_on_edge_cases_and_seeds(text: str) -> None:
    assert coleman_liau_index(text) == textstat.coleman_liau_index(text)
