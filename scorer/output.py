"""Writing results as text, JSON Lines or CSV: one complete, flushed record per document."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO

from scorer.explain import OWN_VOICE
from scorer.scoring import Result, output_columns

FORMATS = ("text", "json", "csv")


class Writer:
    """Writes each result whole, then flushes, so an interrupted run leaves complete rows."""

    def __init__(self, stream: IO[str], fmt: str, evidence: bool, write_header: bool = True) -> None:
        self.stream, self.fmt, self.evidence = stream, fmt, evidence
        self.columns = output_columns()
        if fmt == "csv" and write_header:
            self._emit(self._csv_line(self.columns))

    def write(self, result: Result) -> None:
        if self.fmt == "json":
            self._emit(json.dumps(result.to_dict(self.evidence), ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            row = result.to_row(digits=4)
            self._emit(self._csv_line(["" if row[c] is None else row[c] for c in self.columns]))
        else:
            self._emit(format_text(result, self.evidence))

    def _emit(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    @staticmethod
    def _csv_line(values: list[object]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(values)
        return buffer.getvalue()


def format_text(result: Result, evidence: bool = True) -> str:
    """A short human-readable block: label, probability, and the strongest evidence."""
    if not result.ok:
        return f"{result.id}: ERROR {result.error}\n"
    short = ", low confidence: under 50 words" if result.low_confidence else ""
    lines = [f"{result.id}: {result.label} (p={result.probability:.2f}, model {result.model}{short})"]
    if evidence:
        for name, push in result.top_contributions(3):
            toward = "speculative" if push > 0 else "reported"
            lines.append(f"  {push:+.2f} {name} = {result.features[name]:.3g}  (towards {toward})")
        ex = result.explanation
        if ex is not None:
            for sentence in ex.hedged()[:2]:
                cues = ", ".join(c.text for c in sentence.cues if c.kind in OWN_VOICE)
                lines.append(f"  hedged: {_clip(sentence.text)}  [{cues}]")
            for sentence in ex.specific()[:2]:
                cues = ", ".join(c.text for c in sentence.cues if c.kind in ("quote", "attribution", "person", "date"))
                lines.append(f"  specific: {_clip(sentence.text)}  [{_clip(cues, 60)}]")
            if ex.boilerplate:
                lines.append(f"  boilerplate: {len(ex.boilerplate)} line(s), e.g. {_clip(ex.boilerplate[0].text, 40)!r}")
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def done_ids(path: Path, fmt: str) -> set[str]:
    """Ids already written to an output file (for --resume); a torn last line is ignored."""
    if not path.exists():
        return set()
    done: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        if fmt == "json":
            for line in fh:
                try:
                    done.add(json.loads(line)["path"])
                except (ValueError, KeyError, TypeError):
                    continue
        elif fmt == "csv":
            for row in csv.DictReader(fh):
                if row.get("path") and None not in row:
                    done.add(row["path"])
    return done


def trim_partial_line(path: Path) -> None:
    """Cut a last line that an interrupted run left without its newline."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as fh:
        data = fh.read()
        if not data.endswith(b"\n"):
            fh.truncate(data.rfind(b"\n") + 1)
