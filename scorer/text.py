"""One pass of shared text work per document: lines, boilerplate flags, sentences, words.

Every feature family reads the same ``TextView``; nothing splits the text twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from scorer import boilerplate

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) then space and
# an opening capital, digit or quote. Abbreviations below do not end a sentence.
# The lookbehind starts a match only at the first mark of a run, so "!!!!..." is one linear scan.
_SENTENCE_END = re.compile(r"""(?<![.!?])[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_LAST_WORD_WINDOW = 40  # longer than any abbreviation: the look-back per candidate end is bounded
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col capt sgt st jr sr inc ltd co corp vs etc "
    "no u.s u.k u.n e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec fig est "
    "a.m p.m mt ft".split()
)
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Span:
    """A piece of the document: ``text == document[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class TextView:
    """Lines, boilerplate decisions, body sentences and words of one document."""

    text: str
    lines: list[Span] = field(init=False)
    boilerplate: list[str | None] = field(init=False)  # per line: reason, or None for body
    memo: dict[str, object] = field(init=False, default_factory=dict, repr=False)  # derived views (cues)

    def __post_init__(self) -> None:
        self.lines = [
            Span(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]*\S[^\n]*", self.text)
        ]
        self.boilerplate = boilerplate.classify_lines([line.text for line in self.lines])

    @cached_property
    def body_lines(self) -> list[Span]:
        """Lines judged to be the article itself."""
        return [ln for ln, why in zip(self.lines, self.boilerplate, strict=False) if why is None]

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of the body, with offsets into the original text."""
        out: list[Span] = []
        for line in self.body_lines:
            out.extend(split_sentences(line.text, line.start))
        return out

    @cached_property
    def sentence_words(self) -> list[list[str]]:
        """Words of each body sentence."""
        return [_WORD.findall(s.text) for s in self.sentences]

    @cached_property
    def words(self) -> list[str]:
        """All words of the body."""
        return [w for ws in self.sentence_words for w in ws]

    @cached_property
    def tokens(self) -> Tokens:
        """Every word of the whole text (boilerplate included) with offsets, lower-cased."""
        return tokenize(self.text)

    @cached_property
    def body_text(self) -> str:
        """The body lines joined by newlines."""
        return "\n".join(line.text for line in self.body_lines)


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Split one line of text into sentences; offsets are shifted by ``offset``."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        last_word = text[max(start, match.start() - _LAST_WORD_WINDOW) : match.start()].rsplit(None, 1)[-1:] or [""]
        token = last_word[0].lower().strip("\"'“‘(")
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
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


def words_of(text: str) -> list[str]:
    """Words of any text, by the same rule the view uses."""
    return _WORD.findall(text)


@dataclass(frozen=True)
class Tokens:
    """Every word of a text, lower-cased, and its (start, end) offsets, as parallel lists."""

    lower: list[str]
    spans: list[tuple[int, int]]


def tokenize(text: str) -> Tokens:
    """The words of a text with offsets: the input of the phrase matchers."""
    spans = [m.span() for m in _WORD.finditer(text)]
    lowered = text.lower()
    if len(lowered) == len(text):  # lower() kept every offset (true unless e.g. "İ" appears)
        return Tokens([lowered[a:b] for a, b in spans], spans)
    return Tokens([text[a:b].lower() for a, b in spans], spans)
