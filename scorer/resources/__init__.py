"""Word lists and sentence-model weights shipped with the package, one folder per language.

Each file says where its entries come from. Every file is part of the feature definition:
its sha256 goes into the feature schema (``resource_hashes``), so a model trained with other
lists refuses to load until it is retrained.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

LANGUAGE = "en"  # the only language with lists and weights today


def _file(name: str) -> Any:
    return resources.files(__package__).joinpath(LANGUAGE).joinpath(name)


@cache
def word_list(name: str) -> list[str]:
    """Entries of ``<language>/<name>.txt``: one per line, ``#`` starts a comment."""
    raw = _file(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return [e for e in entries if e]


@cache
def word_rows(name: str) -> list[list[str]]:
    """Entries of a word list split on whitespace: one row of words per line."""
    return [entry.split() for entry in word_list(name)]


@cache
def weights(name: str) -> dict[str, Any]:
    """A JSON weight file of a sentence model, ``<language>/<name>.json``."""
    return json.loads(_file(f"{name}.json").read_text(encoding="utf-8"))


NOT_FEATURES = frozenset({"scope.json"})  # the scope gate reads features, no feature reads it


@cache
def resource_hashes() -> dict[str, str]:
    """sha256 of every shipped resource file that features read, keyed ``<language>/<file name>``."""
    import hashlib

    folder = resources.files(__package__).joinpath(LANGUAGE)
    return {
        f"{LANGUAGE}/{entry.name}": hashlib.sha256(entry.read_bytes()).hexdigest()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith((".txt", ".json")) and entry.name not in NOT_FEATURES
    }
