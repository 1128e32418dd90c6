"""Feature extraction stays linear in text length on texts built to make regexes slow.

Measured as a ratio in one run: a 100x longer text must take under 200x the time.
"""

from __future__ import annotations

import time

import pytest

from scorer.features import extract

PATHOLOGICAL = {
    "quotes": '"' * 50 + "a " * 20,
    "capitals": "Minister " + "A" * 30 + " " + "Ab " * 30,
    "digits": "1" * 80 + ",",
    "one long line": "word, " * 20,
    "repeated hedges": "may have possibly likely probably it is possible that ",
    "curly quotes": "“" * 40 + "x ",
}


def _seconds(text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        extract(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("unit", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_time_grows_linearly(unit: str) -> None:
    small = unit * 100
    large = unit * 10000
    ratio = _seconds(large, repeats=2) / max(_seconds(small, repeats=5), 1e-3)
    assert ratio < 200, f"100x longer text took {ratio:.0f}x the time"


def test_one_megabyte_line_is_scored() -> None:
    assert extract("a" * (1 << 20))
