"""What a feature is: a named, described, versioned number computed from a ``TextView``."""

from __future__ import annotations

from dataclasses import dataclass

# The direction a feature may push the score, declared from what it measures, not learnt: the
# classifier's weight on it is bounded to that sign, so "no quotes" can never count as evidence of
# reporting, and a correlated partner cannot flip a feature's meaning (scorer.model.fit_additive).
SPECULATIVE = 1  # more of it can only push towards speculative
REPORTED = -1  # more of it can only push towards reported
EITHER = 0  # no prior direction (length, readability): the fit decides


@dataclass(frozen=True)
class Feature:
    """One column of the feature schema."""

    name: str
    description: str
    version: int = 1
    in_model: bool = True  # False: computed and reported, but not a classifier input
    direction: int = EITHER  # SPECULATIVE, REPORTED or EITHER: the sign the classifier's weight may take

    def __post_init__(self) -> None:
        if self.direction not in (SPECULATIVE, REPORTED, EITHER):
            raise ValueError(f"feature {self.name}: direction must be SPECULATIVE, REPORTED or EITHER")


def rate(count: float, total: float) -> float:
    """``count / total``, or 0.0 when there is nothing to divide by."""
    return count / total if total else 0.0
