"""Input columns travel: --keep-columns in the json and csv output, keep= in pandas, Dask and Spark."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.errors import ColumnError
from scorer.frame import score_frame

from .conftest import REPORTED, SPECULATIVE

runner = CliRunner()
ROWS = [
    {"id": "a", "url": "https://www.example.com/a", "title": "A", "date": "2024-05-01", "text": REPORTED[0]},
    {"id": "b", "url": "https://news.example.org/b", "title": "B", "n": 3, "text": SPECULATIVE[0]},  # no date
    {"id": "c", "url": "https://news.example.org/c", "title": "C", "date": None, "text": ""},  # an error row
]


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    return path


def test_kept_fields_follow_the_path_in_json_output_and_null_where_missing(jsonl: Path) -> None:
    result = runner.invoke(app, ["score", str(jsonl), "--id-column", "id", "--keep-columns", "url,date", "-f", "json"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1  # row c is empty: an error row, still written
    assert [list(r)[:3] for r in records] == [["path", "url", "date"]] * 3
    assert [r["date"] for r in records] == ["2024-05-01", None, None]
    assert records[2]["url"] == ROWS[2]["url"] and records[2]["error"]


def test_kept_columns_in_csv_output_and_resume(jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    args = ["score", str(jsonl), "--id-column", "id", "--keep-columns", "url,title", "-o", str(out)]
    runner.invoke(app, args)
    table = list(csv.DictReader(io.StringIO(out.read_text())))
    assert list(table[0])[:4] == ["path", "url", "title", "label"] and [r["title"] for r in table] == ["A", "B", "C"]
    assert runner.invoke(app, [*args, "--resume"]).exit_code == 0  # nothing left to do, header understood
    assert len(out.read_text().splitlines()) == 4
    other = runner.invoke(app, ["score", str(jsonl), "--id-column", "id", "-o", str(out), "--resume"])
    assert other.exit_code == 1 and "--keep-columns it was written with" in other.output


def test_sources_by_domain_reads_kept_urls(jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    runner.invoke(app, ["score", str(jsonl), "--id-column", "id", "--keep-columns", "url", "-o", str(out)])
    result = runner.invoke(app, ["sources", str(out), "--by", "domain", "--min-n", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["domain"] for line in result.stdout.splitlines()} == {"example.com", "news.example.org"}


@pytest.mark.parametrize(
    ("value", "message"),
    [("label", "named like a result field"), ("url,,date", "separated by commas"), ("a,a", "twice")],
)
def test_bad_keep_columns_are_usage_errors(jsonl: Path, value: str, message: str) -> None:
    result = runner.invoke(app, ["score", str(jsonl), "--keep-columns", value])
    assert result.exit_code == 2 and message in result.output


def test_a_csv_without_a_kept_column_is_one_error_row(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("text,url\n" + f'"{REPORTED[0]}",https://x.com/1\n')
    result = runner.invoke(app, ["score", str(path), "--keep-columns", "url,title", "-f", "json"])
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert "no 'title' column" in record["error"]


def test_score_frame_keeps_columns_in_front() -> None:
    frame = pd.DataFrame(ROWS).set_index("id")
    out = score_frame(frame, keep=["url", "n"])
    assert list(out.columns[:3]) == ["url", "n", "label"] and list(out.index) == ["a", "b", "c"]
    assert out.loc["b", "n"] == 3 and out.loc["c", "url"] == ROWS[2]["url"]
    with pytest.raises(ColumnError):
        score_frame(frame, keep=["label"])
    with pytest.raises(ColumnError):
        score_frame(frame, keep=["missing"])


def test_score_dask_keeps_columns_with_their_dtypes(small_model: Path) -> None:
    dd = pytest.importorskip("dask.dataframe", reason='dask is not installed: pip install "sourcescore[dask]"')
    from scorer.dask import score_dask

    frame = pd.DataFrame(ROWS).assign(n=lambda f: f["n"].fillna(0).astype("int64"))
    out = score_dask(dd.from_pandas(frame, npartitions=2), id_col="id", model_path=small_model, keep=["url", "n"])
    computed = out.compute()
    assert list(computed.columns[:4]) == ["id", "url", "n", "label"] and computed["n"].dtype == "int64"
    assert list(computed["url"]) == [r["url"] for r in ROWS]


@pytest.mark.slow
def test_score_spark_keeps_columns_with_their_types(spark, small_model: Path) -> None:
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (mapInPandas needs it)")
    from scorer.spark import score_spark

    rows = [(r["id"], r["url"], r["text"], i) for i, r in enumerate(ROWS)]
    df = spark.createDataFrame(rows, "id string, url string, text string, n long")
    out = score_spark(df, id_col="id", model_path=small_model, keep=["url", "n"])
    assert out.columns[:4] == ["id", "url", "n", "label"] and dict(out.dtypes)["n"] == "bigint"
    collected = {r["id"]: r for r in out.collect()}
    assert collected["b"]["url"] == ROWS[1]["url"] and collected["c"]["n"] == 2 and collected["c"]["error"]
