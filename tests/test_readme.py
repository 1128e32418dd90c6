"""The README's figures and example output are what the code and the measurements produce."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import readme_figures  # noqa: E402


def test_readme_figures_match_the_model_and_results() -> None:
    text = readme_figures.README.read_text(encoding="utf-8")
    blocks = readme_figures._BLOCK.findall(text)
    assert {b[1] for b in blocks} == set(readme_figures.BLOCKS), "every figures block is in the README"
    assert readme_figures.render(text) == text, "run: python benchmarks/readme_figures.py --write"


def test_the_readme_commands_are_the_ones_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = 'pip install ".[test,spark,dask]" && python -m pytest -q'
    assert test_command in readme and test_command in ci
    assert "pip install . && score seeds/*.txt" in readme
