"""Property tests: any Unicode text gives finite features and offsets inside the text."""

from __future__ import annotations

import math
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.evidence import explain
from scorer.features import extract
from scorer.text import tokenize

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
    assert view.word_lengths == [len(w) for ws in alone for w in ws]
    assert view.word_count == len(view.word_lengths)


def _regex_tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The definition ``tokenize`` must equal: every match of the word pattern, lower-cased."""
    from scorer.text import _WORD

    matches = list(_WORD.finditer(text))
    return [m.group().lower() for m in matches], [m.span() for m in matches]


ANY_CODE_POINT = st.text(alphabet=st.characters(exclude_categories=()), max_size=200)  # surrogates too
JOINED = st.lists(
    st.sampled_from(["a", "É", "7", "-", "'", "’", ".", "_", " ", "😀", "𝐀", "\ud800", "İ", "٣"]), max_size=40
)


@settings(max_examples=500, deadline=None)
@given(TEXTS | ANY_CODE_POINT | JOINED.map("".join))
def test_tokenize_finds_exactly_the_words_of_the_word_pattern(text: str) -> None:
    tokens = tokenize(text)
    lower, spans = _regex_tokens(text)
    assert tokens.spans == spans
    assert tokens.lower == lower if len(text.lower()) == len(text) else [text[a:b].lower() for a, b in spans]


def test_a_word_character_is_a_letter_or_digit_for_every_code_point() -> None:
    """The tokenizer's character table rests on ``[^\\W_]`` being ``str.isalnum``: checked for all of Unicode."""
    import re

    pattern = re.compile(r"[^\W_]")
    differ = [c for c in range(sys.maxunicode + 1) if bool(pattern.match(chr(c))) != chr(c).isalnum()]
    assert differ == []


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 6),
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3)), max_size=40),
    st.lists(st.floats(-1e3, 1e3, allow_subnormal=True) | st.just(-0.0), min_size=12, max_size=12),
)
def test_summed_rows_equals_adding_each_distinct_row_in_key_order_to_the_bit(
    extra_segments: int, pairs: list[tuple[int, int]], weights: list[float]
) -> None:
    import numpy as np

    from scorer.sparse import summed_rows

    table = np.array(weights).reshape(4, 3)
    segments = 6 + extra_segments
    segment = np.array([s for s, _ in pairs], dtype=np.int64)
    rows = np.array([r for _, r in pairs], dtype=np.int64)
    expected = np.zeros((segments, 3))
    key = np.unique(segment * len(table) + rows)
    np.add.at(expected, key // len(table), table[key % len(table)])
    got = summed_rows(table, segments, segment, rows)
    assert got.shape == expected.shape and got.tobytes() == expected.tobytes()


@settings(max_examples=500, deadline=None)
@given(TEXTS | ANY_CODE_POINT | JOINED.map("".join))
def test_the_n_gram_term_splits_words_as_scikit_learn_does(text: str) -> None:
    import re

    from scorer.model import _TOKEN, SKLEARN_TOKEN_PATTERN

    assert _TOKEN.findall(text) == re.findall(SKLEARN_TOKEN_PATTERN, text)


@settings(max_examples=500, deadline=None)
@given(TEXTS | ANY_CODE_POINT | JOINED.map("".join) | st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_n_gram_words_are_the_token_pattern_s_on_any_text(text: str) -> None:
    from scorer.model import _TOKEN, ngram_words

    assert ngram_words(text) == _TOKEN.findall(text)


MARKS = st.lists(
    st.sampled_from([".", "!", "?", "...", '"', "”", ")", " ", "  ", "\n", "A", "a", "7", "(", "“"]), max_size=40
)


@settings(max_examples=500, deadline=None)
@given(TEXTS | ANY_CODE_POINT | MARKS.map("".join))
def test_sentence_ends_are_the_matches_of_the_look_behind_first_definition(text: str) -> None:
    """The sentence-end pattern opens with the mark so the engine can jump to it; it must match
    exactly where the plainer definition, the look-behind first, does."""
    import re

    from scorer.text import _SENTENCE_END

    definition = re.compile(r"""(?<![.!?])[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in definition.finditer(text)]
