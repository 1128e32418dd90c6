"""The cues of one document, found once and shared by every feature family and the explanation.

Each finder runs once over the whole text; matches are then given to the body sentence they
start in (matches in boilerplate lines, or running over a sentence's end, are dropped). Quotes
may run across sentences. A hedge is *attributed* when it sits inside a quote or in a sentence
that attributes ("police said he may have fled").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from scorer.cues import finders, lexicon
from scorer.cues.match import Match
from scorer.resources import Language, language
from scorer.text import Span, Tokens

# The writer's own, unless quoted or in an attributing sentence: then renamed to attributed_<kind>.
_VOICE = ("hedge", "booster", "directive")
_MODIFIER_GAP_WORDS = 3
_MODIFIER_GAP_CHARS = 200  # three words and their spaces, however long the words
_CLAUSE_BREAK = re.compile(r"[,;:\"“”()]")


@dataclass
class DocumentCues:
    """Per body sentence, its cues (absolute offsets, sorted); and the document's quote spans."""

    sentences: list[list[Match]]
    quotes: list[tuple[int, int]]
    named_sources: list[int]  # per sentence: its attributions that name who speaks (finders.is_named_source)
    counts: dict[str, list[int]] = field(init=False)  # kind -> cues of that kind in each sentence

    def __post_init__(self) -> None:
        self.counts = {}
        for i, cues in enumerate(self.sentences):
            for cue in cues:
                self.counts.setdefault(cue.kind, [0] * len(self.sentences))[i] += 1

    def per_sentence(self, *kinds: str) -> list[int]:
        """How many cues of these kinds each sentence has."""
        columns = [self.counts[k] for k in kinds if k in self.counts]
        return [sum(row) for row in zip(*columns, strict=True)] if columns else [0] * len(self.sentences)

    def total(self, *kinds: str) -> int:
        return sum(sum(self.counts.get(k, ())) for k in kinds)


def find_cues(text: str, sentences: list[Span], tokens: Tokens, lang: Language | None = None) -> DocumentCues:
    """Every cue of ``text``, given to the ``sentences`` (sorted spans) it lies in; ``lang``: whose
    word lists and patterns find them (default: the shipped model's language)."""
    lang = lang or language()
    starts = [s.start for s in sentences]
    quotes = finders.quote_spans(text)
    phrases = lexicon.phrases(text, tokens, lang)  # hedges, weasels, fillers, attribution...: one pass
    raw = finders.hedges(text, phrases, set(starts), lang)
    # Hedges come through finders.hedges above; "you"/"me" inside quotes are someone else's.
    raw += [m for m in phrases if m.kind != "hedge" and not (m.kind in ("you", "me") and _inside(m.start, quotes))]
    raw += finders.named_people(text, lang)
    date_cues = finders.dates(text, lang)
    raw += date_cues
    raw += finders.numbers(text, date_cues, lang)
    per_sentence: list[list[Match]] = [[] for _ in starts]
    for match in raw:  # a cue must lie inside one sentence (not across a line break)
        i = bisect_right(starts, match.start) - 1
        if i >= 0 and match.end <= sentences[i].end:
            per_sentence[i].append(match)
    body_quotes = []
    for q_start, q_end in quotes:  # a quote may run over sentences: each gets its piece
        i = max(0, bisect_right(starts, q_start) - 1)
        first = True
        while i < len(starts) and starts[i] < q_end:
            lo, hi = max(q_start, starts[i]), min(q_end, sentences[i].end)
            if lo < hi:
                per_sentence[i].append(Match("quote" if first else "quote_continued", lo, hi, text[lo:hi]))
                if first:
                    body_quotes.append((q_start, q_end))
                first = False
            i += 1
    named = [0] * len(sentences)
    for i, cues in enumerate(per_sentence):
        for cue in cues:
            if cue.kind == "attribution":
                named[i] += finders.is_named_source(text, cue, sentences[i].start, sentences[i].end, lang)
    return DocumentCues([_attribute(text, cues, quotes) for cues in per_sentence], body_quotes, named)


def sentence_cues(sentence: str, tokens: Tokens, lang: Language | None = None) -> list[Match]:
    """The cues of one sentence on its own (offsets into it)."""
    return find_cues(sentence, [Span(0, len(sentence), sentence)], tokens, lang).sentences[0]


def _attribute(text: str, cues: list[Match], quotes: list[tuple[int, int]]) -> list[Match]:
    """Tell the writer's own voice from reported speech, in one sentence.

    A hedge, booster or directive inside a quote, or in a sentence that attributes, is
    someone else's: it becomes ``attributed_<kind>``. Except when the cue modifies the
    attribution itself ("Blinken probably reiterated"): a cue followed within three words, with
    no punctuation between, by the attribution verb is the writer guessing what was said.
    """
    if not any(cue.kind in _VOICE for cue in cues):  # nothing to rename
        return sorted(cues, key=_position)
    verbs = sorted((c for c in cues if c.kind == "attribution"), key=lambda c: c.start)
    verb_starts = [v.start for v in verbs]
    kept = []
    for cue in cues:
        if cue.kind in _VOICE and (
            _inside(cue.start, quotes) or (verbs and not _modifies_verb(text, cue, verbs, verb_starts))
        ):
            cue = Match(f"attributed_{cue.kind}", cue.start, cue.end, cue.text)
        kept.append(cue)
    return sorted(kept, key=_position)


def _position(cue: Match) -> tuple[int, int]:
    return cue.start, cue.end


def _modifies_verb(text: str, cue: Match, verbs: list[Match], verb_starts: list[int]) -> bool:
    """Whether the next attribution verb follows the cue within a few words (a bisection and a
    bounded slice: linear over a document however many cues and verbs it has)."""
    i = bisect_left(verb_starts, cue.end)
    if i == len(verbs) or verbs[i].start - cue.end > _MODIFIER_GAP_CHARS:
        return False
    gap = text[cue.end : verbs[i].start]
    return len(gap.split()) <= _MODIFIER_GAP_WORDS and not _CLAUSE_BREAK.search(gap)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (position, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]
