"""sourcescore: tell reported news from speculative filler, with the evidence.

Public API (imports are deferred so that ``score --help`` stays fast)::

    score(text) -> Result                  label, probability, features, evidence
    score_many(items, n_jobs=1) -> Iterator[Result]
    score_frame(df, text_col="text") -> DataFrame
    score_records(scorer, docs) -> list[Result]   the batch core every engine adapts
    extract(text) -> dict[str, float]      feature values
    explain(text) -> Explanation           hedged / specific sentences, boilerplate lines
    load_model(path=None) -> Scorer
    train(rows, out_dir) -> Path           a new model version
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from scorer.errors import ColumnError, InputError, LabelsError, MissingExtraError, ModelError, ScorerError

__version__ = "0.2.0"
__all__ = [
    "ColumnError",
    "InputError",
    "LabelsError",
    "MissingExtraError",
    "ModelError",
    "ScorerError",
    "explain",
    "extract",
    "load_model",
    "score",
    "score_frame",
    "score_many",
    "score_records",
    "train",
]

_LAZY = {
    "explain": "scorer.evidence",
    "extract": "scorer.features",
    "score_many": "scorer.batch",
    "score_records": "scorer.batch",
    "score_frame": "scorer.frame",
    "train": "scorer.training",
}

if TYPE_CHECKING:
    from scorer.scoring import Result, Scorer


def load_model(
    path: Any = None, any_language: bool = False, threshold: float | None = None, any_genre: bool = False
) -> Scorer:
    """A verified model, ready to score (the newest shipped one by default).

    Texts that are surely not English become error rows (``unsupported language: fr``) unless
    ``any_language`` is set; pages that are surely not news (product pages, documentation, forum
    threads) become error rows (``not news: ...``) unless ``any_genre`` is set. ``threshold``
    replaces the model's own decision threshold.
    """
    from scorer.scoring import Scorer

    return Scorer(path, any_language=any_language, threshold=threshold, any_genre=any_genre)


def score(text: str, model: Any = None, evidence: bool = True) -> Result:
    """Score one text with a ``Scorer``, a model path, or the shipped model. A text that cannot be
    scored (empty, binary, not English, not news) gives a result whose ``error`` says why, as in a batch.

    A path (or the shipped model) is loaded and verified once per process and kept while its file
    is unchanged, so calling ``score`` in a loop costs a scoring, not a model load, per text."""
    from scorer.batch import Document, score_records
    from scorer.documents import check_text
    from scorer.errors import InputError
    from scorer.scoring import Result, Scorer, shared_scorer

    scorer = model if isinstance(model, Scorer) else shared_scorer(model)
    try:
        check_text(text, "-")  # None, bytes, a number: said as such, not as a missing file
    except InputError as exc:
        return Result(id="-", error=str(exc))
    return score_records(scorer, [Document(id="-", text=text, html="never")], evidence)[0]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'scorer' has no attribute {name!r}")


def _register_notebook_display() -> None:
    """In IPython and Jupyter, a ``Result`` displays as its evidence page (IPython's deferred
    formatter names the type, so nothing is imported until a result is shown), and a results frame's
    ``.sourcescore`` as the report of its rows (the accessor of ``scorer.frame``); elsewhere, nothing."""
    get_ipython = getattr(sys.modules.get("IPython"), "get_ipython", None)
    shell = get_ipython() if callable(get_ipython) else None
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None) or {}
    if "text/html" in formatters:
        formatters["text/html"].for_type_by_name("scorer.scoring", "Result", _result_html)
        import scorer.frame  # noqa: F401  (registers the accessor)


def _result_html(result: Result) -> str:
    from scorer.report import notebook_html

    return notebook_html(result)


_register_notebook_display()
