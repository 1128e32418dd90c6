"""The evidence behind a score for a terminal: ANSI colours, or plain brackets when piped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from scorer.cuekinds import CLAIM_CLASSES, SHOWN
from scorer.cuekinds import KINDS as CUE_KINDS
from scorer.escapes import printable
from scorer.scoring import Result
from scorer.spans import Span, cue_spans, walk

TOP_CONTRIBUTIONS = 8
# typer.style keyword arguments per cue kind (scorer.cuekinds); nested cues merge, the inner one wins.
STYLES: dict[str, dict[str, Any]] = {name: kind.terminal for name, kind in CUE_KINDS.items()}
GREY: dict[str, Any] = {"fg": "bright_black"}
CLAIM_STYLES: dict[str, dict[str, Any]] = {name: c.terminal for name, c in CLAIM_CLASSES.items()}


def _styled(text: str, spans: list[Span]) -> str:
    """``text`` with each stretch coloured by the merged styles of the cues covering it."""
    out: list[str] = []
    stack: list[Span] = []
    for event, item in walk(text, spans):
        if isinstance(item, Span):
            if event == "open":
                stack.append(item)
            else:
                stack.remove(item)
        elif stack:
            style: dict[str, Any] = {}
            for span in stack:
                style.update(STYLES.get(span.kind, {}))
            out.append(typer.style(printable(item), **style))
        else:
            out.append(printable(item))
    return "".join(out)


def _bracketed(text: str, spans: list[Span]) -> str:
    """``text`` with each cue written as ``[kind: words]`` (nested for cues inside quotes)."""
    out = []
    for event, item in walk(text, spans):
        out.append(printable(item) if isinstance(item, str) else f"[{item.kind}: " if event == "open" else "]")
    return "".join(out)


def _paint(text: str, color: bool, **style: Any) -> str:
    return typer.style(text, **style) if color else text


def render_explain(result: Result, text: str, color: bool) -> str:
    """Label and probability, top contributions, body sentences with cues marked, boilerplate lines.

    The sentences come from the result's explanation, so ``text`` may be empty (e.g. stdin input).
    """
    name = printable(result.id)
    if not result.ok:
        return f"{name}: " + _paint(printable(f"error: {result.error}"), color, fg="red", bold=True)
    label = result.label or "?"
    head = _paint(label, color, fg="red" if label == "speculative" else "green", bold=True)
    lines = [
        f"{name}: {head} (P(speculative) {result.p_speculative or 0:.3f}, threshold {result.threshold or 0.5:.3f}, "
        f"model {result.model})"
    ]
    if (note := result.page_note()) is not None:
        lines.append(printable(note))
    top = result.top_contributions(TOP_CONTRIBUTIONS)
    if top:
        lines.append("top contributions (log-odds; + pushes towards speculative, - towards reported):")
        width = max(len(name) for name, _ in top)
        for name, value in top:
            bar = ("+" if value > 0 else "-") * max(1, min(20, round(abs(value) * 5)))
            painted = _paint(bar, color, fg="red" if value > 0 else "green")
            lines.append(f"  {name:<{width}}  {value:+.3f}  {painted}")
    if result.ngram_pushes:
        lines.append("word n-grams: " + ", ".join(f"{printable(g)} {v:+.3f}" for g, v in result.ngram_pushes))
    ex = result.explanation
    if ex is None:
        return "\n".join(lines)
    if color:
        lines.append("cues: " + " ".join(typer.style(k, **STYLES[k]) for k in SHOWN))
    counts = ", ".join(f"{n} {c}" for c, n in ex.claim_counts().items() if n)
    lines.append(f"sentences ({len(ex.sentences)}; who carries the claim: {counts}):")
    mark: Callable[[str, list[Span]], str] = _styled if color else _bracketed
    for sentence in ex.sentences:
        tag = _paint(f"{sentence.claim or '?':<10}", color, **CLAIM_STYLES.get(sentence.claim or "", {}))
        lines.append(f"  {tag} " + mark(sentence.text, cue_spans(sentence.cues, sentence.text, sentence.start)))
    if ex.boilerplate:
        lines.append(_paint(f"boilerplate lines, not scored ({len(ex.boilerplate)}):", color, **GREY))
        for line in ex.boilerplate:
            text = printable(line.text)
            entry = f"  ~ {text}  ({line.reason})" if color else f"  [boilerplate: {line.reason}] {text}"
            lines.append(_paint(entry, color, **GREY))
    return "\n".join(lines)
