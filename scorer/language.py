"""Which language a text is in, so that the scorer refuses what it was never trained to judge.

Uses py3langid (a maintained fork of langid.py, whose model ships inside its wheel: it works
offline). Short texts say too little to identify reliably and are never refused.
"""

from __future__ import annotations

from functools import cache
from typing import Any

SUPPORTED = frozenset({"en"})
MIN_WORDS = 20  # below this, identification is unreliable ("Wow!" comes out Polish)
MIN_PROBABILITY = 0.9  # refuse only when the identifier is this sure of another language
SAMPLE_CHARS = 5000


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # the model bundled in the wheel

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the most likely language, and its probability."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(language), float(probability)


def unsupported_language(text: str, n_words: int) -> str | None:
    """The code of a language other than English the text is surely in, else ``None``."""
    if n_words < MIN_WORDS:
        return None
    language, probability = identify(text)
    return language if language not in SUPPORTED and probability >= MIN_PROBABILITY else None
