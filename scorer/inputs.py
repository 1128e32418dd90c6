"""Turning command-line arguments into a lazy stream of documents.

A file is one article, except ``.jsonl`` and ``.csv`` files, which are tables with one
article per row (``--text-column``, ``--id-column``). A directory is walked recursively
for files matching a glob; ``-`` is standard input; an ``http://`` or ``https://`` argument is
fetched (``scorer.fetch``: a timeout, a size cap, few redirects). Nothing here raises on bad input: an
unreadable file, table or row becomes a document that carries its error, so it costs one
error row and the run goes on.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from scorer.documents import CSV_FIELD_CAP, DEFAULT_MAX_BYTES, Document, read_stream
from scorer.errors import InputError
from scorer.fetch import fetch, is_url

TABLE_SUFFIXES = (".jsonl", ".csv")


def iter_documents(
    args: Iterable[str],
    glob: str = "*.txt",
    text_column: str = "text",
    id_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    exclude: Iterable[Path] = (),
    html: str = "auto",
    keep: Sequence[str] = (),
    fetch_urls: bool = False,
) -> Iterator[Document]:
    """Documents named by ``args``, in order; ``exclude``: files never to read (the output);
    ``html``: read documents as HTML pages ``auto`` (by suffix or content), ``always`` or ``never``;
    ``keep``: columns of .jsonl/.csv rows carried into each result (missing in a row: null);
    ``fetch_urls``: the text column of .jsonl/.csv rows holds URLs, each fetched (here, in order)
    and named by its URL unless ``id_column`` names rows otherwise."""
    tables = _Tables(text_column, id_column, max_bytes, tuple(keep), fetch_urls)
    for doc in _documents(args, glob, tables, exclude):
        yield replace(doc, html=html) if html != doc.html else doc


def count_documents(args: Iterable[str], glob: str = "*.txt", exclude: Iterable[Path] = ()) -> int | None:
    """How many documents ``iter_documents`` will give for ``args``, or ``None`` when that is not known
    without reading them (standard input, a URL, a table)."""
    skip = {p.resolve() for p in exclude}
    total = 0
    for arg in args:
        path = Path(arg)
        if arg == "-" or is_url(arg) or (path.suffix.lower() in TABLE_SUFFIXES and path.is_file()):
            return None
        total += sum(p.is_file() and p.resolve() not in skip for p in path.rglob(glob)) if path.is_dir() else 1
    return total


@dataclass(frozen=True)
class _Tables:
    """How rows of .jsonl and .csv tables become documents."""

    text_column: str
    id_column: str | None
    max_bytes: int
    keep: tuple[str, ...]
    fetch_urls: bool


def _documents(args: Iterable[str], glob: str, tables: _Tables, exclude: Iterable[Path]) -> Iterator[Document]:
    skip = {p.resolve() for p in exclude}
    for arg in args:
        if arg == "-":
            try:
                yield Document(id="-", text=read_stream(sys.stdin.buffer, "<stdin>", tables.max_bytes))
            except InputError as exc:
                yield Document(id="-", error=str(exc))
            continue
        if is_url(arg):
            yield _fetched(arg, arg, tables.max_bytes)
            continue
        path = Path(arg)
        if path.is_dir():
            for found in sorted(p for p in path.rglob(glob) if p.is_file() and p.resolve() not in skip):
                yield Document(id=str(found), path=str(found))
        elif path.suffix.lower() in TABLE_SUFFIXES and path.is_file():
            rows = _table(path, tables.text_column, tables.id_column, tables.max_bytes, tables.keep)
            yield from (_fetched_row(doc, tables) for doc in rows) if tables.fetch_urls else rows
        else:
            yield Document(id=arg, path=arg)  # missing or unreadable files become error rows


def _fetched(url: str, doc_id: str, max_bytes: int, kept: dict | None = None) -> Document:
    """A page fetched now, or the document of the error that stopped it."""
    try:  # the user's own machine fetches: local and private addresses are theirs to ask for
        return Document(id=doc_id, text=fetch(url, max_bytes=max_bytes, allow_private=True), html="auto", kept=kept)
    except InputError as exc:
        return Document(id=doc_id, error=str(exc), kept=kept)


def _fetched_row(doc: Document, tables: _Tables) -> Document:
    """A table row whose text cell is a URL: the page it names (named by the URL unless rows have ids)."""
    if doc.text is None:
        return doc  # the row's own error
    url = doc.text.strip()
    if not is_url(url):
        shown = url if len(url) <= 80 else url[:79] + "…"
        return replace(
            doc, text=None, error=f"{doc.id}: --fetch: {tables.text_column!r} is not an http(s) URL: {shown!r}"
        )
    return _fetched(url, doc.id if tables.id_column else url, tables.max_bytes, doc.kept)


def _table(
    path: Path, text_column: str, id_column: str | None, max_bytes: int, keep: tuple[str, ...] = ()
) -> Iterator[Document]:
    try:
        raw = open(path, "rb")
    except OSError as exc:
        yield Document(id=str(path), error=f"{path}: cannot read ({exc.strerror})")
        return
    with raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        if path.suffix.lower() == ".jsonl":
            for number, line in enumerate(_bounded_lines(handle, max_bytes), start=1):
                if line is None:
                    where = f"{path}:{number}"
                    yield Document(
                        id=where, error=f"{where}: the line is over the {max_bytes:,} limit (see --max-bytes)"
                    )
                elif line.strip():
                    yield _json_row(path, number, line, text_column, id_column, keep)
            return
        yield from _csv_rows(path, handle, text_column, id_column, max_bytes, keep)


def _bounded_lines(handle: io.TextIOWrapper, limit: int) -> Iterator[str | None]:
    """The lines of a text stream, each held in memory only up to ``limit`` characters: a longer
    line is skipped to its end and given as ``None``."""
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith("\n"):
            yield line
            continue
        while (rest := handle.readline(limit + 1)) and not rest.endswith("\n"):
            pass  # skip, a piece at a time
        yield None


def _csv_rows(
    path: Path, handle: io.TextIOWrapper, text_column: str, id_column: str | None, max_bytes: int, keep: tuple[str, ...]
) -> Iterator[Document]:
    csv.field_size_limit(max(min(max_bytes, CSV_FIELD_CAP), csv.field_size_limit()))  # a long article is one cell
    reader = csv.DictReader(handle)
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        yield Document(id=str(path), error=f"{path}: not a readable CSV ({exc})")
        return
    for wanted in (text_column, id_column, *keep):
        if wanted and wanted not in columns:
            yield Document(id=str(path), error=f"{path}: no {wanted!r} column (columns: {', '.join(columns)})")
            return
    number = 1
    while True:
        number = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Document(
                id=f"{path}:{number}",
                error=f"{path}:{number}: malformed CSV row ({exc}); the rest of the file is skipped",
            )
            return
        doc_id = (row.get(id_column) if id_column else None) or f"{path}:{number}"
        kept = {k: row.get(k) for k in keep} if keep else None
        text = row.get(text_column)
        if text is None:
            yield Document(id=doc_id, error=f"{path}:{number}: row has fewer fields than the header", kept=kept)
        else:
            yield Document(id=doc_id, text=text, kept=kept)


def _json_row(
    path: Path, number: int, line: str, text_column: str, id_column: str | None, keep: tuple[str, ...] = ()
) -> Document:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return Document(id=where, error=f"{where}: invalid JSON ({exc})")
    if not isinstance(record, dict):
        return Document(id=where, error=f"{where}: a JSON object per line is expected, got {type(record).__name__}")
    kept = {k: _scalar(record.get(k)) for k in keep} if keep else None
    doc = _json_document(where, record, text_column, id_column)
    return replace(doc, kept=kept) if kept is not None else doc


def _scalar(value: object) -> object:
    """A kept field as it travels: a JSON scalar as is (NaN and infinities, which JSON has no
    words for, as text), an object or a list as its JSON text."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value if value is None or isinstance(value, str | int | float | bool) else json.dumps(value)


def _json_document(where: str, record: dict, text_column: str, id_column: str | None) -> Document:
    if id_column and id_column not in record:
        return Document(id=where, error=f"{where}: no {id_column!r} field (fields: {', '.join(map(str, record))})")
    doc_id = str(record[id_column]) if id_column else where
    if text_column not in record:
        return Document(id=doc_id, error=f"{where}: no {text_column!r} field (fields: {', '.join(map(str, record))})")
    text = record[text_column]
    if not isinstance(text, str):
        return Document(id=doc_id, error=f"{where}: field {text_column!r} is {type(text).__name__}, not text")
    return Document(id=doc_id, text=text)
