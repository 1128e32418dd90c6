"""Text primitives: spans, sentence splitting, words and tokens with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from scorer.resources import Language, language

if TYPE_CHECKING:
    import numpy as np

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) then space and
# an opening capital, digit or quote. Abbreviations below do not end a sentence.
# A match starts only at the first mark of a run (the look-behind), so "!!!!..." is one linear
# scan; the mark comes before the look-behind so that the engine jumps from mark to mark (the
# same matches as ``(?<![.!?])[.!?]+...``, tests/test_properties.py; 3x faster on news).
_SENTENCE_END = re.compile(r"""[.!?](?<![.!?][.!?])[.!?]*["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_LAST_WORD_WINDOW = 40  # longer than any abbreviation: the look-back per candidate end is bounded
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Span:
    """A piece of the document: ``text == document[start:end]``."""

    start: int
    end: int
    text: str


def abbreviations(lang: Language) -> frozenset[str]:
    """Words that a full stop does not end a sentence after: the language's abbreviations and
    its months' short forms (every word of a row of ``months`` after the first)."""
    return lang.built(
        "abbreviations",
        lambda lang: frozenset(
            [w for row in lang.word_rows("abbreviations") for w in row]
            + [w.lower() for row in lang.word_rows("months") for w in row[1:]]
        ),
    )


def split_sentences(text: str, offset: int = 0, lang: Language | None = None) -> list[Span]:
    """Split one line of text into sentences; offsets are shifted by ``offset``; ``lang``: whose
    abbreviations do not end a sentence (default: the shipped model's language)."""
    known = abbreviations(lang or language())
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        last_word = text[max(start, match.start() - _LAST_WORD_WINDOW) : match.start()].rsplit(None, 1)[-1:] or [""]
        token = last_word[0].lower().strip("\"'“‘(")
        if token in known or (len(token) == 1 and token.isalpha()):
            continue
        spans.append(_strip_span(text, start, end, offset))
        start = end
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text), offset))
    return [s for s in spans if s.text]


def _strip_span(text: str, start: int, end: int, offset: int) -> Span:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    stripped = piece.strip()
    return Span(offset + start + lead, offset + start + lead + len(stripped), stripped)


def word_grams(words: list[str]) -> list[str]:
    """Word unigrams and bigrams ("a b"): what the sentence models read."""
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def words_of(text: str) -> list[str]:
    """Words of any text, by the same rule the view uses."""
    return _WORD.findall(text)


@dataclass(frozen=True)
class Tokens:
    """Every word of a text, lower-cased, and its start and end offsets, as parallel lists."""

    lower: list[str]
    starts: list[int]
    ends: list[int]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Each word's (start, end)."""
        return list(zip(self.starts, self.ends, strict=True))


def tokenize(text: str) -> Tokens:
    """The words of a text with offsets: the input of the phrase matchers.

    The same words as ``words_of`` (``_WORD``: letters and digits, joined by one of ``-'’.``
    between two of them), found with array passes over the text's code points instead of one
    regex match object per word.
    """
    starts, ends = _word_bounds(text)
    lowered = text.lower()
    if len(lowered) == len(text):  # lower() kept every offset (true unless e.g. "İ" appears)
        return Tokens([lowered[a:b] for a, b in zip(starts, ends, strict=True)], starts, ends)
    return Tokens([text[a:b].lower() for a, b in zip(starts, ends, strict=True)], starts, ends)


_JOINERS = "-'’."
_OTHER, _ALNUM, _JOINER = 0, 1, 2


def _word_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the ``_WORD`` matches of ``text``.

    ``[^\\W_]`` is exactly ``str.isalnum`` for every code point (``tests/test_properties.py`` checks
    all of them), so a character's class is a table lookup; a joiner belongs to a word when word
    characters stand on both sides of it; words are the runs of both.
    """
    import numpy as np

    if text.isascii():
        classes = _char_classes()[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    else:  # lone surrogates (never word characters) pass through as their own code points
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        classes = _char_classes()[np.minimum(codes, 0xFFFF)]
        astral = np.flatnonzero(codes > 0xFFFF)
        classes[astral] = [_ALNUM if chr(c).isalnum() else _OTHER for c in codes[astral].tolist()]
    alnum = classes == _ALNUM
    word = alnum.copy()
    word[1:-1] |= (classes[1:-1] == _JOINER) & alnum[:-2] & alnum[2:]
    edges = np.flatnonzero(np.diff(word, prepend=False, append=False)).tolist()
    return edges[0::2], edges[1::2]


@cache
def _char_classes() -> np.ndarray:
    """Each code point of the Basic Multilingual Plane as letter or digit (``str.isalnum``), joiner or other."""
    import numpy as np

    table = np.array([chr(c).isalnum() for c in range(0x10000)], dtype=np.uint8)
    table[[ord(c) for c in _JOINERS]] = _JOINER
    return table
