"""Batch scoring: order, error rows, parallel equality, pandas and scikit-learn integrations."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer import score, score_frame, score_many

from .conftest import SEEDS, SPECULATIVE_ARTICLE


def test_score_many_keeps_order_and_yields_error_rows(tmp_path: Path) -> None:
    items = [SEEDS[0], "", "He probably left.", tmp_path / "missing.txt"]
    results = list(score_many(items, chunk_size=2))
    assert len(results) == 4
    assert [r.ok for r in results] == [True, False, True, False]
    assert results[0].id == str(SEEDS[0]) and results[2].id == "2"


def test_parallel_equals_serial() -> None:
    texts = [p.read_text() for p in SEEDS] * 6
    serial = [r.p_speculative for r in score_many(texts, n_jobs=1, chunk_size=4)]
    parallel = [r.p_speculative for r in score_many(texts, n_jobs=2, chunk_size=4)]
    assert serial == pytest.approx(parallel, abs=1e-12)  # batch shapes differ: BLAS rounding only


def test_a_document_scores_the_same_alone_and_in_a_batch() -> None:
    """Sentence models and the n-gram term are scored a batch at a time; no neighbour changes a number."""
    from scorer import load_model

    scorer = load_model(any_language=True)
    texts = [p.read_text() for p in SEEDS] + ["", "Short.", SPECULATIVE_ARTICLE]
    ids = [str(i) for i in range(len(texts))]
    together = [r.to_dict() for r in scorer.score_texts(ids, texts, evidence=True)]
    alone = [scorer.score_texts([i], [t], evidence=True)[0].to_dict() for i, t in zip(ids, texts, strict=True)]
    assert together == alone


def test_score_is_lazy_generator() -> None:
    produced = score_many(iter(["He probably left."] * 10**6), chunk_size=8)
    assert next(produced).ok  # an endless-looking input does not have to be read first


def test_score_of_empty_text_is_an_error_result() -> None:
    result = score("   ")
    assert not result.ok and "empty document" in (result.error or "") and result.label is None


def test_score_frame() -> None:
    import pandas as pd

    df = pd.DataFrame({"text": [SPECULATIVE_ARTICLE, None, SEEDS[3].read_text()]}, index=[10, 11, 12])
    out = score_frame(df)
    assert list(out.index) == [10, 11, 12]
    assert out.loc[10, "label"] == "speculative" and out.loc[12, "label"] == "reported"
    assert out.loc[11, "error"] and "hedges_per_sentence" in out.columns


def test_feature_extractor_in_a_user_pipeline(labelled_rows) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from scorer.transformer import FeatureExtractor

    texts, labels = [r.text for r in labelled_rows], [r.label for r in labelled_rows]
    pipe = make_pipeline(FeatureExtractor(), LogisticRegression()).fit(texts, labels)
    assert set(pipe.predict(texts)) <= {"reported", "speculative"}
    assert len(pipe[0].get_feature_names_out()) == pipe[0].transform(texts[:1]).shape[1]


def test_score_takes_a_model_path_or_a_loaded_model() -> None:
    from scorer import load_model
    from scorer.artifact import default_model_path

    text = SPECULATIVE_ARTICLE
    by_path = score(text, model=default_model_path())
    by_scorer = score(text, model=load_model())
    assert by_path.p_speculative == by_scorer.p_speculative and by_path.label == "speculative"
