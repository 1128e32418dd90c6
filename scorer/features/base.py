"""What a feature is: a named, described, versioned number computed from a ``TextView``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    """One column of the feature schema."""

    name: str
    description: str
    version: int = 1
    in_model: bool = True  # False: computed and reported, but not a classifier input


def rate(count: float, total: float) -> float:
    """``count / total``, or 0.0 when there is nothing to divide by."""
    return count / total if total else 0.0
