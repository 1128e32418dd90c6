"""What a newcomer hits first: public names, explicit paths, the estimator contract, CLI conventions."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import scorer
from scorer.cli import app

from .conftest import REPORTED, SEEDS, SPECULATIVE, SPECULATIVE_SEED

runner = CliRunner()
ARTICLE = " ".join(REPORTED + SPECULATIVE)


def test_public_names_are_functions_even_after_their_modules_load() -> None:
    import scorer.evidence
    from scorer import explain, extract, score_frame, score_many, train

    for fn in (explain, extract, score_frame, score_many, train, scorer.explain):
        assert callable(fn) and not isinstance(fn, type(scorer)), fn
    assert scorer.explain(ARTICLE).sentences


def test_score_many_takes_paths_explicitly(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(ARTICLE)
    by_paths = list(scorer.score_many(paths=[str(good), str(tmp_path / "missing.txt")]))
    assert by_paths[0].ok and "no such file" in by_paths[1].error
    as_texts = list(scorer.score_many([str(good)]))  # a str is a text, always
    assert as_texts[0].low_confidence is True


def test_score_frame_names_rows_by_index_and_refuses_non_text_cells() -> None:
    df = pd.DataFrame({"text": [ARTICLE, 42, None]}, index=["x", "y", "z"])
    out = scorer.score_frame(df)
    assert list(out.index) == ["x", "y", "z"] and pd.isna(out.loc["x", "error"])
    assert out.loc["y", "error"] == "row 'y': the text cell is a int, not text"
    assert "missing" in out.loc["z", "error"]
    direct = scorer.score(ARTICLE)
    assert out.loc["x", "p_speculative"] == direct.p_speculative  # not rounded


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_score_frame_gives_a_missing_cell_an_error_row_whatever_its_null(missing: object) -> None:
    """A nullable string column holds pandas.NA, whose comparisons have no truth value: still an error row."""
    df = pd.DataFrame({"text": pd.array([ARTICLE, missing], dtype=object)})
    nullable = df.astype({"text": "string"}) if missing is not pd.NaT else df
    out = scorer.score_frame(nullable)
    assert pd.isna(out.loc[0, "error"]) and out.loc[1, "error"] == "row 1: the text cell is missing"


def test_feature_extractor_is_a_proper_estimator() -> None:
    """The estimator contract, tested directly: sklearn's check_estimator skips every check for
    raw-text estimators (string input tags), as it does for CountVectorizer."""
    from sklearn.base import clone
    from sklearn.compose import ColumnTransformer
    from sklearn.exceptions import NotFittedError

    from scorer.features import feature_names
    from scorer.transformer import FeatureExtractor

    with pytest.raises(NotFittedError):
        FeatureExtractor().transform([ARTICLE])
    with pytest.raises(ValueError, match="string object received"):
        FeatureExtractor().fit("one string")
    fitted = clone(FeatureExtractor()).fit([ARTICLE])
    one = fitted.transform([ARTICLE])
    assert one.shape == (1, len(feature_names()))
    df = pd.DataFrame({"text": [ARTICLE, REPORTED[0]], "other": [1, 2]})
    assert fitted.transform(df[["text"]]).shape == (2, len(feature_names()))
    assert np.allclose(fitted.transform(df[["text"]])[0], one[0])
    columns = ColumnTransformer([("features", FeatureExtractor(), ["text"])]).fit(df)
    assert columns.transform(df).shape == (2, len(feature_names()))
    assert np.allclose(pickle.loads(pickle.dumps(fitted)).transform([ARTICLE]), one)
    assert list(fitted.get_feature_names_out()) == feature_names()
    tags = FeatureExtractor().__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array  # as CountVectorizer declares


# -- the command line ---------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--version"], ["score", "--version"]])
def test_version(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and result.output.strip() == f"sourcescore {scorer.__version__}"


def test_short_help_and_help_without_arguments() -> None:
    assert "Label each document" in runner.invoke(app, ["score", "-h"]).output
    result = runner.invoke(app, ["score"])
    assert "Usage:" in result.output and "--format" in result.output


def test_format_is_a_choice_and_jobs_zero_is_refused() -> None:
    result = runner.invoke(app, ["score", "-f", "xml", str(SEEDS[0])])
    assert result.exit_code == 2 and "text" in result.output and "csv" in result.output
    result = runner.invoke(app, ["score", "--jobs", "0", str(SEEDS[0])])
    assert result.exit_code == 2 and "--jobs" in result.output


def test_nothing_matched_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE)
    result = runner.invoke(app, ["score", str(tmp_path), "--glob", "*.txtt"])
    assert result.exit_code == 1 and "no documents found" in result.output


def test_report_exits_1_when_rows_failed(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "could not be scored" in result.output


def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from scorer.cli import _Outputs

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    result = scorer.load_model().score_texts(["x"], [open(SEEDS[2]).read()])[0]

    def explained() -> str:
        terminal = Terminal()
        monkeypatch.setattr("sys.stdout", terminal)
        with _Outputs("explain", None, None, False, [], True) as outputs:
            outputs.write(result)
        return terminal.getvalue()

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in explained()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = explained()
    assert "\x1b[" not in plain and "[hedge:" in plain


def test_cli_formats_are_the_output_registry() -> None:
    from scorer.cli import Format
    from scorer.output import FORMATS

    assert [f.value for f in Format] == list(FORMATS)


def test_a_user_model_never_shadows_the_shipped_one(tmp_path: Path, labels_csv: Path) -> None:
    from scorer import artifact

    shipped = artifact.default_model_path()
    result = runner.invoke(app, ["train", str(labels_csv), "--out", str(shipped.parent)])
    try:
        assert result.exit_code == 0, result.output
        assert artifact.default_model_path() == shipped
        assert "custom-v" in result.output
    finally:
        for made in shipped.parent.glob("custom-v*"):
            made.unlink()


def test_non_english_text_is_an_error_row_unless_asked() -> None:
    french = (
        "Le ministre des Affaires étrangères a déclaré mardi que les négociations reprendraient à Oslo "
        "la semaine prochaine, selon un communiqué publié par le gouvernement. "
    ) * 3
    result = runner.invoke(app, ["score", "-f", "json", "-"], input=french)
    row = json.loads(result.output.splitlines()[0])
    assert result.exit_code == 1 and row["error"].startswith("unsupported language: fr")
    result = runner.invoke(app, ["score", "-f", "json", "--any-language", "-"], input=french)
    assert result.exit_code == 0 and json.loads(result.output)["label"] in ("reported", "speculative")


def test_short_texts_are_marked_low_confidence_everywhere() -> None:
    short = "Police said on Monday that a man was arrested."
    assert scorer.score(short).low_confidence is True
    assert "low confidence" in runner.invoke(app, ["score", "-"], input=short).output
    assert json.loads(runner.invoke(app, ["score", "-f", "json", "-"], input=short).output)["low_confidence"] is True
    assert "low_confidence" in runner.invoke(app, ["score", "-f", "csv", "-"], input=short).output.splitlines()[0]
    assert scorer.score(open(SEEDS[0]).read()).low_confidence is False


def test_each_sentence_shows_who_carries_its_claim(tmp_path: Path) -> None:
    explained = runner.invoke(app, ["score", "--explain", str(SEEDS[2])]).output
    assert "who carries the claim:" in explained and "  conjecture " in explained
    page = tmp_path / "p.html"
    runner.invoke(app, ["score", str(SEEDS[2]), "--html", str(page)])
    html = page.read_text()
    assert 'class="claim claim-conjecture" title="claim: conjecture (' in html and ".claim-named{" in html


def test_a_headline_is_shown_as_the_headline_never_as_furniture() -> None:
    from scorer.evidence import explain

    text = "Council Approves New Budget For Schools\n\nThe council voted 7-2 on Monday, its chair said."
    first, second = explain(text).sentences
    assert (first.claim, first.claim_probability) == ("headline", None) and second.claim != "headline"
    assert explain(text).claim_counts()["headline"] == 1
    assert [s.claim for s in explain("One line that ends. Then more.\nA second line.").sentences].count("headline") == 0
    result = scorer.score(text).to_dict()
    assert result["evidence"]["sentences"][0]["claim"] == "headline"


def test_explain_goes_where_output_goes(tmp_path: Path) -> None:
    out = tmp_path / "ex.txt"
    result = runner.invoke(app, ["score", "--explain", str(SEEDS[2]), "-o", str(out)])
    assert result.exit_code == 0 and "sentences (" not in result.output
    assert "sentences (" in out.read_text() and "\x1b[" not in out.read_text()


def test_score_texts_wants_one_id_per_text() -> None:
    with pytest.raises(ValueError, match="2 ids for 1 texts"):
        scorer.load_model().score_texts(["a", "b"], ["One text, officials said on Monday."])


def test_score_of_a_text_that_cannot_be_scored_is_an_error_result_with_a_short_repr() -> None:
    from scorer import score

    for text, reason in (("", "empty document"), (b"bytes", "not text"), ("Das ist ein Text. " * 30, "language")):
        result = score(text)  # type: ignore[arg-type]
        assert not result.ok and reason in (result.error or "")
        assert repr(result).startswith("Result(id='-', error=")
    scored = score((SEEDS[0].parent / SPECULATIVE_SEED).read_text(encoding="utf-8"))
    assert repr(scored).startswith("Result(id='-', label='speculative', p_speculative=0.") and len(repr(scored)) < 200


def test_score_loads_a_model_file_once_until_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from scorer import artifact, score

    loads: list[Path] = []
    real_load = artifact.load
    monkeypatch.setattr(artifact, "load", lambda path: loads.append(path) or real_load(path))
    shipped = artifact.default_model_path()
    copy = tmp_path / shipped.name
    shutil.copy(shipped, copy)
    shutil.copy(shipped.with_name(shipped.name.replace(".model.json", ".json")), tmp_path)
    text = (SEEDS[0].parent / SPECULATIVE_SEED).read_text(encoding="utf-8")
    first, second = score(text, str(copy)), score(text, copy)
    assert len(loads) == 1 and first.p_speculative == second.p_speculative
    copy.write_bytes(copy.read_bytes() + b"\n")  # changed on disk: verified again, and refused as tampered
    with pytest.raises(scorer.ModelError, match="sha256|checksum|tamper"):
        score(text, copy)
    assert len(loads) == 2


class _HtmlFormatter:
    """IPython's HTML formatter, as far as the package uses it."""

    def __init__(self) -> None:
        self.registered: dict[tuple[str, str], Any] = {}

    def for_type_by_name(self, module: str, name: str, func: Any) -> None:
        self.registered[module, name] = func


def _ipython(monkeypatch: pytest.MonkeyPatch, shell_running: bool) -> _HtmlFormatter:
    import types

    formatter = _HtmlFormatter()
    shell = types.SimpleNamespace(display_formatter=types.SimpleNamespace(formatters={"text/html": formatter}))
    monkeypatch.setitem(
        sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell if shell_running else None)
    )
    return formatter


def test_in_a_notebook_a_result_displays_as_its_evidence_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import html

    formatter = _ipython(monkeypatch, shell_running=True)
    scorer._register_notebook_display()
    show = formatter.registered["scorer.scoring", "Result"]
    result = scorer.score((SEEDS[0].parent / SPECULATIVE_SEED).read_text(encoding="utf-8"))
    assert type(result).__module__ == "scorer.scoring" and type(result).__name__ == "Result"
    cell = show(result)
    assert cell.startswith("<iframe sandbox srcdoc=") and "<script" not in cell
    page = html.unescape(cell.split('srcdoc="', 1)[1].split('"', 1)[0])
    assert "label-speculative" in page and "Content-Security-Policy" in page and "Lavrov" in page


def test_a_results_frame_displays_as_the_report_of_its_rows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import html

    _ipython(monkeypatch, shell_running=True)
    scorer._register_notebook_display()  # registers the frame accessor too
    texts = [(SEEDS[0].parent / SPECULATIVE_SEED).read_text(encoding="utf-8"), "", "<script>alert(1)</script> " * 30]
    frame = pd.DataFrame({"text": texts}, index=["filler", "empty", "<b>odd id</b>"])
    results = scorer.score_frame(frame)
    cell = results.sourcescore._repr_html_()
    assert cell.startswith('<iframe sandbox="allow-scripts" srcdoc=')
    page = html.unescape(cell.split('srcdoc="', 1)[1].split('"', 1)[0])
    assert page == results.sourcescore.report()
    assert "3 document(s), 1 error(s)" in page and "label-speculative" in page
    assert "&lt;b&gt;odd id&lt;/b&gt;" in page and "<b>odd id" not in page and "<script>alert" not in page
    path = tmp_path / "r.jsonl"
    runner.invoke(app, ["score", str(SEEDS[0]), "-o", str(path)])
    from scorer.sources import read_results

    assert str(SEEDS[0]) in read_results(path).sourcescore.report()


def test_outside_a_notebook_nothing_is_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    formatter = _ipython(monkeypatch, shell_running=False)  # IPython installed, a plain interpreter running
    scorer._register_notebook_display()
    assert formatter.registered == {}
    monkeypatch.delitem(sys.modules, "IPython")
    scorer._register_notebook_display()  # IPython not installed at all: no error either
