"""Word 1-2 gram lookups for linear models, done for whole documents in a few array operations.

A model over word grams ("said", "may have", "^police" for a sentence's first word) keeps one
row per gram. ``GramIndex`` turns the words of a document (or of a batch of them) into integer
ids with one C-level map, forms every bigram as a pair of ids, and finds the known ones by
binary search in a sorted array: no string is joined and no Python loop runs per word.
``summed_rows`` then adds each segment's (sentence's) distinct rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

FIRST = "^"  # a gram "^word": ``word`` opens its segment


class GramIndex:
    """The row of each known gram: a word, two words joined by one space, or ``^word``."""

    def __init__(self, grams: Iterable[tuple[str, int]]) -> None:
        import numpy as np

        words: dict[str, int] = {}
        unigrams: dict[int, int] = {}
        firsts: dict[int, int] = {}
        pairs: dict[tuple[int, int], int] = {}
        for gram, row in grams:
            parts = gram.split(" ")
            if any(not p for p in parts) or len(parts) > 2:
                raise ValueError(f"not a word 1-2 gram: {gram!r}")
            ids = tuple(words.setdefault(p, len(words)) for p in parts)
            if len(ids) == 2:
                pairs[(ids[0], ids[1])] = row
            elif gram.startswith(FIRST) and len(gram) > 1:
                firsts[words.setdefault(gram[1:], len(words))] = row
            else:
                unigrams[ids[0]] = row
        self.words = words
        self.unknown = len(words)  # the id of every word no gram contains
        self._width = len(words) + 1
        self._unigram = self._rows(unigrams)
        self._first = self._rows(firsts)
        keys = np.array([a * self._width + b for a, b in pairs], dtype=np.int64)
        order = np.argsort(keys)
        self._pair_keys = keys[order]
        self._pair_rows = np.array(list(pairs.values()), dtype=np.int64)[order]

    def _rows(self, found: dict[int, int]) -> np.ndarray:
        import numpy as np

        rows = np.full(self._width, -1, dtype=np.int64)
        rows[list(found)] = list(found.values())
        return rows

    def ids(self, words: Sequence[str]) -> np.ndarray:
        """Each word's id (``unknown`` for a word no gram contains)."""
        import numpy as np

        return np.fromiter(map(self.words.get, words, repeat(self.unknown)), dtype=np.int64, count=len(words))

    def lookup(self, words: Sequence[str], starts: Sequence[int] | np.ndarray = (0,)) -> tuple[np.ndarray, np.ndarray]:
        """Positions and rows of the known grams of ``words``: every word, every pair of neighbours
        in one segment, and each segment's first word; ``starts``: where segments begin (sorted).

        A gram's position is the index of its (first) word; the order is unigrams, bigrams, firsts.
        """
        import numpy as np

        ids = self.ids(words)
        n = len(ids)
        opens = np.asarray(starts, dtype=np.int64)
        opens = opens[opens < n]
        joined = np.ones(max(n - 1, 0), dtype=bool)  # word i and i + 1 lie in one segment
        joined[opens[opens > 0] - 1] = False
        position = np.arange(n, dtype=np.int64)
        pair = ids[:-1] * self._width + ids[1:]
        at = np.minimum(np.searchsorted(self._pair_keys, pair), max(len(self._pair_keys) - 1, 0))
        known = joined & (self._pair_keys[at] == pair) if len(self._pair_keys) else np.zeros(len(pair), dtype=bool)
        positions = np.concatenate([position, position[:-1][known], opens])
        rows = np.concatenate([self._unigram[ids], self._pair_rows[at[known]], self._first[ids[opens]]])
        keep = rows >= 0
        return positions[keep], rows[keep]


def summed_rows(table: np.ndarray, segments: int, segment: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per segment, the sum of ``table[row]`` over its distinct ``rows`` (``segments x columns``).

    ``segment[i]`` is the segment of ``rows[i]``; a row met twice in one segment counts once.
    Each (row, segment) pair is one integer key: sorted, its repeats dropped, and each column
    summed per segment by ``bincount``, which adds from zero in array order: within a segment in
    ascending row order, the order ``np.add.at`` over (segment, row) keys would (the same sums to
    the bit, at a quarter of the cost). Rows sorted first, the table is read front to back.
    """
    import numpy as np

    key = np.sort(rows.astype(np.int64) * segments + segment)
    if len(key):
        key = key[np.concatenate(([True], key[1:] != key[:-1]))]
    owner = key % segments
    values = table[key // segments]
    columns = [np.bincount(owner, weights=values[:, c], minlength=segments) for c in range(table.shape[1])]
    return np.column_stack(columns) if columns else np.zeros((segments, 0))
