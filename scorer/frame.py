"""pandas integration: score a DataFrame column in one call."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from scorer.batch import Document, score_many
from scorer.errors import ColumnError
from scorer.scoring import Scorer, output_columns

if TYPE_CHECKING:
    import pandas as pd


def score_frame(
    df: pd.DataFrame,
    text_col: str = "text",
    model: str | os.PathLike[str] | Scorer | None = None,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Labels, probabilities, errors and feature values, one row per input row, same index (unrounded)."""
    import pandas as pd

    ColumnError.require(df.columns, text_col)
    docs = (Document.from_cell(label, value) for label, value in zip(df.index, df[text_col].tolist(), strict=True))
    records = [result.to_row() for result in score_many(docs, n_jobs=n_jobs, model=model)]
    return pd.DataFrame(records, index=df.index, columns=output_columns()).drop(columns="path")
