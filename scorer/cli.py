"""Command line: `score FILE...` and `scorer score|train|evaluate|features|info|report`.

Parses arguments, calls the library, formats output; nothing else. Heavy imports
(scikit-learn, pandas) happen inside commands so that `--help` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from scorer.documents import DEFAULT_MAX_BYTES
from scorer.errors import ScorerError

app = typer.Typer(
    help="Tell reported news from speculative filler, with the evidence behind each score.",
    no_args_is_help=True,
    add_completion=False,
)
ModelOpt = Annotated[Path | None, typer.Option("--model", "-m", help="Model file (NAME-vN.model.json, or its NAME-vN.json); default: the newest shipped model.")]


def _show_warnings() -> None:
    """Library warnings (bytes replaced while decoding, another textstat) as one-line ``warning:`` notes, every time."""
    import warnings

    from scorer.documents import DecodeWarning

    warnings.simplefilter("always", DecodeWarning)
    warnings.showwarning = lambda message, *args, **kwargs: typer.echo(f"warning: {message}", err=True)


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command("score")
def score_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, .jsonl/.csv tables, or - for stdin.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json (one JSON object per line) or csv.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write results here instead of stdout.")] = None,
    model: ModelOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (-1: one per core).")] = 1,
    glob: Annotated[str, typer.Option(help="Files to take from directories (recursive).")] = "*.txt",
    text_column: Annotated[str, typer.Option(help="Text field of .jsonl/.csv inputs.")] = "text",
    id_column: Annotated[str | None, typer.Option(help="Id field of .jsonl/.csv inputs (default: file:line).")] = None,
    evidence: Annotated[bool, typer.Option(help="Include the evidence (hedged/specific sentences, boilerplate).")] = True,
    explain: Annotated[bool, typer.Option("--explain", help="Print every sentence with its cues marked (colour on a terminal).")] = False,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a self-contained HTML page of the evidence.")] = None,
    resume: Annotated[bool, typer.Option(help="With --output: skip ids already in the file and append.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = DEFAULT_MAX_BYTES,
    any_language: Annotated[bool, typer.Option("--any-language", help="Score texts that are not English too (the model was trained on English; such scores are unreliable).")] = False,
) -> None:
    """Label each document reported or speculative, with its probability and evidence.

    Exit code 0 when every document was scored, 1 when some rows are errors (they are
    still written, one per input), 2 on a usage error.
    """
    from scorer import output as out
    from scorer.batch import score_many
    from scorer.inputs import iter_documents
    from scorer.scoring import Scorer

    if fmt not in out.FORMATS:
        _fail(f"--format must be one of {', '.join(out.FORMATS)}", 2)
    if resume and output is None:
        _fail("--resume needs --output FILE", 2)
    _show_warnings()
    failed = 0
    sink = None
    try:
        if html is not None:
            out.check_writable(html, "--html")
        sink = out.OutputFile(output, fmt, resume, inputs) if output else None
        stream = sink.stream if sink else _stdout()
        scorer = Scorer(model, any_language=any_language)
        docs = iter_documents(inputs, glob, text_column, id_column, max_bytes, exclude=[output] if output else [])
        if sink is not None and resume:
            docs = (d for d in docs if not sink.skip(d.id))
        want_evidence = evidence or explain or html is not None
        collected = []
        with _progress(enabled=output is not None and sys.stderr.isatty()) as tick:
            writer = out.Writer(stream, fmt, want_evidence and evidence, write_header=sink.needs_header if sink else True)
            for result in score_many(docs, n_jobs=jobs, model=scorer, evidence=want_evidence, max_bytes=max_bytes):
                failed += not result.ok
                if explain:
                    _print_explain(result)
                else:
                    writer.write(result)
                if html is not None:
                    collected.append(result)
                tick()
        if html is not None:
            _write_html(html, collected)
    except ScorerError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {exc.filename or output or 'the output'}: {exc.strerror or exc}")
    finally:
        if sink is not None:
            sink.close()
    if failed:
        typer.echo(f"{failed} document(s) could not be scored (see their error rows)", err=True)
        raise typer.Exit(1)


def _stdout() -> Any:
    """Standard output that never fails on an unencodable character (a lone surrogate in an id)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    return sys.stdout


def _print_explain(result: Any) -> None:
    from scorer.output import printable
    from scorer.terminal import render_explain

    typer.echo(printable(render_explain(result, _text_of(result), color=sys.stdout.isatty())))


def _text_of(result: Any) -> str:
    """The text a result's evidence points into (kept with its explanation; none for error rows)."""
    return result.explanation.text if result.explanation is not None else ""


def _write_html(path: Path, results: list) -> None:
    from scorer.report import render_report

    page = render_report([(r, _text_of(r)) for r in results])
    path.write_text(page, encoding="utf-8", errors="backslashreplace")
    typer.echo(f"wrote {path}", err=True)


class _progress:
    """A count of scored documents on stderr, only when it is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.count = enabled, 0

    def __enter__(self):
        return self.tick

    def tick(self) -> None:
        self.count += 1
        if self.enabled and self.count % 50 == 0:
            sys.stderr.write(f"\r{self.count} scored")
            sys.stderr.flush()

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            sys.stderr.write(f"\r{self.count} scored\n")


@app.command()
def train(
    labels: Annotated[list[Path], typer.Argument(help="Labelled CSV file(s): text or path, label (reported|speculative).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the new model version.")] = Path("models"),
    name: Annotated[str, typer.Option(help="Model name: files are NAME-vN.model.json and NAME-vN.json.")] = "sourcescore",
    seed: Annotated[int, typer.Option(help="Random seed (same CSV + seed = same model).")] = 0,
    c: Annotated[float, typer.Option("--C", help="Inverse regularisation strength of the logistic regression.")] = 1.0,
    any_path: Annotated[bool, typer.Option("--any-path", help="Let a CSV's path column name files outside its folder.")] = False,
) -> None:
    """Train a new model version from labelled CSVs; never overwrites an existing version."""
    from scorer.labels import read_labelled_csv
    from scorer.training import train as train_model

    try:
        rows = [row for path in labels for row in read_labelled_csv(path, any_path=any_path)]
        path = train_model(rows, out_dir, name, seed, c, sources=[str(p) for p in labels])
    except ScorerError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {path} (trained on {len(rows)} rows); use it with --model {path}")


@app.command()
def evaluate(
    labels: Annotated[Path, typer.Argument(help="Labelled CSV to measure the model on.")],
    model: ModelOpt = None,
    report: Annotated[Path | None, typer.Option(help="Also write an HTML report with plots here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Accuracy, macro-F1, per-class precision/recall, FPR on reporting, Brier, confusion matrix."""
    import json

    from scorer.evaluation import evaluate_csv, format_metrics

    try:
        metrics = evaluate_csv(labels, model, report)
    except ScorerError as exc:
        _fail(str(exc))
    typer.echo(json.dumps(metrics, indent=2) if as_json else format_metrics(metrics))


@app.command()
def features() -> None:
    """The feature schema: every feature's name, version and description."""
    from scorer.features import FAMILIES

    for family, module in FAMILIES.items():
        typer.echo(f"{family}:")
        for f in module.FEATURES:
            typer.echo(f"  {f.name} (v{f.version}): {f.description}")


@app.command()
def info(model: ModelOpt = None) -> None:
    """A model's metadata (verified against its file)."""
    import json

    from scorer import artifact

    try:
        path = model or artifact.default_model_path()
        metadata = artifact.verify(Path(path))
    except ScorerError as exc:
        _fail(str(exc))
    typer.echo(f"{path}\n" + json.dumps(metadata, indent=2))


@app.command()
def report(
    inputs: Annotated[list[str], typer.Argument(help="Files or directories to include.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html"),
    model: ModelOpt = None,
    glob: Annotated[str, typer.Option(help="Files to take from directories (recursive).")] = "*.txt",
) -> None:
    """A self-contained HTML page of a batch: sortable table and each article's evidence."""
    from scorer.batch import score_many
    from scorer.inputs import iter_documents

    try:
        results = list(score_many(iter_documents(inputs, glob), model=model, evidence=True))
        _write_html(output, results)
    except ScorerError as exc:
        _fail(str(exc))


def main() -> None:
    """Entry point of `scorer`."""
    app()


def score_main() -> None:
    """Entry point of `score`: the score command on its own."""
    typer.run(score_command)
