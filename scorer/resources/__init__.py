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
