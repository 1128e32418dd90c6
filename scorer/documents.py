"""Reading documents from files and stdin: decoding, size caps, clear refusals."""

from __future__ import annotations

import codecs
import errno
import os
from pathlib import Path

from scorer.errors import InputError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # ten times the longest article we have seen, and more
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY_SIGNATURES = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")


def decode(raw: bytes, name: str = "<input>") -> str:
    """Text of raw bytes: BOM-marked UTF-8/16, UTF-8, else Windows-1252 (a superset of Latin-1's printable range)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding}") from exc
    if raw.startswith(_BINARY_SIGNATURES) or b"\x00" in raw[:8192]:
        raise InputError(f"{name}: binary data, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    head = text[:8192]
    if sum(not (c.isprintable() or c.isspace()) for c in head) > 0.05 * len(head):
        raise InputError(f"{name}: binary data, not text (control characters; not UTF-8 or Windows-1252 text)")
    return text


def check_text(text: str, name: str = "<input>") -> str:
    """The text itself, or an error if there is nothing to score."""
    if not text.strip():
        raise InputError(f"{name}: empty document (no text to score)")
    return text


def read_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Text of a file, or an ``InputError`` that says what is wrong with it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{path}: is a directory")
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
