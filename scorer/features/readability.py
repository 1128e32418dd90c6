"""Readability: textstat's character-based grade level and sentence/word shape.

The grade is textstat's Coleman-Liau index (textstat is pinned, see pyproject.toml, and
recorded in every model's metadata), counted here in array passes rather than by textstat's
regular expressions and per-sentence word lists: the same float on every text (tests hold it
to the installed textstat on fuzzed and real text), at a third to a seventh of the cost. Only
Coleman-Liau is used: it needs no syllable dictionary (offline by construction, no cmudict
load of 0.6 s on the first call), and the Automated Readability Index, measured too at first,
moved with it and doubled the cost (benchmarks/speed.py).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from itertools import chain, islice
from typing import TYPE_CHECKING

from scorer.features.base import Feature, rate
from scorer.view import TextView

if TYPE_CHECKING:
    import numpy as np

FEATURES = [
    Feature(
        "coleman_liau_index", "textstat Coleman-Liau grade level of the body (letters per word, sentences per word)"
    ),
    Feature("words_per_sentence", "Mean body words per sentence"),
    Feature("long_word_share", "Share of body words with seven or more letters"),
    Feature("type_token_ratio", "Distinct words / words over the first 300 body words (repetitive padding is low)"),
]

_GRADE_LIMIT = 40.0  # textstat's grades grow without bound on degenerate text (one 1 MB "word")
_TTR_WINDOW = 300


def compute(view: TextView) -> dict[str, float]:
    body = view.body_text
    n_words = view.word_count
    first = list(islice(chain.from_iterable(view.lower_words), _TTR_WINDOW))
    return {
        "coleman_liau_index": _bounded(coleman_liau_index(body)) if n_words else 0.0,
        "words_per_sentence": rate(n_words, len(view.sentences)),
        "long_word_share": rate(sum(n for size, n in Counter(view.word_lengths).items() if size >= 7), n_words),
        "type_token_ratio": rate(len(set(first)), len(first)),
    }


def _bounded(value: float) -> float:
    if not math.isfinite(value):
        return 0.0
    return max(-_GRADE_LIMIT, min(_GRADE_LIMIT, float(value)))


# textstat 0.7.8's counts, in its own terms: letters are word characters (``\w``); a word is a
# whitespace-separated token holding one; a sentence is a match of ``\b[^.!?]+[.!?]*`` (which
# starts at a word character and runs to the end of the next run of . ! ?) that holds three
# or more such tokens of its own, and there is at least one.
_WORD_CHAR, _SPACE, _SENTENCE_END, _OTHER = 0, 1, 2, 3
_CHARACTER_CLASSES = (
    (re.compile(r"\w"), _WORD_CHAR),
    (re.compile(r"\s"), _SPACE),
    (re.compile(r"[.!?]"), _SENTENCE_END),
)


def coleman_liau_index(text: str) -> float:
    """textstat's ``coleman_liau_index(text)``, the same float, from character classes counted in arrays."""
    import numpy as np

    classes = _character_classes(text)
    letters = np.flatnonzero(classes == _WORD_CHAR)
    if not len(letters):
        return 0.0
    counter = np.int32 if len(classes) < 2**30 else np.int64  # spaces + ends stays below 2**31
    # Before each letter: how many spaces and sentence ends the text has had (a change is a boundary).
    spaces = np.cumsum(classes == _SPACE, dtype=counter)[letters]
    ends = np.cumsum(classes == _SENTENCE_END, dtype=counter)[letters]
    words = int(np.count_nonzero(_changes(spaces)))
    tokens_in_sentences = _changes(spaces + ends).astype(counter)
    per_sentence = np.add.reduceat(tokens_in_sentences, np.flatnonzero(_changes(ends)))
    sentences = max(1, int(np.count_nonzero(per_sentence >= 3)))
    letters_per_100_words = len(letters) / words * 100
    sentences_per_100_words = sentences / words * 100
    return (0.058 * letters_per_100_words) - (0.296 * sentences_per_100_words) - 15.8


def _changes(running: np.ndarray) -> np.ndarray:
    """True where a running count differs from the one before (and at the first element)."""
    import numpy as np

    out = np.empty(len(running), dtype=bool)
    out[0] = True
    np.not_equal(running[1:], running[:-1], out=out[1:])
    return out


def _character_classes(text: str) -> np.ndarray:
    """Each character's class (word character, space, sentence end, other) as a uint8 array."""
    import numpy as np

    ascii_classes = _ascii_classes()
    if text.isascii():
        return ascii_classes.take(np.frombuffer(text.encode("ascii"), dtype=np.uint8))
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = ascii_classes.take(np.minimum(codes, 127))
    wide = np.flatnonzero(codes >= 128)
    distinct, where = np.unique(codes[wide], return_inverse=True)
    classes[wide] = np.array([_class_of(int(code)) for code in distinct], dtype=np.uint8).take(where)
    return classes


@functools.cache
def _ascii_classes() -> np.ndarray:
    import numpy as np

    return np.array([_class_of(code) for code in range(128)], dtype=np.uint8)


@functools.lru_cache(maxsize=4096)
def _class_of(code: int) -> int:
    char = chr(code)
    return next((kind for pattern, kind in _CHARACTER_CLASSES if pattern.fullmatch(char)), _OTHER)
