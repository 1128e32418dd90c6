"""The evidence behind a score: hedged and specific sentences, boilerplate lines."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from scorer.features import filler, hedging, specificity
from scorer.features.base import Match
from scorer.text import TextView

# Evidence kinds, in display order; each has a style in the HTML report and terminal.
KINDS = ("hedge", "attributed_hedge", "weasel", "filler", "quote", "attribution", "person", "date", "number")


@dataclass
class SentenceEvidence:
    """One body sentence and the cues found in it (offsets are into the whole text)."""

    start: int
    end: int
    text: str
    cues: list[Match] = field(default_factory=list)

    def count(self, *kinds: str) -> int:
        return sum(c.kind in kinds for c in self.cues)


@dataclass
class BoilerplateLine:
    """A line judged boilerplate and the rule that judged it."""

    start: int
    end: int
    text: str
    reason: str


@dataclass
class Explanation:
    """Sentences with their cues, and the boilerplate lines, of one document."""

    sentences: list[SentenceEvidence]
    boilerplate: list[BoilerplateLine]

    def hedged(self) -> list[SentenceEvidence]:
        """Sentences whose writer hedges (unattributed hedges, weasels, filler), most first."""
        own = [s for s in self.sentences if s.count("hedge", "weasel", "filler")]
        return sorted(own, key=lambda s: -s.count("hedge", "weasel", "filler"))

    def specific(self) -> list[SentenceEvidence]:
        """Sentences anchored in quotes, attribution, people, dates or figures, most first."""
        kinds = ("quote", "attribution", "person", "date", "number")
        found = [s for s in self.sentences if s.count(*kinds)]
        return sorted(found, key=lambda s: -s.count(*kinds))

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def sentence_cues(sentence: str) -> list[Match]:
    """Every cue in one sentence, offsets relative to the sentence."""
    own, others = hedging.split_attributed(sentence, hedging.hedge_matches(sentence))
    cues = own + [Match("attributed_hedge", m.start, m.end, m.text) for m in others]
    cues += hedging.weasel_matches(sentence) + filler.filler_matches(sentence)
    cues += specificity.quote_matches(sentence) + specificity.attribution_matches(sentence)
    cues += specificity.named_people(sentence) + specificity.date_matches(sentence)
    cues += specificity.number_matches(sentence)
    return sorted(cues, key=lambda c: (c.start, c.end))


def explain_view(view: TextView) -> Explanation:
    """The evidence of an already built view."""
    sentences = []
    for s in view.sentences:
        cues = [Match(c.kind, s.start + c.start, s.start + c.end, c.text) for c in sentence_cues(s.text)]
        sentences.append(SentenceEvidence(s.start, s.end, s.text, cues))
    lines = [
        BoilerplateLine(line.start, line.end, line.text, why)
        for line, why in zip(view.lines, view.boilerplate, strict=False)
        if why
    ]
    return Explanation(sentences, lines)


def explain(text: str) -> Explanation:
    """The evidence in one text: cues per sentence and boilerplate lines."""
    return explain_view(TextView(text))
