"""Who carries each claim: the shares of the claim model's classes over the body sentences.

The sentence model itself is a cue (``scorer.cues.claims``): the explanation shows each
sentence's class, and these features average its probabilities over the article.
"""

from __future__ import annotations

from scorer.cuekinds import CLAIM_CLASSES
from scorer.cues.claims import CLASSES
from scorer.features.base import EITHER, REPORTED, SPECULATIVE, Feature, rate
from scorer.view import TextView

# The direction each class may push, as the registry says (a named source or a plain fact is
# reporting; a vague source or the writer's own voice is speculation; furniture either way).
_DIRECTIONS = {"speculative": SPECULATIVE, "reported": REPORTED, None: EITHER}
FEATURES = [
    Feature(
        f"claim_{c}_share",
        f"Mean P({c}) of body sentences, from the claim model",
        direction=_DIRECTIONS[CLAIM_CLASSES[c].pushes],
    )
    for c in CLASSES
]


def compute(view: TextView) -> dict[str, float]:
    probabilities = view.claims
    n = len(probabilities)
    return {f"claim_{c}_share": rate(sum(p[i] for p in probabilities), n) for i, c in enumerate(CLASSES)}
