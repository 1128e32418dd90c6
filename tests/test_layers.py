"""The package is layered: every module imports only modules of lower layers (docs/architecture.md).

Imports inside functions count too: a deferred import hides a cycle, it does not remove it.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scorer"

# Lowest first. A module may import modules of earlier layers only.
LAYERS: list[set[str]] = [
    {"errors", "escapes", "resources", "cuekinds", "sparse", "cues.match"},
    {"patterns"},
    {"text", "budget", "boilerplate", "targets", "pagelines"},
    {"html"},
    {"cues.lexicon", "cues.finders", "documents"},
    {"fetch"},
    {"cues.document", "inputs"},
    {"cues.claims", "cues"},
    {"cues.sentence_models"},
    {"view"},
    {"features.base"},
    {
        "features.boilerplate",
        "features.claims",
        "features.filler",
        "features.hedging",
        "features.readability",
        "features.sentences",
        "features.specificity",
    },
    {"features"},
    {"model", "language", "scope", "spans", "sources"},
    {"metrics", "labels", "artifact", "spark_sources"},
    {"evidence"},
    {"scoring", "transformer", "training"},
    {"batch", "terminal", "report"},
    {"output", "frame", "spark", "dask", "evaluation", "service"},
    {""},  # the package itself: its public names load lazily
    {"cli"},
    {"__main__"},
]
EXTRAS = {
    "scorer.service": "fastapi",
    "scorer.spark": "pyspark",
    "scorer.spark_sources": "pyspark",
}  # module: its extra
RANK = {f"scorer.{m}".rstrip("."): i for i, layer in enumerate(LAYERS) for m in layer}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("scorer")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("scorer"):
            named = {f"{node.module}.{a.name}" for a in node.names} & modules
            found |= named or {node.module}
    return found


MODULES = _modules()


def test_every_module_has_a_layer() -> None:
    assert set(MODULES) == set(RANK), "add new modules to LAYERS (and docs/architecture.md)"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_only(module: str) -> None:
    upward = sorted(m for m in _imports(MODULES[module], set(MODULES)) if m != module and RANK[m] >= RANK[module])
    assert not upward, f"{module} (layer {RANK[module]}) imports {upward} from its own layer or above"


def test_each_module_imports_alone() -> None:
    """In a fresh interpreter each, so that no import order hides a cycle."""
    code = "import importlib, sys; importlib.import_module(sys.argv[1])"
    for module in sorted(MODULES):
        if module in EXTRAS and importlib.util.find_spec(EXTRAS[module]) is None:
            continue  # its optional extra is not installed (the lowest-versions check runs without extras)
        done = subprocess.run([sys.executable, "-c", code, module], capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{module}: {done.stderr[-500:]}"
