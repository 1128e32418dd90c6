"""``scorer serve``: the same judgement over HTTP, and a page where editors paste an article.

Built on FastAPI over uvicorn (the ``serve`` extra): FastAPI writes the OpenAPI description from
the typed request model and brings a test client; uvicorn is the ASGI server it is made for, and
finishes in-flight requests on SIGTERM before it stops.

The event loop never scores. A pool of worker processes, each holding the verified model
(``batch.init_worker``), runs the batch core (``batch.score_records``), so every document gets
the command line's time budget and error rows; a worker that dies is replaced, and only the
documents it died on become error rows. Limits: a request body is read up to ``max_body``
bytes (413 beyond); at most ``queue`` requests are admitted at once, scoring or waiting for a
worker, and the next one gets 503 at once with ``Retry-After``; no response carries a
traceback; every response carries ``X-Request-ID``, which each log line names.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scorer import batch, fetch, report
from scorer.batch import DEFAULT_CHUNK, Document
from scorer.documents import DEFAULT_MAX_BYTES
from scorer.errors import ScorerError
from scorer.escapes import json_line
from scorer.scoring import Result, Scorer

log = logging.getLogger("scorer.serve")

DEFAULT_MAX_BODY = 32 * 1024 * 1024  # a batch of a few hundred articles; one article is far less
DEFAULT_TIMEOUT = 10.0  # seconds a document may take (the longest article takes well under one)
DEFAULT_QUEUE = 32
JSONL = "application/x-ndjson"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
SOURCES = ("text", "html", "url")


@dataclass(frozen=True)
class Settings:
    """What ``scorer serve`` is started with."""

    model: str | None = None
    workers: int = 1
    max_body: int = DEFAULT_MAX_BODY
    max_document: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    queue: int = DEFAULT_QUEUE
    allow_fetch: bool = False
    allow_private_fetch: bool = False  # fetch from private and loopback addresses too (a trusted network only)

    def __post_init__(self) -> None:
        for name in ("workers", "max_body", "max_document", "queue"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, not {getattr(self, name)!r}")
        if not (self.timeout > 0 and self.timeout < float("inf")):
            raise ValueError(f"timeout must be a positive number of seconds, not {self.timeout!r}")


class ScoreRequest(BaseModel):
    """One document: exactly one of ``text``, ``html`` (a whole page) or ``url`` (if the service fetches)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(None, description="The article as plain text.")
    html: str | None = Field(None, description="A whole HTML page; its main text is scored.")
    url: str | None = Field(None, description="A page to fetch (only on a service started with --allow-fetch).")
    id: str | None = Field(None, max_length=1000, description="Echoed as the record's path (default: request id).")
    threshold: float | None = Field(None, gt=0, lt=1, description="Operating point (default: the model's, 0.5).")
    evidence: bool = Field(True, description="Include the evidence (contributions, sentences, boilerplate).")

    @model_validator(mode="after")
    def _one_source(self) -> ScoreRequest:
        given = [name for name in SOURCES if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, html or url (got {', '.join(given) or 'none'})")
        return self


class Admission:
    """At most ``limit`` requests at once; the next is refused, never queued without bound."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.active = 0

    @contextmanager
    def admit(self) -> Iterator[None]:
        if self.active >= self.limit:
            raise HTTPException(503, "busy: too many requests in progress; retry shortly", {"Retry-After": "1"})
        self.active += 1
        try:
            yield
        finally:
            self.active -= 1


class Workers:
    """The scoring processes, each holding the model; replaced if one dies."""

    def __init__(self, scorer: Scorer, settings: Settings) -> None:
        self.settings = settings
        self.init_args = batch.worker_settings(scorer)  # workers settle: resources load before the first request
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        return ProcessPoolExecutor(
            self.settings.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=batch.init_worker_quietly,
            initargs=self.init_args,
        )

    async def warm(self) -> None:
        """Start every worker now, so the first requests do not wait for a model to load."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self.executor, os.getpid) for _ in range(self.settings.workers)))

    async def score(self, docs: list[Document], evidence: bool, retry: bool = True) -> list[Result]:
        """One result per document, in order. If the pool dies, each document is tried once more alone
        on a new pool, so only a document that kills its worker again becomes an error row."""
        job = (docs, evidence, self.settings.max_document, self.settings.timeout)
        executor = self.executor
        try:
            return await asyncio.get_running_loop().run_in_executor(executor, batch.work_on_chunk, job)
        except BrokenProcessPool:
            self._replace(executor)
            if not retry:
                return [Result(id=d.id, error=f"{d.id}: the process scoring it stopped unexpectedly") for d in docs]
        return [r for doc in docs for r in await self.score([doc], evidence, retry=False)]

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self.executor is broken:  # several requests may see the same broken pool: replace it once
            log.error("a scoring process died; starting a new pool")
            broken.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class RequestIds:
    """ASGI middleware: an id per request (the caller's ``X-Request-ID`` if it is a plain token),
    echoed in the response and named in one log line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id
        status, started = 500, time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append("X-Request-ID", request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = 1000 * (time.perf_counter() - started)
            log.info("%s %s %s %d %.1f ms", request_id, scope["method"], scope["path"], status, elapsed)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service: endpoints, page, limits. Workers start with the app (its lifespan)."""
    settings = settings or Settings()
    scorer = Scorer(settings.model)  # verified here, so a bad model fails before the server listens

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.workers = Workers(scorer, settings)
        await app.state.workers.warm()
        log.info("serving model %s with %d worker(s)", scorer.version, settings.workers)
        yield
        app.state.workers.close()

    app = FastAPI(
        title="sourcescore",
        summary="Tells reported news from speculative filler, with the evidence.",
        version=scorer.version,
        lifespan=lifespan,
    )
    admission = Admission(settings.queue)
    app.state.admission = admission

    async def documents_of(request: ScoreRequest, default_id: str) -> Document:
        doc_id = request.id if request.id is not None else default_id
        if request.url is not None:
            if not settings.allow_fetch:
                return Document(id=doc_id, error=f"{doc_id}: this service does not fetch URLs (--allow-fetch)")
            try:
                page = await asyncio.to_thread(
                    fetch.fetch, request.url, settings.timeout, settings.max_document, settings.allow_private_fetch
                )
            except ScorerError as exc:
                return Document(id=doc_id, error=str(exc))
            return Document(id=doc_id, text=page, html="auto")
        if request.html is not None:
            return Document(id=doc_id, text=request.html, html="always")
        return Document(id=doc_id, text=request.text, html="never")

    async def score_one(request: ScoreRequest, default_id: str) -> Result:
        doc = await documents_of(request, default_id)
        result = (await app.state.workers.score([doc], request.evidence))[0]
        return result.at_threshold(request.threshold) if request.threshold is not None else result

    @app.post(
        "/v1/score",
        summary="Score one document",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ScoreRequest.model_json_schema()}},
            }
        },
        responses={
            200: {"description": "The record `score -f json` writes."},
            413: {"description": "Body over the limit."},
            422: {"description": "Invalid request, or a document that cannot be scored (the record says why)."},
            503: {"description": "Too many requests in progress."},
        },
    )
    async def score(request: Request) -> Response:
        with admission.admit():
            parsed = _parse(ScoreRequest, await _body(request, settings.max_body))
            result = await score_one(parsed, request.state.request_id)
        return Response(
            json_line(result.to_dict(parsed.evidence)), 200 if result.ok else 422, media_type="application/json"
        )

    @app.post(
        "/v1/score/batch",
        summary="Score a JSONL body, streaming one JSONL record back per line",
        openapi_extra={"requestBody": {"required": True, "content": {JSONL: {"schema": {"type": "string"}}}}},
        responses={200: {"description": "One record per input line, in order; a bad line is an error record."}},
    )
    async def score_batch(
        request: Request, evidence: bool = True, threshold: float | None = Query(None, gt=0, lt=1)
    ) -> Response:
        with admission.admit():  # the body is read now, so a 413 or 503 comes before any record
            body = await _body(request, settings.max_body)
        lines = [line for line in body.decode("utf-8", errors="replace").split("\n") if line.strip()]

        async def records() -> AsyncIterator[str]:
            with admission.admit():
                for start in range(0, len(lines), DEFAULT_CHUNK):
                    if await request.is_disconnected():
                        return
                    docs = [
                        await _line_document(line, start + i + 1, documents_of)
                        for i, line in enumerate(lines[start : start + DEFAULT_CHUNK])
                    ]
                    for result in await app.state.workers.score(docs, evidence):
                        result = result.at_threshold(threshold) if threshold is not None else result
                        yield json_line(result.to_dict(evidence))

        first = records()
        head = await anext(first, "")  # admission and the first chunk, before the 200 is sent
        return StreamingResponse(_chain(head, first), media_type=JSONL)

    @app.get("/v1/model", summary="The verified model's metadata")
    async def model_card() -> dict[str, Any]:
        return scorer.artifact.metadata

    @app.get("/healthz", summary="Liveness: the model and how busy the service is")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "model": scorer.version, "workers": settings.workers, "in_progress": admission.active}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page_form() -> Response:
        return _page(_form(settings.allow_fetch))

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    async def page_result(request: Request) -> Response:
        with admission.admit():
            fields = parse_qs((await _body(request, settings.max_body)).decode("utf-8", errors="replace"))
            kind = (fields.get("kind") or ["text"])[0]
            content = (fields.get("content") or [""])[0]
            if kind not in SOURCES or (kind == "url" and not settings.allow_fetch):
                raise HTTPException(
                    422, f"kind must be one of {', '.join(SOURCES[: 3 if settings.allow_fetch else 2])}"
                )
            result = await score_one(ScoreRequest.model_validate({kind: content, "id": "pasted " + kind}), "pasted")
        shown = content if kind == "text" else ""  # for a page, the sentences kept in the result are shown
        section = report.render_document(result, shown, anchor="result")
        return _page(_form(settings.allow_fetch, content, kind) + section, 200 if result.ok else 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, f"invalid request: {_problems(exc.errors(), '')}")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("%s internal error", request.state.request_id)
        return _error(request, 500, "internal error (the server log has the details under this request id)")

    app.add_middleware(RequestIds)
    return app


def _error(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    request_id = getattr(request.state, "request_id", "")
    body = {"error": message, "request_id": request_id}
    return JSONResponse(body, status, headers={**(headers or {}), "X-Request-ID": request_id})


async def _body(request: Request, cap: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to be over ``cap`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HTTPException(400, "invalid Content-Length")
        if int(declared) > cap:
            raise HTTPException(413, f"request body of {int(declared):,} bytes is over the {cap:,}-byte limit")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise HTTPException(413, f"request body over the {cap:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(model: type[ScoreRequest], raw: bytes) -> ScoreRequest:
    """The request, or a 422 that names each problem (never echoing the input back)."""
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise HTTPException(422, f"invalid request: {_problems(exc.errors(), 'body')}") from None


def _problems(errors: Any, whole: str) -> str:
    """Each validation error as ``where: what`` (``whole`` names an error about the whole input)."""
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or whole}: {e['msg']}" for e in errors)


async def _line_document(line: str, number: int, documents_of: Any) -> Document:
    where = f"line {number}"
    try:
        request = ScoreRequest.model_validate_json(line)
    except ValidationError as exc:
        return Document(id=where, error=f"{where}: {_problems(exc.errors(), 'line')}")
    return await documents_of(request, where)


async def _chain(head: str, rest: AsyncIterator[str]) -> AsyncIterator[str]:
    if head:
        yield head
    try:
        async for record in rest:
            yield record
    except Exception:  # the 200 is sent: say so in-band rather than cut the stream silently
        log.exception("batch stream failed")
        yield json_line({"error": "internal error: the rest of the batch was not scored"})


_FORM_CSS = """
form textarea{width:100%;min-height:14em;font:14px/1.4 ui-monospace,monospace;box-sizing:border-box}
form .row{margin:.5em 0}form button{font-size:1em;padding:.3em 1.2em}
"""


def _form(allow_fetch: bool, content: str = "", kind: str = "text") -> str:
    kinds = [k for k in SOURCES if k != "url" or allow_fetch]
    radios = " ".join(
        f'<label><input type="radio" name="kind" value="{k}"{" checked" if k == kind else ""}> {k}</label>'
        for k in kinds
    )
    return (
        '<form method="post" action="/"><p>Paste an article (plain text or a whole HTML page'
        f"{' or a URL' if allow_fetch else ''}) to see whether it reads as reporting or speculative filler, "
        f'and why.</p><div class="row">{radios}</div>'
        f'<textarea name="content" required>{escape(content)}</textarea>'
        '<div class="row"><button type="submit">Score</button></div></form>'
    )


def _page(body: str, status: int = 200) -> Response:
    headers = {
        "Content-Security-Policy": report.CSP_NO_SCRIPT + "; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    return HTMLResponse(report.page("sourcescore", body, extra_css=_FORM_CSS), status, headers=headers)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the service until SIGINT or SIGTERM; in-flight requests finish first (up to 30 s)."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(settings), host=host, port=port, timeout_graceful_shutdown=30, log_level="info")
