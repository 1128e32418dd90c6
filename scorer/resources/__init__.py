"""Word lists shipped with the package; each file says where its entries come from."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> list[str]:
    """Entries of ``resources/<name>.txt``: one per line, ``#`` starts a comment."""
    raw = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return [e for e in entries if e]


@cache
def resource_hashes() -> dict[str, str]:
    """sha256 of every shipped resource file (word lists, sentence-model weights), by file name."""
    import hashlib

    folder = resources.files(__package__)
    return {
        entry.name: hashlib.sha256(entry.read_bytes()).hexdigest()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith((".txt", ".json"))
    }
