"""The command line through Typer's runner, plus real runs of the installed commands."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.cuekinds import CLAIM_CLASSES
from scorer.features import feature_names, model_feature_names

from .conftest import SEEDS, SPECULATIVE_SEED

runner = CliRunner()


def test_score_text_shows_label_and_evidence() -> None:
    result = runner.invoke(app, ["score", str(SEEDS[2])])
    assert result.exit_code == 0, result.output
    assert "(P(speculative) 0." in result.output and "threshold 0." in result.output and "hedged:" in result.output


def test_score_json_has_every_field() -> None:
    result = runner.invoke(app, ["score", "--format", "json", *map(str, SEEDS)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["path"] for r in records] == [str(s) for s in SEEDS]
    for r in records:
        assert r["label"] in ("reported", "speculative") and 0.5 <= r["probability"] <= 1
        assert r["model"].startswith("sourcescore-v") and list(r["features"]) == feature_names()
        assert set(r["evidence"]) == {
            "top_contributions",
            "hedged_sentences",
            "own_voice_sentences",
            "specific_sentences",
            "boilerplate_lines",
            "sentence_claims",
            "sentences",
            "top_ngrams",
        }
        claims = r["evidence"]["sentences"]
        assert claims and {c["claim"] for c in claims} <= set(CLAIM_CLASSES)
        assert sum(r["evidence"]["sentence_claims"].values()) == len(claims)


def test_stdin_is_dash() -> None:
    result = runner.invoke(app, ["score", "-", "--format", "json"], input=SEEDS[2].read_text())
    assert json.loads(result.output)["path"] == "-"


def test_csv_output_and_error_rows(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["score", "-f", "csv", str(SEEDS[0]), str(empty), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["path"] for r in rows] == [str(SEEDS[0]), str(empty), str(tmp_path / "missing.txt")]
    assert rows[0]["label"] and not rows[0]["error"]
    assert "empty" in rows[1]["error"] and "no such file" in rows[2]["error"]


def test_directory_jsonl_and_csv_inputs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(SEEDS[1], tmp_path / "sub" / "a.txt")
    table = tmp_path / "in.jsonl"
    table.write_text(json.dumps({"id": "x1", "body": SEEDS[3].read_text()}) + "\nnot json\n")
    result = runner.invoke(
        app, ["score", "-f", "json", str(tmp_path / "sub"), str(table), "--text-column", "body", "--id-column", "id"]
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == [str(tmp_path / "sub" / "a.txt"), "x1", f"{table}:2"]
    assert records[2]["error"] and result.exit_code == 1


def test_resume_skips_written_ids_and_mends_a_torn_line(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    runner.invoke(app, ["score", "-f", "csv", "-o", str(out), str(SEEDS[0]), str(SEEDS[1])])
    lines = out.read_text().splitlines(keepends=True)
    out.write_text("".join(lines[:2]) + lines[2][:20])  # interrupted mid-row
    result = runner.invoke(app, ["score", "-f", "csv", "-o", str(out), "--resume", *map(str, SEEDS)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert [r["path"] for r in rows] == [str(s) for s in SEEDS]


def test_parallel_jobs_give_the_same_rows() -> None:
    one = runner.invoke(app, ["score", "-f", "csv", "--jobs", "1", *map(str, SEEDS)]).stdout
    two = runner.invoke(app, ["score", "-f", "csv", "--jobs", "2", *map(str, SEEDS)]).stdout
    assert one == two


def test_train_evaluate_info_features(tmp_path: Path, labels_csv: Path) -> None:
    result = runner.invoke(app, ["train", str(labels_csv), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    model = tmp_path / "custom-v1.model.json"
    report = tmp_path / "eval.html"
    result = runner.invoke(app, ["evaluate", str(labels_csv), "--model", str(model), "--report", str(report)])
    assert result.exit_code == 0 and "macro-F1" in result.output and "<svg" in report.read_text()
    assert "AUC " in result.output and "threshold 0.50" in result.output
    metrics = json.loads(
        runner.invoke(app, ["evaluate", str(labels_csv), "-m", str(model), "--json", "--threshold", "0.9"]).output
    )
    assert metrics["threshold"] == 0.9 and 0 <= metrics["auc"] <= 1
    assert runner.invoke(app, ["evaluate", str(labels_csv), "--threshold", "2"]).exit_code == 2
    page = report.read_text()
    for name in model_feature_names():  # each feature's push curve, with its knots on hover
        row = page[page.index(f"<td>{name}</td>") :].split("</tr>", 1)[0]
        assert "<polyline" in row and "<title>" in row
    assert json.loads(runner.invoke(app, ["info", "--json", "--model", str(model)]).output)["model_version"] == 1
    summary = runner.invoke(app, ["info", "--model", str(model)]).output
    assert summary.startswith("custom-v1") and "trained on     14 rows" in summary and len(summary.splitlines()) < 15
    assert "hedges_per_sentence" in runner.invoke(app, ["features"]).output


def test_bad_model_is_a_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", "--model", str(tmp_path / "x.joblib"), str(SEEDS[0])])
    assert result.exit_code == 1 and result.output.strip().startswith("error:") and len(result.output.splitlines()) == 1


def test_installed_score_command_runs_for_real() -> None:
    exe = shutil.which("score") or str(Path(sys.executable).parent / "score")
    done = subprocess.run(
        [exe, "--format", "json", *map(str, SEEDS)], capture_output=True, text=True, timeout=120, cwd="/"
    )
    assert done.returncode == 0, done.stderr
    rows = {Path(json.loads(line)["path"]).name: json.loads(line) for line in done.stdout.splitlines()}
    assert len(rows) == 5 and all(r["label"] == "reported" for name, r in rows.items() if name != SPECULATIVE_SEED)
    assert rows[SPECULATIVE_SEED]["p_speculative"] == max(r["p_speculative"] for r in rows.values())


@pytest.mark.parametrize("command", [["score", "--help"], ["scorer", "--help"]])
def test_help_does_not_import_sklearn_or_pandas(command: list[str]) -> None:
    code = (
        f"import sys; sys.argv = {command!r}\n"
        "from scorer import cli\n"
        "try:\n    (cli.score_main if sys.argv[0] == 'score' else cli.main)()\n"
        "except SystemExit: pass\n"
        "heavy = [m for m in ('sklearn', 'pandas', 'textstat', 'numpy') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr


def test_bad_inputs_through_the_cli_are_error_rows(tmp_path: Path) -> None:
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    big = tmp_path / "big.txt"
    big.write_text("The minister said so. " * 100)
    result = runner.invoke(app, ["score", "-f", "json", "--max-bytes", "1000", str(png), str(tmp_path), str(big)])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1
    assert [r["path"] for r in records] == [str(png), str(big), str(big)]  # the directory is walked for *.txt
    assert "binary" in records[0]["error"]
    assert "limit" in records[1]["error"] and "limit" in records[2]["error"]


def test_html_report_and_explain(tmp_path: Path) -> None:
    page = tmp_path / "one.html"
    result = runner.invoke(app, ["score", str(SEEDS[2]), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "cue-hedge" in page.read_text()
    batch = tmp_path / "batch.html"
    result = runner.invoke(app, ["report", str(SEEDS[0].parent), "-o", str(batch)])
    assert result.exit_code == 0 and all(s.name in batch.read_text() for s in SEEDS)
    assert batch.read_text().count('class="label-speculative"') == 1
    strict = tmp_path / "strict.html"  # seed 004 sits at P 0.09: from 0.05 on it is called speculative too
    result = runner.invoke(app, ["report", str(SEEDS[0].parent), "-o", str(strict), "--threshold", "0.05", "-j", "2"])
    assert result.exit_code == 0 and strict.read_text().count('class="label-speculative"') > 1
    assert runner.invoke(app, ["report", str(SEEDS[0].parent), "--threshold", "1"]).exit_code == 2
    explained = runner.invoke(app, ["score", "--explain", str(SEEDS[2])])
    assert "[hedge: probably]" in explained.stdout and "\x1b[" not in explained.stdout  # plain when piped


def test_html_of_stdin_shows_its_text(tmp_path: Path) -> None:
    page = tmp_path / "stdin.html"
    result = runner.invoke(
        app, ["score", "-", "--html", str(page)], input="They probably met. Hey guys, let's dive in!"
    )
    assert result.exit_code == 0, result.output
    assert "cue-hedge" in page.read_text() and "probably" in page.read_text()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--explain", "-f", "json"], "[hedge: probably]"),  # --explain is the explain format, and -o applies
        (["-f", "explain"], "[hedge: probably]"),
        (["-f", "html"], "cue-hedge"),
        (["-f", "csv"], "p_speculative"),
    ],
)
def test_output_file_applies_to_every_format(tmp_path: Path, args: list[str], expected: str) -> None:
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["score", str(SEEDS[2]), *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert expected in out.read_text(encoding="utf-8") and expected not in result.stdout


def test_resume_needs_a_format_with_ids(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(SEEDS[2]), "-f", "explain", "-o", str(tmp_path / "x"), "--resume"])
    assert result.exit_code == 1 and "--resume needs --format json or csv" in result.output


def test_output_suffix_picks_the_format_and_a_contradiction_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    result = runner.invoke(app, ["score", str(SEEDS[0]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert next(csv.reader(io.StringIO(out.read_text())))[0] == "path"
    result = runner.invoke(app, ["score", str(SEEDS[0]), "-f", "json", "-o", str(tmp_path / "other.csv")])
    assert result.exit_code == 2 and "does not match" in result.output
    assert not (tmp_path / "other.csv").exists()


@pytest.mark.parametrize("value", ["0", "1", "1.5", "-0.2", "nan"])
def test_a_threshold_that_is_not_a_probability_is_a_usage_error(value: str) -> None:
    result = runner.invoke(app, ["score", str(SEEDS[0]), "--threshold", value])
    assert result.exit_code == 2 and "--threshold must be a probability" in result.output


def test_stdin_is_read_without_a_dash_when_a_file_or_pipe_is_attached() -> None:
    with (SEEDS[0].parent / SPECULATIVE_SEED).open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "scorer", "score", "--no-evidence"], stdin=stdin, capture_output=True, text=True
        )
    assert done.returncode == 0 and done.stdout.startswith("-: speculative"), done.stderr


def test_a_reader_that_stops_early_ends_the_run_quietly() -> None:
    """``score ... | head``: no error message, and the conventional status of a closed pipe."""
    with subprocess.Popen(
        [sys.executable, "-m", "scorer", "score", "--explain", *map(str, SEEDS * 40)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read().decode()
        assert process.wait(120) == 141 and "error" not in error.lower() and "Traceback" not in error


def test_ctrl_c_under_jobs_stops_quietly_with_complete_rows(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the terminal's group: no worker traceback, status 130, whole rows."""
    import os
    import signal
    import time

    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "scorer", "score", "--jobs", "2", "-o", str(out), *map(str, SEEDS * 400)]

    def default_sigint() -> None:  # as at a terminal, even when the tests run in a background job (SIGINT ignored)
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    with subprocess.Popen(
        command, stderr=subprocess.PIPE, start_new_session=True, preexec_fn=default_sigint
    ) as process:
        deadline = time.monotonic() + 60
        while not (out.exists() and out.stat().st_size > 0) and time.monotonic() < deadline:
            time.sleep(0.1)
        os.killpg(process.pid, signal.SIGINT)
        assert process.stderr is not None
        error = process.stderr.read().decode()
        assert process.wait(60) == 130, error
    assert "Traceback" not in error and "interrupted" in error and "--resume" in error
    assert all(json.loads(line)["path"] for line in out.read_text().splitlines())


def test_an_error_line_names_the_input_once(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["score", str(missing)])
    assert result.stdout == f"{missing}: ERROR no such file\n"


def test_the_progress_total_is_known_for_files_and_folders_and_not_for_streams(tmp_path: Path) -> None:
    from scorer.inputs import count_documents, iter_documents

    folder = tmp_path / "articles"
    (folder / "deeper").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "deeper/c.txt", "notes.md"):
        (folder / name).write_text("text", encoding="utf-8")
    output = folder / "out.txt"
    output.write_text("", encoding="utf-8")
    args = [str(folder), str(tmp_path / "missing.txt")]
    assert count_documents(args, "*.txt", [output]) == len(list(iter_documents(args, "*.txt", exclude=[output]))) == 4
    table = tmp_path / "rows.jsonl"
    table.write_text('{"text": "x"}\n', encoding="utf-8")
    for unknown in ("-", "https://example.org/a", str(table)):
        assert count_documents([str(folder), unknown]) is None
