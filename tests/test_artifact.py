"""Model artifacts: round trip, and refusal of every kind of bad or hostile file with one clear error."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
import sys
import warnings
from pathlib import Path

import pytest

from scorer import artifact
from scorer.errors import ModelError
from scorer.scoring import Scorer


@pytest.fixture
def model_copy(small_model: Path, tmp_path: Path) -> Path:
    shutil.copy(small_model, tmp_path / "m-v1.model.json")
    shutil.copy(artifact.metadata_path(small_model), tmp_path / "m-v1.json")
    return tmp_path / "m-v1.model.json"


def _meta(path: Path) -> dict:
    return json.loads(artifact.metadata_path(path).read_text())


def _write_meta(path: Path, meta: dict) -> None:
    artifact.metadata_path(path).write_text(json.dumps(meta))


def _forge(path: Path, params: object) -> None:
    """Write ``params`` as the model file and make the metadata hash match: what an attacker can do."""
    data = params if isinstance(params, bytes) else json.dumps(params).encode()
    path.write_bytes(data)
    meta = _meta(path)
    meta["sha256"] = artifact.sha256_of(path)
    _write_meta(path, meta)


def test_round_trip_scores_the_same(model_copy: Path, small_model: Path) -> None:
    a = Scorer(small_model).score_texts(["x"], ["He may have fled, police said."])[0]
    b = Scorer(model_copy).score_texts(["x"], ["He may have fled, police said."])[0]
    assert a.p_speculative == b.p_speculative


def test_either_file_names_the_model(model_copy: Path) -> None:
    by_params = artifact.load(model_copy)
    by_metadata = artifact.load(artifact.metadata_path(model_copy))
    assert by_params.version == by_metadata.version == "tiny-v1"


def test_metadata_records_what_it_must(small_model: Path) -> None:
    meta = _meta(small_model)
    for key in (
        "format_version",
        "model_version",
        "feature_schema",
        "classes",
        "training_data",
        "metrics",
        "libraries",
        "created",
        "sha256",
        "threshold",
    ):
        assert key in meta
    assert meta["training_data"]["rows"] == 14 and len(meta["training_data"]["sha256"]) == 64
    assert meta["libraries"]["textstat"] == "0.7.8"
    assert "en/hedges.txt" in meta["feature_schema"]["resources"] and meta["feature_schema"]["language"] == "en"


def test_changed_byte_is_refused(model_copy: Path) -> None:
    data = bytearray(model_copy.read_bytes())
    data[len(data) // 2] ^= 0x01
    model_copy.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256"):
        artifact.load(model_copy)


def test_truncated_file_is_refused(model_copy: Path) -> None:
    model_copy.write_bytes(model_copy.read_bytes()[:100])
    with pytest.raises(ModelError, match="sha256"):
        artifact.load(model_copy)


def test_missing_model_and_metadata(model_copy: Path) -> None:
    with pytest.raises(ModelError, match="no such model"):
        artifact.load(model_copy.with_name("nope-v1.model.json"))
    artifact.metadata_path(model_copy).unlink()
    with pytest.raises(ModelError, match="metadata .* missing"):
        artifact.load(model_copy)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("format", "other", "not sourcescore"),
        ("format_version", 99, "format 99"),
        ("name", None, "'name'"),
        ("name", "../../x", "'name'"),
        ("libraries", [], "'libraries'"),
        ("model_version", "1", "'model_version'"),
        ("sha256", "abc", "'sha256'"),
    ],
)
def test_malformed_metadata(model_copy: Path, key: str, value: object, message: str) -> None:
    meta = _meta(model_copy)
    meta[key] = value
    _write_meta(model_copy, meta)
    with pytest.raises(ModelError, match=message):
        artifact.load(model_copy)


def test_feature_schema_mismatch(model_copy: Path) -> None:
    meta = _meta(model_copy)
    meta["feature_schema"]["features"][0]["version"] = 2
    _write_meta(model_copy, meta)
    with pytest.raises(ModelError, match="feature schema"):
        artifact.load(model_copy)


def test_an_edited_lexicon_forces_a_retrain(model_copy: Path) -> None:
    meta = _meta(model_copy)
    meta["feature_schema"]["resources"]["hedges.txt"] = "0" * 64  # as if hedges.txt had been edited since
    _write_meta(model_copy, meta)
    with pytest.raises(ModelError, match="lexicon"):
        artifact.load(model_copy)


class _RunsCode:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


def test_a_pickle_is_never_loaded_even_with_forged_metadata(model_copy: Path, tmp_path: Path) -> None:
    _forge(model_copy, pickle.dumps(_RunsCode()))
    with pytest.raises(ModelError, match="not valid JSON"):
        artifact.load(model_copy)
    legacy = tmp_path / "old-v1.joblib"
    legacy.write_bytes(pickle.dumps(_RunsCode()))
    with pytest.raises(ModelError, match="pickled models are not loaded"):
        artifact.load(legacy)


def test_loading_never_imports_a_pickle_reader_or_sklearn(small_model: Path) -> None:
    import subprocess

    code = (
        "import sys; from scorer import artifact; artifact.load(sys.argv[1]); "
        "bad = {m for m in ('joblib', 'sklearn', 'pickle') if m in sys.modules}; print(sorted(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(small_model)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "joblib" not in done.stdout and "sklearn" not in done.stdout


def _params(model_copy: Path) -> dict:
    return json.loads(model_copy.read_text())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: {"coef": p["slopes"]}, "kind"),  # a bare estimator's fields
        (lambda p: {**p, "kind": "pipeline"}, "kind"),
        (lambda p: {**p, "slopes": p["slopes"][:-1]}, "'slopes'"),  # wrong number of features
        (lambda p: {**p, "features": p["features"][:-1]}, "features differ"),
        (lambda p: {**p, "slopes": [[float("nan")] * len(s) for s in p["slopes"]]}, "finite"),  # NaN weights
        (lambda p: {**p, "slopes": [[*s, 0.0] for s in p["slopes"]]}, "one per segment"),
        (lambda p: {**p, "knots": [k[::-1] for k in p["knots"]]}, "increasing"),
        (lambda p: {**p, "knots": [list(range(100)) for _ in p["knots"]]}, "1 to 64"),  # rows x segments blow-up
        (lambda p: {**p, "centre": p["centre"][:-1]}, "'centre'"),
        (lambda p: {**p, "slopes": [[-1.0] * len(s) for s in p["slopes"]]}, "declared direction"),
        (lambda p: {**p, "intercept": "0"}, "'intercept'"),
        (lambda p: {**p, "threshold": 1.5}, "threshold"),
        (lambda p: {**p, "classes": ["a", "b"]}, "classes"),
        (lambda p: [p], "not a JSON object"),
    ],
)
def test_malformed_parameters_are_one_clear_error(model_copy: Path, change, message: str) -> None:
    _forge(model_copy, change(_params(model_copy)))
    with pytest.raises(ModelError, match=message):
        artifact.load(model_copy)


def test_deeply_nested_json_is_refused(model_copy: Path) -> None:
    _forge(model_copy, b"[" * 200_000 + b"]" * 200_000)
    with pytest.raises(ModelError, match="nested too deeply|not valid JSON"):
        artifact.load(model_copy)
    artifact.metadata_path(model_copy).write_bytes(b"[" * 200_000)
    with pytest.raises(ModelError, match="nested too deeply|not valid JSON"):
        artifact.load(model_copy)


def test_oversized_metadata_is_refused_without_reading_it(model_copy: Path) -> None:
    with open(artifact.metadata_path(model_copy), "ab") as fh:
        fh.truncate(artifact.MAX_METADATA_BYTES + 1)
    with pytest.raises(ModelError, match="limit"):
        artifact.load(model_copy)


def test_a_fifo_as_metadata_does_not_block(model_copy: Path) -> None:
    meta = artifact.metadata_path(model_copy)
    meta.unlink()
    os.mkfifo(meta)
    with pytest.raises(ModelError, match="not a regular file"):
        artifact.load(model_copy)


def test_other_textstat_version_warns(model_copy: Path) -> None:
    meta = _meta(model_copy)
    meta["libraries"]["textstat"] = "0.0.1"
    _write_meta(model_copy, meta)
    with pytest.warns(artifact.WarningOnVersion, match="0.0.1"):
        artifact.load(model_copy)


def test_training_never_overwrites(small_model: Path, labelled_rows) -> None:
    from scorer.training import train

    before = small_model.read_bytes()
    second = train(labelled_rows, small_model.parent, name="tiny")
    assert second.name == "tiny-v2.model.json" and small_model.read_bytes() == before
    second.unlink()
    artifact.metadata_path(second).unlink()


def test_racing_writers_get_distinct_versions(tmp_path: Path, labelled_rows) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from scorer.training import fit

    fitted = fit(labelled_rows)
    with ThreadPoolExecutor(4) as pool:
        paths = list(pool.map(lambda _: artifact.save(fitted, {}, tmp_path, "race"), range(8)))
    assert len({p.name for p in paths}) == 8
    for p in paths:
        artifact.load(p)


def test_names_that_escape_the_folder_are_refused(tmp_path: Path, labelled_rows) -> None:
    from scorer.training import fit

    for name in ("../../x", "a/b", ".hidden", ""):
        with pytest.raises(ModelError, match="model name"):
            artifact.save(fit(labelled_rows), {}, tmp_path / "d", name)
    assert not (tmp_path / "x-v1.model.json").exists()


def test_files_follow_the_umask(tmp_path: Path, labelled_rows) -> None:
    from scorer.training import fit

    old = os.umask(0o022)
    try:
        path = artifact.save(fit(labelled_rows), {}, tmp_path, "perm")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert stat.S_IMODE(artifact.metadata_path(path).stat().st_mode) == 0o644
    assert not list(tmp_path.glob(".tmp-*"))


def test_same_rows_and_seed_give_same_predictions(labelled_rows) -> None:
    from scorer.training import Recipe, featurise, fit

    matrix, _ = featurise(labelled_rows)
    a, b = fit(labelled_rows, Recipe(seed=3)), fit(labelled_rows, Recipe(seed=3))
    assert (a.speculative_probability(matrix) == b.speculative_probability(matrix)).all()


def test_crash_mid_save_leaves_previous_model_intact(small_model: Path, labelled_rows, monkeypatch) -> None:
    from scorer.training import train

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    before = sorted(p.name for p in small_model.parent.iterdir())
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        train(labelled_rows, small_model.parent, name="tiny")
    assert sorted(p.name for p in small_model.parent.iterdir()) == before
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        artifact.load(small_model)


def test_shipped_model_verifies_and_never_saw_the_seeds() -> None:
    meta = artifact.verify(artifact.default_model_path())
    assert meta["seeds_in_training"] is False


def test_training_runs_the_shipped_recipe(tmp_path: Path) -> None:
    """A set large enough for the n-gram term gets the shipped family: blend, operating point, figures."""
    import random

    from scorer.labels import LabelledText
    from scorer.training import MIN_NGRAM_ROWS, Recipe, train

    from .conftest import REPORTED, SPECULATIVE

    rng = random.Random(0)
    rows = [
        LabelledText(f"{label[0]}{i}", " ".join(rng.sample(pool, 4)) + f" Item {i}.", label, f"outlet{i % 7}")
        for i in range(MIN_NGRAM_ROWS // 2 + 10)
        for label, pool in (("reported", REPORTED), ("speculative", SPECULATIVE))
    ]
    path = train(rows, tmp_path, name="recipe", recipe=Recipe(seed=1))
    loaded = artifact.load(path)
    assert loaded.model.ngrams is not None and loaded.model.threshold == 0.5
    meta = loaded.metadata
    assert meta["hyperparameters"]["ngram_C"] == Recipe().ngram_C
    assert "grouped by 7 groups" in meta["metrics"]["cross_validation"]["method"]
    assert 0.5 <= meta["operating_point"]["threshold_on_out_of_fold"] <= 0.99
    assert set(meta["blend"]) == {"feature_weight", "ngram_weight", "offset"}


def test_the_shipped_model_was_built_by_the_default_recipe() -> None:
    """``scorer train`` with no options builds the family that ships, not a weaker one."""
    import dataclasses

    from scorer.training import Recipe

    shipped = artifact.load(artifact.default_model_path()).metadata["hyperparameters"]
    defaults = {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(Recipe()).items()}
    assert shipped == defaults


def test_a_display_only_feature_leaves_the_shipped_model_loadable(monkeypatch) -> None:
    """Adding a column that the classifier does not read is one change in one family module."""
    from scorer import score
    from scorer.features import filler
    from scorer.features.base import Feature

    original = filler.compute
    monkeypatch.setattr(
        filler, "FEATURES", [*filler.FEATURES, Feature("shown_only", "shown, not read", in_model=False)]
    )
    monkeypatch.setattr(filler, "compute", lambda view: {**original(view), "shown_only": 1.0})
    artifact.verify(artifact.default_model_path())
    result = score("The minister said on Monday that talks would resume in Oslo next week, officials said.")
    assert result.ok and result.features["shown_only"] == 1.0
