"""pandas integration: score a DataFrame column in one call."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from scorer.batch import Document, score_many
from scorer.scoring import Scorer, output_columns

if TYPE_CHECKING:
    import pandas as pd


def score_frame(
    df: pd.DataFrame,
    text_col: str = "text",
    model: str | os.PathLike[str] | Scorer | None = None,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Labels, probabilities, errors and feature values, one row per input row, same index."""
    import pandas as pd

    if text_col not in df.columns:
        raise KeyError(f"no column {text_col!r} in the DataFrame (columns: {', '.join(map(str, df.columns))})")
    texts = df[text_col].tolist()
    docs = (Document(id=str(i), text=t if isinstance(t, str) else "") for i, t in enumerate(texts))
    records = [result.to_row() for result in score_many(docs, n_jobs=n_jobs, model=model)]
    return pd.DataFrame(records, index=df.index, columns=output_columns()).drop(columns="path")
