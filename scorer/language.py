"""Which language a text is in, so that the scorer refuses what it was never trained to judge.

Uses py3langid (a maintained fork of langid.py, whose model ships inside its wheel: it works
offline). Short texts say too little to identify reliably and are never refused.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scorer.resources import Language

MIN_WORDS = 20  # below this, identification is unreliable ("Wow!" comes out Polish)
MIN_PROBABILITY = 0.9  # refuse only when the identifier is this sure of another language
SAMPLE_CHARS = 5000
OWN_SHARE = 0.2  # of words that are the language's function words: that language (English running text has about 0.4)


def _function_words(lang: Language) -> frozenset[str]:
    return lang.built(
        "function_words", lambda lang: frozenset(w for row in lang.word_rows("function_words") for w in row)
    )


def _own_share(lower_words: list[str], lang: Language) -> float:
    return sum(map(_function_words(lang).__contains__, lower_words)) / len(lower_words)


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # the model bundled in the wheel

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the most likely language, and its probability."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(language), float(probability)


def unsupported_language(text: str, lower_words: list[str], lang: Language) -> str | None:
    """The code of a language other than ``lang`` the text is surely in, else ``None``.

    ``lower_words``: the text's words, lower-cased. A text whose words are a fifth or more
    ``lang``'s function words is in ``lang`` without asking the identifier.
    """
    if len(lower_words) < MIN_WORDS or _own_share(lower_words, lang) >= OWN_SHARE:
        return None
    found, probability = identify(text)
    return found if found != lang.code and probability >= MIN_PROBABILITY else None
