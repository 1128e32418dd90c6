"""Linear models over sets of tokens, scored a whole document at a time.

A sentence's score is the sum of the weight rows of its distinct known tokens: done for every
sentence of a document with one gather and one cumulative sum, not a Python loop per token.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_UNKNOWN = frozenset([None])


def summed_rows(index: dict[Hashable, int], rows: np.ndarray, token_sets: Sequence[Iterable[Hashable]]) -> np.ndarray:
    """For each token set, the sum of ``rows[index[token]]`` over its distinct known tokens (n x columns)."""
    import numpy as np

    get = index.get
    ids = [set(map(get, tokens)) - _UNKNOWN for tokens in token_sets]  # distinct known tokens, looked up in C
    ends = np.cumsum([len(found) for found in ids], dtype=np.int64)
    starts = np.concatenate([np.zeros(1, dtype=np.int64), ends[:-1]])
    picked = rows[np.fromiter((i for found in ids for i in found), dtype=np.int64)]
    running = np.vstack([np.zeros((1, rows.shape[1])), np.cumsum(picked, axis=0)])
    return running[ends] - running[starts]
