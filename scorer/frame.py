"""pandas integration: score a DataFrame column in one call, and show a results frame as its report.

Importing this module registers the ``sourcescore`` accessor: in a notebook, a cell that ends
with ``results.sourcescore`` (``results`` from ``score_frame`` or ``read_results``) draws the
report of its rows inline; ``results.sourcescore.report()`` is the same page as a string.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pandas as pd

from scorer.batch import Document, score_many
from scorer.errors import ColumnError
from scorer.scoring import Scorer, check_kept, output_columns


def score_frame(
    df: pd.DataFrame,
    text_col: str = "text",
    model: str | os.PathLike[str] | Scorer | None = None,
    n_jobs: int = 1,
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """Labels, probabilities, errors and feature values, one row per input row, same index (unrounded);
    ``keep``: columns of ``df`` to carry in front of them."""
    ColumnError.require(df.columns, text_col, *keep)
    check_kept(list(keep))
    docs = (Document.from_cell(label, value) for label, value in zip(df.index, df[text_col].tolist(), strict=True))
    records = [result.to_row() for result in score_many(docs, n_jobs=n_jobs, model=model)]
    scores = pd.DataFrame(records, index=df.index, columns=output_columns()).drop(columns="path")
    return pd.concat([df[list(keep)], scores], axis=1) if keep else scores


@pd.api.extensions.register_dataframe_accessor("sourcescore")
class ResultsView:
    """``frame.sourcescore``: a results frame shown as the report of its rows, the index as each row's id."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def _records(self) -> list[dict[str, Any]]:
        frame = self._frame
        ids = frame["path"] if "path" in frame.columns else pd.Series(frame.index.astype(str), index=frame.index)
        return [{**row, "path": str(name)} for name, row in zip(ids, frame.to_dict("records"), strict=True)]

    def report(self, title: str = "sourcescore results") -> str:
        """The report page of these rows (self-contained HTML)."""
        from scorer.report import records_page

        return records_page(self._records(), title)

    def _repr_html_(self) -> str:
        from scorer.report import frame_html

        return frame_html(self._records())
