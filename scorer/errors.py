"""The library's exceptions: the CLI turns these into one-line messages and exit codes."""

from __future__ import annotations

from collections.abc import Iterable


class ScorerError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(ScorerError):
    """A document could not be read or is not text."""


class LabelsError(ScorerError):
    """A labelled CSV is malformed or cannot be trained on."""


class ModelError(ScorerError):
    """A model artifact is missing, tampered with, or incompatible."""


class ColumnError(InputError, KeyError, ValueError):
    """A table lacks a column it was asked for, or has one that clashes with an output column.

    Also a ``KeyError`` and a ``ValueError``, as pandas and PySpark raise for a missing column.
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""

    @classmethod
    def require(cls, columns: Iterable[object], *names: str | None) -> None:
        """Raise, naming the table's columns, unless each of ``names`` (``None``: not asked for) is
        exactly one of them (a name the table holds twice is as ambiguous as a missing one)."""
        present = list(columns)
        for name in names:
            if name is not None and name not in present:
                raise cls(f"no column {name!r} in the DataFrame (columns: {', '.join(map(str, present))})")
            if name is not None and present.count(name) > 1:
                raise cls(f"the DataFrame has {present.count(name)} columns named {name!r}; rename all but one")


class MissingExtraError(ScorerError, ImportError):
    """An optional part needs a package that is not installed; the message says which extra to install."""
