"""Every kind of cue shown as evidence, defined once: name, group, legend, terminal style, CSS.

The terminal (``terminal.py``), the HTML page (``report.py``), the evidence records
(``evidence.py``, ``scoring.py``) and the text output (``output.py``) all read this table, so
adding a kind of evidence touches this file and the finder that produces it.
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


KINDS: dict[str, CueKind] = {k.name: k for k in (
    CueKind("hedge", OWN_VOICE, "hedge in the writer's own voice (likely, probably, may)",
            {"fg": "yellow", "bold": True}, "background:#ffd33d"),
    CueKind("attributed_hedge", ATTRIBUTED, "hedge inside a quote or an attributed statement",
            {"fg": "yellow", "italic": True}, "background:#fff5b1;border-bottom:2px dashed #9a6700"),
    CueKind("weasel", OWN_VOICE, "weasel phrase (some say, experts believe)",
            {"fg": "red", "bold": True}, "background:#ffb77c"),
    CueKind("filler", OWN_VOICE, "filler phrase (let's dive in, in summary)", {"fg": "magenta"}, "background:#f9c0e2"),
    CueKind("booster", OWN_VOICE, "the writer's certainty or feeling (clearly, outrageous)", {"fg": "red"},
            "background:#ffcecb"),
    CueKind("directive", OWN_VOICE, "the writer's call (should, must, it is time to)",
            {"fg": "red", "underline": True}, "background:#ffcecb;border-bottom:2px solid #cf222e"),
    CueKind("quote", SPECIFIC, "direct quote", {"fg": "green", "underline": True},
            "background:#dafbe1;border-left:2px solid #1a7f37;border-right:2px solid #1a7f37"),
    CueKind("attribution", SPECIFIC, "attribution (said, told, according to)", {"fg": "cyan", "bold": True},
            "background:#b6e3ff;font-weight:600"),
    CueKind("person", SPECIFIC, "named person with a title", {"fg": "blue", "bold": True},
            "background:#e2d5ff;border-bottom:2px solid #8250df"),
    CueKind("date", SPECIFIC, "date or time", {"fg": "bright_cyan"}, "background:#a5f3e8"),
    CueKind("number", SPECIFIC, "figure", {"fg": "bright_magenta"}, "background:#eaeef2;border-bottom:2px solid #57606a"),
)}
SHOWN = tuple(KINDS)  # display order
TOP_EVIDENCE = 3  # sentences of each group shown in the short outputs


def in_group(group: str) -> tuple[str, ...]:
    """The kinds of one group, in display order."""
    return tuple(k.name for k in KINDS.values() if k.group == group)


def css_rules() -> str:
    """The page's cue classes."""
    return "".join(f".cue-{k.name}{{{k.css}}}" for k in KINDS.values())
