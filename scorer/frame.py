"""pandas integration: score a DataFrame column in one call."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scorer.batch import Document, score_many
from scorer.errors import ColumnError
from scorer.scoring import Scorer, check_kept, output_columns

if TYPE_CHECKING:
    import pandas as pd


def score_frame(
    df: pd.DataFrame,
    text_col: str = "text",
    model: str | os.PathLike[str] | Scorer | None = None,
    n_jobs: int = 1,
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """Labels, probabilities, errors and feature values, one row per input row, same index (unrounded);
    ``keep``: columns of ``df`` to carry in front of them."""
    import pandas as pd

    ColumnError.require(df.columns, text_col, *keep)
    check_kept(list(keep))
    docs = (Document.from_cell(label, value) for label, value in zip(df.index, df[text_col].tolist(), strict=True))
    records = [result.to_row() for result in score_many(docs, n_jobs=n_jobs, model=model)]
    scores = pd.DataFrame(records, index=df.index, columns=output_columns()).drop(columns="path")
    return pd.concat([df[list(keep)], scores], axis=1) if keep else scores
