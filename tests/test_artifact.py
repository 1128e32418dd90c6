"""Model artifacts: round trip, and refusal of every kind of bad file before unpickling."""

from __future__ import annotations

import json
import pickle
import shutil
import warnings
from pathlib import Path

import pytest

from scorer import artifact
from scorer.errors import ModelError
from scorer.scoring import Scorer


@pytest.fixture
def model_copy(small_model: Path, tmp_path: Path) -> Path:
    for suffix in (".joblib", ".json"):
        shutil.copy(small_model.with_suffix(suffix), tmp_path / f"m-v1{suffix}")
    return tmp_path / "m-v1.joblib"


def _meta(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text())


def _write_meta(path: Path, meta: dict) -> None:
    path.with_suffix(".json").write_text(json.dumps(meta))


def test_round_trip_scores_the_same(model_copy: Path, small_model: Path) -> None:
    a = Scorer(small_model).score_texts(["x"], ["He may have fled, police said."])[0]
    b = Scorer(model_copy).score_texts(["x"], ["He may have fled, police said."])[0]
    assert a.p_speculative == b.p_speculative


def test_metadata_records_what_it_must(small_model: Path) -> None:
    meta = _meta(small_model)
    for key in ("format_version", "model_version", "feature_schema", "classes", "training_data", "metrics",
                "libraries", "created", "sha256"):
        assert key in meta
    assert meta["training_data"]["rows"] == 14 and len(meta["training_data"]["sha256"]) == 64
    assert meta["libraries"]["textstat"] == "0.7.8"


def test_changed_byte_is_refused(model_copy: Path) -> None:
    data = bytearray(model_copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model_copy.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256"):
        artifact.load(model_copy)


def test_truncated_file_is_refused(model_copy: Path) -> None:
    model_copy.write_bytes(model_copy.read_bytes()[:100])
    with pytest.raises(ModelError, match="sha256"):
        artifact.load(model_copy)


def test_missing_model_and_metadata(model_copy: Path) -> None:
    with pytest.raises(ModelError, match="no such model"):
        artifact.load(model_copy.with_name("nope-v1.joblib"))
    model_copy.with_suffix(".json").unlink()
    with pytest.raises(ModelError, match="metadata .* missing"):
        artifact.load(model_copy)


@pytest.mark.parametrize(("key", "value", "message"), [("format", "other", "not sourcescore"),
                                                        ("format_version", 99, "format 99")])
def test_unknown_metadata_format(model_copy: Path, key: str, value: object, message: str) -> None:
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


class _RunsCode:
    def __reduce__(self):
        return (print, ("pwned",))


def test_pickle_that_would_run_code_is_refused_even_with_forged_metadata(model_copy: Path, capsys) -> None:
    model_copy.write_bytes(pickle.dumps(_RunsCode()))
    meta = _meta(model_copy)
    meta["sha256"] = artifact.sha256_of(model_copy)  # an attacker can forge the hash too
    _write_meta(model_copy, meta)
    with pytest.raises(ModelError, match="builtins.print"):
        artifact.load(model_copy)
    assert "pwned" not in capsys.readouterr().out


def test_other_sklearn_version_warns(model_copy: Path) -> None:
    meta = _meta(model_copy)
    meta["libraries"]["scikit-learn"] = "0.0.1"
    _write_meta(model_copy, meta)
    with pytest.warns(artifact.WarningOnVersion, match="0.0.1"):
        artifact.load(model_copy)


def test_training_never_overwrites(small_model: Path, labelled_rows) -> None:
    from scorer.training import train

    before = small_model.read_bytes()
    second = train(labelled_rows, small_model.parent, name="tiny")
    assert second.name == "tiny-v2.joblib" and small_model.read_bytes() == before
    second.unlink()
    second.with_suffix(".json").unlink()


def test_same_rows_and_seed_give_same_predictions(labelled_rows) -> None:
    from scorer.training import featurise, fit

    matrix, _ = featurise(labelled_rows)
    a, b = fit(labelled_rows, seed=3), fit(labelled_rows, seed=3)
    assert (a.predict_proba(matrix) == b.predict_proba(matrix)).all()


def test_crash_mid_save_leaves_previous_model_intact(small_model: Path, labelled_rows, monkeypatch) -> None:
    import joblib

    from scorer.training import train

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    before = sorted(p.name for p in small_model.parent.iterdir())
    monkeypatch.setattr(joblib, "dump", boom)
    with pytest.raises(KeyboardInterrupt):
        train(labelled_rows, small_model.parent, name="tiny")
    assert sorted(p.name for p in small_model.parent.iterdir()) == before
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        artifact.load(small_model)


def test_shipped_model_verifies_and_never_saw_the_seeds() -> None:
    meta = artifact.verify(artifact.default_model_path())
    assert meta["seeds_in_training"] is False
    assert meta["evaluation"]["dev_judged"]["n"] >= 200
