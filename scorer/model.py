"""The classifier, stored as data: a monotone additive logistic model, blended with word n-grams.

A fitted model is a handful of numbers per feature (knots at training percentiles and a slope
per segment between them), an intercept and a decision threshold. It is saved as JSON and
rebuilt here with numpy alone: loading a model never unpickles anything, so a model file cannot
run code, and scoring does not depend on how scikit-learn pickles its estimators. Fitting
(``fit_additive``) minimises scikit-learn's L2 logistic objective with every slope bounded to
its feature's declared direction, so each push is monotone in its feature.

Scores are exact sums: the log-odds of *speculative* is the intercept plus one push per
feature (piecewise linear in the feature's value) plus the n-gram term; the explanation shows
those pushes.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from scorer.errors import ModelError
from scorer.sparse import GramIndex

if TYPE_CHECKING:
    import numpy as np

CLASSES = ("reported", "speculative")
POSITIVE = "speculative"
KIND = "monotone-additive-logistic"
MAX_KNOTS = 64  # per feature: scoring builds rows x segments arrays, so a forged model cannot ask for millions


SKLEARN_TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # what the vectorizers that fit the n-gram term split words by
# The same words: both find every maximal run of two or more word characters, as a left-to-right
# scan never starts inside a run (tests/test_properties.py); this one opens with a character class,
# so the engine jumps between word characters instead of trying a word boundary at every place.
_TOKEN = re.compile(r"\w\w+")
_NGRAM = re.compile(r"\w\w+(?: \w\w+)?")  # a 1-2 gram of such tokens, as the vectorizer joins them
# In ASCII a word character is a letter, a digit or "_": every other character made a space, the
# runs are what str.split finds (in one C pass, without a match object per word).
_ASCII_NON_WORD = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")})


def ngram_words(text: str) -> list[str]:
    """The words the n-gram term reads: ``_TOKEN.findall(text)`` (tests/test_properties.py)."""
    if text.isascii():
        return [w for w in text.translate(_ASCII_NON_WORD).split() if len(w) > 1]
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class NgramModel:
    """A word 1-2 gram TF-IDF logistic term, as data: each n-gram's idf and weight.

    It reads a document's body (``TextView.body_text``: boilerplate lines removed), in training
    and in scoring, so page furniture moves neither the features nor this term.

    Reproduces scikit-learn's ``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)`` (lower-cased,
    default token pattern, L2-normalised rows), so each n-gram's push on the log-odds is exact:
    ``weight x (1 + log count) x idf / norm``.
    """

    terms: tuple[str, ...]
    idf: np.ndarray
    coef: np.ndarray  # towards *speculative*, blend weight and calibration folded in

    @cached_property
    def grams(self) -> GramIndex:
        return GramIndex((t, i) for i, t in enumerate(self.terms))

    def pushes(self, text: str) -> list[tuple[str, float]]:
        """Each n-gram of the text with its push on the log-odds of *speculative*, strongest first."""
        return self.term(text, top=len(self.terms))[1]

    def log_odds(self, text: str) -> float:
        return self.term(text)[0]

    def term(self, text: str, top: int = 0) -> tuple[float, list[tuple[str, float]]]:
        """The n-gram term's log-odds, and its ``top`` strongest n-grams with their pushes."""
        return self.terms_of([text], top)[0]

    def terms_of(self, texts: Sequence[str], top: int = 0) -> list[tuple[float, list[tuple[str, float]]]]:
        """``term`` of many texts in one pass of array operations (each text tokenised once).

        Per text, each known n-gram's tf-idf weight ``(1 + log count) x idf``, L2-normalised over
        the text, times its coefficient is its push; pushes equal in size are listed in order of
        first use (words, then pairs).
        """
        import numpy as np

        tokens = [ngram_words(text.lower()) for text in texts]
        starts = np.cumsum([0, *map(len, tokens[:-1])], dtype=np.int64)
        positions, rows = self.grams.lookup(list(itertools.chain.from_iterable(tokens)), starts)
        doc = np.searchsorted(starts, positions, side="right") - 1
        key, first, counts = np.unique(doc * len(self.terms) + rows, return_index=True, return_counts=True)
        order = np.lexsort((first, key // len(self.terms)))  # per text, in order of first use
        key, counts = key[order], counts[order]
        doc, ids = key // len(self.terms), key % len(self.terms)
        w = (1.0 + np.log(counts)) * self.idf[ids]
        norms = np.sqrt(np.bincount(doc, w * w, minlength=len(texts)))
        each = self.coef[ids] * w / np.where(norms > 0, norms, 1.0)[doc]
        totals = np.bincount(doc, each, minlength=len(texts))
        ranked = np.lexsort((np.arange(len(each)), -np.abs(each), doc))  # per text, strongest first
        begins = np.searchsorted(doc, np.arange(len(texts)))
        strongest: list[list[tuple[str, float]]] = [[] for _ in texts]
        for i in ranked[(np.arange(len(ranked)) - begins[doc[ranked]]) < top].tolist():
            strongest[doc[i]].append((self.terms[ids[i]], float(each[i])))
        return [(float(total), found) for total, found in zip(totals.tolist(), strongest, strict=True)]

    def scaled(self, factor: float) -> NgramModel:
        return NgramModel(self.terms, self.idf, self.coef * factor)

    def to_record(self) -> dict[str, Any]:
        return {"terms": list(self.terms), "idf": [float(v) for v in self.idf], "coef": [float(v) for v in self.coef]}

    @classmethod
    def from_record(cls, record: Any) -> NgramModel:
        if not isinstance(record, Mapping):
            raise ModelError("model field 'ngrams' must be an object")
        terms = record.get("terms")
        if (
            not isinstance(terms, list)
            or not all(isinstance(t, str) and t for t in terms)
            or len(set(terms)) != len(terms)
        ):
            raise ModelError("model field 'ngrams.terms' must be a list of distinct non-empty strings")
        if any(not _NGRAM.fullmatch(t) for t in terms):
            raise ModelError("model field 'ngrams.terms' must hold word 1-2 grams (words joined by one space)")
        arrays = {}
        for name in ("idf", "coef"):
            values = record.get(name)
            if not isinstance(values, list) or len(values) != len(terms):
                raise ModelError(f"model field 'ngrams.{name}' must be a list of {len(terms)} numbers")
            arrays[name] = _finite_array(f"ngrams.{name}", values)
        if not (arrays["idf"] > 0).all():
            raise ModelError("model field 'ngrams.idf' must be positive")
        return cls(tuple(terms), arrays["idf"], arrays["coef"])


def label_of(p_speculative: float, threshold: float) -> str:
    """The label at an operating point: speculative from ``threshold`` on."""
    return POSITIVE if p_speculative >= threshold else "reported"


@dataclass(frozen=True)
class AdditiveModel:
    """Everything needed to score: each feature's piecewise-linear push, an intercept, n-gram weights.

    A feature's push is ``sum_k slope_k x (clip(x, knot_k, knot_k+1) - knot_k) - centre``: linear
    between knots at training percentiles, flat below the first and above the last (a page far
    outside the training range cannot push harder than a training article did), and 0 for an
    average training article. With two knots this is the clipped, standardised linear model.
    """

    features: tuple[str, ...]
    knots: tuple[np.ndarray, ...]  # per feature, strictly increasing
    slopes: tuple[np.ndarray, ...]  # per feature, one fewer than its knots: push per unit within each segment
    centre: np.ndarray  # per feature, the push of the training mean, subtracted
    intercept: float
    threshold: float = 0.5  # P(speculative) at or above which the label is speculative
    ngrams: NgramModel | None = None  # an optional word n-gram term, added to the log-odds

    @property
    def classes_(self) -> tuple[str, ...]:
        return CLASSES

    @cached_property
    def _segments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Flat segment arrays: feature index, lower and upper knot, slope; and the segment -> feature sum."""
        import numpy as np

        owner = np.array([j for j, k in enumerate(self.knots) for _ in range(len(k) - 1)], dtype=int)
        low = np.concatenate([k[:-1] for k in self.knots] + [np.zeros(0)])
        high = np.concatenate([k[1:] for k in self.knots] + [np.zeros(0)])
        slope = np.concatenate([*self.slopes, np.zeros(0)])
        total = np.zeros((len(owner), len(self.features)))
        total[np.arange(len(owner)), owner] = 1.0
        return owner, low, high, slope, total

    def segment_values(self, matrix: np.ndarray) -> np.ndarray:
        """Per row, how far each feature reaches into each of its segments (the additive basis)."""
        import numpy as np

        owner, low, high, _, _ = self._segments
        return np.clip(matrix[:, owner], low, high) - low

    def pushes(self, matrix: np.ndarray) -> np.ndarray:
        """Per row and feature, the signed push on the log-odds of *speculative*."""
        _, _, _, slope, total = self._segments
        return (self.segment_values(matrix) * slope) @ total - self.centre

    def ngram_log_odds(self, texts: Sequence[str] | None, rows: int) -> np.ndarray:
        """The n-gram term of each text's log-odds (zeros for a model without one)."""
        import numpy as np

        if self.ngrams is None:
            return np.zeros(rows)
        if texts is None or len(texts) != rows:
            raise ValueError("this model reads the texts too: pass them with the feature matrix")
        return np.array([total for total, _ in self.ngrams.terms_of(texts)])

    def log_odds(
        self, matrix: np.ndarray, texts: Sequence[str] | None = None, ngram_log_odds: np.ndarray | None = None
    ) -> np.ndarray:
        """Log-odds of *speculative*; the n-gram term from ``texts``, or given when already computed."""
        ngram = ngram_log_odds if ngram_log_odds is not None else self.ngram_log_odds(texts, len(matrix))
        return self.pushes(matrix).sum(axis=1) + self.intercept + ngram

    def speculative_probability(
        self, matrix: np.ndarray, texts: Sequence[str] | None = None, ngram_log_odds: np.ndarray | None = None
    ) -> np.ndarray:
        """P(speculative) of each row, in one vectorised pass (``texts``: for a model with n-grams)."""
        import numpy as np

        return 1.0 / (1.0 + np.exp(-np.clip(self.log_odds(matrix, texts, ngram_log_odds), -30.0, 30.0)))

    def labels(self, p_speculative: np.ndarray) -> list[str]:
        return [label_of(float(p), self.threshold) for p in p_speculative]

    def shapes(self) -> dict[str, list[tuple[float, float]]]:
        """Each feature's push at each of its knots, ``(value, push)``: its whole curve (flat beyond the ends)."""
        import numpy as np

        return {
            name: list(zip(k.tolist(), (np.r_[0.0, np.cumsum(np.diff(k) * s)] - c).tolist(), strict=True))
            for name, k, s, c in zip(self.features, self.knots, self.slopes, self.centre, strict=True)
        }

    def effects(self) -> dict[str, float]:
        """Each feature's push at its highest knot minus at its lowest: its whole effect, towards *speculative*."""
        return {name: curve[-1][1] - curve[0][1] for name, curve in self.shapes().items()}

    def _scaled(self, factor: float, offset: float, ngrams: NgramModel | None) -> AdditiveModel:
        return _replace(
            self,
            slopes=tuple(s * factor for s in self.slopes),
            centre=self.centre * factor,
            intercept=self.intercept * factor + offset,
            ngrams=ngrams,
        )

    def with_calibration(self, slope: float, offset: float) -> AdditiveModel:
        """The same model with Platt scaling (``slope x log-odds + offset``) folded into its weights."""
        return self._scaled(slope, offset, self.ngrams.scaled(slope) if self.ngrams is not None else None)

    def with_ngrams(
        self, ngrams: NgramModel, feature_weight: float, ngram_weight: float, offset: float
    ) -> AdditiveModel:
        """A blend: ``feature_weight x`` this model's log-odds ``+ ngram_weight x`` the n-gram log-odds ``+ offset``."""
        return self._scaled(feature_weight, offset, ngrams.scaled(ngram_weight))

    def with_threshold(self, threshold: float) -> AdditiveModel:
        return _replace(self, threshold=float(threshold))

    def with_operating_point(self, threshold: float) -> AdditiveModel:
        """Shift the log-odds so that ``threshold`` becomes 0.5: the label is then always the more probable
        class, and probabilities are those of a stream where speculation is rarer (a prior shift)."""
        shift = math.log(threshold / (1.0 - threshold))
        return _replace(self, intercept=self.intercept - shift, threshold=0.5)

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready record of the model (what ``from_record`` reads back)."""
        record: dict[str, Any] = {"kind": KIND, "classes": list(CLASSES), "features": list(self.features)}
        record["knots"] = [[float(v) for v in k] for k in self.knots]
        record["slopes"] = [[float(v) for v in s] for s in self.slopes]
        record["centre"] = [float(v) for v in self.centre]
        record.update(intercept=float(self.intercept), threshold=float(self.threshold))
        if self.ngrams is not None:
            record["ngrams"] = self.ngrams.to_record()
        return record

    @classmethod
    def from_record(
        cls, record: Any, expected_features: Sequence[str], directions: Sequence[int] | None = None
    ) -> AdditiveModel:
        """Rebuild a model from its record, checking every field; ``ModelError`` names the first problem.

        ``directions``: each feature's declared sign; a slope on the other side of zero is refused.
        """
        import numpy as np

        if not isinstance(record, Mapping):
            raise ModelError("model parameters are not a JSON object")
        if record.get("kind") != KIND:
            raise ModelError(f"model kind {record.get('kind')!r} is not one this scorer reads ({KIND!r})")
        if record.get("classes") != list(CLASSES):
            raise ModelError(f"model classes {record.get('classes')!r}, expected {list(CLASSES)}")
        features = record.get("features")
        if features != list(expected_features):
            raise ModelError("model features differ from the feature schema this scorer computes; retrain it")
        knots, slopes = record.get("knots"), record.get("slopes")
        for name, values in (("knots", knots), ("slopes", slopes)):
            if (
                not isinstance(values, list)
                or len(values) != len(features)
                or not all(isinstance(v, list) for v in values)
            ):
                raise ModelError(f"model field {name!r} must be a list of {len(features)} lists of numbers")
        assert isinstance(knots, list) and isinstance(slopes, list)
        knot_arrays = tuple(_finite_array("knots", k) for k in knots)
        slope_arrays = tuple(_finite_array("slopes", s) for s in slopes)
        for name, k, s in zip(features, knot_arrays, slope_arrays, strict=True):
            if not 1 <= len(k) <= MAX_KNOTS or not np.all(np.diff(k) > 0):
                raise ModelError(f"model knots of {name!r} must be 1 to {MAX_KNOTS} strictly increasing numbers")
            if len(s) != len(k) - 1:
                raise ModelError(f"model field 'slopes' of {name!r} must hold {len(k) - 1} numbers, one per segment")
        for name, s, d in zip(features, slope_arrays, directions or [0] * len(features), strict=True):
            if d and np.any(s * d < 0):
                raise ModelError(f"model slopes of {name!r} push against the feature's declared direction")
        centre = record.get("centre")
        if not isinstance(centre, list) or len(centre) != len(features):
            raise ModelError(f"model field 'centre' must be a list of {len(features)} numbers")
        intercept, threshold = (
            _finite("intercept", record.get("intercept")),
            _finite("threshold", record.get("threshold")),
        )
        if not 0.0 < threshold < 1.0:
            raise ModelError(f"model threshold {threshold} is not a probability strictly between 0 and 1")
        ngrams = NgramModel.from_record(record["ngrams"]) if record.get("ngrams") is not None else None
        return cls(
            tuple(features),
            knot_arrays,
            slope_arrays,
            _finite_array("centre", centre),
            intercept=intercept,
            threshold=threshold,
            ngrams=ngrams,
        )


def _replace(model: AdditiveModel, **changes: Any) -> AdditiveModel:
    import dataclasses

    return dataclasses.replace(model, **changes)


# Every number of a model is bounded, so no sum or product of them while scoring can overflow to
# an infinity or NaN (the shipped models' largest magnitude is under 100).
MAX_MAGNITUDE = 1e6


def _finite(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ModelError(f"model field {name!r} must be a finite number")
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        number = math.inf
    if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
        raise ModelError(f"model field {name!r} must be a finite number of magnitude at most {MAX_MAGNITUDE:g}")
    return number


def _finite_array(name: str, values: list[Any]) -> np.ndarray:
    import numpy as np

    return np.array([_finite(name, v) for v in values], dtype=float)


LINEAR = (0.01, 0.99)  # two knots: the clipped, standardised linear model
KNOT_QUANTILES = (0.01, 0.10, 0.25, 0.50, 0.75, 0.90, 0.99)  # six segments per feature


def fit_additive(
    matrix: np.ndarray,
    labels: Sequence[str],
    features: Sequence[str],
    C: float = 1.0,
    class_weight: str | None = None,
    seed: int = 0,
    directions: Sequence[int] | None = None,
    quantiles: Sequence[float] = KNOT_QUANTILES,
) -> AdditiveModel:
    """Fit each feature's piecewise-linear push (knots at the training ``quantiles``) by L2 logistic regression.

    Each feature's segment weights are penalised in units of its standard deviation, as a
    standardised linear model's are, and keep the sign of its declared direction
    (``directions``; by default the feature schema's, ``EITHER`` for a column it does not know),
    so a push is monotone in its feature: more hedging can only push towards speculative.
    ``quantiles=LINEAR`` gives the clipped, standardised linear model.
    """
    import numpy as np

    y = np.array([label == POSITIVE for label in labels], dtype=float)
    if len(set(y)) < 2:
        raise ModelError("training needs both classes")
    if directions is None:
        directions = _schema_directions(features)
    if len(directions) != len(features):
        raise ValueError(f"{len(directions)} directions for {len(features)} features")
    knots = tuple(np.unique(np.quantile(matrix[:, j], quantiles)) for j in range(len(features)))
    spread = np.array([np.clip(matrix[:, j], k[0], k[-1]).std() for j, k in enumerate(knots)])
    spread = np.where(spread > 1e-12, spread, 1.0)
    unit = AdditiveModel(
        tuple(features), knots, tuple(np.ones(len(k) - 1) for k in knots), np.zeros(len(features)), 0.0
    )
    owner = unit._segments[0]
    basis = unit.segment_values(matrix) / spread[owner]
    mean = basis.mean(axis=0)
    w, intercept = fit_logistic(basis - mean, y, C, class_weight, [directions[j] for j in owner])
    slopes = tuple(w[owner == j] / spread[j] for j in range(len(features)))
    centre = np.bincount(owner, weights=w * mean, minlength=len(features))
    del seed  # the fit is deterministic (kept for callers that pass one)
    return AdditiveModel(tuple(features), knots, slopes, centre, intercept)


def _schema_directions(features: Sequence[str]) -> list[int]:
    from scorer.features import schema

    declared = {f.name: f.direction for f in schema()}
    return [declared.get(name, 0) for name in features]


def fit_logistic(
    X: np.ndarray, y: np.ndarray, C: float, class_weight: str | None, directions: Sequence[int]
) -> tuple[np.ndarray, float]:
    """Weights and intercept minimising scikit-learn's L2 logistic objective, each weight bounded to the
    sign of its direction (+1: >= 0, -1: <= 0, 0: free), by L-BFGS-B (scipy, which scikit-learn uses for
    the same objective). ``y``: 1.0 for *speculative*; ``class_weight``: None or ``"balanced"``. The
    intercept is not penalised."""
    import numpy as np
    from scipy.optimize import minimize

    if class_weight not in (None, "balanced"):
        raise ValueError(f"class_weight must be None or 'balanced', not {class_weight!r}")
    weight = np.ones(len(y))
    if class_weight == "balanced":
        for value in (0.0, 1.0):
            weight[y == value] = len(y) / (2.0 * (y == value).sum())

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = X @ w + b
        loss = weight * (np.logaddexp(0.0, z) - y * z)
        residual = weight * (0.5 * (1.0 + np.tanh(0.5 * z)) - y)  # weight x (sigmoid(z) - y), overflow-free
        return C * loss.sum() + 0.5 * w @ w, np.r_[C * (X.T @ residual) + w, C * residual.sum()]

    bounds = [(0.0, None) if d > 0 else (None, 0.0) if d < 0 else (None, None) for d in directions]
    result = minimize(
        objective,
        np.zeros(X.shape[1] + 1),
        jac=True,
        method="L-BFGS-B",
        bounds=[*bounds, (None, None)],
        options={"maxiter": 15000, "gtol": 1e-8, "ftol": 1e-12},
    )
    if result.status == 1:  # iteration limit: anything else ends at the optimum or at machine precision
        raise ModelError(f"the logistic fit did not converge: {result.message}")
    return result.x[:-1].copy(), float(result.x[-1])


def as_matrix(rows: Sequence[Mapping[str, float]], names: Sequence[str] | None = None) -> np.ndarray:
    """Feature dicts to a matrix of the classifier's columns, in schema order."""
    import numpy as np

    from scorer.features import model_feature_names

    names = list(names) if names is not None else model_feature_names()
    return np.array([[row[n] for n in names] for row in rows], dtype=float).reshape(len(rows), len(names))


NGRAM_SETTINGS = {"ngram_range": (1, 2), "min_df": 3, "max_features": 20000, "sublinear_tf": True}


NGRAM_VOCABULARIES = ("all", "no-names")
_MID_SENTENCE_WORD = re.compile(
    r"(?<=[a-z,;] )(\w+)"
)  # a word after a lower-case word or a comma: not sentence-initial


def name_like_words(texts: Sequence[str], share: float = 0.5) -> frozenset[str]:
    """Words written with a capital in at least ``share`` of their mid-sentence uses in ``texts``
    (names of people, places, brands and outlets), and words holding a digit, lower-cased."""
    capital: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in texts:
        for word in _MID_SENTENCE_WORD.findall(text):
            lower = word.lower()
            seen[lower] += 1
            capital[lower] += word[:1].isupper()
    digits = {w.lower() for text in texts for w in ngram_words(text) if any(c.isdigit() for c in w)}
    return frozenset({w for w, n in seen.items() if capital[w] >= share * n} | digits)


def fit_ngrams(
    texts: Sequence[str], labels: Sequence[str], C: float = 3.0, seed: int = 0, vocabulary: str = "all"
) -> tuple[NgramModel, float]:
    """A word 1-2 gram TF-IDF logistic regression, as an ``NgramModel`` and its intercept.

    ``vocabulary="no-names"`` leaves out every 1-2 gram holding a name-like word of the training
    texts (``name_like_words``), so the term can learn how a text is written, not who or what it
    is about; scoring is unchanged (it reads the terms the model holds).
    """
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    if vocabulary not in NGRAM_VOCABULARIES:
        raise ValueError(f"vocabulary must be one of {NGRAM_VOCABULARIES}, not {vocabulary!r}")
    vectoriser = TfidfVectorizer(**NGRAM_SETTINGS)
    if vocabulary == "no-names":  # as max_features would choose, among the grams without a name
        counter = CountVectorizer(ngram_range=NGRAM_SETTINGS["ngram_range"], min_df=NGRAM_SETTINGS["min_df"])
        frequency = np.asarray(counter.fit_transform(texts).sum(axis=0)).ravel()
        names = name_like_words(texts)
        grams = counter.get_feature_names_out()
        kept = [i for i, gram in enumerate(grams) if names.isdisjoint(gram.split())]
        cap = NGRAM_SETTINGS["max_features"]
        assert isinstance(cap, int)
        top = sorted(kept, key=lambda i: (-frequency[i], i))[:cap]
        settings = {k: v for k, v in NGRAM_SETTINGS.items() if k not in ("min_df", "max_features")}
        vectoriser = TfidfVectorizer(**settings, vocabulary=sorted(str(grams[i]) for i in top))
    matrix = vectoriser.fit_transform(texts)
    y = np.array([label == POSITIVE for label in labels], dtype=int)
    lr = LogisticRegression(C=C, max_iter=5000, random_state=seed).fit(matrix, y)
    terms = vectoriser.get_feature_names_out()
    return NgramModel(tuple(str(t) for t in terms), vectoriser.idf_.copy(), lr.coef_[0].copy()), float(lr.intercept_[0])
