"""The model as data: n-gram weights reproduce scikit-learn exactly; a blend round-trips and explains itself."""

from __future__ import annotations

import json

import numpy as np
import pytest

from scorer import model as model_lib
from scorer.errors import ModelError
from scorer.features import model_feature_names

from .conftest import REPORTED, SPECULATIVE

TEXTS = REPORTED * 3 + SPECULATIVE * 3
LABELS = ["reported"] * len(REPORTED) * 3 + ["speculative"] * len(SPECULATIVE) * 3


def test_ngram_log_odds_equal_sklearn_decision_function() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    ngrams, intercept = model_lib.fit_ngrams(TEXTS, LABELS, C=3.0)
    vectoriser = TfidfVectorizer(**model_lib.NGRAM_SETTINGS).fit(TEXTS)
    lr = LogisticRegression(C=3.0, max_iter=5000, random_state=0).fit(
        vectoriser.transform(TEXTS), [x == "speculative" for x in LABELS]
    )
    unseen = [
        "Officials said on Monday the talks may resume, and they probably will.",
        "Nothing in the vocabulary here: zzz qqq.",
    ]
    expected = lr.decision_function(vectoriser.transform(unseen))
    assert [ngrams.log_odds(t) + intercept for t in unseen] == pytest.approx(list(expected), abs=1e-9)
    pushes = ngrams.pushes(unseen[0])
    assert sum(v for _, v in pushes) == pytest.approx(ngrams.log_odds(unseen[0]))
    assert abs(pushes[0][1]) >= abs(pushes[-1][1])


def _blend() -> model_lib.LinearModel:
    rng = np.random.default_rng(0)
    names = model_feature_names()
    matrix = rng.random((len(TEXTS), len(names)))
    features = model_lib.fit_linear(matrix, LABELS, names)
    ngrams, intercept = model_lib.fit_ngrams(TEXTS, LABELS)
    return features.with_ngrams(ngrams, 0.5, 1.5, 0.1 + 1.5 * intercept).with_threshold(0.7)


def test_a_blend_round_trips_through_json() -> None:
    blend = _blend()
    again = model_lib.LinearModel.from_record(json.loads(json.dumps(blend.to_record())), model_feature_names())
    matrix = np.random.default_rng(1).random((3, len(model_feature_names())))
    texts = TEXTS[:3]
    assert np.allclose(blend.speculative_probability(matrix, texts), again.speculative_probability(matrix, texts))
    assert again.threshold == 0.7
    with pytest.raises(ValueError, match="reads the texts"):
        blend.speculative_probability(matrix)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda n: {**n, "terms": n["terms"][:-1]}, "ngrams.idf"),
        (lambda n: {**n, "terms": [n["terms"][0]] * len(n["terms"])}, "distinct"),
        (lambda n: {**n, "idf": [0.0] * len(n["idf"])}, "positive"),
        (lambda n: {**n, "coef": [float("inf")] * len(n["coef"])}, "finite"),
        (lambda n: [1, 2], "must be an object"),
    ],
)
def test_malformed_ngram_fields_are_refused(change, message: str) -> None:
    record = _blend().to_record()
    record["ngrams"] = change(record["ngrams"])
    with pytest.raises(ModelError, match=message):
        model_lib.LinearModel.from_record(record, model_feature_names())


def test_the_shipped_score_is_the_sum_of_its_pushes() -> None:
    from scorer import load_model
    from scorer.scoring import NGRAM_CONTRIBUTION

    scorer = load_model()
    result = scorer.score_texts(["x"], [" ".join(TEXTS)])[0]
    fitted = scorer.artifact.model
    log_odds = fitted.intercept + sum(result.contributions.values())
    assert 1 / (1 + np.exp(-log_odds)) == pytest.approx(result.p_speculative)
    if fitted.ngrams is not None:
        assert result.contributions[NGRAM_CONTRIBUTION] == pytest.approx(fitted.ngrams.log_odds(" ".join(TEXTS)))
        assert result.ngram_pushes


def _toy(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Feature 1 nearly duplicates feature 0, so a free fit may give it either sign."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(600, 4))
    X[:, 1] = X[:, 0] + 0.2 * rng.normal(size=600)
    y = (1.5 * X[:, 0] - 0.8 * X[:, 2] + rng.logistic(size=600) > 0).astype(float)
    return X, y


@pytest.mark.parametrize("class_weight", [None, "balanced"])
def test_free_weights_equal_sklearn_logistic_regression(class_weight) -> None:
    from sklearn.linear_model import LogisticRegression

    X, y = _toy()
    y[:100] = 1.0  # unbalanced, so the weighting matters
    coef, intercept = model_lib.fit_logistic(X, y, 0.3, class_weight, [0, 0, 0, 0])
    lr = LogisticRegression(C=0.3, class_weight=class_weight, max_iter=10000, tol=1e-10).fit(X, y)
    assert coef == pytest.approx(lr.coef_[0], abs=1e-5)
    assert intercept == pytest.approx(lr.intercept_[0], abs=1e-5)


def test_a_weight_keeps_its_declared_sign() -> None:
    X, y = _toy()
    free, _ = model_lib.fit_logistic(X, y, 10.0, None, [0, 0, 0, 0])
    assert free[2] < 0  # feature 2 truly pushes towards the negative class
    signed, _ = model_lib.fit_logistic(X, y, 10.0, None, [1, 1, 1, 0])
    assert signed[2] == 0.0  # declared SPECULATIVE, so it may not push the other way
    assert signed[0] > 0 and signed[1] >= 0
    reported, _ = model_lib.fit_logistic(X, y, 10.0, None, [0, 0, -1, -1])
    assert reported[2] == pytest.approx(free[2], abs=0.05) and reported[2] < 0


def test_fit_linear_reads_the_directions_from_the_schema() -> None:
    from scorer.features import model_feature_directions

    rng = np.random.default_rng(2)
    names = model_feature_names()
    matrix = rng.random((len(TEXTS) * 10, len(names)))
    labels = LABELS * 10
    fitted = model_lib.fit_linear(matrix, labels, names, C=100.0)
    directions = np.array(model_feature_directions())
    assert (fitted.coef * directions >= 0).all()
    free = model_lib.fit_linear(matrix, labels, names, C=100.0, directions=[0] * len(names))
    assert (free.coef * directions < 0).any()  # noise features: a free fit breaks some declared sign
    with pytest.raises(ValueError, match="directions"):
        model_lib.fit_linear(matrix, labels, names, directions=[0])


def test_the_shipped_weights_keep_their_declared_signs() -> None:
    from scorer import load_model
    from scorer.features import model_feature_directions

    shipped = load_model().artifact.model
    assert (shipped.coef * np.array(model_feature_directions()) >= 0).all()
