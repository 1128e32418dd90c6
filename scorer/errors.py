"""The library's exceptions: the CLI turns these into one-line messages and exit codes."""


class ScorerError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(ScorerError):
    """A document could not be read or is not text."""


class LabelsError(ScorerError):
    """A labelled CSV is malformed or cannot be trained on."""


class ModelError(ScorerError):
    """A model artifact is missing, tampered with, or incompatible."""
