"""Training a model version: the one recipe behind the shipped model and ``scorer train``.

``fit_recipe`` is the whole recipe, from feature rows, body texts and labels to a calibrated
model with its operating point:

1. the feature model: each feature's monotone piecewise-linear push (``model.fit_additive``);
2. the word 1-2 gram term (``model.fit_ngrams``) on the bodies (boilerplate lines removed);
3. both fitted per fold; a logistic regression on their out-of-fold log-odds gives the blend
   weights (stacking, which also calibrates), or, without the n-gram term, Platt scaling;
4. the blended model refitted per fold gives out-of-fold probabilities; the threshold at which at
   most ``max_fpr`` of the reported rows are called speculative (kept within [0.5, 0.99]) is
   folded into the intercept, so the shipped threshold is 0.5;
5. the blended model fitted on every row, with that operating point.

Folds are grouped when groups are given (an outlet is never on both sides of a fold), else
stratified. The out-of-fold figures are what the model card reports. A set too small for the
n-gram term (under ``MIN_NGRAM_ROWS`` rows) gets the feature model with Platt scaling; one with
fewer than two rows of a class cannot be cross-validated and gets the feature model alone at 0.5,
its metrics "not measured".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from scorer import artifact, model
from scorer.errors import ModelError
from scorer.features import extract, model_feature_names
from scorer.labels import LabelledText, data_hash
from scorer.metrics import classification_metrics
from scorer.resources import Language, language
from scorer.view import TextView

CV_FOLDS = 5
MIN_NGRAM_ROWS = 200  # below this a vocabulary of 1-2 grams learns the rows, not the classes


@dataclass(frozen=True)
class Recipe:
    """The hyperparameters of the recipe; the defaults are the shipped model's (chosen on
    outlet-grouped folds by ``benchmarks/select_model.py``)."""

    C: float = 0.03
    class_weight: str | None = None
    knot_quantiles: tuple[float, ...] = model.KNOT_QUANTILES
    ngram_C: float | None = 3.0  # None: no word n-gram term (Platt calibration of the feature model)
    ngram_vocabulary: str = "all"  # "no-names": no gram holding a name-like word (model.fit_ngrams)
    max_fpr: float = 0.05
    folds: int = CV_FOLDS
    seed: int = 0


@dataclass
class Fitted:
    """A fitted recipe: the model to ship and what was measured on the way."""

    model: model.AdditiveModel
    recipe: Recipe
    out_of_fold: np.ndarray  # P(speculative) of each row from the fold that did not train on it
    threshold: float  # on the out-of-fold probabilities, before it was folded into the intercept
    blend: dict[str, float] = field(default_factory=dict)
    cv_method: str = ""


def bodies_of(texts: Sequence[str], lang: Language | None = None) -> list[str]:
    """What the n-gram term reads: each text without its boilerplate lines."""
    lang = lang or language()
    return [TextView(t, lang).body_text for t in texts]


def fold_indices(labels: Sequence[str], groups: Sequence[str] | None, recipe: Recipe) -> tuple[list, str]:
    """Train/test index pairs: grouped folds when there are enough groups, else stratified."""
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    y = np.asarray(labels)
    if groups is not None and len(set(groups)) >= recipe.folds:
        folds = list(GroupKFold(recipe.folds).split(y, y, np.asarray(groups)))
        return folds, f"{recipe.folds}-fold cross-validation grouped by {len(set(groups))} groups"
    n = min(recipe.folds, min(Counter(labels).values()))
    if n < 2:
        raise ModelError("cross-validation needs at least 2 rows of each class")
    split = StratifiedKFold(n, shuffle=True, random_state=recipe.seed)
    return list(split.split(y, y)), f"{n}-fold stratified cross-validation (no groups given)"


def fit_recipe(
    matrix: np.ndarray,
    bodies: Sequence[str],
    labels: Sequence[str],
    groups: Sequence[str] | None = None,
    recipe: Recipe | None = None,
) -> Fitted:
    """The recipe of the module docstring on one labelled set."""
    from sklearn.linear_model import LogisticRegression

    recipe = recipe or Recipe()
    y = np.asarray(labels)
    names = model_feature_names()
    if len(set(labels)) < 2:
        raise ModelError("training needs both classes")
    if min(Counter(labels).values()) < 2:
        alone = model.fit_additive(matrix, list(y), names, C=recipe.C, class_weight=recipe.class_weight)
        return Fitted(alone, recipe, np.full(len(y), np.nan), 0.5, {}, "not measured: a class has fewer than 2 rows")
    if len(y) < MIN_NGRAM_ROWS and recipe.ngram_C is not None:
        recipe = replace(recipe, ngram_C=None)
    folds, method = fold_indices(labels, groups, recipe)

    def features_on(idx: np.ndarray) -> model.AdditiveModel:
        return model.fit_additive(
            matrix[idx], list(y[idx]), names, C=recipe.C, class_weight=recipe.class_weight,
            quantiles=recipe.knot_quantiles,
        )  # fmt: skip

    def ngrams_on(idx: np.ndarray) -> tuple[model.NgramModel, float]:
        assert recipe.ngram_C is not None
        return model.fit_ngrams(
            [bodies[i] for i in idx],
            list(y[idx]),
            C=recipe.ngram_C,
            seed=recipe.seed,
            vocabulary=recipe.ngram_vocabulary,
        )

    z_features, z_ngrams = np.zeros(len(y)), np.zeros(len(y))
    for train, test in folds:
        z_features[test] = features_on(train).log_odds(matrix[test])
        if recipe.ngram_C is not None:
            ngrams, intercept = ngrams_on(train)
            z_ngrams[test] = [total + intercept for total, _ in ngrams.terms_of([bodies[i] for i in test])]
    target = y == model.POSITIVE
    if recipe.ngram_C is not None:
        stack = LogisticRegression(C=1e6, max_iter=1000).fit(np.c_[z_features, z_ngrams], target)
        (w_f, w_n), offset = map(float, stack.coef_[0]), float(stack.intercept_[0])
        blend = {"feature_weight": w_f, "ngram_weight": w_n, "offset": offset}
    else:
        platt = LogisticRegression(C=1e6, max_iter=1000).fit(z_features.reshape(-1, 1), target)
        blend = {"feature_weight": float(platt.coef_[0][0]), "offset": float(platt.intercept_[0])}

    def blended_on(idx: np.ndarray) -> model.AdditiveModel:
        features = features_on(idx)
        if recipe.ngram_C is None:
            return features.with_calibration(blend["feature_weight"], blend["offset"])
        ngrams, intercept = ngrams_on(idx)
        return features.with_ngrams(
            ngrams, blend["feature_weight"], blend["ngram_weight"], blend["offset"] + blend["ngram_weight"] * intercept
        )

    out_of_fold = np.zeros(len(y))
    for train, test in folds:
        out_of_fold[test] = blended_on(train).speculative_probability(matrix[test], [bodies[i] for i in test])
    threshold = min(max(fpr_threshold(y, out_of_fold, recipe.max_fpr), 0.5), 0.99)
    final = blended_on(np.arange(len(y))).with_operating_point(threshold)
    return Fitted(final, recipe, out_of_fold, threshold, blend, method)


def fpr_threshold(labels: Sequence[str] | np.ndarray, p: np.ndarray, max_fpr: float = 0.05) -> float:
    """The lowest threshold at which at most ``max_fpr`` of the reported rows are called speculative."""
    reported = np.asarray(p)[np.asarray(labels) == "reported"]
    return float(np.quantile(reported, 1 - max_fpr)) + 1e-9 if len(reported) else 0.5


def measured(fitted: Fitted, labels: Sequence[str]) -> dict[str, Any]:
    """Out-of-fold figures at the chosen operating point, ranking quality (AUC) among them."""
    y = np.asarray(labels)
    if np.isnan(fitted.out_of_fold).any():
        return {"method": fitted.cv_method}
    figures = classification_metrics(list(y), fitted.out_of_fold.tolist(), threshold=fitted.threshold)
    return {"method": fitted.cv_method + ", at the shipped operating point", **figures}


def featurise(rows: Sequence[LabelledText], lang: Language | None = None) -> tuple[np.ndarray, list[str]]:
    """Feature matrix and labels of labelled rows (read with ``lang``; default: the shipped model's language)."""
    return model.as_matrix([extract(r.text, lang) for r in rows]), [r.label for r in rows]


def fit(rows: Sequence[LabelledText], recipe: Recipe | None = None) -> model.AdditiveModel:
    """The recipe's model of labelled rows (grouped folds where every row names its group)."""
    return fit_rows(rows, recipe).model


def fit_rows(rows: Sequence[LabelledText], recipe: Recipe | None = None, lang: Language | None = None) -> Fitted:
    matrix, labels = featurise(rows, lang)
    groups = [r.group for r in rows] if all(r.group for r in rows) else None
    return fit_recipe(matrix, bodies_of([r.text for r in rows], lang), labels, groups, recipe)


def train(
    rows: list[LabelledText],
    out_dir: Path,
    name: str = artifact.DEFAULT_NAME,
    recipe: Recipe | None = None,
    sources: list[str] | None = None,
    extra: dict[str, Any] | None = None,
    version: int | None = None,
    lang: Language | None = None,
) -> Path:
    """Fit the recipe on labelled rows and write it as a new model version with its figures;
    ``lang``: the language whose word lists and models read the texts (default: English, shipped)."""
    fitted = fit_rows(rows, recipe, lang)
    return save_fitted(fitted, rows, out_dir, name, sources=sources, extra=extra, version=version, lang=lang)


def save_fitted(
    fitted: Fitted,
    rows: list[LabelledText],
    out_dir: Path,
    name: str = artifact.DEFAULT_NAME,
    sources: list[str] | None = None,
    extra: dict[str, Any] | None = None,
    version: int | None = None,
    lang: Language | None = None,
) -> Path:
    """Write a fitted recipe as a new version, with the metadata of the rows it was fitted on."""
    labels = [r.label for r in rows]
    metadata = {
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "training_data": {
            "sha256": data_hash(rows),
            "rows": len(rows),
            "classes": dict(sorted(Counter(labels).items())),
            "sources": sources or [],
        },
        "hyperparameters": {**asdict(fitted.recipe), "knot_quantiles": list(fitted.recipe.knot_quantiles)},
        "operating_point": {
            "threshold_on_out_of_fold": fitted.threshold,
            "log_odds_shift": -float(np.log(fitted.threshold / (1 - fitted.threshold))),
            "method": f"threshold at which at most {fitted.recipe.max_fpr:.0%} of reporting is called speculative on "
            "the out-of-fold probabilities, folded into the intercept so that the shipped threshold is 0.5",
        },
        "blend": fitted.blend,
        "metrics": {"cross_validation": measured(fitted, labels)},
        **(extra or {}),
    }
    return artifact.save(fitted.model, metadata, out_dir, name, version, lang)
