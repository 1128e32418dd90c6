"""Scoring a Dask DataFrame: one row out per row in, lazily, the model loaded once per worker process.

The client verifies the model and puts its two files into the task graph once, as bytes
(``batch.ShippedModel``), so workers need no shared filesystem; each worker process loads it
on first use and keeps it. Each partition is one ``score_records`` call: a text cell that is
missing or not text, or a text that cannot be scored, becomes an error row. Any scheduler
works; scoring is pure Python, so use processes or a distributed cluster, not threads, to use
more than one core.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from scorer.batch import Document, ShippedModel, check_id_column, engine_columns, engine_row, score_records
from scorer.errors import ColumnError, MissingExtraError
from scorer.scoring import check_kept

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd


def score_dask(
    df: dd.DataFrame,
    text_col: str = "text",
    id_col: str | None = None,
    model_path: str | os.PathLike[str] | None = None,
    evidence: bool = False,
    keep: Sequence[str] = (),
) -> dd.DataFrame:
    """Score the texts of ``df``: same index and partitions, one output row per input row.

    Columns: ``id_col`` if given (it also names each document in error messages, else the
    index label does), then label, probability (of the label), p_speculative, model,
    low_confidence, error, one float column per feature, and ``evidence`` (a JSON string) if
    asked. An error row has ``error`` set and nulls in every score column. ``keep``: columns of
    ``df`` carried after the id, with their own dtypes.
    """
    try:
        import dask
    except ImportError as exc:
        raise MissingExtraError('score_dask needs Dask: pip install "sourcescore[dask]"') from exc

    ColumnError.require(df.columns, text_col, id_col, *keep)
    check_id_column(id_col)
    check_kept(list(keep), id_col)
    front = [id_col, *keep] if id_col else list(keep)  # input columns, in front of the scores
    dtypes = {name: df.dtypes[name] for name in front} | _dtypes(evidence)
    model = dask.delayed(ShippedModel.read(model_path), pure=True)  # verified here; one graph key for every task
    return df.map_partitions(_score_partition, model, text_col, id_col, evidence, dtypes, front, meta=_empty(dtypes))


def _dtypes(evidence: bool) -> dict[str, Any]:
    """Each score column's dtype: nullable strings and booleans, floats (NaN on an error row)."""
    types = {"text": "string", "number": "float64", "flag": "boolean"}
    return {name: types[kind] for name, kind in engine_columns(evidence).items()}


def _empty(dtypes: dict[str, Any]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})


def _score_partition(
    part: pd.DataFrame,
    model: ShippedModel,
    text_col: str,
    id_col: str | None,
    evidence: bool,
    dtypes: dict[str, Any],
    front: list[str],
) -> pd.DataFrame:
    """Runs on a worker: one partition scored in one call, error rows for the documents that fail."""
    import pandas as pd

    if not isinstance(model, ShippedModel):  # Dask before 2025.5 passes a Delayed argument uncomputed
        raise TypeError(f"score_dask needs dask>=2025.5: the model arrived as a {type(model).__name__}")
    labels = part[id_col].tolist() if id_col else part.index.tolist()
    docs = [Document.from_cell(label, value) for label, value in zip(labels, part[text_col].tolist(), strict=True)]
    rows = [engine_row(result, evidence) for result in score_records(model.scorer(), docs, evidence)]
    out = pd.DataFrame.from_records(rows, index=part.index, columns=[c for c in dtypes if c not in front])
    for position, name in enumerate(front):
        out.insert(position, name, part[name])
    return out.astype(dtypes)
