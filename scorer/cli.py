"""Command line: `score FILE...` and `scorer score|train|evaluate|features|info|report`.

Parses arguments, calls the library, formats output; nothing else. Heavy imports
(scikit-learn, pandas) happen inside commands so that `--help` stays instant.
"""

from __future__ import annotations

import io
import math
import os
import stat
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from scorer.documents import DEFAULT_MAX_BYTES
from scorer.errors import ScorerError

if TYPE_CHECKING:
    from scorer.report import Report
    from scorer.resources import Language

CONTEXT = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    help="Tell reported news from speculative filler, with the evidence behind each score.",
    no_args_is_help=True,
    add_completion=False,
    context_settings=CONTEXT,
)


class HtmlMode(str, Enum):
    """When to read a document as an HTML page."""

    auto = "auto"
    always = "always"
    never = "never"


class Format(str, Enum):
    """Output formats of ``score``: the names in ``scorer.output.FORMATS`` (a test keeps the two equal;
    the registry is not imported here so that ``--help`` stays fast)."""

    text = "text"
    json = "json"
    csv = "csv"
    explain = "explain"
    html = "html"


def _version(value: bool) -> None:
    if value:
        from scorer import __version__

        typer.echo(f"sourcescore {__version__}")
        raise typer.Exit()


LanguageDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--language-dir",
        help="A folder of another language's word lists and weights, laid out as scorer/resources/en/ and named "
        "by its code: train a model with it, or score with a model trained with it.",
    ),
]


def _register_language(folder: Path | None) -> Language | None:
    """``--language-dir``: the folder becomes a language of this run (returned), or a usage error says why not."""
    if folder is None:
        return None
    from scorer.resources import register_language

    try:
        return register_language(folder)
    except ValueError as exc:
        _fail(f"--language-dir: {exc}", 2)


VersionOpt = Annotated[
    bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
]


@app.callback()
def _root(version: VersionOpt = False) -> None:
    """Tell reported news from speculative filler, with the evidence behind each score."""


ModelOpt = Annotated[
    Path | None,
    typer.Option(
        "--model", "-m", help="Model file (NAME-vN.model.json, or its NAME-vN.json); default: the newest shipped model."
    ),
]
AnyPathOpt = Annotated[bool, typer.Option("--any-path", help="Let a CSV's path column name files outside its folder.")]


def _show_warnings() -> None:
    """Library warnings (bytes replaced while decoding, another textstat) as one-line ``warning:`` notes, every time."""
    import warnings

    from scorer.documents import DecodeWarning

    warnings.simplefilter("always", DecodeWarning)

    def show(message: Warning | str, *args: object, **kwargs: object) -> None:
        from scorer.escapes import printable

        typer.echo(f"warning: {printable(str(message))}", err=True)

    warnings.showwarning = show


def _kept_columns(keep_columns: str | None, text_column: str, id_column: str | None) -> tuple[str, ...]:
    """--keep-columns as names, or a usage error if one is empty or named like a result field."""
    from scorer.errors import ColumnError
    from scorer.scoring import check_kept

    if keep_columns is None:
        return ()
    kept = tuple(name.strip() for name in keep_columns.split(","))
    if not all(kept):
        _fail(f"--keep-columns takes names separated by commas, not {keep_columns!r}", 2)
    try:
        check_kept(kept)
    except ColumnError as exc:
        _fail(f"--keep-columns: {exc}", 2)
    return kept


def _stdin_attached() -> bool:
    """Whether standard input is a pipe or a file (``cat f | score``, ``score < f``), not a terminal or nothing."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # no real stdin (closed, or a test harness)
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def _stdout_closed() -> None:
    """The reader of stdout went away (``score ... | head``): stop quietly, as Unix tools do (status 141)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
    except (AttributeError, OSError, ValueError):
        pass
    raise typer.Exit(141)


def _fail(message: str, code: int = 1) -> NoReturn:
    from scorer.escapes import printable

    typer.echo(f"error: {printable(message)}", err=True)
    raise typer.Exit(code)


def _check_jobs(jobs: int) -> None:
    if jobs == 0 or jobs < -1:
        _fail(f"--jobs must be a number of processes, or -1 for one per core (got {jobs})", 2)


def _check_threshold(threshold: float | None) -> None:
    if threshold is not None and not 0 < threshold < 1:  # NaN fails both comparisons
        _fail(f"--threshold must be a probability strictly between 0 and 1, not {threshold}", 2)


def printable_path(path: Path) -> str:
    """A path as it may be shown on a terminal."""
    from scorer.escapes import one_line

    return one_line(str(path))


@app.command("score")
def score_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories, .jsonl/.csv tables, web pages (http:// or https://), or - for stdin "
            "(read without - too when nothing else is named and a pipe or file is attached).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="text (for people), json (one object per line), csv, explain (every sentence marked) or html (one page). Default: from the --output suffix (.json/.jsonl, .csv, .html), else text.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write results here instead of stdout (any format).")
    ] = None,
    model: ModelOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (-1: one per core).")] = 1,
    glob: Annotated[str, typer.Option(help="Files to take from directories (recursive).")] = "*.txt",
    text_column: Annotated[str, typer.Option(help="Text field of .jsonl/.csv inputs.")] = "text",
    id_column: Annotated[str | None, typer.Option(help="Id field of .jsonl/.csv inputs (default: file:line).")] = None,
    keep_columns: Annotated[
        str | None,
        typer.Option(
            "--keep-columns",
            help="Fields of .jsonl/.csv inputs to carry into the json and csv output, comma-separated "
            "(e.g. url,title,date; null where a row lacks one).",
        ),
    ] = None,
    fetch: Annotated[
        bool,
        typer.Option(
            "--fetch",
            help="The --text-column of .jsonl/.csv inputs holds URLs: fetch each page (in turn; 10 s timeout, "
            "--max-bytes cap, each failure an error row) and score it, named by its URL unless --id-column.",
        ),
    ] = False,
    evidence: Annotated[
        bool, typer.Option(help="Include the evidence (hedged/specific sentences, boilerplate).")
    ] = True,
    explain: Annotated[bool, typer.Option("--explain", help="Same as --format explain.")] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML page of the evidence here.")
    ] = None,
    resume: Annotated[bool, typer.Option(help="With --output: skip ids already in the file and append.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = DEFAULT_MAX_BYTES,
    any_language: Annotated[
        bool,
        typer.Option(
            "--any-language",
            help="Score texts that are not English too (the model was trained on English; such scores are unreliable).",
        ),
    ] = False,
    any_genre: Annotated[
        bool,
        typer.Option(
            "--any-genre",
            help="Score pages that are not news too (product pages, documentation, forum threads, listings are refused by default: the model judges news articles only).",
        ),
    ] = False,
    html_input: Annotated[
        HtmlMode,
        typer.Option(
            "--html-input",
            help="Read documents as HTML pages (main text and metadata, needs the html extra): auto by .html suffix or content, always, or never.",
        ),
    ] = HtmlMode.auto,
    timeout: Annotated[
        float, typer.Option(help="Seconds one document may take before it becomes an error row (0: no limit).")
    ] = 60.0,
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Call a document speculative from this P(speculative) on. Default: the model's own, 0.5 for the shipped model, whose probabilities already include its operating point (at most 5% of reporting called speculative on cross-validation); lower catches more speculation and calls more reporting speculative."
        ),
    ] = None,
    language_dir: LanguageDirOpt = None,
    version: VersionOpt = False,
) -> None:
    """Label each document reported or speculative, with its probability and evidence.

    Exit code 0 when every document was scored, 1 when some rows are errors (they are
    still written, one per input), 2 on a usage error.
    """
    from scorer.batch import score_many, settle
    from scorer.inputs import count_documents, iter_documents
    from scorer.scoring import Scorer

    if not inputs:
        if not _stdin_attached():
            typer.echo(ctx.get_help())
            raise typer.Exit(2)
        inputs = ["-"]
    by_suffix = _format_of(output)
    if (
        output is not None
        and fmt is not None
        and by_suffix is not None
        and Format(fmt).value != by_suffix
        and not explain
    ):
        _fail(f"--format {Format(fmt).value} does not match --output {output.name} (a {by_suffix} file)", 2)
    name = "explain" if explain else Format(fmt).value if fmt is not None else by_suffix or "text"
    _check_jobs(jobs)
    if resume and output is None:
        _fail("--resume needs --output FILE", 2)
    if not (timeout >= 0 and math.isfinite(timeout)):  # NaN fails both comparisons
        _fail(f"--timeout must be a number of seconds, 0 or more (0: no limit), not {timeout}", 2)
    if max_bytes < 1:
        _fail(f"--max-bytes must be a positive number of bytes, not {max_bytes}", 2)
    _check_threshold(threshold)
    _register_language(language_dir)
    kept = _kept_columns(keep_columns, text_column, id_column)
    _show_warnings()
    failed = 0
    try:
        with _Outputs(name, output, html, resume, inputs, evidence, kept) as outputs:
            scorer = Scorer(model, any_language=any_language, threshold=threshold, any_genre=any_genre)
            settle(scorer)  # before forking workers too: they inherit the frozen heap
            docs = outputs.pending(
                iter_documents(
                    inputs,
                    glob,
                    text_column,
                    id_column,
                    max_bytes,
                    exclude=[output] if output else [],
                    html=HtmlMode(html_input).value,
                    keep=kept,
                    fetch_urls=fetch,
                )
            )
            show = output is not None and sys.stderr.isatty()
            total = count_documents(inputs, glob, [output] if output else []) if show and not resume else None
            with _Progress(enabled=show, total=total) as progress:
                for result in score_many(
                    docs,
                    n_jobs=jobs,
                    model=scorer,
                    evidence=outputs.evidence,
                    max_bytes=max_bytes,
                    timeout=timeout or None,
                ):
                    failed += not result.ok
                    outputs.write(result)
                    progress.tick()
            if progress.count == 0 and not (output is not None and resume):
                _fail(f"no documents found in {' '.join(inputs)} (directories are searched for --glob {glob!r})")
    except ScorerError as exc:
        _fail(str(exc))
    except BrokenPipeError:
        _stdout_closed()
    except OSError as exc:
        _fail(f"cannot write {exc.filename or output or 'the output'}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        resume_hint = f"; score again with --resume -o {printable_path(output)} to go on" if output else ""
        _fail(f"interrupted: every row written is complete{resume_hint}", 130)
    if failed:
        typer.echo(f"{failed} document(s) could not be scored (see their error rows)", err=True)
        raise typer.Exit(1)


SUFFIX_FORMATS = {".json": "json", ".jsonl": "json", ".ndjson": "json", ".csv": "csv", ".html": "html", ".htm": "html"}


def _format_of(output: Path | None) -> str | None:
    """The format an output file's suffix names, if any."""
    return SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None


class _Outputs:
    """Where ``score`` writes: the chosen format to ``-o FILE`` or stdout, plus the ``--html`` page if asked.

    The output file is checked, locked and (with ``--resume``) read before any scoring starts.
    """

    def __init__(
        self,
        fmt: str,
        output: Path | None,
        html: Path | None,
        resume: bool,
        inputs: list[str],
        evidence: bool,
        kept: tuple[str, ...] = (),
    ) -> None:
        from scorer import output as out
        from scorer.targets import check_target

        writer = out.FORMATS[fmt]
        if html is not None:
            check_target(html, "--html", inputs, [("--output", output)])
        self.sink = out.OutputFile(output, fmt, resume, inputs, kept=kept) if output else None
        stream = self.sink.stream if self.sink else _stdout()
        color = fmt == "explain" and stream.isatty() and not os.environ.get("NO_COLOR")  # https://no-color.org
        self.writers = [
            writer(
                stream, evidence or writer.needs_evidence, self.sink.needs_header if self.sink else True, color, kept
            )
        ]
        self.html, self.resume = html, resume
        self.page = out.HtmlWriter(io.StringIO()) if html is not None else None  # written into --html at the end
        if self.page is not None:
            self.writers.append(self.page)
        self.evidence = any(w.evidence for w in self.writers)

    def pending(self, docs: Iterator[Any]) -> Iterator[Any]:
        """The documents still to score: with ``--resume``, those not in the output already."""
        sink = self.sink
        return (d for d in docs if not sink.skip(d.id)) if sink is not None and self.resume else docs

    def write(self, result: Any) -> None:
        for writer in self.writers:
            writer.write(result)

    def __enter__(self) -> _Outputs:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            if kind is None or kind is typer.Exit:
                for writer in self.writers:
                    if writer is not self.page:
                        writer.close()
                if self.html is not None and self.page is not None:
                    from scorer.targets import write_whole

                    with write_whole(self.html, "--html") as stream:
                        self.page.stream = stream
                        self.page.close()
                    typer.echo(f"wrote {printable_path(self.html)}", err=True)
        finally:
            if self.sink is not None:
                self.sink.close()


def _stdout() -> Any:
    """Standard output that never fails on an unencodable character (a lone surrogate in an id)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    return sys.stdout


class _Progress:
    """Documents scored so far, with rate and elapsed time, on stderr when it is a terminal (rich)."""

    def __init__(self, enabled: bool, what: str = "scored", total: int | None = None) -> None:
        self.enabled, self.what, self.count, self.total = enabled, what, 0, total
        self._bar: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                SpinnerColumn(),
                TextColumn(self.what),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.what, total=self.total)
        return self

    def tick(self) -> None:
        self.count += 1
        if self._bar is not None:
            self._bar.update(self._task, completed=self.count)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


@app.command()
def train(
    labels: Annotated[
        list[Path], typer.Argument(help="Labelled CSV file(s): text or path, label (reported|speculative).")
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the new model version.")] = Path("models"),
    name: Annotated[
        str,
        typer.Option(
            help="Model name: files are NAME-vN.model.json and NAME-vN.json (the shipped model is 'sourcescore')."
        ),
    ] = "custom",
    seed: Annotated[int, typer.Option(help="Random seed (same CSV + seed = same model).")] = 0,
    c: Annotated[
        float | None,
        typer.Option(
            "--C", help="Inverse regularisation strength of the feature model [default: the shipped recipe's]."
        ),
    ] = None,
    ngram_c: Annotated[
        float | None,
        typer.Option("--ngram-C", help="Inverse regularisation strength of the word 1-2 gram term [default: shipped]."),
    ] = None,
    ngrams: Annotated[
        bool,
        typer.Option(help="Blend in the word 1-2 gram term (from 200 rows on; smaller sets never get it)."),
    ] = True,
    max_fpr: Annotated[
        float,
        typer.Option(
            "--max-fpr",
            help="Operating point: the share of reporting the model may call speculative on cross-validation.",
        ),
    ] = 0.05,
    any_path: AnyPathOpt = False,
    language_dir: LanguageDirOpt = None,
) -> None:
    """Train a new model version from labelled CSVs, by the same recipe as the shipped model.

    The feature model and the word n-gram term are blended by stacking on cross-validated
    log-odds, and the threshold is set where at most --max-fpr of reporting is called
    speculative (grouped folds when the CSV has a group column). Never overwrites a version.
    """
    from scorer.labels import read_labelled_csv
    from scorer.training import Recipe
    from scorer.training import train as train_model

    if not 0 < max_fpr < 1:
        _fail(f"--max-fpr must be between 0 and 1, not {max_fpr}", 2)
    shipped = Recipe()
    c = shipped.C if c is None else c
    ngram_c = shipped.ngram_C if ngram_c is None else ngram_c
    if not (c > 0 and math.isfinite(c) and (ngram_c is None or (ngram_c > 0 and math.isfinite(ngram_c)))):
        _fail("--C and --ngram-C must be positive numbers", 2)
    recipe = Recipe(C=c, ngram_C=ngram_c if ngrams else None, max_fpr=max_fpr, seed=seed)
    lang = _register_language(language_dir)
    try:
        rows = [row for path in labels for row in read_labelled_csv(path, any_path=any_path)]
        path = train_model(rows, out_dir, name, recipe, sources=[str(p) for p in labels], lang=lang)
    except ScorerError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {path} (trained on {len(rows)} rows); use it with --model {path}")


@app.command()
def evaluate(
    labels: Annotated[Path, typer.Argument(help="Labelled CSV to measure the model on.")],
    model: ModelOpt = None,
    report: Annotated[Path | None, typer.Option(help="Also write an HTML report with plots here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    any_path: AnyPathOpt = False,
    threshold: Annotated[
        float | None,
        typer.Option(help="Call a row speculative from this P(speculative) on [default: the model's own, 0.5]."),
    ] = None,
) -> None:
    """Accuracy, macro-F1, AUC, per-class precision/recall, FPR on reporting, Brier, confusion matrix."""
    import json

    from scorer.evaluation import evaluate_csv, format_metrics
    from scorer.targets import check_target

    try:
        if report is not None:
            check_target(report, "--report", [labels])
        _check_threshold(threshold)
        metrics = evaluate_csv(labels, model, report, any_path=any_path, threshold=threshold)
    except ScorerError as exc:
        _fail(str(exc))
    typer.echo(json.dumps(metrics, indent=2) if as_json else format_metrics(metrics))
    if report is not None:
        typer.echo(f"wrote the report to {report}", err=True)


@app.command()
def features() -> None:
    """The feature schema: every feature's name, version and description."""
    from scorer.features import FAMILIES

    for family, module in FAMILIES.items():
        typer.echo(f"{family}:")
        for f in module.FEATURES:
            typer.echo(f"  {f.name} (v{f.version}): {f.description}")


@app.command()
def info(
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole verified metadata record as JSON.")] = False,
) -> None:
    """A model's summary (verified against its file): name, training data, headline figures, libraries."""
    import json

    from scorer import artifact
    from scorer.escapes import printable

    try:
        path = model or artifact.default_model_path()
        loaded = artifact.load(Path(path))  # every number checked, not only the file's hash
        if as_json:
            typer.echo(printable(json.dumps(loaded.metadata, indent=2, allow_nan=False)))
            return
        typer.echo(printable(_model_summary(loaded.path, loaded.metadata, loaded.model.threshold)))
    except ScorerError as exc:
        _fail(str(exc))
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        _fail(f"{path}: metadata is malformed ({type(exc).__name__}: {exc})")


def _model_summary(path: Path, m: dict[str, Any], threshold: float) -> str:
    data = m.get("training_data", {})
    lines = [
        f"{m['name']}-v{m['model_version']}  ({path})",
        f"  created        {m.get('created', '?')}",
        f"  trained on     {data.get('rows', '?')} rows {data.get('classes', '')}, data sha256 {str(data.get('sha256', ''))[:12]}",
        f"  threshold      P(speculative) >= {threshold:.3f}",
    ]
    for name, figures in m.get("evaluation", {}).items():
        if isinstance(figures, dict) and "macro_f1" in figures:
            shown = ", ".join(
                f"{k} {figures[k]:.3f}"
                for k in ("macro_f1", "false_positive_rate_on_reported", "brier")
                if k in figures
            )
            lines.append(f"  {name:<14} {shown}")
    lines.append("  libraries      " + ", ".join(f"{k} {v}" for k, v in sorted(m["libraries"].items())))
    lines.append("  (scorer info --json for the whole record)")
    return "\n".join(lines)


@app.command()
def report(
    inputs: Annotated[list[str], typer.Argument(help="Files or directories to include.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html"),
    model: ModelOpt = None,
    glob: Annotated[str, typer.Option(help="Files to take from directories (recursive).")] = "*.txt",
    text_column: Annotated[str, typer.Option(help="Text field of .jsonl/.csv inputs.")] = "text",
    id_column: Annotated[str | None, typer.Option(help="Id field of .jsonl/.csv inputs (default: file:line).")] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Add a sources section grouped by this key (e.g. domain, from URL ids).")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (-1: one per core).")] = 1,
    threshold: Annotated[
        float | None,
        typer.Option(help="Call a document speculative from this P(speculative) on [default: the model's own, 0.5]."),
    ] = None,
) -> None:
    """A self-contained HTML page of a batch: sources (with --by), sortable table and each article's evidence.

    Results files of `score` (.jsonl or .csv, without a text field) are read back instead of
    scored: the page shows their scores and the evidence they kept (--threshold relabels them).
    """
    from scorer.report import Report
    from scorer.sources import looks_like_results
    from scorer.targets import check_target, write_whole

    _check_jobs(jobs)
    _check_threshold(threshold)
    recorded = [name for name in inputs if looks_like_results(name, text_column)]
    if recorded and len(recorded) != len(inputs):
        _fail(f"{recorded[0]} is a results file and the other inputs are not: report one kind at a time", 2)
    try:
        check_target(output, "--output", inputs)
        page = Report(sources_by=by)  # each section streams to a temporary file as it is added
        if recorded:
            failed = _report_recorded(page, recorded, threshold)
        else:
            failed = _report_scored(page, inputs, model, glob, text_column, id_column, jobs, threshold)
        if not page.rows:
            _fail(f"no documents found in {' '.join(inputs)} (directories are searched for --glob {glob!r})")
        with write_whole(output) as stream:
            page.write(stream)
        typer.echo(f"wrote {printable_path(output)}", err=True)
    except ScorerError as exc:
        _fail(str(exc))
    if failed:
        typer.echo(f"{failed} of {len(page.rows)} document(s) could not be scored (see the report)", err=True)
        raise typer.Exit(1)


def _report_scored(
    page: Report, inputs: list[str], model: Path | None, glob: str, text_column: str, id_column: str | None,
    jobs: int, threshold: float | None,
) -> int:  # fmt: skip
    """Score the documents into the report; the number that failed."""
    from scorer.batch import score_many, settle
    from scorer.inputs import iter_documents
    from scorer.output import text_of
    from scorer.scoring import Scorer

    scorer = Scorer(model, threshold=threshold)
    settle(scorer)
    failed = 0
    with _Progress(enabled=sys.stderr.isatty()) as progress:
        for result in score_many(iter_documents(inputs, glob, text_column, id_column), jobs, scorer, evidence=True):
            page.add(result, text_of(result))
            failed += not result.ok
            progress.tick()
    return failed


def _report_recorded(page: Report, names: list[str], threshold: float | None) -> int:
    """Results read back from files into the report; the number of error rows."""
    from scorer.sources import read_results

    records = read_results(names, full_evidence=True).to_dict("records")
    return sum(not page.add_record(record, threshold).ok for record in records)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Scoring processes, each holding the model (at most one per core helps).")
    ] = 1,
    model: ModelOpt = None,
    timeout: Annotated[float, typer.Option(help="Seconds each document may take; over it, an error record.")] = 10.0,
    max_body: Annotated[int, typer.Option("--max-body", help="Largest request body in bytes (413 beyond).")] = 32
    * 1024
    * 1024,
    queue: Annotated[
        int, typer.Option(help="Requests admitted at once, scoring or waiting; the next gets 503 at once.")
    ] = 32,
    allow_fetch: Annotated[
        bool, typer.Option("--allow-fetch", help='Accept {"url": ...}: the service fetches public pages.')
    ] = False,
    allow_private_fetch: Annotated[
        bool,
        typer.Option(
            "--allow-private-fetch", help="Also fetch from private and loopback addresses (trusted networks only)."
        ),
    ] = False,
) -> None:
    """Serve the model over HTTP: POST /v1/score, POST /v1/score/batch (JSONL), GET /v1/model,
    GET /healthz, /docs (OpenAPI), and a page at / where a person pastes an article.

    Needs the serve extra: pip install "sourcescore[serve]". SIGINT or SIGTERM stop it after
    the requests in progress finish.
    """
    try:
        from scorer.service import Settings
        from scorer.service import serve as run
    except ImportError as exc:
        _fail(f"scorer serve needs the serve extra: pip install 'sourcescore[serve]' ({exc.name} is missing)", 2)
    if not 0 < port < 65536:
        _fail(f"--port must be between 1 and 65535, not {port}", 2)
    try:
        settings = Settings(
            model=str(model) if model else None,
            workers=workers,
            max_body=max_body,
            timeout=timeout,
            queue=queue,
            allow_fetch=allow_fetch or allow_private_fetch,
            allow_private_fetch=allow_private_fetch,
        )
    except ValueError as exc:
        _fail(f"{exc} (see scorer serve --help)", 2)
    try:
        run(settings, host, port)
    except ScorerError as exc:
        _fail(str(exc))


def main() -> None:
    """Entry point of `scorer`."""
    app()


def score_main() -> None:
    """Entry point of `score`: the score command on its own."""
    command = typer.Typer(add_completion=False, context_settings=CONTEXT)
    command.command()(score_command)
    command()


@app.command("sources")
def sources_command(
    results: Annotated[
        list[str],
        typer.Argument(help="Result files of `score -f json` or `score -f csv`, or - for stdin.", show_default=False),
    ],
    by: Annotated[
        str,
        typer.Option(
            "--by",
            help="Columns to group by, comma-separated (e.g. domain, author, domain,month); domain comes from a url column or URL ids, month from a date column.",
        ),
    ] = "domain",
    min_n: Annotated[int, typer.Option("--min-n", help="Leave out sources with fewer scored articles.")] = 1,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text (aligned table), json (one object per line) or csv; json and csv have every column.",
        ),
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the table here instead of stdout.")
    ] = None,
) -> None:
    """Per-source scores: each source's share of speculative articles with its 95% Wilson interval,
    ranked by the interval's lower bound, so a source seen in few articles is never ranked as certain.
    """
    from scorer.sources import FORMATS, read_results, render, score_sources
    from scorer.targets import check_target, write_whole

    if fmt not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}", 2)
    if min_n < 0:
        _fail("--min-n must be 0 or more", 2)
    try:
        if output:
            check_target(output, "--output", results)
        table = score_sources(read_results(results), by=by, min_n=min_n)
        text = render(table, fmt)
        if output:
            with write_whole(output) as stream:
                stream.write(text)
            typer.echo(f"wrote {printable_path(output)} ({len(table)} sources)", err=True)
        else:
            typer.echo(text, nl=False)
    except ScorerError as exc:
        _fail(str(exc))
    if table.empty:
        typer.echo(f"no source has {min_n} or more scored articles", err=True)
