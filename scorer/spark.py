"""Scoring a Spark DataFrame: one row out per row in, the model loaded once per Python worker.

The driver verifies the model and broadcasts its two files (``.model.json`` and ``.json``) as
bytes, so executors need no shared filesystem. Each executor Python worker writes them to a
temporary directory, verifies and loads them once, and keeps the ``Scorer`` in a module-level
cache keyed by the model's sha256; every later task in that worker reuses it (Spark reuses
Python workers by default, ``spark.python.worker.reuse``). Each pandas batch is one
``score_texts`` call; an empty, null or unscorable text becomes an error row.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorer import artifact
from scorer.batch import Document, score_records
from scorer.errors import ColumnError, MissingExtraError
from scorer.features import feature_names
from scorer.scoring import SCORE_COLUMNS, Result, Scorer

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.broadcast import Broadcast
    from pyspark.sql import DataFrame

INDEX_COL = "index"
RESULT_COLS = SCORE_COLUMNS
EVIDENCE_COL = "evidence"

# Per Python worker process: model sha256 -> loaded Scorer.
_SCORERS: dict[str, Scorer] = {}


def score_spark(
    df: DataFrame,
    text_col: str = "text",
    id_col: str | None = None,
    model_path: str | os.PathLike[str] | None = None,
    evidence: bool = False,
) -> DataFrame:
    """Score the texts of ``df``: one output row per input row, lazily, with ``mapInPandas``.

    Columns: ``id_col`` (its own type) or else ``index`` (``monotonically_increasing_id``:
    unique and increasing, not consecutive), then label, probability (of the label),
    p_speculative, model, error, one double column per feature, and ``evidence`` (a JSON
    string) if asked. An error row has ``error`` set and nulls in every score column.
    """
    try:
        from pyspark.sql import functions as F
        from pyspark.sql import types as T
    except ImportError as exc:
        raise MissingExtraError('score_spark needs PySpark: pip install "sourcescore[spark]"') from exc

    for col in (text_col, id_col):
        if col is not None and col not in df.columns:
            raise ColumnError(f"no column {col!r} in the DataFrame (columns: {', '.join(df.columns)})")
    key_col = id_col or INDEX_COL
    features = feature_names()
    clashes = {key_col} & {*RESULT_COLS, *features, EVIDENCE_COL}
    if clashes:
        raise ColumnError(f"id column {key_col!r} clashes with an output column; rename it first")

    path = artifact.model_path(model_path) if model_path else artifact.default_model_path()
    metadata = artifact.verify(path)  # fail on the driver, before any task runs
    blob = df.sparkSession.sparkContext.broadcast(
        (metadata["sha256"], path.name, path.read_bytes(), artifact.metadata_path(path).read_bytes())
    )

    key = F.col(id_col) if id_col else F.monotonically_increasing_id()
    key_type = df.schema[id_col].dataType if id_col else T.LongType()
    fields = [
        T.StructField(key_col, key_type),
        T.StructField("label", T.StringType()),
        T.StructField("probability", T.DoubleType()),
        T.StructField("p_speculative", T.DoubleType()),
        T.StructField("model", T.StringType()),
        T.StructField("low_confidence", T.BooleanType()),
        T.StructField("error", T.StringType()),
        *(T.StructField(name, T.DoubleType()) for name in features),
    ]
    if evidence:
        fields.append(T.StructField(EVIDENCE_COL, T.StringType()))
    columns = [f.name for f in fields]
    # A partial of a module-level function: cloudpickle sends it by reference, so the worker
    # uses this module's _SCORERS cache rather than a fresh copy per task.
    fn = partial(_score_batches, blob=blob, evidence=evidence, columns=columns)
    inputs = df.select(key.alias(key_col), F.col(text_col).cast("string").alias("_text"))
    return inputs.mapInPandas(fn, T.StructType(fields))


def _score_batches(
    batches: Iterator[pd.DataFrame], blob: Broadcast, evidence: bool, columns: list[str]
) -> Iterator[pd.DataFrame]:
    """Runs on executors: each pandas batch scored with one prediction call."""
    import pandas as pd

    scorer = _worker_scorer(blob)
    key_col = columns[0]
    for batch in batches:
        keys = batch[key_col].tolist()
        texts = batch["_text"].tolist()  # a null arrives as None or NaN, by pandas version: both score as empty
        docs = [Document(id=str(k), text=t if isinstance(t, str) else "") for k, t in zip(keys, texts, strict=True)]
        records = [_record(r, evidence) for r in score_records(scorer, docs, evidence)]
        out = pd.DataFrame.from_records(records, columns=columns[1:])
        out.insert(0, key_col, batch[key_col].reset_index(drop=True))
        yield out


def _worker_scorer(blob: Broadcast) -> Scorer:
    """This worker's scorer for the broadcast model: verified and loaded on first use only."""
    sha, name, model_bytes, metadata_bytes = blob.value
    if sha not in _SCORERS:
        with tempfile.TemporaryDirectory(prefix="sourcescore-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(model_bytes)
            artifact.metadata_path(path).write_bytes(metadata_bytes)
            _SCORERS[sha] = Scorer(path)  # checks sha256 and feature schema again, then loads
    return _SCORERS[sha]


def _record(result: Result, evidence: bool) -> dict[str, Any]:
    """A flat output row, unrounded; the score columns are null on an error row."""
    record = result.to_row()
    del record["path"]
    if evidence:
        record[EVIDENCE_COL] = json.dumps(result.evidence_dict()) if result.ok else None
    return record
