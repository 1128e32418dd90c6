"""The feature schema: every family registered here becomes columns, in this order.

Adding a feature touches one family module (its ``FEATURES`` and ``compute``); adding a
family adds one line to ``FAMILIES``.
"""

from __future__ import annotations

from types import ModuleType

from scorer.features import boilerplate, claims, filler, hedging, readability, sentences, specificity
from scorer.features.base import Feature
from scorer.resources import Language, language
from scorer.view import TextView

FAMILIES: dict[str, ModuleType] = {
    "hedging": hedging,
    "specificity": specificity,
    "filler": filler,
    "sentences": sentences,
    "claims": claims,
    "boilerplate": boilerplate,
    "readability": readability,
}
SCHEMA_VERSION = 4  # 4: only classifier columns (display-only ones come and go freely), six claim classes; 3: each feature's direction; 2: claim tokens read the document's cues, word lists in resources/en


def schema() -> list[Feature]:
    """Every feature, in column order."""
    return [f for family in FAMILIES.values() for f in family.FEATURES]


def feature_names() -> list[str]:
    """Column names, in order."""
    return [f.name for f in schema()]


def model_feature_names() -> list[str]:
    """The columns the classifier reads, in order."""
    return [f.name for f in schema() if f.in_model]


def model_feature_directions() -> list[int]:
    """The sign each classifier column's weight may take (``base.SPECULATIVE``, ``REPORTED`` or ``EITHER``)."""
    return [f.direction for f in schema() if f.in_model]


def schema_record(lang: Language | None = None) -> dict[str, object]:
    """The schema as stored in model metadata, compared on load: features, and the hash of every
    lexicon, pattern and weight file of the language they read (default: the shipped model's),
    so an edited word list forces a deliberate retrain."""
    lang = lang or language()
    return {
        "version": SCHEMA_VERSION,
        "language": lang.code,
        "features": [
            {"name": f.name, "version": f.version, "direction": f.direction} for f in schema() if f.in_model
        ],  # display-only features come and go without making a model refuse to load
        "resources": lang.hashes(),
    }


def compute(view: TextView) -> dict[str, float]:
    """All feature values of one document view, in schema order."""
    values: dict[str, float] = {}
    for family in FAMILIES.values():
        values.update(family.compute(view))
    return {name: float(values[name]) for name in feature_names()}


def extract(text: str, lang: Language | None = None) -> dict[str, float]:
    """Feature values of one text (read with ``lang``'s word lists and models; default: the shipped model's)."""
    return compute(TextView(text, lang or language()))
