"""Every feature on the edge cases, and the schema's promises."""

from __future__ import annotations

import math

import pytest

from scorer.features import compute, extract, feature_names, model_feature_names, schema, schema_record
from scorer.view import TextView

EDGE_CASES = {
    "empty": "",
    "whitespace": " \n\t \n",
    "one word": "Hello",
    "non-ASCII": "Ministerin Zoë Ångström sagte am Dienstag: „Wir sind bereit.“ 東京で会議が開かれた。",
    "only boilerplate": "Read next\nLeave a comment\nFollow us on Twitter\n© 2024 All rights reserved",
    "very long": "The minister said on Monday that 12 schools would reopen. " * 5000,
    "no sentence punctuation": "word " * 300,
    "one huge word": "x" * 100_000,
    "quotes only": '"' * 500,
}


@pytest.mark.parametrize("text", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_every_feature_is_a_finite_number(text: str) -> None:
    values = extract(text)
    assert list(values) == feature_names()
    assert all(isinstance(v, float) and math.isfinite(v) for v in values.values())


def test_schema_names_are_unique_and_described() -> None:
    names = feature_names()
    assert len(names) == len(set(names))
    assert all(f.description and f.version >= 1 for f in schema())
    assert set(model_feature_names()) < set(names)  # boilerplate shares are shown, not modelled


def test_schema_record_lists_every_model_feature_with_version() -> None:
    record = schema_record()
    assert [f["name"] for f in record["features"]] == model_feature_names()
    assert all(isinstance(f["version"], int) for f in record["features"])


def test_boilerplate_only_text_has_no_body() -> None:
    view = TextView(EDGE_CASES["only boilerplate"])
    assert view.sentences == []
    assert compute(view)["boilerplate_line_share"] == 1.0


def test_rates_do_not_grow_with_repetition() -> None:
    one = extract("Officials said on Monday that 12 schools would reopen. It may rain.")
    many = extract("Officials said on Monday that 12 schools would reopen. It may rain. " * 50)
    for name in ("hedges_per_sentence", "attributions_per_sentence", "dates_per_sentence"):
        assert many[name] == pytest.approx(one[name], rel=0.05)
