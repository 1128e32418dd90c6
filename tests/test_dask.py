"""score_dask agrees with Scorer.score_texts row for row, on the synchronous and the process scheduler."""

from __future__ import annotations

import json
import math
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe", reason='dask is not installed: pip install "sourcescore[dask]"')

import dask
import dask.dataframe as dd
import pandas as pd

from scorer.artifact import metadata_path
from scorer.dask import score_dask
from scorer.errors import ColumnError, MissingExtraError, ModelError
from scorer.features import feature_names
from scorer.scoring import Scorer

from .conftest import REPORTED, SPECULATIVE

TEXTS = [*REPORTED[:3], None, *SPECULATIVE[:3], "   "]


def _frame(npartitions: int = 3) -> dd.DataFrame:
    df = pd.DataFrame({"url": [f"u{i}" for i in range(len(TEXTS))], "body": TEXTS}, index=range(100, 100 + len(TEXTS)))
    return dd.from_pandas(df, npartitions=npartitions)


def _scored(model: Path) -> pd.DataFrame:
    return score_dask(_frame(), text_col="body", id_col="url", model_path=model, evidence=True).compute()


def test_score_dask_matches_score_texts(small_model: Path) -> None:
    out = _scored(small_model)
    assert list(out.index) == list(range(100, 100 + len(TEXTS)))
    assert list(out.columns[:2]) == ["url", "label"] and out.columns[-1] == "evidence"
    expected = Scorer(small_model).score_texts(
        [f"u{i}" for i, t in enumerate(TEXTS) if t and t.strip()], [t for t in TEXTS if t and t.strip()], True
    )
    scored = out[out["error"].isna()]
    assert len(scored) == len(expected) == 6
    for (_, row), result in zip(scored.iterrows(), expected, strict=True):
        assert row["url"] == result.id and row["label"] == result.label
        assert row["p_speculative"] == result.p_speculative  # not rounded
        assert all(row[name] == result.features[name] for name in feature_names())
        assert json.loads(row["evidence"]) == json.loads(json.dumps(result.evidence_dict()))


def test_missing_and_blank_texts_are_error_rows_with_null_scores(small_model: Path) -> None:
    out = _scored(small_model)
    missing, blank = out.loc[103], out.loc[107]
    assert missing["error"] == "row 'u3': the text cell is missing"
    assert "empty" in blank["error"]
    for row in (missing, blank):
        assert pd.isna(row["label"]) and pd.isna(row["evidence"]) and pd.isna(row["low_confidence"])
        assert math.isnan(row["p_speculative"]) and math.isnan(row[feature_names()[0]])


def test_a_cell_that_is_not_text_is_an_error_row(small_model: Path) -> None:
    df = pd.DataFrame({"body": [REPORTED[0], 42]}, index=["a", "b"])
    with dask.config.set({"dataframe.convert-string": False}):  # else Dask itself turns 42 into "42"
        out = score_dask(dd.from_pandas(df, npartitions=1), text_col="body", model_path=small_model).compute()
    assert pd.isna(out.loc["a", "error"]) and out.loc["b", "error"] == "row 'b': the text cell is a int, not text"


def test_dtypes_are_the_same_in_every_partition_and_the_meta(small_model: Path) -> None:
    lazy = score_dask(_frame(), text_col="body", id_col="url", model_path=small_model)
    out = lazy.compute(scheduler="synchronous")
    assert dict(out.dtypes) == dict(lazy.dtypes)
    assert str(out.dtypes["label"]) == "string" and str(out.dtypes["low_confidence"]) == "boolean"


@pytest.mark.slow
def test_process_scheduler_gives_the_same_rows(small_model: Path) -> None:
    lazy = score_dask(_frame(), text_col="body", id_col="url", model_path=small_model)
    pd.testing.assert_frame_equal(lazy.compute(scheduler="processes"), lazy.compute(scheduler="synchronous"))


def test_columns_are_checked_before_any_work(small_model: Path) -> None:
    with pytest.raises(ColumnError, match="no column 'text'"):
        score_dask(_frame(), model_path=small_model)
    with pytest.raises(ColumnError, match="no column 'id'"):
        score_dask(_frame(), text_col="body", id_col="id", model_path=small_model)
    clash = _frame().rename(columns={"url": "label"})
    with pytest.raises(ColumnError, match="clashes"):
        score_dask(clash, text_col="body", id_col="label", model_path=small_model)


def test_a_tampered_model_fails_on_the_client_before_any_task(small_model: Path, tmp_path: Path) -> None:
    forged = tmp_path / small_model.name
    shutil.copy(small_model, forged)
    shutil.copy(metadata_path(small_model), metadata_path(forged))
    forged.write_bytes(forged.read_bytes().replace(b"speculative", b"Speculative", 1))
    with pytest.raises(ModelError):
        score_dask(_frame(), text_col="body", model_path=forged)


def test_without_dask_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = _frame()
    monkeypatch.setitem(sys.modules, "dask", None)  # import dask now raises ImportError
    with pytest.raises(MissingExtraError, match=r"sourcescore\[dask\]"):
        score_dask(frame, text_col="body")
