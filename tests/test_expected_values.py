"""Exact expected values, worked out by hand, for the pieces that had only "is finite" tests."""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pytest

from scorer.cues.document import find_cues
from scorer.escapes import csv_safe, printable
from scorer.features import filler, hedging, readability
from scorer.model import AdditiveModel
from scorer.output import CsvWriter, JsonWriter
from scorer.resources import language
from scorer.scoring import Result, output_columns
from scorer.sparse import GramIndex, summed_rows
from scorer.text import split_sentences, tokenize, word_grams
from scorer.view import TextView

FILLER = "Let's dive in. You should see this. Why does it matter?"  # 3 sentences, 11 words
HEDGED = "Police said he may have fled. He probably left the city."  # 2 sentences, 11 words


def test_sentences_keep_abbreviations_and_offsets() -> None:
    text = "Mr. Smith arrived at 3 p.m. on Monday. He left."
    spans = split_sentences(text, offset=10)
    assert [s.text for s in spans] == ["Mr. Smith arrived at 3 p.m. on Monday.", "He left."]
    assert spans[1].start == 10 + text.index("He left.")


def test_word_grams_and_tokens() -> None:
    assert word_grams(["a", "b", "c"]) == ["a", "b", "c", "a b", "b c"]
    tokens = tokenize("Ex-President İnce spoke")
    assert tokens.lower == ["ex-president", "i̇nce", "spoke"] and tokens.spans == [(0, 12), (13, 17), (18, 23)]


def test_summed_rows_adds_each_distinct_row_of_a_segment_once() -> None:
    table = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])
    got = summed_rows(table, 3, np.array([0, 0, 0, 2]), np.array([0, 0, 1, 2]))
    assert got.tolist() == [[1.0, 2.0], [0.0, 0.0], [3.0, 3.0]]


def test_gram_index_finds_words_pairs_within_segments_and_first_words() -> None:
    index = GramIndex([("a", 0), ("a b", 1), ("b c", 2), ("^b", 3), ("c", 4)])
    # segments: [a b] [b c a] []; "b b" crosses a segment start, "zzz" is unknown
    positions, rows = index.lookup(["a", "b", "b", "c", "a", "zzz"], [0, 2, 6])
    found = sorted(zip(positions.tolist(), rows.tolist(), strict=True))
    assert found == [(0, 0), (0, 1), (2, 2), (2, 3), (3, 4), (4, 0)]
    assert index.lookup([], [0])[1].tolist() == []
    with pytest.raises(ValueError, match="1-2 gram"):
        GramIndex([("a b c", 0)])


def test_cues_tell_attributed_from_own_hedges() -> None:
    view = TextView(HEDGED)
    kinds = [[(c.kind, c.text) for c in s] for s in find_cues(view.text, view.sentences, view.tokens).sentences]
    assert kinds == [[("attribution", "said"), ("attributed_hedge", "may have")], [("hedge", "probably")]]


def test_hedging_values() -> None:
    values = hedging.compute(TextView(HEDGED))
    assert values["hedges_per_sentence"] == 1 / 2
    assert values["hedged_sentence_share"] == 1 / 2
    assert values["attributed_hedges_per_sentence"] == 1 / 2
    assert values["hedges_per_100_words"] == pytest.approx(100 * 2 / 11)
    assert values["weasels_per_sentence"] == values["boosters_per_sentence"] == 0.0


def test_filler_values() -> None:
    values = filler.compute(TextView(FILLER))
    assert values["filler_phrases_per_sentence"] == 1 / 3  # "Let's dive in" (so "Let's" is not also "you")
    assert values["second_person_per_100_words"] == pytest.approx(100 / 11)  # "You"
    assert values["first_person_per_100_words"] == 0.0
    assert values["directives_per_sentence"] == 1 / 3  # "should"
    assert values["question_share"] == 1 / 3
    assert values["exclamation_share"] == 0.0


def test_readability_shape_values() -> None:
    values = readability.compute(TextView(FILLER))
    assert values["words_per_sentence"] == 11 / 3
    assert values["long_word_share"] == 0.0  # no word of seven letters or more
    assert values["type_token_ratio"] == 1.0


def test_additive_model_arithmetic() -> None:
    # knots 0, 4, 10; slopes 0.5 then 0.25 per unit; centre 1.0: push(x) = 0.5 * min(x, 4) + 0.25 * (clip(x, 4, 10) - 4) - 1
    model = AdditiveModel(("a",), (np.array([0.0, 4.0, 10.0]),), (np.array([0.5, 0.25]),), np.array([1.0]), -1.0)
    X = np.array([[20.0], [2.0], [6.0], [-3.0]])
    assert model.pushes(X)[:, 0] == pytest.approx([2.5, 0.0, 1.5, -1.0])  # 2 + 1.5 - 1; 1 - 1; 2 + 0.5 - 1; 0 - 1
    p = model.speculative_probability(X)
    assert p[1] == pytest.approx(1 / (1 + math.e))  # a zero push: only the intercept
    assert p[0] == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert model.labels(p) == ["speculative", "reported", "speculative", "reported"]
    assert model.shapes() == {"a": [(0.0, -1.0), (4.0, 1.0), (10.0, 2.5)]}  # push at each knot
    assert model.effects() == {"a": pytest.approx(3.5)}  # 0.5 * 4 + 0.25 * 6


def test_escapes() -> None:
    assert printable("a\x1b[31mb") == "a\\x1b[31mb"
    assert csv_safe("=1+1") == "'=1+1" and csv_safe("-3") == "'-3" and csv_safe("ok") == "ok" and csv_safe(3) == 3


def test_writers_write_one_complete_record_each() -> None:
    result = Result(id="x", label="reported", probability=0.8, p_speculative=0.2, model="m", threshold=0.5)
    stream = io.StringIO()
    CsvWriter(stream).write(result)
    assert list(result.to_row()) == output_columns()  # the CSV writer relies on this order
    header, row = stream.getvalue().splitlines()
    assert header.split(",") == output_columns() and row.startswith("x,reported,0.8,0.2,m,")
    stream = io.StringIO()
    JsonWriter(stream, evidence=False).write(result)
    record = json.loads(stream.getvalue())
    assert (record["path"], record["label"], record["p_speculative"], "evidence" in record) == (
        "x",
        "reported",
        0.2,
        False,
    )


def test_sentence_models_score_exactly_the_claim_tokens() -> None:
    """The array lookup scores what training reads: each sentence's distinct ``claim_tokens``, one row each."""
    from scorer.cues.claims import CLASSES, claim_tokens
    from scorer.cues.sentence_models import table

    t = table(language())
    for text in [FILLER, HEDGED, "Mr. Smith said: “It may rain.” Did it? No! Up 5% on May 3, 2024."]:
        view = TextView(text)
        scores = view.sentence_scores
        for i, (span, words, cues) in enumerate(
            zip(view.sentences, view.lower_words, view.cues.sentences, strict=True)
        ):
            tokens = claim_tokens(span.text, words, cues, view.cues.named_sources[i] > 0)
            rows = {t.tokens[tok] for tok in tokens if tok in t.tokens}
            z = t.intercepts + sum((t.rows[r] for r in rows), np.zeros(t.rows.shape[1]))
            assert scores.uncertain[i] == pytest.approx(1 / (1 + math.exp(-z[-2])), abs=1e-12)
            assert scores.subjective[i] == pytest.approx(1 / (1 + math.exp(-z[-1])), abs=1e-12)
            n = len(CLASSES)
            claims = np.exp(z[:n] - z[:n].max())
            assert scores.claims[i] == pytest.approx((claims / claims.sum()).tolist(), abs=1e-12)
