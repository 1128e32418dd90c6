"""``scorer train``'s recipe on the judged CSV alone (texts through the corpus resolver) builds the shipped model."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from scorer import artifact, model, training
from scorer.features import extract
from scorer.view import TextView

from .conftest import SEEDS

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.slow
def test_the_recipe_on_the_judged_rows_reproduces_the_shipped_predictions() -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from judged import judged_rows
        from select_model import cv_group

        records = judged_rows(None, dedupe=True)
    except (SystemExit, OSError) as exc:  # the corpora live outside the repository
        pytest.skip(f"the judged texts cannot be read here ({exc})")
    finally:
        sys.path.remove(str(BENCHMARKS))
    rows = [replace(text, group=cv_group(row)) for row, text in records]
    retrained = training.fit_rows(rows).model  # the defaults: the shipped recipe
    shipped = artifact.load(artifact.default_model_path()).model
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    matrix = model.as_matrix([extract(t) for t in texts])
    bodies = [TextView(t).body_text for t in texts]
    # Not to the bit: on a machine other than the one that built it, the same recipe on the same rows
    # (the data hash and the numpy and scikit-learn versions the model records; one BLAS thread or
    # two, scipy 1.16 or 1.17, at the model's own commit too) gave the seeds' P within 0.0017 of the
    # shipped model's; the cause was not found. One hyperparameter changed moves a seed by 0.010 or
    # more (C 0.03 -> 0.1, n-gram C 3 -> 1, three knots instead of seven), which this still catches.
    np.testing.assert_allclose(
        retrained.speculative_probability(matrix, bodies), shipped.speculative_probability(matrix, bodies), atol=0.005
    )
