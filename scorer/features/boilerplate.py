"""Boilerplate: how much of the page is furniture (menus, prompts, link lists) not article."""

from __future__ import annotations

from scorer.features.base import Feature, rate
from scorer.view import TextView

# Reported, not classifier inputs: the judged training articles are clean texts from
# corpora, so the classifier could only learn noise from these columns. They explain a
# page (and its furniture is left out of every other feature) without moving its score.
FEATURES = [
    Feature("boilerplate_line_share", "Share of non-empty lines judged boilerplate", in_model=False),
    Feature("boilerplate_char_share", "Share of characters on boilerplate lines", in_model=False),
]


def compute(view: TextView) -> dict[str, float]:
    flagged = [line for line, why in zip(view.lines, view.boilerplate, strict=False) if why]
    total_chars = sum(len(line.text) for line in view.lines)
    return {
        "boilerplate_line_share": rate(len(flagged), len(view.lines)),
        "boilerplate_char_share": rate(sum(len(line.text) for line in flagged), total_chars),
    }
