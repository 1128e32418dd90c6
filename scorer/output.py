"""Output formats, defined once: text, JSON Lines, CSV, the --explain view and the HTML page.

Every format is a ``Writer`` registered in ``FORMATS``; the command line and the library pick
one by name and write results to any stream, so ``-o FILE`` applies to every format. The
streaming formats write one complete, flushed record per document.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from scorer.errors import ScorerError
from scorer.escapes import csv_safe, printable
from scorer.evidence import OWN_VOICE, SPECIFIC
from scorer.scoring import Result, output_columns


class Writer:
    """Writes each result whole, then flushes, so an interrupted run leaves complete records."""

    description = ""
    resumable = False  # its records carry ids, so an interrupted run can be resumed
    needs_evidence = False  # it shows the evidence whatever --no-evidence says

    def __init__(self, stream: IO[str], evidence: bool = True, header: bool = True, color: bool = False) -> None:
        self.stream, self.evidence, self.color = stream, evidence, color
        if header:
            self.start()

    def start(self) -> None:
        """Whatever comes before the first record (a CSV header)."""

    def write(self, result: Result) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Whatever comes after the last record (the HTML page)."""

    def _emit(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


class TextWriter(Writer):
    description = "a short block per document, for people"

    def write(self, result: Result) -> None:
        self._emit(format_text(result, self.evidence))


class JsonWriter(Writer):
    description = "one JSON object per line, with the evidence unless --no-evidence"
    resumable = True

    def write(self, result: Result) -> None:
        self._emit(json.dumps(result.to_dict(self.evidence), ensure_ascii=False) + "\n")


class CsvWriter(Writer):
    description = "one row per document: scores and every feature"
    resumable = True

    def start(self) -> None:
        self._emit(_csv_line(output_columns()))

    def write(self, result: Result) -> None:
        row = result.to_row(digits=4)  # keys in output_columns() order, as the header
        self._emit(_csv_line(["" if v is None else csv_safe(v) for v in row.values()]))


class ExplainWriter(Writer):
    description = "every sentence with its cues marked and its claim class (colour on a terminal)"
    needs_evidence = True

    def write(self, result: Result) -> None:
        from scorer.terminal import render_explain

        self._emit(render_explain(result, text_of(result), color=self.color) + "\n")


class HtmlWriter(Writer):
    description = "one self-contained HTML page of the evidence, written when the last document is scored"
    needs_evidence = True

    def __init__(
        self,
        stream: IO[str],
        evidence: bool = True,
        header: bool = True,
        color: bool = False,
        sources_by: str | None = None,
    ) -> None:
        super().__init__(stream, evidence, header, color)
        self.results: list[Result] = []
        self.sources_by = sources_by

    def write(self, result: Result) -> None:
        self.results.append(result)

    def close(self) -> None:
        from scorer.report import render_report

        self._emit(render_report([(r, text_of(r)) for r in self.results], sources_by=self.sources_by))


FORMATS: dict[str, type[Writer]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "csv": CsvWriter,
    "explain": ExplainWriter,
    "html": HtmlWriter,
}


def text_of(result: Result) -> str:
    """The text a result's evidence points into (kept with its explanation; none for error rows)."""
    return result.explanation.text if result.explanation is not None else ""


def _csv_line(values: Sequence[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def format_text(result: Result, evidence: bool = True) -> str:
    """A short human-readable block: label, probability, and the strongest evidence."""
    return printable(_text_block(result, evidence))


def _text_block(result: Result, evidence: bool) -> str:
    if not result.ok:
        return f"{result.id}: ERROR {result.error}\n"
    short = ", low confidence: under 50 words" if result.low_confidence else ""
    lines = [
        f"{result.id}: {result.label} (P(speculative) {result.p_speculative:.2f}, "
        f"threshold {result.threshold:.2f}, model {result.model}{short})"
    ]
    if (note := result.page_note()) is not None:
        lines.append(f"  {note}")
    if evidence:
        for name, push in result.top_contributions(3):
            toward = "speculative" if push > 0 else "reported"
            value = f" = {result.features[name]:.3g}" if name in result.features else _ngram_note(result)
            lines.append(f"  {push:+.2f} {name}{value}  (towards {toward})")
        ex = result.explanation
        if ex is not None:
            for sentence in ex.hedged()[:2]:
                cues = ", ".join(c.text for c in sentence.cues if c.kind in OWN_VOICE)
                lines.append(f"  hedged: {_clip(sentence.text)}  [{cues}]")
            for sentence in ex.specific()[:2]:
                cues = ", ".join(c.text for c in sentence.cues if c.kind in SPECIFIC)
                lines.append(f"  specific: {_clip(sentence.text)}  [{_clip(cues, 60)}]")
            if ex.boilerplate:
                lines.append(
                    f"  boilerplate: {len(ex.boilerplate)} line(s), e.g. {_clip(ex.boilerplate[0].text, 40)!r}"
                )
    return "\n".join(lines) + "\n"


def _ngram_note(result: Result) -> str:
    """The strongest word n-grams behind the n-gram term, e.g. ' (likely +0.31, said -0.22)'."""
    shown = ", ".join(f"{g} {v:+.2f}" for g, v in result.ngram_pushes[:3])
    return f" ({shown})" if shown else ""


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class OutputFile:
    """A results file: checked before any work, locked against a second writer, resumable.

    Resuming trims a torn last line first, checks the file is in the format asked for, then
    counts the rows already written per id; ``skip`` then passes over that many inputs of each
    id, in input order, so duplicate ids are resumed by position and nothing is lost or doubled.
    """

    def __init__(self, path: Path, fmt: str, resume: bool, inputs: list[str]) -> None:
        check_writable(path, "--output")
        if any(arg != "-" and Path(arg).resolve() == path.resolve() for arg in inputs):
            raise ScorerError(f"{path}: the output is also an input; write the results elsewhere")
        if resume and not FORMATS[fmt].resumable:
            resumable = " or ".join(name for name, writer in FORMATS.items() if writer.resumable)
            raise ScorerError(f"--resume needs --format {resumable} ({fmt} output has no ids to resume from)")
        self.path, self.fmt = path, fmt
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise ScorerError(f"{path}: cannot open for writing ({exc.strerror})") from exc
        self.stream = open(fd, "r+", encoding="utf-8", errors="backslashreplace", newline="")
        _lock(self.stream, path)
        if resume:
            _trim_partial_line(self.stream)
            self.done = _written_ids(self.stream, fmt, path)
        else:
            self.stream.truncate(0)
            self.done = Counter()
        self.stream.seek(0, os.SEEK_END)
        self.needs_header = self.stream.tell() == 0

    def skip(self, doc_id: str) -> bool:
        """Whether this input was written by an earlier run (counts down per id)."""
        if self.done[doc_id] > 0:
            self.done[doc_id] -= 1
            return True
        return False

    def close(self) -> None:
        self.stream.close()


def check_writable(path: Path, option: str) -> None:
    """Refuse an output path that cannot be written, before any scoring starts."""
    if path.is_dir():
        raise ScorerError(f"{option} {path}: is a directory")
    if not path.parent.is_dir():
        raise ScorerError(f"{option} {path}: folder {path.parent} does not exist")


def _lock(stream: IO[str], path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # no advisory locks on this platform
        return
    try:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        stream.close()
        raise ScorerError(f"{path}: another run is writing to it") from exc


def _trim_partial_line(stream: IO[str]) -> None:
    """Cut a last line that an interrupted run left without its newline."""
    raw = stream.buffer  # type: ignore[attr-defined]
    raw.seek(0)
    data = raw.read()
    if data and not data.endswith(b"\n"):
        raw.seek(0)
        raw.truncate(data.rfind(b"\n") + 1)
    stream.seek(0)


def _written_ids(stream: IO[str], fmt: str, path: Path) -> Counter[str]:
    stream.seek(0)
    lines = stream.read().splitlines()
    done: Counter[str] = Counter()
    if not lines:
        return done
    if fmt == "csv":
        if next(csv.reader([lines[0]]), []) != output_columns():
            raise ScorerError(
                f"{path}: not a CSV of this scorer's columns; resume it with the format it was written in"
            )
        for row in csv.DictReader(lines):
            done[row["path"]] += 1
        return done
    for number, line in enumerate(lines, start=1):
        try:
            done[json.loads(line)["path"]] += 1
        except (ValueError, KeyError, TypeError) as exc:
            raise ScorerError(
                f"{path}:{number}: not a JSON result row; resume it with the format it was written in"
            ) from exc
    return done
