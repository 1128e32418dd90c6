"""Reading documents from files and stdin: decoding, size caps, clear refusals."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from scorer.errors import InputError

if TYPE_CHECKING:
    from scorer.html import Page

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # ten times the longest article we have seen, and more
CSV_FIELD_CAP = 2**31 - 1  # the largest cell Python's csv module can be told to accept
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY_SIGNATURES = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")


@dataclass(frozen=True)
class Document:
    """An input: its id, and its text, a path to read it from, or the reason it cannot be read."""

    id: str
    text: str | None = None
    path: str | None = None
    error: str | None = None
    html: str = "auto"  # read as an HTML page: auto (by suffix or content), always, never
    kept: dict[str, Any] | None = field(default=None, hash=False)  # input columns carried into its result

    @classmethod
    def from_cell(cls, label: object, value: object) -> Document:
        """A table cell as a document named by its row label; a cell that is not text is an error, not an empty text."""
        if isinstance(value, str):
            return cls(id=str(label), text=value)
        kind = "missing" if _missing(value) else f"a {type(value).__name__}, not text"
        return cls(id=str(label), error=f"row {label!r}: the text cell is {kind}")

    def load(self, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
        """The text to score, or an ``InputError`` saying why there is none."""
        return self.load_page(max_bytes)[0]

    def load_page(self, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, Page | None]:
        """The text to score and, for an HTML page, what extraction found; ``InputError`` if there is none."""
        from scorer.html import extract_page, is_page

        if self.error is not None:
            raise InputError(self.error)
        if self.text is not None:
            if len(self.text) > max_bytes:
                raise InputError(
                    f"{self.id}: {len(self.text):,} characters is over the {max_bytes:,} limit (see --max-bytes)"
                )
            text = check_not_binary(check_text(self.text, self.id), self.id)
        elif self.path is None:
            raise InputError(f"{self.id}: neither text nor path")
        else:
            text = read_document(self.path, max_bytes)
        if not is_page(text, self.path or "", self.html):
            return text, None
        page = extract_page(text, self.id)
        return page.text, page


class DecodeWarning(UserWarning):
    """Some bytes of a document were not valid text and were replaced."""


# Control characters that never occur in text (tab, newline, carriage return, form feed and
# format characters such as U+FEFF or zero-width joiners are allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_MAX_BAD_SHARE = 0.05


def decode(raw: bytes, name: str = "<input>") -> str:
    """Text of raw bytes: BOM-marked UTF-8/16, UTF-8 (a few bad bytes replaced, with a warning),
    else Windows-1252; binary data anywhere in the file is refused."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return check_not_binary(raw.decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding}"
                ) from exc
    if raw.startswith(_BINARY_SIGNATURES) or b"\x00" in raw:
        raise InputError(f"{name}: binary data, not text")
    try:
        return check_not_binary(raw.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(raw):  # UTF-8 with some bad bytes: keep it UTF-8
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad > _MAX_BAD_SHARE * len(text):
            raise InputError(f"{name}: binary data, not text ({bad:,} invalid UTF-8 sequences)")
        warnings.warn(f"{name}: {bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD", DecodeWarning, stacklevel=2)
        return check_not_binary(text, name)
    return check_not_binary(raw.decode("cp1252", errors="replace"), name)


def check_not_binary(text: str, name: str) -> str:
    """The text, or an ``InputError`` if it holds NULs or more than 5% control characters."""
    bad = len(_CONTROL.findall(text))
    if "\x00" in text or bad > _MAX_BAD_SHARE * len(text):
        raise InputError(f"{name}: binary data, not text (control characters; not UTF-8 or Windows-1252 text)")
    return text


def check_text(text: str, name: str = "<input>") -> str:
    """The text itself, or an error if it is not text or there is nothing to score."""
    if not isinstance(text, str):
        hint = " (decode bytes first, e.g. scorer.documents.decode(raw))" if isinstance(text, bytes | bytearray) else ""
        raise InputError(f"{name}: a {type(text).__name__}, not text{hint}")
    if not text.strip():
        raise InputError(f"{name}: empty document (no text to score)")
    return text


def _missing(value: object) -> bool:
    """None, NaN or NaT (not equal to themselves), or pandas.NA (whose comparisons have no truth value)."""
    try:
        return value is None or bool(value != value)
    except TypeError:
        return True


def read_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Text of a file, or an ``InputError`` that says what is wrong with it."""
    path = Path(path)
    try:
        info = path.stat()
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file (a pipe, socket or device is not read)")
        if size > max_bytes:
            raise InputError(f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit (see --max-bytes)")
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: symlink loop") from exc
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if len(raw) > max_bytes:
        raise InputError(f"{path}: over the {max_bytes:,}-byte limit (see --max-bytes)")
    return check_text(decode(raw, str(path)), str(path))


def read_stream(stream: BinaryIO, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Text of a stream (standard input), reading at most ``max_bytes`` + 1 bytes."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError(f"{name}: over the {max_bytes:,}-byte limit (see --max-bytes)")
    return check_text(decode(raw, name), name)


class TextSource(Protocol):
    """Anything text can be read from in blocks."""

    def read(self, size: int = -1, /) -> str: ...


def iter_lines(stream: TextSource) -> Iterator[str]:
    """Lines split at newlines only (a U+2028 inside a JSON string is not a line end), blank ones
    included so that callers can number them; read a block at a time."""
    pending = ""
    while block := stream.read(1 << 16):
        pending += block
        *complete, pending = pending.split("\n")
        yield from complete
    if pending:
        yield pending
