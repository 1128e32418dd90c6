"""score_sources_spark in Spark local mode agrees with score_sources on the same rows."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("pyspark", reason='pyspark is not installed: pip install "sourcescore[spark]"')
pytest.importorskip("pyarrow", reason="pyarrow is not installed (mapInPandas needs it): pip install pyarrow")

import pandas as pd
from pyspark.sql import SparkSession

from scorer.sources import METRICS, score_sources, wilson_bounds
from scorer.spark import score_spark
from scorer.spark_sources import score_sources_spark, wilson_columns

from .conftest import REPORTED, SEEDS, SPECULATIVE

pytestmark = pytest.mark.slow

NUMBERS = ("share", "low", "high", "mean_p", "boilerplate_share")
COUNTS = ("n", "speculative", "errors")
TEXTS = ("top_cues", "most_speculative", "least_speculative")


@pytest.fixture(scope="module")
def results(spark: SparkSession):
    """score_spark output (shipped model, with evidence) for 21 articles of 3 outlets, joined to authors."""
    texts = [s.read_text(encoding="utf-8") for s in SEEDS] + REPORTED + SPECULATIVE + ["", None]
    hosts = [
        "https://www.alpha.com",
        "http://Beta.org",
        "https://gamma.net",
        "https://ｇａｍｍａ.net.",
        "http://xn--bcher-kva.de",
    ]
    authors = ["Ann", "Bob"]
    rows = [(f"{hosts[i % 5]}/a/{i}", authors[i % 2], t) for i, t in enumerate(texts)]
    articles = spark.createDataFrame(rows, "url string, author string, text string").repartition(3)
    scores = score_spark(articles, text_col="text", id_col="url", evidence=True)
    return articles.select("url", "author").join(scores, "url").cache()


def _records(table: pd.DataFrame, keys: list[str]) -> dict[tuple, dict]:
    return {tuple(r[k] for k in keys): r for r in table.to_dict("records")}


@pytest.mark.parametrize("keys", [["domain"], ["domain", "author"], ["author"]])
def test_spark_matches_pandas(results, keys: list[str]) -> None:
    local = results.toPandas()
    want = score_sources(local, by=keys, id_col="url")
    got = score_sources_spark(results, by=keys, id_col="url").toPandas()

    assert list(got.columns) == [*keys, *METRICS]
    assert list(got["low"]) == sorted(got["low"], reverse=True)  # ranked by the lower bound
    assert want["speculative"].sum() > 0 and want["errors"].sum() == 2  # both labels and the error rows exercised
    got_rows, want_rows = _records(got, keys), _records(want, keys)
    assert set(got_rows) == set(want_rows)
    for key, w in want_rows.items():
        g = got_rows[key]
        assert [int(g[c]) for c in COUNTS] == [w[c] for c in COUNTS], key
        for c in NUMBERS:
            assert g[c] == pytest.approx(w[c], abs=1e-9), (key, c)
        assert [g[c] for c in TEXTS] == [w[c] for c in TEXTS], key
    if keys == ["domain"]:  # full-width, trailing-dot and punycode spellings are one host in both engines
        assert set(got_rows) == {("alpha.com",), ("beta.org",), ("gamma.net",), ("bücher.de",)}
        assert int(got_rows[("gamma.net",)]["n"]) == 8


def test_spark_min_n_and_derived_month(spark: SparkSession) -> None:
    rows = [
        ("https://a.com/1", "speculative", 0.9, None, "2016-09-20"),
        ("https://a.com/2", "reported", 0.2, None, "2016-10-01T00:00:00"),
        ("https://b.com/3", "reported", 0.1, None, "2016-09-02"),
        ("https://b.com/4", None, None, "empty document", None),
    ]
    schema = "path string, label string, p_speculative double, error string, date string"
    df = spark.createDataFrame(rows, schema)
    got = score_sources_spark(df, by="domain", min_n=2).toPandas()
    assert list(got["domain"]) == ["a.com"]
    months = _records(score_sources_spark(df, by="month", min_n=0).toPandas(), ["month"])
    assert {k[0]: (r["n"], r["errors"]) for k, r in months.items()} == {
        "2016-09": (2, 0),
        "2016-10": (1, 0),
        "(none)": (0, 1),
    }
    assert (months[("(none)",)]["low"], months[("(none)",)]["high"]) == (0.0, 1.0) and math.isnan(
        months[("(none)",)]["share"]
    )
    with pytest.raises(ValueError, match="no column 'outlet'"):
        score_sources_spark(df, by="outlet")


def test_wilson_columns_equal_numpy(spark: SparkSession) -> None:
    pairs = [(k, n) for n in (0, 1, 2, 7, 40, 1000) for k in sorted({0, 1, n // 3, n - 1, n}) if 0 <= k <= n]
    df = spark.createDataFrame(pairs, "k long, n long")
    low, high = wilson_columns(df["k"], df["n"], 0.9)
    got = df.select("k", "n", low.alias("low"), high.alias("high")).toPandas().sort_values(["n", "k"])
    want_low, want_high = wilson_bounds(got["k"], got["n"], 0.9)
    assert got["low"].tolist() == pytest.approx(want_low.tolist(), abs=1e-12)
    assert got["high"].tolist() == pytest.approx(want_high.tolist(), abs=1e-12)
