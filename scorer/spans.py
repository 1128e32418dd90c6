"""Marking stretches of a text (cues, claim classes) for the HTML page and the terminal, properly nested."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape

from scorer.cues.match import Match


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: ``rank`` breaks ties of equal extent (lower is outer)."""

    start: int
    end: int
    kind: str
    title: str = ""
    rank: int = 1


def walk(text: str, spans: list[Span]) -> Iterator[tuple[str, str | Span]]:
    """Events ("text", str), ("open", span), ("close", span) with spans properly nested.

    A span crossing the end of an enclosing one is closed there and reopened, so overlapping
    cues never produce badly nested markup. Spans outside the text are dropped.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    order = sorted(spans, key=lambda s: (s.start, -s.end, s.rank))
    stack: list[Span] = []
    pos = i = 0
    for point in sorted({p for s in spans for p in (s.start, s.end)} | {len(text)}):
        if point > pos:
            yield "text", text[pos:point]
            pos = point
        reopen = []
        while any(s.end == point for s in stack):
            span = stack.pop()
            yield "close", span
            if span.end != point:
                reopen.append(span)
        for span in reversed(reopen):
            stack.append(span)
            yield "open", span
        while i < len(order) and order[i].start == point:
            stack.append(order[i])
            yield "open", order[i]
            i += 1


def markup(
    text: str,
    spans: list[Span],
    open_: Callable[[Span], str],
    close: Callable[[Span], str],
    chunk: Callable[[str], str] = escape,
) -> str:
    """``text`` with every span wrapped by ``open_``/``close`` and plain chunks passed through ``chunk``."""
    out = []
    for event, item in walk(text, spans):
        out.append(chunk(item) if isinstance(item, str) else (open_ if event == "open" else close)(item))
    return "".join(out)


def cue_spans(cues: list[Match], text: str, shift: int = 0) -> list[Span]:
    """Cues as spans of ``text`` starting at ``shift`` (quotes outermost); cues that do not match it are dropped."""
    return [
        Span(c.start - shift, c.end - shift, c.kind, f"{c.kind}: {c.text}", 0 if c.kind == "quote" else 1)
        for c in cues
        if c.start >= shift and text[c.start - shift : c.end - shift] == c.text
    ]
