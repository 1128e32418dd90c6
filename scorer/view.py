"""One pass of shared work per document: lines, boilerplate flags, sentences, words, cues, claims.

Every feature family and the explanation read the same ``TextView``; each piece is computed
on first use and kept, so nothing splits or scans the text twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from scorer import boilerplate
from scorer.cues.claims import cue_tokens
from scorer.cues.document import DocumentCues, find_cues
from scorer.cues.sentence_models import SentenceScores, score_documents
from scorer.resources import Language, language
from scorer.text import Span, Tokens, split_sentences, tokenize

_LINE = re.compile(r"[^\n]*\S[^\n]*")  # a non-blank line
HEADLINE_WORDS = 25


@dataclass
class TextView:
    """Lines, boilerplate decisions, body sentences, words and cues of one document."""

    text: str
    lang: Language = field(default_factory=language)  # whose word lists, patterns and models read it
    lines: list[Span] = field(init=False)
    boilerplate: list[str | None] = field(init=False)  # per line: reason, or None for body

    def __post_init__(self) -> None:
        self.lines = [Span(m.start(), m.end(), m.group()) for m in _LINE.finditer(self.text)]
        self.boilerplate = boilerplate.classify_lines([line.text for line in self.lines], self.lang)

    @cached_property
    def body_lines(self) -> list[Span]:
        """Lines judged to be the article itself."""
        return [ln for ln, why in zip(self.lines, self.boilerplate, strict=True) if why is None]

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of the body, with offsets into the original text."""
        out: list[Span] = []
        for line in self.body_lines:
            out.extend(split_sentences(line.text, line.start, self.lang))
        return out

    @cached_property
    def headline(self) -> range:
        """Indices of the sentences of the headline: the text's first line when it is body, shaped
        as a title (at most ``HEADLINE_WORDS`` words, not ending in a full stop, colon or semicolon)
        and followed by more body. Empty when there is none."""
        if len(self.body_lines) < 2 or self.body_lines[0] is not self.lines[0]:
            return range(0)
        first = self.lines[0].text.rstrip()
        if len(first.split()) > HEADLINE_WORDS or first.endswith((".", ":", ";")):
            return range(0)
        return range(sum(s.end <= self.lines[0].end for s in self.sentences))

    @cached_property
    def _sentence_tokens(self) -> list[tuple[int, int]]:
        """Per body sentence, the slice of ``tokens`` that lies in it (a word never crosses a sentence end)."""
        starts = self.tokens.starts
        return [(bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in self.sentences]

    @cached_property
    def sentence_words(self) -> list[list[str]]:
        """Words of each body sentence (``text.words_of`` of each, read off the document's tokens)."""
        starts, ends, text = self.tokens.starts, self.tokens.ends, self.text
        return [[text[a:b] for a, b in zip(starts[i:j], ends[i:j], strict=True)] for i, j in self._sentence_tokens]

    @cached_property
    def lower_words(self) -> list[list[str]]:
        """Words of each body sentence, lower-cased."""
        lower = self.tokens.lower
        return [lower[i:j] for i, j in self._sentence_tokens]

    @cached_property
    def word_count(self) -> int:
        """How many words the body has (counted off the token slices, no word built)."""
        return sum(j - i for i, j in self._sentence_tokens)

    @cached_property
    def word_lengths(self) -> list[int]:
        """The length of each body word (``map(len, ...)`` of ``sentence_words``, read off the token offsets)."""
        starts, ends = self.tokens.starts, self.tokens.ends
        return [b - a for i, j in self._sentence_tokens for a, b in zip(starts[i:j], ends[i:j], strict=True)]

    @cached_property
    def tokens(self) -> Tokens:
        """Every word of the whole text (boilerplate included) with offsets, lower-cased."""
        return tokenize(self.text)

    @cached_property
    def body_text(self) -> str:
        """The body lines joined by newlines."""
        return "\n".join(line.text for line in self.body_lines)

    @cached_property
    def cues(self) -> DocumentCues:
        """Every cue of the body, per sentence (``scorer.cues.document``)."""
        return find_cues(self.text, self.sentences, self.tokens, self.lang)

    @cached_property
    def sentence_scores(self) -> SentenceScores:
        """Each body sentence's claim classes, P(uncertain) and P(subjective) (``scorer.cues.sentence_models``)."""
        return score_documents([self._sentence_inputs()], self.lang)[0]

    def _sentence_inputs(self) -> tuple[list[list[str]], list[list[str]]]:
        """What the sentence models read: each body sentence's lower-cased words and cue tokens."""
        cues = self.cues
        tokens = [
            cue_tokens(span.text, len(words), found, named > 0)
            for span, words, found, named in zip(
                self.sentences, self.lower_words, cues.sentences, cues.named_sources, strict=True
            )
        ]
        return self.lower_words, tokens

    @property
    def claims(self) -> list[list[float]]:
        """Each body sentence's claim-class probabilities (``scorer.cues.claims.CLASSES`` order)."""
        return self.sentence_scores.claims


def score_sentences(views: Sequence[TextView]) -> None:
    """Score the sentences of many views in one pass per language (``sentence_models.score_documents``);
    each keeps its own."""
    by_language: dict[Language, list[TextView]] = {}
    for view in views:
        by_language.setdefault(view.lang, []).append(view)
    for lang, group in by_language.items():
        for view, scores in zip(group, score_documents([v._sentence_inputs() for v in group], lang), strict=True):
            view.sentence_scores = scores  # fills the cached property
