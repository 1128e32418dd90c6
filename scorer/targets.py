"""Files the product writes (``-o``, ``--html``, ``--report``, models): checked before any work,
never one of the inputs, and written whole.

``check_target`` refuses a path that is a directory, sits in a missing folder, is a pipe or socket
(opening one blocks until a reader comes), or is the same file as an input or as another output of
the same command, compared by device and inode so a hard link or a symlink cannot hide it.
``write_whole`` writes a temporary file beside the target and renames it over the target only when
everything was written, so a failed or interrupted write never leaves half a file or destroys the
old one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from scorer.errors import ScorerError


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _input_files(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, tuple[int, int]]]:
    for item in inputs:
        if str(item) == "-":
            continue
        path = Path(item)
        if path.is_dir():
            continue  # files inside a scored folder are excluded by the reader, not refused here
        identity = _identity(path)
        if identity is not None:
            yield path, identity


def check_target(
    path: Path,
    option: str,
    inputs: Iterable[str | os.PathLike[str]] = (),
    others: Iterable[tuple[str, Path | None]] = (),
) -> None:
    """Refuse ``path`` as an output before any work: see the module docstring.

    ``others``: the command's other outputs as ``(option, path)``; none may be the same file.
    """
    if path.is_dir():
        raise ScorerError(f"{option} {path}: is a directory")
    if not path.parent.is_dir():
        raise ScorerError(f"{option} {path}: folder {path.parent} does not exist")
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None  # a new file
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        raise ScorerError(f"{option} {path}: is a pipe or socket; write to a file (or leave out {option} for stdout)")
    here = _identity(path)
    for source, identity in _input_files(inputs):
        if (here is not None and identity == here) or source.resolve() == path.resolve():
            raise ScorerError(f"{option} {path}: is also an input ({source}); write the results elsewhere")
    for other_option, other in others:
        if other is None:
            continue
        if other.resolve() == path.resolve() or (here is not None and _identity(other) == here):
            raise ScorerError(f"{option} {path}: is also the {other_option} file; give each output its own file")


@contextlib.contextmanager
def write_whole(path: Path, option: str = "--output", newline: str | None = "") -> Iterator[IO[str]]:
    """A text stream whose content replaces ``path`` only if the block finishes without error.

    A device such as /dev/null is written directly (it cannot be renamed over); any failure to
    write becomes a one-line ``ScorerError``.
    """
    try:
        regular = not path.exists() or stat.S_ISREG(path.stat().st_mode)
        if not regular:
            with open(path, "w", encoding="utf-8", errors="backslashreplace", newline=newline) as stream:
                yield stream
            return
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ScorerError(f"{option} {path}: cannot be written ({exc.strerror or exc})") from exc
    try:
        with open(fd, "w", encoding="utf-8", errors="backslashreplace", newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        raise ScorerError(f"{option} {path}: cannot be written ({exc.strerror or exc})") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
