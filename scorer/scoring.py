"""Scoring documents with a loaded model: labels, probabilities, features and evidence."""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any

from scorer import artifact, model
from scorer.cuekinds import EVIDENCE_LISTS, TOP_EVIDENCE
from scorer.errors import ColumnError, ModelError
from scorer.evidence import Explanation, explain_view
from scorer.features import compute, feature_names
from scorer.language import unsupported_language
from scorer.scope import out_of_scope
from scorer.view import TextView, score_sentences

TOP_CONTRIBUTIONS = 5
TOP_SENTENCES = TOP_EVIDENCE
TOP_NGRAMS = 10
NGRAM_CONTRIBUTION = "word n-grams"  # the n-gram term's total push, beside the features' pushes
LOW_CONFIDENCE_WORDS = 50  # fewer body words than this: the label is marked low-confidence
# The score columns of a result row and their kinds ("text", "number", "flag"), defined once: the
# CSV header, the pandas, Spark and Dask rows all follow this order, and each engine maps the kinds
# to its own types (``batch.engine_columns``).
SCORE_COLUMNS: dict[str, str] = {
    "label": "text",
    "probability": "number",
    "p_speculative": "number",
    "model": "text",
    "low_confidence": "flag",
    "error": "text",
}


def output_columns(kept: Sequence[str] = ()) -> list[str]:
    """The columns of a flat result row (``Result.to_row``), in order: id, the input's kept columns,
    scores, every feature."""
    return ["path", *kept, *SCORE_COLUMNS, *feature_names()]


RESERVED_FIELDS = ("threshold", "features", "page", "evidence")  # record fields that are not row columns


def check_kept(kept: Sequence[str], *taken: str | None) -> None:
    """Input columns to carry into the results must not be named like a result field, nor twice."""
    clashes = [k for k in kept if k in {*output_columns(), *RESERVED_FIELDS, *(t for t in taken if t)}]
    if clashes:
        raise ColumnError(f"column(s) {', '.join(map(repr, clashes))} cannot be kept: named like a result field")
    if len(set(kept)) != len(kept):
        raise ColumnError(f"a column is named twice in the columns to keep: {', '.join(kept)}")


@dataclass
class Result:
    """The score of one document, or the reason it could not be scored."""

    id: str
    label: str | None = None
    probability: float | None = None  # of ``label``
    p_speculative: float | None = None
    model: str | None = None
    features: dict[str, float] = field(default_factory=dict)
    contributions: dict[str, float] = field(default_factory=dict)  # log-odds pushes towards speculative
    explanation: Explanation | None = None
    ngram_pushes: list[tuple[str, float]] = field(default_factory=list)  # strongest word n-grams, if the model has them
    low_confidence: bool | None = None  # too short for the label to mean much
    threshold: float | None = None  # the P(speculative) from which the model says speculative
    page: dict[str, Any] | None = None  # for an HTML page: title, author, date, site, share removed
    error: str | None = None
    kept: dict[str, Any] | None = None  # input columns carried into the output (--keep-columns)

    @property
    def ok(self) -> bool:
        return self.error is None

    def __repr__(self) -> str:  # short: the text, features and evidence stay reachable as attributes
        if not self.ok:
            return f"Result(id={self.id!r}, error={self.error!r})"
        return (
            f"Result(id={self.id!r}, label={self.label!r}, p_speculative={self.p_speculative:.4f}, "
            f"threshold={self.threshold}, model={self.model!r}, low_confidence={self.low_confidence})"
        )

    def at_threshold(self, threshold: float) -> Result:
        """The same score at another operating point (an error row stays as it is)."""
        if self.p_speculative is None:
            return self
        label = model.label_of(self.p_speculative, threshold)
        p = self.p_speculative if label == model.POSITIVE else 1 - self.p_speculative
        return replace(self, label=label, probability=p, threshold=threshold)

    def top_contributions(self, n: int = TOP_CONTRIBUTIONS) -> list[tuple[str, float]]:
        """The features that moved this score most, either way."""
        return sorted(self.contributions.items(), key=lambda kv: -abs(kv[1]))[:n]

    def page_note(self) -> str | None:
        """What an HTML page says of its own provenance (byline, date, site), as evidence beside the text's.

        The model scores the text only; a byline and a date on the page are checkable anchors a
        reader weighs, so every output shows them. ``None`` for plain text.
        """
        page = self.page or {}
        parts = [f"{label} {page[key]}" for key, label in (("author", "by"), ("date", "dated"), ("sitename", "on"))
                 if page.get(key)]  # fmt: skip
        if not page:
            return None
        removed = page.get("removed_share")
        found = ", ".join(parts) if parts else "no byline, date or site name found"
        share = (
            "share removed as furniture not measurable"
            if removed is None
            else f"{removed:.0%} of its text removed as furniture"
        )
        return f"page: {found} ({share})"

    def to_row(self, digits: int | None = None, kept: Sequence[str] = ()) -> dict[str, Any]:
        """The flat row every tabular output writes (``output_columns(kept)``); numbers rounded if ``digits``."""

        def keep(value: float | None) -> float | None:
            return value if value is None or digits is None else round(float(value), digits)

        row: dict[str, Any] = {
            "path": self.id,
            **{name: (self.kept or {}).get(name) for name in kept},
            "label": self.label,
            "probability": keep(self.probability),
            "p_speculative": keep(self.p_speculative),
            "model": self.model,
            "low_confidence": self.low_confidence,
            "error": self.error,
        }
        row.update({name: keep(self.features.get(name)) for name in feature_names()})
        return row

    def to_dict(self, evidence: bool = True, kept: Sequence[str] = ()) -> dict[str, Any]:
        """A JSON-ready record: the fields a pipeline keeps, plus the evidence if asked."""
        record: dict[str, Any] = {
            "path": self.id,
            **{name: (self.kept or {}).get(name) for name in kept},
            "label": self.label,
            "probability": _round(self.probability),
            "p_speculative": _round(self.p_speculative),
            "model": self.model,
            "low_confidence": self.low_confidence,
            "threshold": _round(self.threshold),
            "error": self.error,
            "features": {k: _round(v) for k, v in self.features.items()},
        }
        if self.page is not None:
            record["page"] = self.page
        if evidence and self.ok:
            record["evidence"] = self.evidence_dict()
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Result:
        """A result read back from a results file (``to_dict``'s JSON, or ``to_row``'s CSV, features
        as columns): scores, features, contributions, strongest n-grams, page, and any other field
        as ``kept``. The sentences themselves are not in a results file, so ``explanation`` is None."""
        known = {*_RECORD_FIELDS, *feature_names()}
        present = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}
        features: dict[str, Any] = _mapping(present.get("features"))
        features |= {k: present[k] for k in feature_names() if present.get(k) is not None}
        evidence = _mapping(present.get("evidence"))
        pairs = (("top_contributions", "feature"), ("top_ngrams", "ngram"))
        contributions, ngrams = (
            [
                (str(e[key]), push)
                for e in evidence.get(field) or []
                if isinstance(e, dict) and key in e and (push := _number(e.get("push"))) is not None
            ]
            for field, key in pairs
        )
        return cls(
            id=str(present.get("path") if present.get("path") is not None else "-"),
            label=present.get("label"),
            probability=_number(present.get("probability")),
            p_speculative=_number(present.get("p_speculative")),
            model=present.get("model"),
            features={k: float(v) for k, v in features.items() if _number(v) is not None},
            contributions=dict(contributions),
            ngram_pushes=ngrams,
            low_confidence=_flag(present.get("low_confidence")),
            threshold=_number(present.get("threshold")),
            page=present.get("page") if isinstance(present.get("page"), dict) else None,
            error=present.get("error") or None,
            kept={k: v for k, v in present.items() if k not in known} or None,
        )

    def evidence_dict(self) -> dict[str, Any]:
        ex = self.explanation
        return {
            "top_contributions": [{"feature": k, "push": _round(v)} for k, v in self.top_contributions()],
            "top_ngrams": [{"ngram": g, "push": _round(v)} for g, v in self.ngram_pushes],
            **{
                shown.key: _sentences(ex.listed(shown.kinds, shown.excluding)[:TOP_SENTENCES], shown.kinds)
                if ex
                else []
                for shown in EVIDENCE_LISTS
            },
            "boilerplate_lines": [{"line": b.text, "reason": b.reason} for b in ex.boilerplate] if ex else [],
            "sentence_claims": ex.claim_counts() if ex else {},
            "sentences": [
                {"start": s.start, "end": s.end, "claim": s.claim, "p": _round(s.claim_probability)}
                for s in ex.sentences
            ]
            if ex
            else [],
        }


def _sentences(items: list[Any], kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"text": s.text, "start": s.start, "claim": s.claim, "cues": [c.text for c in s.cues if c.kind in kinds]}
        for s in items
    ]


_RECORD_FIELDS = ("path", "label", "probability", "p_speculative", "model", "low_confidence", "threshold", "error",
                  "features", "page", "evidence")  # fmt: skip


def _number(value: Any) -> float | None:
    """A finite float from a results cell (a CSV cell is text), else None."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _mapping(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _flag(value: Any) -> bool | None:
    """A true/false results cell (a CSV cell is text) as a bool, else None."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(str(value).strip().lower())


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


# Ten times a very long feature article: scoring memory grows with the words (about 250 bytes
# each), so a longer text is refused at once rather than scored in gigabytes.
MAX_WORDS = 250_000
TOO_LONG = f"over {MAX_WORDS:,} words: longer than one article can be (score its parts)"
_WORD = re.compile(r"\S+")


def word_count(text: str, stop: int) -> int:
    """Words (runs of non-space) in ``text``, counting no further than ``stop``."""
    return sum(1 for _ in itertools.islice(_WORD.finditer(text), stop))


def _too_long(text: str) -> bool:
    """Over ``MAX_WORDS`` words; counted only when the text is long enough to be (n words take at least 2n - 1 characters)."""
    return len(text) > 2 * MAX_WORDS and word_count(text, stop=MAX_WORDS + 1) > MAX_WORDS


UNSUPPORTED_LANGUAGE = (
    "unsupported language: {lang} (scores are only meaningful for English; "
    "--any-language or any_language=True scores anyway)"
)
NOT_NEWS = (
    "not news: reads like a product page, documentation, a forum thread or a listing (P {p:.2f}); "
    "the model judges news articles only (--any-genre or any_genre=True scores anyway)"
)


def shared_scorer(model_path: str | os.PathLike[str] | None = None) -> Scorer:
    """One ``Scorer`` per model file for the whole process, loaded again only when the file changes
    (its size or modification time), so one-text calls do not load and verify the model each time."""
    path = Path(model_path) if model_path else artifact.default_model_path()
    try:
        stat = path.stat()
    except OSError:
        return Scorer(path)  # says what is wrong with the path, as an uncached load does
    return _cached_scorer(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _cached_scorer(path: Path, mtime_ns: int, size: int) -> Scorer:
    return Scorer(path)


class Scorer:
    """A verified model, loaded once, that scores batches of texts."""

    def __init__(
        self,
        model_path: str | os.PathLike[str] | None = None,
        any_language: bool = False,
        threshold: float | None = None,
        any_genre: bool = False,
    ) -> None:
        path = Path(model_path) if model_path else artifact.default_model_path()
        self.artifact = artifact.load(path)
        if threshold is not None:  # another operating point than the model's own
            if not 0.0 < threshold < 1.0:
                raise ModelError(f"threshold {threshold} is not a probability strictly between 0 and 1")
            self.artifact.model = self.artifact.model.with_threshold(threshold)
        self.lang = self.artifact.language  # whose word lists, patterns and sentence models read the texts
        self.any_language = any_language  # score texts in other languages too (unreliable)
        self.any_genre = any_genre  # score pages that are not news too (product pages, docs, forums: unreliable)

    @property
    def version(self) -> str:
        return self.artifact.version

    def warm_up(self) -> None:
        """Load every lazily loaded resource (language model, sentence models) now, not inside a document's budget."""
        if not getattr(self, "_warm", False):
            sample = "The minister said on Monday that the talks would probably resume in Oslo next week. " * 3
            self.score_texts(["warm-up"], [sample], evidence=True)
            self._warm = True

    def score_texts(self, ids: list[str], texts: list[str], evidence: bool = True) -> list[Result]:
        """Score many texts with one prediction call; a text the gates refuse (not English, not news)
        becomes an error row saying why."""
        if len(ids) != len(texts):
            raise ValueError(f"score_texts got {len(ids)} ids for {len(texts)} texts: one id per text")
        # Too long is decided before any view is built: a view's memory grows with the words.
        refused = {i: TOO_LONG for i, t in enumerate(texts) if _too_long(t)}
        views = {i: TextView(t, self.lang) for i, t in enumerate(texts) if i not in refused}
        if not self.any_language:
            for i, v in views.items():
                if found := unsupported_language(v.body_text, list(chain.from_iterable(v.lower_words)), self.lang):
                    refused[i] = UNSUPPORTED_LANGUAGE.format(lang=found)
        kept = [i for i in views if i not in refused]
        score_sentences([views[i] for i in kept])  # every document's sentences in one array pass
        rows = {i: compute(views[i]) for i in kept}
        if not self.any_genre:
            for i in kept:
                if (p := out_of_scope(rows[i], views[i].word_count, views[i].lang)) is not None:
                    refused[i] = NOT_NEWS.format(p=p)
            kept = [i for i in kept if i not in refused]
        scored = iter(
            self._predict([ids[i] for i in kept], [views[i] for i in kept], [rows[i] for i in kept], evidence)
        )
        return [Result(id=ids[i], error=refused[i]) if i in refused else next(scored) for i in range(len(texts))]

    def _predict(
        self, ids: list[str], views: list[TextView], rows: list[dict[str, float]], evidence: bool
    ) -> list[Result]:
        """The model's judgement of documents whose views and feature rows are ready."""
        import numpy as np

        if not views:
            return []
        fitted = self.artifact.model
        matrix = model.as_matrix(rows, fitted.features)
        ngrams = fitted.ngrams
        top = TOP_NGRAMS if evidence else 0  # the n-gram term reads the body: a boilerplate line moves nothing
        bodies = [v.body_text for v in views]
        terms = ngrams.terms_of(bodies, top=top) if ngrams is not None else [(0.0, [])] * len(views)
        ngram_sums = [total for total, _ in terms]
        p_spec = fitted.speculative_probability(matrix, ngram_log_odds=np.array(ngram_sums))
        pushes = fitted.pushes(matrix)
        results = []
        for doc_id, view, row, p, push, label, (ngram_sum, strongest) in zip(
            ids, views, rows, p_spec, pushes, fitted.labels(p_spec), terms, strict=True
        ):
            contributions = dict(zip(fitted.features, map(float, push), strict=True))
            if ngrams is not None:
                contributions[NGRAM_CONTRIBUTION] = float(ngram_sum)
            results.append(
                Result(
                    id=doc_id,
                    label=label,
                    probability=float(p if label == model.POSITIVE else 1 - p),
                    p_speculative=float(p),
                    model=self.version,
                    features=row,
                    contributions=contributions,
                    ngram_pushes=strongest,
                    explanation=explain_view(view) if evidence else None,
                    low_confidence=view.word_count < LOW_CONFIDENCE_WORDS,
                    threshold=fitted.threshold,
                )
            )
        return results
