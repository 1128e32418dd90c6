"""The model as data: n-gram weights reproduce scikit-learn exactly; a blend round-trips and explains itself."""

from __future__ import annotations

import json

import numpy as np
import pytest

from scorer import model as model_lib
from scorer.errors import ModelError
from scorer.features import model_feature_names
from scorer.view import TextView

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


def _blend() -> model_lib.AdditiveModel:
    rng = np.random.default_rng(0)
    names = model_feature_names()
    matrix = rng.random((len(TEXTS), len(names)))
    features = model_lib.fit_additive(matrix, LABELS, names)
    ngrams, intercept = model_lib.fit_ngrams(TEXTS, LABELS)
    return features.with_ngrams(ngrams, 0.5, 1.5, 0.1 + 1.5 * intercept).with_threshold(0.7)


def test_a_blend_round_trips_through_json() -> None:
    blend = _blend()
    again = model_lib.AdditiveModel.from_record(json.loads(json.dumps(blend.to_record())), model_feature_names())
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
        (lambda n: {**n, "terms": ["three word gram", *n["terms"][1:]]}, "1-2 grams"),
        (lambda n: {**n, "terms": ["two  spaces", *n["terms"][1:]]}, "1-2 grams"),
        (lambda n: {**n, "idf": [0.0] * len(n["idf"])}, "positive"),
        (lambda n: {**n, "coef": [float("inf")] * len(n["coef"])}, "finite"),
        (lambda n: [1, 2], "must be an object"),
    ],
)
def test_malformed_ngram_fields_are_refused(change, message: str) -> None:
    record = _blend().to_record()
    record["ngrams"] = change(record["ngrams"])
    with pytest.raises(ModelError, match=message):
        model_lib.AdditiveModel.from_record(record, model_feature_names())


def test_the_shipped_score_is_the_sum_of_its_pushes() -> None:
    from scorer import load_model
    from scorer.scoring import NGRAM_CONTRIBUTION

    scorer = load_model()
    result = scorer.score_texts(["x"], [" ".join(TEXTS)])[0]
    fitted = scorer.artifact.model
    log_odds = fitted.intercept + sum(result.contributions.values())
    assert 1 / (1 + np.exp(-log_odds)) == pytest.approx(result.p_speculative)
    if fitted.ngrams is not None:
        body = TextView(" ".join(TEXTS)).body_text  # the n-gram term reads the body only
        assert result.contributions[NGRAM_CONTRIBUTION] == pytest.approx(fitted.ngrams.log_odds(body))
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


def test_fit_additive_reads_the_directions_from_the_schema() -> None:
    from scorer.features import model_feature_directions

    rng = np.random.default_rng(2)
    names = model_feature_names()
    matrix = rng.random((len(TEXTS) * 10, len(names)))
    labels = LABELS * 10
    directions = model_feature_directions()
    fitted = model_lib.fit_additive(matrix, labels, names, C=100.0)
    assert all((s * d >= 0).all() for s, d in zip(fitted.slopes, directions, strict=True))
    free = model_lib.fit_additive(matrix, labels, names, C=100.0, directions=[0] * len(names))
    assert any((s * d < 0).any() for s, d in zip(free.slopes, directions, strict=True))  # noise breaks some sign
    with pytest.raises(ValueError, match="directions"):
        model_lib.fit_additive(matrix, labels, names, directions=[0])
    record = free.to_record()
    with pytest.raises(ModelError, match="declared direction"):
        model_lib.AdditiveModel.from_record(record, names, directions)


def test_a_push_is_monotone_flat_outside_the_knots_and_zero_on_average() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(800, 1))
    y = np.where(x[:, 0] ** 2 + 0.3 * x[:, 0] + rng.logistic(size=800) > 1.0, "speculative", "reported")
    fitted = model_lib.fit_additive(x, list(y), ["f"], C=10.0, directions=[1])
    grid = np.linspace(-5, 5, 201).reshape(-1, 1)
    push = fitted.pushes(grid)[:, 0]
    assert (np.diff(push) >= -1e-12).all()  # SPECULATIVE: never decreasing, though y is U-shaped in x
    low, high = fitted.knots[0][0], fitted.knots[0][-1]
    assert np.ptp(push[grid[:, 0] <= low]) < 1e-12 and np.ptp(push[grid[:, 0] >= high]) < 1e-12
    assert fitted.pushes(x)[:, 0].mean() == pytest.approx(0.0, abs=1e-9)
    assert fitted.effects()["f"] == pytest.approx(push[-1] - push[0])
    u_shaped = model_lib.fit_additive(x, list(y), ["f"], C=10.0, directions=[0])
    free_push = u_shaped.pushes(grid)[:, 0]
    assert free_push[0] > free_push[100] < free_push[-1]  # free, the segments follow the U


def test_two_knots_are_the_clipped_standardised_linear_model() -> None:
    from sklearn.linear_model import LogisticRegression

    X, y = _toy()
    labels = ["speculative" if v else "reported" for v in y]
    fitted = model_lib.fit_additive(X, labels, list("abcd"), C=0.3, directions=[0] * 4, quantiles=model_lib.LINEAR)
    low, high = np.quantile(X, model_lib.LINEAR, axis=0)
    clipped = np.clip(X, low, high)
    z = (clipped - clipped.mean(axis=0)) / clipped.std(axis=0)
    lr = LogisticRegression(C=0.3, max_iter=10000, tol=1e-10).fit(z, y)
    assert fitted.log_odds(X) == pytest.approx(lr.decision_function(z), abs=1e-4)


def test_the_shipped_slopes_keep_their_declared_signs() -> None:
    from scorer import load_model
    from scorer.features import model_feature_directions

    shipped = load_model().artifact.model
    assert all((s * d >= 0).all() for s, d in zip(shipped.slopes, model_feature_directions(), strict=True))


def test_a_boilerplate_line_moves_no_n_gram() -> None:
    from scorer import load_model
    from scorer.scoring import NGRAM_CONTRIBUTION

    scorer = load_model()
    report = " ".join(REPORTED)
    furniture = "\n\nShare this article:\nFacebook\nTwitter\nRead more\nSubscribe to our newsletter\nLeave a comment"
    plain, padded = scorer.score_texts(["a", "b"], [report, report + furniture])
    assert padded.contributions[NGRAM_CONTRIBUTION] == pytest.approx(plain.contributions[NGRAM_CONTRIBUTION])
