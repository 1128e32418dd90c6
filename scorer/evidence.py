"""The evidence behind a score: hedged and specific sentences, boilerplate lines."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from scorer.cuekinds import CLAIM_CLASSES, SHOWN_AS
from scorer.cues.claims import CLASSES as MODEL_CLASSES
from scorer.cues.match import Match
from scorer.view import TextView


@dataclass
class SentenceEvidence:
    """One body sentence and the cues found in it (offsets are into the whole text)."""

    start: int
    end: int
    text: str
    cues: list[Match] = field(default_factory=list)
    claim: str | None = None  # who carries its claim, by the claim model (scorer.features.claims), or "headline"
    claim_probability: float | None = None  # the claim model's probability of ``claim`` (None for a headline)

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
    """Sentences with their cues, and the boilerplate lines, of one document (offsets into ``text``)."""

    text: str
    sentences: list[SentenceEvidence]
    boilerplate: list[BoilerplateLine]

    def listed(self, kinds: tuple[str, ...], excluding: tuple[str, ...] = ()) -> list[SentenceEvidence]:
        """Sentences holding cues of ``kinds`` and none of ``excluding``, most cues first
        (``cuekinds.EVIDENCE_LISTS`` names the lists the outputs show)."""
        found = [s for s in self.sentences if s.count(*kinds) and not s.count(*excluding)]
        return sorted(found, key=lambda s: -s.count(*kinds))

    def claim_counts(self) -> dict[str, int]:
        """How many body sentences fall in each claim class (the headline's under ``headline``)."""
        return {c: sum(s.claim == c for s in self.sentences) for c in CLAIM_CLASSES}

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def explain_view(view: TextView) -> Explanation:
    """The evidence of an already built view (cues are shared with the features)."""
    sentences = []
    headline = view.headline
    for i, (s, found, probabilities) in enumerate(zip(view.sentences, view.cues.sentences, view.claims, strict=True)):
        best = probabilities.index(max(probabilities))  # the first of equals, as max(range, key=) gives
        shown = [c if k == c.kind else Match(k, c.start, c.end, c.text) for c in found if (k := SHOWN_AS.get(c.kind))]
        claim, probability = ("headline", None) if i in headline else (MODEL_CLASSES[best], probabilities[best])
        sentences.append(SentenceEvidence(s.start, s.end, s.text, shown, claim, probability))
    lines = [
        BoilerplateLine(line.start, line.end, line.text, why)
        for line, why in zip(view.lines, view.boilerplate, strict=True)
        if why
    ]
    return Explanation(view.text, sentences, lines)


def explain(text: str) -> Explanation:
    """The evidence in one text: cues per sentence and boilerplate lines."""
    return explain_view(TextView(text))
