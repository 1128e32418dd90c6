"""Property tests: any Unicode text gives finite features and offsets inside the text."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.evidence import explain
from scorer.features import extract

TEXTS = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.lists(
    st.sampled_from(["May", "may have", '"', "“", "Read next", "\n", ". ", "Mr", "said", "14:20", "probably", "Ünï"]),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_features_are_finite_for_any_text(text: str) -> None:
    assert all(math.isfinite(v) for v in extract(text).values())


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_explanation_offsets_point_inside_the_text(text: str) -> None:
    ex = explain(text)
    for s in ex.sentences:
        assert 0 <= s.start <= s.end <= len(text) and text[s.start : s.end] == s.text
        for cue in s.cues:
            assert s.start <= cue.start <= cue.end <= s.end and text[cue.start : cue.end] == cue.text
    for line in ex.boilerplate:
        assert text[line.start : line.end] == line.text


@settings(max_examples=300, deadline=None)
@given(
    TEXTS
    | st.lists(
        st.sampled_from(["U.S.", "ex-President", "it's", "3.5", "Dr.", "A.", "!", "?", " ", "'", "İ"]), max_size=40
    ).map("".join)
)
def test_sentence_words_read_off_the_tokens_equal_each_sentence_tokenised_alone(text: str) -> None:
    from scorer.text import words_of
    from scorer.view import TextView

    view = TextView(text)
    alone = [words_of(s.text) for s in view.sentences]
    assert view.sentence_words == alone
    assert view.lower_words == [[w.lower() for w in ws] for ws in alone]
