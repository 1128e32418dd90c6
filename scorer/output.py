"""Output formats, defined once: text, JSON Lines, CSV, the --explain view and the HTML page.

Every format is a ``Writer`` registered in ``FORMATS``; the command line and the library pick
one by name and write results to any stream, so ``-o FILE`` applies to every format. The
streaming formats write one complete, flushed record per document.
"""

from __future__ import annotations

import csv
import json
import os
import stat
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from scorer.cuekinds import EVIDENCE_LISTS
from scorer.documents import iter_lines
from scorer.errors import ScorerError
from scorer.escapes import csv_line, csv_safe, json_line, one_line, printable
from scorer.scoring import Result, output_columns


class Writer:
    """Writes each result whole, then flushes, so an interrupted run leaves complete records."""

    description = ""
    resumable = False  # its records carry ids, so an interrupted run can be resumed
    needs_evidence = False  # it shows the evidence whatever --no-evidence says

    def __init__(
        self, stream: IO[str], evidence: bool = True, header: bool = True, color: bool = False, kept: Sequence[str] = ()
    ) -> None:
        self.stream, self.evidence, self.color, self.kept = stream, evidence, color, tuple(kept)
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
        self._emit(json_line(result.to_dict(self.evidence, self.kept)))


class CsvWriter(Writer):
    description = "one row per document: scores and every feature"
    resumable = True

    def start(self) -> None:
        self._emit(csv_line(output_columns(self.kept)))

    def write(self, result: Result) -> None:
        self._emit(csv_line(result.to_row(4, self.kept).values()))  # keys in output_columns() order, as the header


class ExplainWriter(Writer):
    description = "every sentence with its cues marked and its claim class (colour on a terminal)"
    needs_evidence = True

    def write(self, result: Result) -> None:
        from scorer.terminal import render_explain

        self._emit(render_explain(result, text_of(result), color=self.color) + "\n")


class HtmlWriter(Writer):
    description = "one self-contained HTML page of the evidence, written when the last document is scored"
    # Each article's section is rendered as it arrives; only its summary row stays in memory.
    needs_evidence = True

    def __init__(
        self,
        stream: IO[str],
        evidence: bool = True,
        header: bool = True,
        color: bool = False,
        kept: Sequence[str] = (),
    ) -> None:
        from scorer.report import Report

        super().__init__(stream, evidence, header, color, kept)
        self.report = Report()  # sections stream to a temporary file

    def write(self, result: Result) -> None:
        self.report.add(result, text_of(result))

    def close(self) -> None:
        self.report.write(self.stream)
        self.stream.flush()


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


def format_text(result: Result, evidence: bool = True) -> str:
    """A short human-readable block: label, probability, and the strongest evidence."""
    return printable(_text_block(result, evidence))


def _text_block(result: Result, evidence: bool) -> str:
    name = one_line(result.id)
    if not result.ok:
        error = (result.error or "").removeprefix(f"{result.id}: ")  # the line starts with the id already
        return f"{name}: ERROR {one_line(error)}\n"
    short = ", low confidence: under 50 words" if result.low_confidence else ""
    lines = [
        f"{name}: {result.label} (P(speculative) {result.p_speculative:.2f}, "
        f"threshold {result.threshold:.2f}, model {result.model}{short})"
    ]
    if (note := result.page_note()) is not None:
        lines.append(f"  {one_line(note)}")
    if evidence:
        for name, push in result.top_contributions(3):
            toward = "speculative" if push > 0 else "reported"
            value = f" = {result.features[name]:.3g}" if name in result.features else _ngram_note(result)
            lines.append(f"  {push:+.2f} {name}{value}  (towards {toward})")
        ex = result.explanation
        if ex is not None:
            for shown in EVIDENCE_LISTS:
                for sentence in ex.listed(shown.kinds, shown.excluding)[:2]:
                    cues = ", ".join(c.text for c in sentence.cues if c.kind in shown.kinds)
                    lines.append(f"  {shown.name}: {one_line(_clip(sentence.text))}  [{one_line(_clip(cues, 60))}]")
            if ex.boilerplate:
                lines.append(
                    f"  boilerplate: {len(ex.boilerplate)} line(s), e.g. {one_line(repr(_clip(ex.boilerplate[0].text, 40)))}"
                )
    return "\n".join(lines) + "\n"


def _ngram_note(result: Result) -> str:
    """The strongest word n-grams behind the n-gram term, e.g. ' (likely +0.31, said -0.22)'."""
    shown = ", ".join(f"{one_line(g)} {v:+.2f}" for g, v in result.ngram_pushes[:3])
    return f" ({shown})" if shown else ""


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class OutputFile:
    """A results file: checked before any work, locked against a second writer, resumable.

    Resuming trims a torn last line first, checks the file is in the format asked for, then
    counts the rows already written per id, as the writer wrote it (a CSV id is formula-escaped);
    ``skip`` then passes over that many inputs of each id, in input order, so duplicate ids are
    resumed by position and nothing is lost or doubled. The file is read once, line by line.
    """

    def __init__(
        self,
        path: Path,
        fmt: str,
        resume: bool,
        inputs: Iterable[str],
        others: Iterable[tuple[str, Path | None]] = (),
        kept: Sequence[str] = (),
    ) -> None:
        from scorer.targets import check_target

        check_target(path, "--output", inputs, others)
        if resume and not FORMATS[fmt].resumable:
            resumable = " or ".join(name for name, writer in FORMATS.items() if writer.resumable)
            raise ScorerError(f"--resume needs --format {resumable} ({fmt} output has no ids to resume from)")
        self.path, self.fmt = path, fmt
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise ScorerError(f"{path}: cannot open for writing ({exc.strerror})") from exc
        self.stream = open(fd, "r+", encoding="utf-8", errors="backslashreplace", newline="")
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a device such as /dev/null: written as it is
            if resume:
                self.stream.close()
                raise ScorerError(f"--resume needs a regular file to read back, and {path} is a device")
            self.done: Counter[str] = Counter()
            self.needs_header = True
            return
        _lock(self.stream, path)
        if resume:
            _trim_partial_line(self.stream)
            self.done = _written_ids(self.stream, fmt, path, kept)
        else:
            self.stream.truncate(0)
            self.done = Counter()
        self.stream.seek(0, os.SEEK_END)
        self.needs_header = self.stream.tell() == 0

    def skip(self, doc_id: str) -> bool:
        """Whether this input was written by an earlier run (counts down per id)."""
        key = str(csv_safe(doc_id)) if self.fmt == "csv" else doc_id
        if self.done[key] > 0:
            self.done[key] -= 1
            return True
        return False

    def close(self) -> None:
        self.stream.close()


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


def _trim_partial_line(stream: IO[str], chunk: int = 1 << 16) -> None:
    """Cut a last line that an interrupted run left without its newline (reads only the file's tail)."""
    raw = stream.buffer  # type: ignore[attr-defined]
    end = raw.seek(0, os.SEEK_END)
    position = end
    while position > 0:
        start = max(0, position - chunk)
        raw.seek(start)
        block = raw.read(position - start)
        if position == end and block.endswith(b"\n"):
            break
        cut = block.rfind(b"\n")
        if cut >= 0:
            raw.truncate(start + cut + 1)
            break
        position = start
    else:
        raw.truncate(0)
    stream.seek(0)


def _written_ids(stream: IO[str], fmt: str, path: Path, kept: Sequence[str] = ()) -> Counter[str]:
    stream.seek(0)
    done: Counter[str] = Counter()
    if fmt == "csv":
        reader = csv.reader(stream)
        header = next(reader, None)
        if header is None:
            return done
        if header != output_columns(kept):
            raise ScorerError(
                f"{path}: not a CSV of this scorer's columns (and kept columns); resume it with the format "
                "and --keep-columns it was written with"
            )
        column = header.index("path")
        for row in reader:
            if len(row) > column:
                done[row[column]] += 1
        return done
    for number, line in enumerate(iter_lines(stream), start=1):
        if not line.strip():
            continue
        try:
            done[json.loads(line)["path"]] += 1
        except (ValueError, KeyError, TypeError) as exc:
            raise ScorerError(
                f"{path}:{number}: not a JSON result row; resume it with the format it was written in"
            ) from exc
    return done
