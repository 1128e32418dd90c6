"""Scoring a Spark DataFrame: one row out per row in, the model loaded once per Python worker.

The driver verifies the model and broadcasts its two files (``.model.json`` and ``.json``) as
bytes (``batch.ShippedModel``), so executors need no shared filesystem. Each executor Python
worker writes them to a temporary directory, verifies and loads them once, and keeps the
``Scorer`` in a per-process cache keyed by the model's sha256; every later task in that worker
reuses it (Spark reuses Python workers by default, ``spark.python.worker.reuse``). Each pandas
batch is one ``score_texts`` call; an empty, null or unscorable text becomes an error row.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from scorer.batch import Document, ShippedModel, check_id_column, engine_columns, engine_row, score_records
from scorer.errors import ColumnError, MissingExtraError
from scorer.scoring import check_kept

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.broadcast import Broadcast
    from pyspark.sql import DataFrame

INDEX_COL = "index"


def score_spark(
    df: DataFrame,
    text_col: str = "text",
    id_col: str | None = None,
    model_path: str | os.PathLike[str] | None = None,
    evidence: bool = False,
    keep: Sequence[str] = (),
) -> DataFrame:
    """Score the texts of ``df``: one output row per input row, lazily, with ``mapInPandas``.

    Columns: ``id_col`` (its own type) or else ``index`` (``monotonically_increasing_id``:
    unique and increasing, not consecutive), then label, probability (of the label),
    p_speculative, model, error, one double column per feature, and ``evidence`` (a JSON
    string) if asked. An error row has ``error`` set and nulls in every score column.
    ``keep``: columns of ``df`` carried after the key, with their own types.
    """
    try:
        from pyspark.sql import functions as F
        from pyspark.sql import types as T
    except ImportError as exc:
        raise MissingExtraError('score_spark needs PySpark: pip install "sourcescore[spark]"') from exc

    ColumnError.require(df.columns, text_col, id_col, *keep)
    check_id_column(id_col)
    check_kept(list(keep), id_col or INDEX_COL)
    key_col = id_col or INDEX_COL

    blob = df.sparkSession.sparkContext.broadcast(ShippedModel.read(model_path))  # verified on the driver

    key = F.col(id_col) if id_col else F.monotonically_increasing_id()
    key_type = df.schema[id_col].dataType if id_col else T.LongType()
    types = {"text": T.StringType(), "number": T.DoubleType(), "flag": T.BooleanType()}
    fields = [
        T.StructField(key_col, key_type),
        *(df.schema[name] for name in keep),
        *(T.StructField(name, types[kind]) for name, kind in engine_columns(evidence).items()),
    ]
    columns = [f.name for f in fields]
    # A partial of a module-level function: cloudpickle sends it by reference, so the worker
    # uses the per-process scorer cache of scorer.batch rather than a fresh copy per task.
    fn = partial(_score_batches, blob=blob, evidence=evidence, columns=columns, front=1 + len(keep))
    inputs = df.select(key.alias(key_col), *(F.col(k) for k in keep), F.col(text_col).cast("string").alias("_text"))
    return inputs.mapInPandas(fn, T.StructType(fields))


def _score_batches(
    batches: Iterator[pd.DataFrame], blob: Broadcast, evidence: bool, columns: list[str], front: int = 1
) -> Iterator[pd.DataFrame]:
    """Runs on executors: each pandas batch scored with one prediction call."""
    import pandas as pd

    scorer = blob.value.scorer()
    key_col = columns[0]
    for batch in batches:
        keys = batch[key_col].tolist()
        texts = batch["_text"].tolist()  # a null arrives as None or NaN, by pandas version: both score as empty
        docs = [Document(id=str(k), text=t if isinstance(t, str) else "") for k, t in zip(keys, texts, strict=True)]
        records = [engine_row(r, evidence) for r in score_records(scorer, docs, evidence)]
        out = pd.DataFrame.from_records(records, columns=columns[front:])
        for position, name in enumerate(columns[:front]):  # the key, then the kept columns
            out.insert(position, name, batch[name].reset_index(drop=True))
        yield out
