"""Hostile input, round three: the doors added since round two (sources, reports, the HTML page,
evaluation, forged-but-finite models) and every output that could overwrite an input.

Each test reproduces one defect of the attack run: it once crashed, hung, lost an input or wrote
something a terminal, a spreadsheet or a JSON reader would misread.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from scorer import artifact, score
from scorer.batch import resolve_jobs
from scorer.cli import app
from scorer.errors import ColumnError, InputError, LabelsError, ModelError, ScorerError
from scorer.escapes import csv_line, json_line, one_line, printable
from scorer.labels import read_labelled_csv
from scorer.targets import check_target, write_whole

from .conftest import REPORTED, SEEDS, SPECULATIVE

runner = CliRunner()
ARTICLE = " ".join(REPORTED + SPECULATIVE)


def _jsonl(path: Path, ids: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": f"{ARTICLE} ({n})"}) + "\n" for n, i in enumerate(ids)))
    return path


def _invoke(*args: str, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


# -- 1. injection: one set of escapes for every writer ------------------------------------------


def test_csv_cells_are_quoted_and_formula_safe_after_any_line_break() -> None:
    line = csv_line(["a\rb", "x\r=SUM(1)", "@cmd", 3.5, None, 'say "hi", ok'])
    assert line == '"a\rb","x\r\'=SUM(1)",\'@cmd,3.5,,"say ""hi"", ok"\n'
    assert next(csv.reader(io.StringIO(line, newline=""))) == [
        "a\rb",
        "x\r'=SUM(1)",
        "'@cmd",
        "3.5",
        "",
        'say "hi", ok',
    ]
    for piece in line.replace("\r", "\n").split("\n"):  # a reader that splits on every line break
        assert not piece.lstrip('"').startswith(("=", "+", "@"))


def test_terminal_fields_cannot_forge_lines_or_reorder_text() -> None:
    assert one_line("a\nb: reported\r\u2028") == "a\\x0ab: reported\\x0d\\u2028"
    assert printable("x\u202ey\u2066z") == "x\\u202ey\\u2066z"
    assert printable("keep\ttab\nand newline") == "keep\ttab\nand newline"


def test_json_lines_are_valid_and_never_split_by_line_separators() -> None:
    line = json_line({"id": "a\u2028b\u2029c\x85d"})
    assert "\u2028" not in line and "\u2029" not in line and "\x85" not in line
    assert json.loads(line)["id"] == "a\u2028b\u2029c\x85d"
    with pytest.raises(ValueError):
        json_line({"p": float("nan")})


def test_text_output_keeps_one_record_per_line_whatever_the_id(tmp_path: Path) -> None:
    docs = _jsonl(tmp_path / "in.jsonl", ["good\nforged: reported (P(speculative) 0.00", "\u202eevil"])
    result = _invoke("score", str(docs), "--id-column", "id", "--no-evidence")
    lines = result.output.splitlines()
    assert len(lines) == 2 and lines[0].startswith("good\\x0aforged") and "\\u202e" in lines[1]


def test_score_csv_quotes_a_bare_carriage_return(tmp_path: Path) -> None:
    docs = _jsonl(tmp_path / "in.jsonl", ["a\r=HYPERLINK(1)"])
    result = _invoke("score", str(docs), "--id-column", "id", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output, newline="")))
    assert len(rows) == 1 and rows[0]["path"] == "a\r'=HYPERLINK(1)"


@pytest.fixture(scope="module")
def results_jsonl(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sources")
    docs = _jsonl(folder / "in.jsonl", ['=HYPERLINK("http://x","y")', "@SUM(1)", "\x1b[31mred"])
    out = folder / "results.jsonl"
    assert _invoke("score", str(docs), "--id-column", "id", "-f", "json", "-o", str(out)).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    for row, source in zip(rows, ['=cmd|" /C calc"!A0', "+1", "\x1b]0;title\x07"], strict=True):
        row["outlet"] = source
    out.write_text("".join(json_line(r) for r in rows))
    return out


def test_sources_csv_and_table_are_escaped(results_jsonl: Path) -> None:
    table = _invoke("sources", str(results_jsonl), "--by", "outlet", "-f", "csv")
    cells = [c for row in csv.reader(io.StringIO(table.output, newline="")) for c in row]
    assert not any(c.startswith(("=", "+", "@", "-")) for c in cells if c)
    text = _invoke("sources", str(results_jsonl), "--by", "outlet")
    assert "\x1b" not in text.output and "\\x1b" in text.output


def test_info_and_warnings_never_print_escape_sequences(small_model: Path, tmp_path: Path) -> None:
    copy = tmp_path / small_model.name
    shutil.copy(small_model, copy)
    meta = json.loads(artifact.metadata_path(small_model).read_text())
    meta["training_data"]["sources"] = ["\x1b]0;pwned\x07labels.csv"]
    meta["created"] = "\x1b[2J"
    artifact.metadata_path(copy).write_text(json.dumps(meta))
    for args in (["info", "--model", str(copy)], ["info", "--json", "--model", str(copy)]):
        result = _invoke(*args)
        assert result.exit_code == 0 and "\x1b" not in result.output, result.output
    bad = tmp_path / "\x1b[31mbad.txt"
    bad.write_bytes(ARTICLE.encode() + b"\xff more")
    result = _invoke("score", str(bad), "--no-evidence")
    assert "\x1b" not in result.output


# -- 2. no output ever overwrites an input ------------------------------------------------------


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in.txt"
    path.write_text(ARTICLE)
    return path


@pytest.mark.parametrize(
    "make_args",
    [
        lambda a, t: ["score", str(a), "--html", str(a)],
        lambda a, t: ["score", str(a), "-o", str(t / "o.json"), "--html", str(t / "o.json")],
        lambda a, t: ["report", str(a), "-o", str(a)],
        lambda a, t: ["score", str(a), "-o", str(t / "link.txt")],
        lambda a, t: ["report", str(a), "-o", str(t / "link.txt")],
        lambda a, t: ["score", str(a), "--html", str(t / "link.txt")],
    ],
)
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(article: Path, tmp_path: Path, make_args) -> None:
    os.link(article, tmp_path / "link.txt")  # a hard link: another name, the same file
    before = article.read_bytes()
    result = _invoke(*make_args(article, tmp_path))
    assert result.exit_code == 1 and result.output.startswith("error:"), result.output
    assert article.read_bytes() == before


def test_sources_and_evaluate_refuse_to_overwrite_their_input(results_jsonl: Path, labels_csv: Path) -> None:
    before = results_jsonl.read_bytes()
    result = _invoke("sources", str(results_jsonl), "--by", "outlet", "-o", str(results_jsonl))
    assert result.exit_code == 1 and "also an input" in result.output
    assert results_jsonl.read_bytes() == before
    labels_before = labels_csv.read_bytes()
    result = _invoke("evaluate", str(labels_csv), "--report", str(labels_csv))
    assert result.exit_code == 1 and "also an input" in result.output
    assert labels_csv.read_bytes() == labels_before


@pytest.mark.parametrize("option", ["-o", "--html"])
def test_a_fifo_output_is_refused_not_a_hang(tmp_path: Path, option: str) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    result = _invoke("score", str(SEEDS[0]), option, str(fifo))
    assert result.exit_code == 1 and "pipe" in result.output


@pytest.mark.skipif(not Path(os.devnull).exists() or os.devnull != "/dev/null", reason="no /dev/null")
@pytest.mark.parametrize("fmt", ["json", "csv", "text"])
def test_output_to_dev_null_is_written_and_resume_there_is_refused(fmt: str) -> None:
    assert _invoke("score", str(SEEDS[0]), "-f", fmt, "-o", os.devnull).exit_code == 0
    if fmt != "text":
        refused = _invoke("score", str(SEEDS[0]), "-f", fmt, "-o", os.devnull, "--resume")
        assert refused.exit_code == 1 and "is a device" in refused.output


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old page")
    with pytest.raises(RuntimeError), write_whole(target) as stream:
        stream.write("half a new page")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old page" and not list(tmp_path.glob(".page.html.*"))
    check_target(tmp_path / "new.html", "--output", [str(target)])  # a new file next to an input is fine


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_report_to_a_full_disk_is_a_one_line_error() -> None:
    result = _invoke("report", str(SEEDS[0]), "-o", "/dev/full")
    assert result.exit_code == 1 and result.output.startswith("error:") and "Traceback" not in result.output


# -- 3. resume by the id as written -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_resume_never_duplicates_ids_that_are_escaped_or_hold_line_breaks(tmp_path: Path, fmt: str) -> None:
    ids = ["@reuters", "=x", "-", "+1", "a\nb", "c\rd", "e\u2028f", "g\x85h"]
    docs = _jsonl(tmp_path / "in.jsonl", ids)
    out = tmp_path / f"out.{fmt}"
    first = _invoke("score", str(docs), "--id-column", "id", "-f", fmt, "-o", str(out), "--no-evidence")
    assert first.exit_code == 0, first.output
    again = _invoke("score", str(docs), "--id-column", "id", "-f", fmt, "-o", str(out), "--resume", "--no-evidence")
    assert again.exit_code == 0, again.output
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode(), newline="")))
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    assert len(rows) == len(ids)


def test_sources_reads_json_holding_line_separators(results_jsonl: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in results_jsonl.read_text().split("\n") if line]
    rows[0]["outlet"] = "a\u2028b"
    raw = tmp_path / "raw.jsonl"
    raw.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = _invoke("sources", str(raw), "--by", "outlet", "-f", "json")
    assert result.exit_code == 0 and len(result.output.splitlines()) == 3


# -- 4. wrong but silent ------------------------------------------------------------------------


def _forge(small_model: Path, tmp_path: Path, change) -> Path:
    params = json.loads(small_model.read_text())
    change(params)
    target = tmp_path / small_model.name
    payload = (json.dumps(params, sort_keys=True) + "\n").encode()
    target.write_bytes(payload)
    meta = json.loads(artifact.metadata_path(small_model).read_text())
    meta["sha256"] = artifact.hashlib.sha256(payload).hexdigest()
    artifact.metadata_path(target).write_text(json.dumps(meta))
    return target


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p["centre"].__setitem__(0, 1e308),
        lambda p: p["slopes"][0].__setitem__(0, 1e308),
        lambda p: p["knots"][0].__setitem__(-1, 1e308),
        lambda p: p.__setitem__("intercept", 10**400),
    ],
)
def test_a_model_with_huge_numbers_is_refused(small_model: Path, tmp_path: Path, change) -> None:
    forged = _forge(small_model, tmp_path, change)
    with pytest.raises(ModelError, match="finite number"):
        artifact.load(forged)
    result = _invoke("score", str(SEEDS[0]), "--model", str(forged))
    assert result.exit_code == 1 and "finite number" in result.output


def test_info_shows_the_threshold_scoring_uses(small_model: Path, tmp_path: Path) -> None:
    copy = tmp_path / small_model.name
    shutil.copy(small_model, copy)
    meta = json.loads(artifact.metadata_path(small_model).read_text())
    meta["threshold"] = 0.99
    artifact.metadata_path(copy).write_text(json.dumps(meta))
    result = _invoke("info", "--model", str(copy))
    assert result.exit_code == 1 and "threshold" in result.output


def test_binary_in_a_table_cell_is_refused_like_a_file(tmp_path: Path) -> None:
    docs = tmp_path / "in.jsonl"
    docs.write_text(json.dumps({"text": ARTICLE[:200] + "\x01\x02\x03\x04" * 40}) + "\n")
    result = _invoke("score", str(docs), "-f", "json")
    assert "binary" in json.loads(result.output.splitlines()[0])["error"]


def test_a_repeated_label_column_is_refused(tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    labels.write_text(f"text,label,label\n{ARTICLE},reported,speculative\n")
    with pytest.raises(LabelsError, match="'label' appears more than once"):
        read_labelled_csv(labels)


def test_evaluate_leaves_refused_rows_out_instead_of_calling_them_reported(tmp_path: Path) -> None:
    from scorer.evaluation import evaluate_csv

    french = (
        "Le ministre a déclaré mardi que les négociations reprendraient à Oslo la semaine prochaine. "
        "Selon le maire, le conseil a approuvé un budget de quatre millions d'euros. " * 3
    )
    labels = tmp_path / "labels.csv"
    with open(labels, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerows([["id", "text", "label"], ["fr", french, "speculative"], ["en", REPORTED[1] * 3, "reported"]])
    metrics = evaluate_csv(labels)
    assert metrics["n"] == 1 and [r["id"] for r in metrics["refused"]] == ["fr"]


# -- 5. tracebacks become one-line errors -------------------------------------------------------


def test_api_refuses_bytes_and_none_as_error_results() -> None:
    for value in (b"bytes", None, 42):
        result = score(value)  # type: ignore[arg-type]
        assert not result.ok and "not text" in (result.error or "")


def test_score_frame_with_two_text_columns_is_a_column_error() -> None:
    from scorer.frame import score_frame

    frame = pd.DataFrame([[ARTICLE, ARTICLE]], columns=["text", "text"])
    with pytest.raises(ColumnError, match="2 columns named 'text'"):
        score_frame(frame)


@pytest.mark.parametrize(
    "args",
    [
        ["--max-bytes", str(10**20), "-f", "json"],
        ["--timeout", "-1"],
        ["--timeout", "nan"],
        ["--timeout", "inf"],
        ["--max-bytes", "0"],
    ],
)
def test_extreme_limits_are_usage_errors_or_work(tmp_path: Path, args: list[str]) -> None:
    docs = tmp_path / "in.csv"
    docs.write_text(f"text\n{ARTICLE}\n")
    result = _invoke("score", str(docs), *args)
    assert "Traceback" not in result.output
    assert result.exit_code == 0 or (result.exit_code == 2 and "error:" in result.output), result.output


def test_sources_on_huge_or_list_values(results_jsonl: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in results_jsonl.read_text().split("\n") if line]
    rows[0]["outlet"] = ["a", "b"]
    listed = tmp_path / "listed.jsonl"
    listed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert _invoke("sources", str(listed), "--by", "outlet").exit_code == 0
    huge = tmp_path / "huge.jsonl"
    huge.write_text(results_jsonl.read_text().replace('"p_speculative": 0.', '"p_speculative": 1' + "0" * 400 + ".", 1))
    result = _invoke("sources", str(huge), "--by", "outlet")
    assert result.exit_code == 1 and result.output.startswith("error:") and "p_speculative" in result.output


# -- 7. bounded processes and time --------------------------------------------------------------


def test_jobs_are_capped_at_the_cores() -> None:
    assert resolve_jobs(5000) == (os.cpu_count() or 1)
    with pytest.raises(ValueError):
        resolve_jobs(0)


def test_a_long_run_of_attributed_hedges_is_scanned_in_linear_work() -> None:
    from scorer.cues.document import find_cues
    from scorer.text import Span, tokenize

    calls = {"n": 0}
    text = "The officials probably said " * 2000
    original = str.split

    class Counting(str):
        def split(self, *args, **kwargs):  # type: ignore[override]
            calls["n"] += 1
            return original(self, *args, **kwargs)

    found = find_cues(Counting(text), [Span(0, len(text), text)], tokenize(text))
    assert found.sentences[0], "cues were found"
    assert calls["n"] <= 4 * 2000 + 10  # at most a few splits per cue, never one per cue and verb pair


def test_scorer_errors_name_the_problem_in_one_line() -> None:
    with pytest.raises(ScorerError):
        check_target(Path("/nonexistent-folder/out.json"), "--output")


# -- 6. pages measured before they are parsed ---------------------------------------------------


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("<html><body>" + "<p>a</p>" * 100_000 + "</body></html>", "more than 50,000 HTML elements"),
        ("<html><body><div " + " ".join(f"a{i}=1" for i in range(30_000)) + ">x</div></body></html>", "attributes"),
    ],
    ids=["100k elements", "30k attributes"],
)
def test_pages_too_large_to_parse_are_refused_before_parsing(page: str, message: str) -> None:
    pytest.importorskip("trafilatura")
    from scorer.html import extract_page

    with pytest.raises(InputError, match=message):
        extract_page(page, "hostile.html")


def test_an_unmeasurable_furniture_share_is_unknown_not_zero() -> None:
    from scorer.scoring import Result

    note = Result(id="p", page={"author": "Ann Lee", "removed_share": None}).page_note() or ""
    assert "not measurable" in note and "0%" not in note
    assert "12% of its text removed" in (Result(id="p", page={"removed_share": 0.12}).page_note() or "")


def test_a_text_longer_than_any_article_is_refused_before_it_is_read_into_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scorer import scoring
    from scorer.scoring import MAX_WORDS, Scorer

    scorer = Scorer()
    long_text = "Word. " * (MAX_WORDS + 1)
    viewed: list[int] = []
    real_view = scoring.TextView
    monkeypatch.setattr(scoring, "TextView", lambda text, lang: viewed.append(len(text)) or real_view(text, lang))
    long, beside = scorer.score_texts(["long", "beside"], [long_text, ARTICLE])
    assert viewed == [len(ARTICLE)]  # no view (lines, words, sentences) was built of the long text
    assert long.error is not None and f"over {MAX_WORDS:,} words" in long.error
    assert beside.ok and beside.label is not None  # its neighbour in the batch is scored


def test_the_time_budget_covers_html_extraction() -> None:
    """A page under the element cap whose extraction is slow (trafilatura is quadratic in paragraphs)
    is stopped by --timeout, within twice its value, and says so."""
    import time

    pytest.importorskip("trafilatura", reason="reading an HTML page needs the html extra")
    from scorer.batch import Document, score_records
    from scorer.scoring import Scorer

    scorer = Scorer()
    scorer.warm_up()
    page = "<html><body>" + "<p>a</p>" * 45_000 + "</body></html>"
    started = time.perf_counter()
    (result,) = score_records(scorer, [Document(id="page", text=page, html="always")], timeout=1.0)
    assert result.error is not None and "1 s budget" in result.error
    assert time.perf_counter() - started < 2.0


def test_a_jsonl_line_over_the_limit_is_one_error_row_and_never_held_whole(tmp_path: Path) -> None:
    from scorer.inputs import iter_documents

    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"text": "word " * 5000}), json.dumps({"text": ARTICLE[:1500]}), ""]
    path.write_text("\n".join(lines))
    first, second = list(iter_documents([str(path)], max_bytes=2000))
    assert first.error is not None and "over the 2,000 limit" in first.error and first.id.endswith(":1")
    assert second.error is None and second.id.endswith(":2") and second.text == ARTICLE[:1500]
