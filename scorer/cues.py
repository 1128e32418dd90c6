"""The cues of one document, found once and shared by every feature family and the explanation.

Each finder (defined in its feature family) runs once over the whole text; matches are then
given to the body sentence they start in (matches in boilerplate lines are dropped). Quotes
may run across sentences. A hedge is *attributed* when it sits inside a quote or in a
sentence that attributes ("police said he may have fled").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from scorer.cuekinds import SHOWN  # noqa: F401 - the kinds shown as evidence; the others only feed features
from scorer.features.base import Match, PhraseMatcher
from scorer.text import TextView

_VOICE = ("hedge", "booster", "directive")  # the writer's, unless quoted or attributed
_MODIFIER_GAP_WORDS = 3
_CLAUSE_BREAK = re.compile(r"[,;:\"“”()]")
# Pieces of a quote after the sentence it opens in are shown as quotes too.
DISPLAY_KIND = {"quote_continued": "quote"}


@dataclass
class DocumentCues:
    """Per body sentence, its cues (absolute offsets, sorted); and the document's quote spans."""

    sentences: list[list[Match]]
    quotes: list[tuple[int, int]]
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


def cues_of(view: TextView) -> DocumentCues:
    """The view's cues, computed on first use and kept on the view."""
    found = view.memo.get("cues")
    if found is None:
        found = view.memo["cues"] = _find(view)
    return found


def _find(view: TextView) -> DocumentCues:
    from scorer.features import hedging, specificity  # the families import this module

    text = view.text
    starts = [s.start for s in view.sentences]
    sentence_starts = set(starts)
    quotes = specificity.quote_spans(text)
    raw: list[Match] = []
    phrases = _phrase_matcher().find(text, view.tokens)  # hedges, weasels, fillers, attribution: one pass
    raw += hedging.hedge_matches(text, sentence_starts, phrases)
    # Hedges come through hedge_matches above; "you"/"me" inside quotes are someone else's.
    raw += [m for m in phrases if m.kind != "hedge" and not (m.kind in ("you", "me") and _inside(m.start, quotes))]
    raw += specificity.named_people(text)
    raw += specificity.date_matches(text)
    raw += specificity.number_matches(text)
    per_sentence: list[list[Match]] = [[] for _ in starts]
    for match in raw:  # a cue must lie inside one sentence (not across a line break)
        i = bisect_right(starts, match.start) - 1
        if i >= 0 and match.end <= view.sentences[i].end:
            per_sentence[i].append(match)
    body_quotes = []
    for q_start, q_end in quotes:  # a quote may run over sentences: each gets its piece
        i = max(0, bisect_right(starts, q_start) - 1)
        first = True
        while i < len(starts) and starts[i] < q_end:
            s_start, s_end = starts[i], view.sentences[i].end
            lo, hi = max(q_start, s_start), min(q_end, s_end)
            if lo < hi:
                per_sentence[i].append(Match("quote" if first else "quote_continued", lo, hi, text[lo:hi]))
                if first:
                    body_quotes.append((q_start, q_end))
                first = False
            i += 1
    for i, cues in enumerate(per_sentence):
        per_sentence[i] = _attribute(text, cues, quotes)
    return DocumentCues(per_sentence, body_quotes)


def _attribute(text: str, cues: list[Match], quotes: list[tuple[int, int]]) -> list[Match]:
    """Tell the writer's own voice from reported speech, in one sentence.

    A hedge, booster or directive inside a quote, or in a sentence that attributes, is
    someone else's: hedges become ``attributed_hedge``; boosters and directives are dropped.
    Except when the cue modifies the attribution itself ("Blinken probably reiterated"):
    a cue followed within three words, with no punctuation between, by the attribution
    verb is the writer guessing what was said.
    """
    verbs = [c for c in cues if c.kind == "attribution"]
    kept = []
    for cue in cues:
        if cue.kind in _VOICE and (_inside(cue.start, quotes) or (verbs and not _modifies_verb(text, cue, verbs))):
            if cue.kind != "hedge":
                continue
            cue = Match("attributed_hedge", cue.start, cue.end, cue.text)
        kept.append(cue)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _modifies_verb(text: str, cue: Match, verbs: list[Match]) -> bool:
    following = [v for v in verbs if v.start >= cue.end]
    if not following:
        return False
    gap = text[cue.end : following[0].start]
    return len(gap.split()) <= _MODIFIER_GAP_WORDS and not _CLAUSE_BREAK.search(gap)


@cache
def _phrase_matcher() -> PhraseMatcher:
    from scorer.features import filler, hedging, specificity

    return PhraseMatcher({**hedging.PHRASES, **filler.PHRASES, **specificity.PHRASES})


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (position, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]
