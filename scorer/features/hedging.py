"""Hedging: guesses, epistemic modals and vague attribution, told apart from attributed speech.

A hedge inside a quote or in a sentence with an attribution ("police said he may have
fled") reports someone else's uncertainty; an unattributed hedge is the writer guessing.
"""

from __future__ import annotations

import re

from scorer.features.base import Feature, Match, PhraseMatcher, find_all, rate
from scorer.resources import word_list
from scorer.text import TextView

FEATURES = [
    Feature("hedges_per_sentence", "Unattributed hedges (likely, probably, may have...) per body sentence"),
    Feature("hedged_sentence_share", "Share of body sentences with at least one unattributed hedge"),
    Feature("attributed_hedges_per_sentence", "Hedges inside quotes or attributed sentences, per sentence"),
    Feature("hedges_per_100_words", "All hedges per 100 body words"),
    Feature("weasels_per_sentence", "Vague attributions (experts say, sources said...) per sentence"),
    Feature("boosters_per_sentence", "Unquoted boosters (clearly, obviously, outrageous...) per sentence"),
]

PHRASES = {"hedge": word_list("hedges"), "weasel": word_list("weasels"), "booster": word_list("boosters")}
_PHRASES = PhraseMatcher(PHRASES)
# Modals: "may" only in lower case or sentence-initial (capital "May" mid-sentence is the
# month or a name); "could" not when negated ("could not be reached" is a fact).
_MODAL = re.compile(
    r"(?<![\w'’-])(?:(?:may|might)(?:\s+(?:not|well|have|be|also|even))?"
    r"|could(?!\s*(?:not|n['’]t)\b)(?:\s+(?:have|be|also|well))?)(?![\w'’-])"
)
_CAPITAL_MAY = re.compile(r"\bMay\s+(?:have|be|not)\b")  # a hedge only where a sentence starts
# "could not possibly", "not likely to be"... read as negated certainty, not a hedge.
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever|\bhardly)\s+$", re.IGNORECASE)


def hedge_matches(text: str, sentence_starts: set[int] | None = None, phrase_hits: list[Match] | None = None) -> list[Match]:
    """Hedge cues (lexicon entries and epistemic modals) in a sentence or a whole text.

    ``sentence_starts``: where sentences begin in ``text`` (default: only at 0), for
    "May have ..." opening a sentence, which is a modal and not the month. ``phrase_hits``:
    this text's phrase matches, when a caller has found them already.
    """
    starts = sentence_starts if sentence_starts is not None else {0}
    hits = _PHRASES.find(text) if phrase_hits is None else phrase_hits
    found = [m for m in hits if m.kind == "hedge"] + find_all("hedge", _MODAL, text)
    found += [m for m in find_all("hedge", _CAPITAL_MAY, text) if m.start in starts]
    kept = [m for m in found if not _NEGATED.search(text[max(0, m.start - 12) : m.start])]
    return _non_overlapping(kept)


def phrase_matches(text: str) -> list[Match]:
    """Hedge, weasel and booster lexicon entries in a text."""
    return _PHRASES.find(text)


def weasel_matches(text: str) -> list[Match]:
    """Vague attributions in a text."""
    return [m for m in _PHRASES.find(text) if m.kind == "weasel"]


def compute(view: TextView) -> dict[str, float]:
    from scorer.cues import cues_of

    cues = cues_of(view)
    own = cues.per_sentence("hedge")
    n = len(view.sentences)
    return {
        "hedges_per_sentence": rate(sum(own), n),
        "hedged_sentence_share": rate(sum(1 for k in own if k), n),
        "attributed_hedges_per_sentence": rate(cues.total("attributed_hedge"), n),
        "hedges_per_100_words": 100 * rate(cues.total("hedge", "attributed_hedge"), len(view.words)),
        "weasels_per_sentence": rate(cues.total("weasel"), n),
        "boosters_per_sentence": rate(cues.total("booster"), n),
    }


def _non_overlapping(matches: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept
