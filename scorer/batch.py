"""Many documents: one batch core for every engine, streaming in bounded memory, parallel workers.

``score_records`` is the core: a list of ``Document``s in, one ``Result`` per document out, in
order; a document that cannot be read, times out or breaks the scorer becomes an error row and
never takes its neighbours down. ``score_many`` streams any iterable through it on one core or
several; the pandas (``frame.py``), Spark (``spark.py``) and Dask (``dask.py``) adapters call it
per batch.

Each worker process holds the model once (inherited when forked, else loaded by the pool
initializer) and scores chunks with one prediction per chunk. At most ``2 * n_jobs`` chunks
are in flight, so memory stays flat however long the input is. Results come back in input order.

Engines whose workers share no filesystem (Spark, Dask) send a ``ShippedModel``: the verified
model files as bytes, loaded once per worker process; ``engine_row`` is their output row.
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorer import artifact
from scorer.budget import enforceable, time_budget
from scorer.documents import DEFAULT_MAX_BYTES, Document
from scorer.errors import ColumnError, ScorerError
from scorer.scoring import Result, Scorer, output_columns, shared_scorer

DEFAULT_CHUNK = 64
EVIDENCE_COL = "evidence"
__all__ = [
    "Document",
    "ShippedModel",
    "as_document",
    "check_id_column",
    "engine_columns",
    "engine_row",
    "score_many",
    "score_records",
]


def as_document(item: Document | Path | str, index: int) -> Document:
    """A ``Path`` is read from disk, a ``str`` is the text itself."""
    if isinstance(item, Document):
        return item
    if isinstance(item, Path):
        return Document(id=str(item), path=str(item))
    return Document(id=str(index), text=item)


def score_records(
    scorer: Scorer,
    docs: list[Document],
    evidence: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = None,
) -> list[Result]:
    """One result per document, in order; a document that fails in any way is an error row, alone.

    One prediction for the whole list; should it raise, each document is scored alone, so only
    the one that breaks the scorer errs. ``timeout``: seconds each document may take.
    """
    try:
        return _score_chunk(scorer, docs, evidence, max_bytes, timeout)
    except Exception as exc:  # a bug or a resource failure: find the document that causes it
        if len(docs) == 1:
            return [_crashed(docs[0], exc)]
    return [result for doc in docs for result in score_records(scorer, [doc], evidence, max_bytes, timeout)]


def _crashed(doc: Document, exc: Exception) -> Result:
    return Result(id=doc.id, error=f"{doc.id}: cannot be scored ({type(exc).__name__}: {exc})", kept=doc.kept)


def _score_chunk(
    scorer: Scorer, docs: list[Document], evidence: bool, max_bytes: int, timeout: float | None = None
) -> list[Result]:
    """Unreadable documents become error rows, the rest one prediction (or, with a ``timeout``,
    one each, reading and HTML extraction included, so that a document over its budget becomes
    an error row)."""
    if timeout and enforceable():
        scorer.warm_up()  # lazily loaded resources are not charged to the first document
        results = {i: _score_alone(scorer, doc, evidence, max_bytes, timeout) for i, doc in enumerate(docs)}
    else:
        results = {}
        good: list[tuple[int, str]] = []
        pages: dict[int, dict[str, Any]] = {}
        for i, doc in enumerate(docs):
            try:
                text, found = doc.load_page(max_bytes)
                good.append((i, text))
                if found is not None:
                    pages[i] = found.metadata()
            except ScorerError as exc:
                results[i] = Result(id=doc.id, error=str(exc))
        scored = scorer.score_texts([docs[i].id for i, _ in good], [t for _, t in good], evidence)
        results.update(zip((i for i, _ in good), scored, strict=True))
        for i, page in pages.items():
            results[i].page = page
    for i, doc in enumerate(docs):
        if doc.kept is not None:
            results[i].kept = doc.kept
    return [results[i] for i in range(len(docs))]


def _score_alone(scorer: Scorer, doc: Document, evidence: bool, max_bytes: int, timeout: float) -> Result:
    """One document under one budget: reading, HTML extraction and scoring together."""
    if doc.error is not None:  # known before any work
        return Result(id=doc.id, error=doc.error, kept=doc.kept)
    try:
        with time_budget(timeout, doc.id):
            text, found = doc.load_page(max_bytes)
            result = scorer.score_texts([doc.id], [text], evidence)[0]
    except ScorerError as exc:  # unreadable, or over its budget (DocumentTimeout)
        return Result(id=doc.id, error=str(exc))
    if found is not None:
        result.page = found.metadata()
    return result


def check_id_column(id_col: str | None) -> None:
    """An engine's id column must not be named like an output column (``engine_row``'s, or ``evidence``)."""
    if id_col is not None and id_col in {*output_columns(), EVIDENCE_COL} - {"path"}:
        raise ColumnError(f"id column {id_col!r} clashes with an output column; rename it first")


def engine_columns(evidence: bool) -> dict[str, str]:
    """Every column of an engine's result row (``engine_row``) and its kind, in order."""
    from scorer.features import feature_names
    from scorer.scoring import SCORE_COLUMNS

    kinds = {**SCORE_COLUMNS, **dict.fromkeys(feature_names(), "number")}
    return {**kinds, EVIDENCE_COL: "text"} if evidence else kinds


def engine_row(result: Result, evidence: bool) -> dict[str, Any]:
    """A flat row for a dataframe engine: ``Result.to_row`` unrounded and without ``path``, and
    ``evidence`` as a JSON string if asked (null on an error row, as every score column is)."""
    row = result.to_row()
    del row["path"]
    if evidence:
        row[EVIDENCE_COL] = json.dumps(result.evidence_dict()) if result.ok else None
    return row


# Per process: model sha256 -> the Scorer loaded from a ShippedModel.
_SHIPPED: dict[str, Scorer] = {}


@dataclass(frozen=True)
class ShippedModel:
    """A model file and its metadata as bytes, verified where they were read, for workers that share no filesystem."""

    sha256: str
    name: str
    model: bytes = field(repr=False)  # a megabyte: never in a traceback or a task graph's repr
    metadata: bytes = field(repr=False)

    @classmethod
    def read(cls, model_path: str | os.PathLike[str] | None = None) -> ShippedModel:
        """The model (default: the shipped one), verified now, so a bad file fails before any task runs."""
        path = artifact.model_path(model_path) if model_path else artifact.default_model_path()
        metadata = artifact.verify(path)
        return cls(metadata["sha256"], path.name, path.read_bytes(), artifact.metadata_path(path).read_bytes())

    def scorer(self) -> Scorer:
        """This process's scorer for the model: written to a temporary folder, verified again and loaded on first use only."""
        if self.sha256 not in _SHIPPED:
            with tempfile.TemporaryDirectory(prefix="sourcescore-") as tmp:
                path = Path(tmp) / self.name
                path.write_bytes(self.model)
                artifact.metadata_path(path).write_bytes(self.metadata)
                _SHIPPED[self.sha256] = Scorer(path)  # checks sha256 and feature schema again, then loads
        return _SHIPPED[self.sha256]


_WORKER: Scorer | None = None


def settle(scorer: Scorer) -> None:
    """Ready a process the product owns for a long run: every lazy resource loaded now (not inside the
    first document's budget), then all the objects so far frozen (``gc.freeze``), so the collector
    leaves the model's objects alone (forked workers keep sharing their pages; in instructions an
    article it measures no different: ``benchmarks/instructions.py``). Not for a caller's process:
    frozen objects are never collected as cyclic garbage."""
    import gc

    scorer.warm_up()
    gc.freeze()


def init_worker(
    model_path: str, any_language: bool, threshold: float, any_genre: bool = False, language_dir: str | None = None
) -> None:
    """A pool process's initializer: the model's language registered if it is a folder of the caller's
    (``resources.register_language``), the model loaded once with every lazy resource, and ``settle``."""
    global _WORKER
    if language_dir is not None:
        from scorer.resources import register_language

        register_language(language_dir)
    _WORKER = Scorer(model_path, any_language=any_language, threshold=threshold, any_genre=any_genre)
    settle(_WORKER)


def worker_settings(scorer: Scorer) -> tuple[str, bool, float, bool, str | None]:
    """``init_worker``'s arguments that rebuild ``scorer`` in another process."""
    from scorer.resources import registered_folder

    folder = registered_folder(scorer.lang.code)
    return (
        str(scorer.artifact.path), scorer.any_language, scorer.artifact.model.threshold, scorer.any_genre,
        None if folder is None else str(folder),
    )  # fmt: skip


def work_on_chunk(args: tuple[list[Document], bool, int, float | None]) -> list[Result]:
    """``score_records`` in a pool process, with the model ``init_worker`` loaded."""
    assert _WORKER is not None
    return score_records(_WORKER, *args)


def score_many(
    items: Iterable[Document | Path | str] = (),
    n_jobs: int = 1,
    model: str | os.PathLike[str] | Scorer | None = None,
    evidence: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    paths: Iterable[str | os.PathLike[str]] = (),
    timeout: float | None = None,
) -> Iterator[Result]:
    """Score documents lazily, in input order; a bad document yields an error row.

    ``items``: texts (``str``), files (``pathlib.Path``) or ``Document``s; a ``str`` is always
    the text itself, never a file name. ``paths``: file names to read (``str`` or ``Path``).
    ``timeout``: seconds each document may take (``scorer.budget``); ``None``: no budget.
    ``evidence``: keep each result's explanation (its sentences and cues). Off by default, unlike
    ``score`` for one text: a batch is kept for its scores, and evidence is the slower and bigger part.
    """
    scorer = model if isinstance(model, Scorer) else shared_scorer(model)
    named = (Path(p) for p in paths)
    docs = (as_document(item, i) for i, item in enumerate(itertools.chain(items, named)))
    chunks = iter(lambda: list(itertools.islice(docs, chunk_size)), [])
    if n_jobs == 1:
        for chunk in chunks:
            yield from score_records(scorer, chunk, evidence, max_bytes, timeout)
        return
    yield from _parallel(chunks, scorer, resolve_jobs(n_jobs), evidence, max_bytes, timeout)


def resolve_jobs(n_jobs: int) -> int:
    """``-1`` means every core; more processes than cores are capped at the cores (they would only
    contend for them and multiply memory); 0 and other negatives are refused."""
    cores = os.cpu_count() or 1
    if n_jobs == -1:
        return cores
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive number of processes, or -1 for every core (got {n_jobs})")
    return min(n_jobs, cores)


def _pool(scorer: Scorer, n_jobs: int):
    """Workers that hold the model: forked with it where that is safe, else each loads it once."""
    import multiprocessing
    import threading

    global _WORKER
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        _WORKER = scorer  # inherited by the forked workers: no second load, no import cost
        return multiprocessing.get_context("fork").Pool(n_jobs, initializer=ignore_interrupts)
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    return context.Pool(n_jobs, initializer=init_worker_quietly, initargs=worker_settings(scorer))


def ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool), so no worker prints a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def init_worker_quietly(*settings: Any) -> None:
    """``init_worker`` for a pool whose parent handles Ctrl-C."""
    ignore_interrupts()
    init_worker(*settings)


def _parallel(
    chunks: Iterator[list[Document]], scorer: Scorer, n_jobs: int, evidence: bool, max_bytes: int, timeout: float | None
) -> Iterator[Result]:
    with _pool(scorer, n_jobs) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(work_on_chunk, ((chunk, evidence, max_bytes, timeout),)))
            if len(pending) >= 2 * n_jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
