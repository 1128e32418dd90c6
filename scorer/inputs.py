"""Turning command-line arguments into a lazy stream of documents.

A file is one article, except ``.jsonl`` and ``.csv`` files, which are tables with one
article per row (``--text-column``, ``--id-column``). A directory is walked recursively
for files matching a glob; ``-`` is standard input.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from scorer.batch import Document
from scorer.documents import decode
from scorer.errors import InputError

TABLE_SUFFIXES = (".jsonl", ".csv")


def iter_documents(
    args: Iterable[str], glob: str = "*.txt", text_column: str = "text", id_column: str | None = None
) -> Iterator[Document]:
    """Documents named by ``args``, in order; an unreadable table row becomes an error document."""
    for arg in args:
        if arg == "-":
            yield Document(id="-", text=decode(sys.stdin.buffer.read(), "<stdin>"))
            continue
        path = Path(arg)
        if path.is_dir():
            for found in sorted(p for p in path.rglob(glob) if p.is_file()):
                yield Document(id=str(found), path=str(found))
        elif path.suffix.lower() in TABLE_SUFFIXES and path.is_file():
            yield from _table(path, text_column, id_column)
        else:
            yield Document(id=arg, path=arg)  # missing or unreadable files become error rows


def _table(path: Path, text_column: str, id_column: str | None) -> Iterator[Document]:
    with open(path, "rb") as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        if path.suffix.lower() == ".jsonl":
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _json_row(path, number, line, text_column, id_column)
            return
        reader = csv.DictReader(handle)
        if text_column not in (reader.fieldnames or []):
            raise InputError(f"{path}: no {text_column!r} column (columns: {', '.join(reader.fieldnames or [])})")
        for number, row in enumerate(reader, start=2):
            doc_id = (row.get(id_column) if id_column else None) or f"{path}:{number}"
            yield Document(id=doc_id, text=row.get(text_column) or "")


def _json_row(path: Path, number: int, line: str, text_column: str, id_column: str | None) -> Document:
    fallback = f"{path}:{number}"
    try:
        record = json.loads(line)
    except ValueError:
        return Document(id=fallback, text="", path=None)
    if not isinstance(record, dict):
        return Document(id=fallback, text="")
    doc_id = str(record.get(id_column, fallback)) if id_column else fallback
    text = record.get(text_column)
    return Document(id=doc_id, text=text if isinstance(text, str) else "")
