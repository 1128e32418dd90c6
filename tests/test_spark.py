"""score_spark in Spark local mode agrees with Scorer.score_texts, row for row."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason='pyspark is not installed: pip install "sourcescore[spark]"')
pytest.importorskip("pyarrow", reason="pyarrow is not installed (mapInPandas needs it): pip install pyarrow")

from pyspark.sql import SparkSession

from scorer.features import feature_names
from scorer.scoring import Scorer
from scorer.spark import score_spark

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def model_path(small_model: Path) -> Path:
    return small_model


def test_score_spark_matches_score_texts(spark: SparkSession, model_path: Path) -> None:
    texts = [
        "Officials said on 2 April that 14 people were hurt, police spokesman Ian Reed told reporters.",
        "",
        "The singer may have probably left, and it is likely the tour could be cancelled at some point.",
        'Judge Emma Klein ruled on Friday that the law "stands", the court said in a filing.',
        "Perhaps the rates will likely fall, and some think growth may have slowed somewhat this year.",
        None,
    ]
    ids = [f"doc{i}" for i in range(len(texts))]
    df = spark.createDataFrame(list(zip(ids, texts, strict=True)), "doc_id string, text string").repartition(2)

    rows = {r["doc_id"]: r.asDict() for r in score_spark(df, id_col="doc_id", model_path=model_path).collect()}

    assert sorted(rows) == sorted(ids)  # one output row per input, none lost or duplicated
    for bad in ("doc1", "doc5"):  # empty and null text: error rows, not a failed job
        row = rows.pop(bad)
        assert row["error"] and "empty" in row["error"], row["error"]
        assert row["label"] is None and row["probability"] is None and row["p_speculative"] is None
        assert all(row[name] is None for name in feature_names())

    good = [i for i in ids if i not in ("doc1", "doc5")]
    expected = {
        r.id: r for r in Scorer(model_path).score_texts(good, [texts[ids.index(i)] for i in good], evidence=False)
    }
    assert {r.label for r in expected.values()} == {"reported", "speculative"}  # both classes exercised
    for doc_id, row in rows.items():
        want = expected[doc_id]
        assert row["error"] is None
        assert row["label"] in {"reported", "speculative"}
        assert 0.0 <= row["probability"] <= 1.0 and 0.0 <= row["p_speculative"] <= 1.0
        assert row["label"] == want.label
        assert row["model"] == want.model
        assert math.isclose(row["probability"], want.probability, rel_tol=0, abs_tol=1e-9)
        assert math.isclose(row["p_speculative"], want.p_speculative, rel_tol=0, abs_tol=1e-9)
        for name in feature_names():
            assert math.isclose(row[name], want.features[name], rel_tol=0, abs_tol=1e-9), name
