"""Word lists, patterns and sentence-model weights, one folder per language, behind one ``Language``.

Each file says where its entries come from. Every file is part of the feature definition:
its sha256 goes into the feature schema (``Language.hashes``), so a model trained with other
lists refuses to load until it is retrained. Nothing is read or compiled at import: a
``Language`` reads a file when first asked, and keeps what is built from it (compiled
patterns, phrase tables, weight tables) for the life of the process.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from importlib.abc import Traversable

DEFAULT_LANGUAGE = "en"  # the language of the shipped model
NOT_FEATURES = frozenset({"scope.json"})  # the scope gate reads features, no feature reads it
_Built = TypeVar("_Built")


class Language:
    """Every word list, pattern and sentence-model weight of one language: the files of one folder
    (``scorer/resources/<code>/`` for a shipped language, or a folder of the same layout)."""

    def __init__(self, code: str, folder: Traversable, shipped: bool = False) -> None:
        self.code, self.folder, self.shipped = code, folder, shipped
        self._built: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as where it comes from (a shipped code, or its folder), never with what was built of it."""
        return (language, (self.code,)) if self.shipped else (_unpickled, (self.code, str(self.folder)))

    def built(self, key: str, build: Callable[[Language], _Built]) -> _Built:
        """What ``build`` makes of this language's files (a compiled pattern, a phrase table), made once."""
        if key not in self._built:
            value = build(self)
            with self._lock:
                self._built.setdefault(key, value)
        return self._built[key]

    def word_list(self, name: str) -> list[str]:
        """Entries of ``<name>.txt``: one per line, ``#`` starts a comment."""
        return self.built(f"list:{name}", lambda lang: _entries(lang._read(f"{name}.txt")))

    def word_rows(self, name: str) -> list[list[str]]:
        """Entries of a word list split on whitespace: one row of words per line."""
        return self.built(f"rows:{name}", lambda lang: [entry.split() for entry in lang.word_list(name)])

    def weights(self, name: str) -> dict[str, Any]:
        """A JSON file of weights or patterns, ``<name>.json``."""
        return self.built(f"json:{name}", lambda lang: json.loads(lang._read(f"{name}.json")))

    def hashes(self) -> dict[str, str]:
        """sha256 of every file that features read, keyed ``<code>/<file name>``."""
        return self.built("hashes", _hashes)

    def _read(self, file_name: str) -> str:
        entry = self.folder.joinpath(file_name)
        if not entry.is_file():
            raise FileNotFoundError(f"language {self.code!r} has no {file_name} (in {self.folder})")
        return entry.read_text(encoding="utf-8")


def _entries(raw: str) -> list[str]:
    entries = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return [e for e in entries if e]


def _hashes(lang: Language) -> dict[str, str]:
    import hashlib

    return {
        f"{lang.code}/{entry.name}": hashlib.sha256(entry.read_bytes()).hexdigest()
        for entry in sorted(lang.folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith((".txt", ".json")) and entry.name not in NOT_FEATURES
    }


_REGISTERED: dict[str, Language] = {}


def language(code: str = DEFAULT_LANGUAGE) -> Language:
    """The language of ``code``: one registered with ``register_language``, else one shipped with
    the package (``scorer/resources/<code>/``); one object per code."""
    return _REGISTERED.get(code) or _shipped(code)


def register_language(folder: str | Path) -> Language:
    """Make a folder laid out as ``scorer/resources/en/`` a language of this process, under its
    folder's name: models trained with it (``train(..., lang=...)``) then load and score with it."""
    lang = language_from_folder(folder)
    if not lang.code.isalpha() or resources.files(__package__).joinpath(lang.code).is_dir():
        raise ValueError(f"{folder}: a language folder's name is its code, letters only, and not a shipped one")
    return _REGISTERED.setdefault(lang.code, lang)


@cache
def _shipped(code: str) -> Language:
    folder = resources.files(__package__).joinpath(code)
    if not code.isalpha() or not folder.is_dir():
        raise ValueError(f"no word lists for language {code!r} in this package")
    return Language(code, folder, shipped=True)


def _unpickled(code: str, folder: str) -> Language:
    """A folder language in the process that unpickles it: the one registered under its code, else read from the folder."""
    return _REGISTERED.get(code) or language_from_folder(folder)


def registered_folder(code: str) -> Path | None:
    """The folder ``register_language`` made ``code`` from, or None for a shipped language."""
    found = _REGISTERED.get(code)
    return None if found is None else Path(str(found.folder))


def language_from_folder(folder: str | Path) -> Language:
    """A language from a folder laid out as ``scorer/resources/en/`` (its name is the language code)."""
    path = Path(folder)
    if not path.is_dir():
        raise ValueError(f"{path}: not a folder of language files")
    return Language(path.name, path)
