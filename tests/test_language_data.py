"""A language is data: its word lists and models reach every finder, rule and feature through one
``Language``, and nothing is read or compiled from them at import."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scorer.boilerplate import classify_lines
from scorer.cues.finders import dates
from scorer.features import extract, schema_record
from scorer.resources import Language, language, language_from_folder, register_language
from scorer.view import TextView

SHIPPED = Path(__file__).resolve().parents[1] / "scorer" / "resources" / "en"


@pytest.fixture(scope="module")
def other_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped lists with a hedge, a title and a furniture line of its own, as language "xx"."""
    folder = tmp_path_factory.mktemp("languages") / "xx"
    shutil.copytree(SHIPPED, folder)
    for name, extra in (("hedges", "blorp"), ("titles", "Grand Vizier"), ("furniture", "navigation: zork menu")):
        path = folder / f"{name}.txt"
        path.write_text(path.read_text(encoding="utf-8") + f"\n{extra}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def other(other_folder: Path) -> Language:
    return language_from_folder(other_folder)


def test_no_language_file_is_read_or_compiled_at_import() -> None:
    code = (
        "import importlib, pkgutil, scorer, scorer.resources as r\n"
        "for m in pkgutil.walk_packages(scorer.__path__, 'scorer.'):\n"
        "    try: importlib.import_module(m.name)\n"
        "    except ModuleNotFoundError as e:\n"
        "        if (e.name or 'scorer').startswith('scorer'): raise\n"
        "print(r._shipped.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"


def test_every_finder_rule_and_feature_reads_the_language_it_is_given(other: Language) -> None:
    text = "Grand Vizier Jafar said on Monday the talks would blorp resume. They blorp will.\nzork menu\n" * 3
    mine, shipped = TextView(text, other), TextView(text)
    kinds = {c.kind for cues in mine.cues.sentences for c in cues}
    assert {"hedge", "person"} <= kinds
    assert not {"hedge", "person"} & {c.kind for cues in shipped.cues.sentences for c in cues}
    assert classify_lines(["Headline", "zork menu"], other)[1] == "navigation"
    assert classify_lines(["Headline", "zork menu"])[1] is None
    assert extract(text, other)["hedges_per_sentence"] > extract(text)["hedges_per_sentence"] == 0
    record = schema_record(other)
    assert record["language"] == "xx" and set(record["resources"]) == {f"xx/{p.name}" for p in _files(other)}
    assert record["resources"] != schema_record()["resources"]


def test_a_language_of_its_own_runs_end_to_end_through_score(
    other_folder: Path, labelled_rows: list, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from scorer.cli import app
    from scorer.training import train

    from .conftest import SPECULATIVE_ARTICLE

    lang = register_language(other_folder)
    assert language("xx") is lang and register_language(other_folder) is lang
    path = train(labelled_rows, tmp_path, name="xx-tiny", lang=lang)
    assert json.loads(path.with_name("xx-tiny-v1.json").read_text())["feature_schema"]["language"] == "xx"
    text = SPECULATIVE_ARTICLE + " The Grand Vizier Jafar will blorp resign."
    runner = CliRunner()
    mine = runner.invoke(app, ["score", "-", "--model", str(path), "--explain"], input=text)
    assert mine.exit_code == 0, mine.output
    assert "[hedge: blorp]" in mine.output and "[person: Grand Vizier Jafar]" in mine.output
    shipped = runner.invoke(app, ["score", "-", "--explain"], input=text)
    assert "blorp]" not in shipped.output and "[person: Grand Vizier" not in shipped.output
    with pytest.raises(ValueError, match="not a shipped one"):
        register_language(SHIPPED)


def test_a_shipped_language_is_one_object_and_an_unknown_one_is_refused() -> None:
    assert language("en") is language() and language().code == "en"
    with pytest.raises(ValueError, match="no word lists for language 'zz'"):
        language("zz")
    with pytest.raises(ValueError, match="no word lists for language '../en'"):
        language("../en")


def _files(lang: Language) -> list[Path]:
    return [p for p in Path(str(lang.folder)).iterdir() if p.suffix in (".txt", ".json") and p.name != "scope.json"]


def test_the_command_line_trains_and_scores_with_a_language_folder(
    other_folder: Path, labels_csv: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from scorer.cli import app

    runner = CliRunner()
    trained = runner.invoke(
        app, ["train", str(labels_csv), "--out", str(tmp_path), "--name", "mine", "--language-dir", str(other_folder)]
    )
    assert trained.exit_code == 0, trained.output
    model = tmp_path / "mine-v1.model.json"
    assert json.loads((tmp_path / "mine-v1.json").read_text())["feature_schema"]["language"] == "xx"
    scored = runner.invoke(
        app, ["score", "-", "--model", str(model), "--language-dir", str(other_folder), "--explain"],
        input="The Grand Vizier Jafar said on Monday that the talks would blorp resume in Oslo. " * 3,
    )  # fmt: skip
    assert scored.exit_code == 0, scored.output
    assert "[attributed_hedge: blorp]" in scored.output  # its own hedge, in a sentence that attributes
    refused = runner.invoke(app, ["score", "-", "--language-dir", str(SHIPPED)], input="Some text.")
    assert refused.exit_code == 2 and "--language-dir" in refused.output


def test_a_spawned_worker_registers_the_language_of_its_model(
    other_folder: Path, labelled_rows: list, tmp_path: Path
) -> None:
    import multiprocessing

    from scorer.batch import Document, init_worker, work_on_chunk, worker_settings
    from scorer.scoring import Scorer
    from scorer.training import train

    path = train(labelled_rows, tmp_path, name="xx-spawned", lang=register_language(other_folder))
    settings = worker_settings(Scorer(path))
    assert settings[-1] == str(other_folder)
    with multiprocessing.get_context("spawn").Pool(1, initializer=init_worker, initargs=settings) as pool:
        [result] = pool.apply(
            work_on_chunk, ((([Document(id="a", text="They will blorp meet on Monday.")]), True, 10**6, None),)
        )
    assert result.ok and any(
        c.kind == "hedge" and c.text == "blorp" for s in result.explanation.sentences for c in s.cues
    )


def test_a_scorer_and_its_language_pickle_as_where_they_come_from(other: Language) -> None:
    import pickle

    from scorer.scoring import Scorer

    scorer = Scorer()
    text = "The minister said on Monday that the talks would probably resume in Oslo next week. " * 3
    scorer.score_texts(["a"], [text])  # builds the language's finders and models first
    again = pickle.loads(pickle.dumps(scorer))
    assert (
        again.lang is language()
        and again.score_texts(["a"], [text])[0].p_speculative == scorer.score_texts(["a"], [text])[0].p_speculative
    )
    copy = pickle.loads(pickle.dumps(other))
    assert copy.code == "xx" and copy.word_list("hedges") == other.word_list("hedges")


def test_a_language_s_patterns_are_its_data(other_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "yy"
    shutil.copytree(other_folder, folder)
    path = folder / "patterns.json"
    spec = json.loads(path.read_text(encoding="utf-8"))
    spec["fragments"]["weekday_words"]["words"].append("Caturday")
    path.write_text(json.dumps(spec), encoding="utf-8")
    mine = language_from_folder(folder)
    assert [m.text for m in dates("See you on Caturday.", mine)] == ["on Caturday"]
    assert not dates("See you on Caturday.")
    spec["cues"]["date"]["template"] += "|@{nowhere}"
    path.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(ValueError, match="no fragment 'nowhere'"):
        dates("Monday", language_from_folder(folder))
    spec["fragments"]["weekdays"]["template"] = "(?:@{weekdays})"
    spec["cues"]["date"]["template"] = spec["cues"]["date"]["template"].removesuffix("|@{nowhere}")
    path.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(ValueError, match="refers to itself"):
        dates("Monday", language_from_folder(folder))
