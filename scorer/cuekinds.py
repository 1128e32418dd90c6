"""Every kind of cue, defined once: name, group, legend, terminal style, CSS, and how it is shown.

The finders (``scorer.cues``) produce these kinds; the terminal (``terminal.py``), the HTML
page (``report.py``), the evidence records (``evidence.py``, ``scoring.py``) and the text output
(``output.py``) read this table, so adding a kind of cue touches this file and its finder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OWN_VOICE = "own voice"  # the writer's guesses, feelings and calls: evidence of speculation
ATTRIBUTED = "attributed"  # hedges that are someone else's, reported
SPECIFIC = "specific"  # checkable anchors: evidence of reporting


@dataclass(frozen=True)
class CueKind:
    """One kind of evidence and how every output shows it."""

    name: str
    group: str
    legend: str
    terminal: dict[str, Any] = field(default_factory=dict)  # typer.style keyword arguments
    css: str = ""  # declarations for the page's .cue-<name> class
    shown_as: str | None = None  # shown as evidence under this kind; None: the kind itself
    shown: bool = True  # False: it only feeds features, never shown as evidence


KINDS: dict[str, CueKind] = {
    k.name: k
    for k in (
        CueKind(
            "hedge",
            OWN_VOICE,
            "hedge in the writer's own voice (likely, probably, may)",
            {"fg": "yellow", "bold": True},
            "background:#ffd33d",
        ),
        CueKind(
            "attributed_hedge",
            ATTRIBUTED,
            "hedge inside a quote or an attributed statement",
            {"fg": "yellow", "italic": True},
            "background:#fff5b1;border-bottom:2px dashed #9a6700",
        ),
        CueKind(
            "weasel",
            OWN_VOICE,
            "weasel phrase (some say, experts believe)",
            {"fg": "red", "bold": True},
            "background:#ffb77c",
        ),
        CueKind(
            "filler", OWN_VOICE, "filler phrase (let's dive in, in summary)", {"fg": "magenta"}, "background:#f9c0e2"
        ),
        CueKind(
            "booster",
            OWN_VOICE,
            "the writer's certainty or feeling (clearly, outrageous)",
            {"fg": "red"},
            "background:#ffcecb",
        ),
        CueKind(
            "directive",
            OWN_VOICE,
            "the writer's call (should, must, it is time to)",
            {"fg": "red", "underline": True},
            "background:#ffcecb;border-bottom:2px solid #cf222e",
        ),
        CueKind(
            "quote",
            SPECIFIC,
            "direct quote",
            {"fg": "green", "underline": True},
            "background:#dafbe1;border-left:2px solid #1a7f37;border-right:2px solid #1a7f37",
        ),
        CueKind(
            "attribution",
            SPECIFIC,
            "attribution (said, told, according to)",
            {"fg": "cyan", "bold": True},
            "background:#b6e3ff;font-weight:600",
        ),
        CueKind(
            "person",
            SPECIFIC,
            "named person with a title",
            {"fg": "blue", "bold": True},
            "background:#e2d5ff;border-bottom:2px solid #8250df",
        ),
        CueKind("date", SPECIFIC, "date or time", {"fg": "bright_cyan"}, "background:#a5f3e8"),
        CueKind(
            "number", SPECIFIC, "figure", {"fg": "bright_magenta"}, "background:#eaeef2;border-bottom:2px solid #57606a"
        ),
        # Found for the features, not shown: the rest of a quote that runs over sentences, pronouns,
        # and boosters or directives that someone else said.
        CueKind("quote_continued", SPECIFIC, "the rest of a quote begun in an earlier sentence", shown_as="quote"),
        CueKind("you", OWN_VOICE, "second person (you, your, let's)", shown=False),
        CueKind("me", OWN_VOICE, "first person outside quotes (I, we, our)", shown=False),
        CueKind("attributed_booster", ATTRIBUTED, "booster inside a quote or an attributed statement", shown=False),
        CueKind("attributed_directive", ATTRIBUTED, "directive inside a quote or an attributed statement", shown=False),
    )
}
SHOWN = tuple(k.name for k in KINDS.values() if k.shown and k.shown_as is None)  # display order
TOP_EVIDENCE = 3  # sentences of each group shown in the short outputs


def in_group(group: str) -> tuple[str, ...]:
    """The shown kinds of one group, in display order."""
    return tuple(name for name in SHOWN if KINDS[name].group == group)


@dataclass(frozen=True)
class EvidenceList:
    """One list of sentences the short outputs show: those holding cues of ``kinds`` and none of ``excluding``."""

    name: str  # as the text output labels it
    key: str  # as the JSON evidence names it
    kinds: tuple[str, ...]
    excluding: tuple[str, ...] = ()


HEDGING = ("hedge", "weasel")
# Each list shows only its own kind: a sentence the writer hedges is never offered as an anchor.
EVIDENCE_LISTS = (
    EvidenceList("hedged", "hedged_sentences", HEDGING),
    EvidenceList("own voice", "own_voice_sentences", ("booster", "directive", "filler"), HEDGING),
    EvidenceList("specific", "specific_sentences", in_group(SPECIFIC), HEDGING),
)


# Each kind -> the kind a cue of it is shown as, or None if it is not shown (unknown kinds are not shown).
SHOWN_AS = {k.name: (k.shown_as or k.name) if k.shown else None for k in KINDS.values()}


def css_rules() -> str:
    """The page's cue classes."""
    return "".join(f".cue-{name}{{{KINDS[name].css}}}" for name in SHOWN)


@dataclass(frozen=True)
class ClaimClass:
    """One class of the claim model (who carries a sentence's claim), and how every output shows it."""

    name: str
    legend: str
    pushes: str | None  # towards "speculative" or "reported" as an article feature; None: either way
    terminal: dict[str, Any] = field(default_factory=dict)  # typer.style keyword arguments
    colour: str = "transparent"  # the page's underline colour
    in_model: bool = True  # a class the claim model gives; False: a class only the evidence shows


CLAIM_CLASSES: dict[str, ClaimClass] = {
    c.name: c
    for c in (
        ClaimClass("named", "a named source carries it", "reported", {"fg": "green"}, "#1a7f37"),
        ClaimClass("vague", "an unnamed or vague source carries it", "speculative", {"fg": "yellow"}, "#bf8700"),
        ClaimClass("conjecture", "the writer's own guess, forecast or advice", "speculative", {"fg": "red"}, "#cf222e"),
        ClaimClass(
            "evaluation",
            "the writer's own judgement, praise, blame, sarcasm or puffery",
            "speculative",
            {"fg": "magenta"},
            "#8250df",
        ),
        ClaimClass("fact", "a plain statement in the writer's voice", "reported", {}, "#d0d7de"),
        ClaimClass("furniture", "page furniture, not article text", None, {"fg": "bright_black"}, "#8c959f"),
        ClaimClass("headline", "the article's headline", None, {"bold": True}, "#57606a", in_model=False),
    )
}


def claim_css() -> str:
    """The page's claim classes: a thin underline, so cue highlights stay readable."""
    return ".claim{border-bottom:2px solid transparent}" + "".join(
        f".claim-{c.name}{{border-bottom-color:{c.colour}}}" for c in CLAIM_CLASSES.values()
    )
