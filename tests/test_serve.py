"""``scorer serve`` through the framework's test client: every endpoint, every error path, the limits."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed: pip install 'sourcescore[serve]'")
from fastapi.testclient import TestClient

from scorer.scoring import Scorer
from scorer.service import Settings, create_app

from .conftest import SEEDS, SPECULATIVE_SEED

SPECULATIVE = (SEEDS[0].parent / SPECULATIVE_SEED).read_text(encoding="utf-8")
REPORTED = SEEDS[3].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(
        create_app(Settings(allow_fetch=True, allow_private_fetch=True)), raise_server_exceptions=False
    ) as c:
        yield c


@pytest.fixture(scope="module")
def strict() -> Iterator[TestClient]:
    """A service with small limits: a 4 kB body, a budget no document meets, no fetching."""
    with TestClient(create_app(Settings(max_body=4096, timeout=1e-4)), raise_server_exceptions=False) as c:
        yield c


def _records(response) -> list[dict]:
    return [json.loads(line) for line in response.text.splitlines()]


def test_score_returns_the_command_line_record(client: TestClient) -> None:
    response = client.post("/v1/score", json={"text": SPECULATIVE, "id": "seed 002"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    record = response.json()
    expected = Scorer().score_texts(["seed 002"], [SPECULATIVE])[0].to_dict()
    assert record == json.loads(json.dumps(expected))
    assert record["label"] == "speculative" and record["evidence"]["hedged_sentences"]


def test_threshold_and_evidence_options(client: TestClient) -> None:
    record = client.post("/v1/score", json={"text": SPECULATIVE, "threshold": 0.99, "evidence": False}).json()
    assert record["label"] == "reported" and record["threshold"] == 0.99 and "evidence" not in record
    assert record["probability"] == pytest.approx(1 - record["p_speculative"], abs=1e-4)


def test_an_html_page_is_scored_as_a_page(client: TestClient) -> None:
    html = f"<html><head><title>T</title></head><body><nav>Home | News</nav><article><p>{REPORTED}</p></article></body></html>"
    record = client.post("/v1/score", json={"html": html}).json()
    assert record["error"] is None and record["page"]["title"] == "T"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "Invalid JSON"),
        (b"[]", "body"),
        (json.dumps({"text": "a", "html": "b"}).encode(), "exactly one of text, html or url"),
        (json.dumps({}).encode(), "exactly one"),
        (json.dumps({"text": 5}).encode(), "text"),
        (json.dumps({"text": "x", "threshold": 1.5}).encode(), "threshold"),
        (json.dumps({"text": "x", "evidence": "yes"}).encode(), "evidence"),
        (json.dumps({"text": "x", "colour": "red"}).encode(), "colour"),
    ],
)
def test_invalid_requests_are_422_with_the_reason_and_no_echo(client: TestClient, body: bytes, message: str) -> None:
    response = client.post("/v1/score", content=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert message in error and "Traceback" not in error and response.json()["request_id"]


@pytest.mark.parametrize(
    ("text", "reason"), [("", "empty document"), ("\x00\x01 binary", "binary"), ("Das ist ein Text. " * 30, "language")]
)
def test_a_document_that_cannot_be_scored_is_an_error_record(client: TestClient, text: str, reason: str) -> None:
    response = client.post("/v1/score", json={"text": text, "id": "d"})
    assert response.status_code == 422
    record = response.json()
    assert record["path"] == "d" and record["label"] is None and reason in record["error"]


def test_batch_streams_one_record_per_line_in_order(client: TestClient) -> None:
    lines = [
        json.dumps({"text": SPECULATIVE, "id": "spec"}),
        "not json",
        json.dumps({"text": REPORTED}),
        json.dumps({"text": ""}),
        "",  # blank lines are skipped
        json.dumps({"html": f"<html><body><article><p>{REPORTED}</p></article></body></html>", "id": "page"}),
    ]
    response = client.post("/v1/score/batch?evidence=false", content="\n".join(lines).encode())
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-ndjson")
    records = _records(response)
    assert [r["path"] for r in records] == ["spec", "line 2", "line 3", "line 4", "page"]
    assert [r["label"] for r in records] == ["speculative", None, "reported", None, "reported"]
    assert "Invalid JSON" in records[1]["error"] and "empty document" in records[3]["error"]
    assert all("evidence" not in r for r in records)


def test_batch_threshold_is_checked(client: TestClient) -> None:
    assert client.post("/v1/score/batch?threshold=2", content=b"{}").status_code == 422
    assert client.post("/v1/score/batch?threshold=x", content=b"{}").status_code == 422
    assert client.post("/v1/score/batch?threshold=nan", content=b"{}").status_code == 422


def test_model_health_and_openapi(client: TestClient) -> None:
    card = client.get("/v1/model").json()
    scorer = Scorer()
    assert card["sha256"] == scorer.artifact.metadata["sha256"] and card["name"] == "sourcescore"
    assert client.get("/healthz").json() == {
        "status": "ok",
        "model": scorer.version,
        "workers": 1,
        "in_progress": 0,
    }
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/score", "/v1/score/batch", "/v1/model", "/healthz"} <= set(paths)
    schema = paths["/v1/score"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"text", "html", "url", "threshold", "evidence", "id"} <= set(schema["properties"])


def test_request_ids_are_echoed_or_made(client: TestClient) -> None:
    made = client.get("/healthz").headers["x-request-id"]
    assert len(made) == 16
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    assert client.get("/healthz", headers={"X-Request-ID": "bad id\x7f"}).headers["x-request-id"] != "bad id\x7f"
    record = client.post("/v1/score", json={"text": SPECULATIVE}, headers={"X-Request-ID": "r1"}).json()
    assert record["path"] == "r1"  # the default document id is the request id


def test_a_full_service_answers_503_with_retry_after(client: TestClient) -> None:
    admission = client.app.state.admission
    limit, admission.limit = admission.limit, 0
    try:
        for method, path in (("post", "/v1/score"), ("post", "/v1/score/batch"), ("post", "/")):
            response = getattr(client, method)(path, content=b'{"text": "x"}')
            assert response.status_code == 503 and response.headers["retry-after"] == "1"
            assert "busy" in (response.json()["error"] if path != "/" else response.text)
        assert client.get("/healthz").status_code == 200  # health stays answerable
    finally:
        admission.limit = limit


def test_a_body_over_the_limit_is_413(strict: TestClient) -> None:
    big = json.dumps({"text": "word " * 2000}).encode()
    for path in ("/v1/score", "/v1/score/batch", "/"):
        response = strict.post(path, content=big)
        assert response.status_code == 413 and "4,096-byte limit" in response.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: refused while reading
        yield from [b'{"text": "' + b"w " * 1000] * 3

    assert strict.post("/v1/score", content=chunks()).status_code == 413


def test_a_document_over_its_time_budget_is_an_error_record(strict: TestClient) -> None:
    record = strict.post("/v1/score", json={"text": SPECULATIVE[:1500]}).json()
    assert record["label"] is None and "budget" in record["error"]


def test_urls_are_refused_unless_the_service_fetches(strict: TestClient, client: TestClient, site: str) -> None:
    record = strict.post("/v1/score", json={"url": f"{site}/page.html"}).json()
    assert "does not fetch URLs" in record["error"]
    record = client.post("/v1/score", json={"url": f"{site}/page.html", "id": "u"}).json()
    assert record["label"] == "speculative" and record["page"]["title"] == "Talks"
    for path, reason in (("/missing", "HTTP 404"), ("/loop", "HTTP 302"), ("/img.png", "not a web page")):
        record = client.post("/v1/score", json={"url": site + path}).json()
        assert reason in record["error"], record["error"]


def test_a_dead_worker_is_replaced_and_the_document_still_scored(client: TestClient) -> None:
    workers = client.app.state.workers
    pids = list(workers.executor._processes)
    os.kill(pids[0], signal.SIGKILL)
    response = client.post("/v1/score", json={"text": SPECULATIVE})
    assert response.status_code == 200 and response.json()["label"] == "speculative"
    assert list(workers.executor._processes) != pids


def test_an_internal_error_is_500_without_a_traceback(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(client.app.state.workers, "score", broken)
    response = client.post("/v1/score", json={"text": SPECULATIVE}, headers={"X-Request-ID": "boom"})
    assert response.status_code == 500
    assert response.json() == {
        "error": "internal error (the server log has the details under this request id)",
        "request_id": "boom",
    }
    assert "secret" not in response.text


def test_the_page_scores_pasted_text_with_its_evidence_escaped(client: TestClient) -> None:
    form = client.get("/")
    assert (
        form.status_code == 200 and "<form" in form.text and "script-src" not in form.headers["content-security-policy"]
    )
    assert "frame-ancestors 'none'" in form.headers["content-security-policy"]
    response = client.post("/", data={"kind": "text", "content": '<script>alert("x")</script>\n' + SPECULATIVE})
    assert response.status_code == 200 and 'class="label-speculative"' in response.text
    assert "cue-hedge" in response.text
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text
    assert client.post("/", data={"kind": "sql", "content": "x"}).status_code == 422
    assert client.post("/", data={"kind": "text", "content": ""}).status_code == 422


def test_settings_refuse_nonsense() -> None:
    for bad in ({"workers": 0}, {"queue": -1}, {"max_body": 0}, {"timeout": 0}, {"timeout": float("nan")}):
        with pytest.raises(ValueError):
            Settings(**bad)  # type: ignore[arg-type]


def test_serve_help_and_usage_errors() -> None:
    from typer.testing import CliRunner

    from scorer.cli import app

    runner = CliRunner()
    assert "POST /v1/score" in runner.invoke(app, ["serve", "--help"]).output
    result = runner.invoke(app, ["serve", "--workers", "0"])
    assert result.exit_code == 2 and "workers" in result.output
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2 and "--port" in result.output


@pytest.mark.slow
def test_sigterm_finishes_the_request_in_progress(tmp_path) -> None:
    """A real server: SIGTERM while a batch streams; every record still arrives, then the server stops."""
    import http.client
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "scorer", "serve", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                probe_connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                probe_connection.request("GET", "/healthz")
                if probe_connection.getresponse().status == 200:
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        lines = [json.dumps({"text": SPECULATIVE, "id": f"d{i}"}) for i in range(400)]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("POST", "/v1/score/batch?evidence=false", "\n".join(lines).encode())
        response = connection.getresponse()  # the first chunk is scored: the batch is in progress
        server.send_signal(signal.SIGTERM)
        records = [json.loads(line) for line in response.read().decode().splitlines()]
        assert response.status == 200 and [r["path"] for r in records] == [f"d{i}" for i in range(400)]
        assert all(r["label"] == "speculative" for r in records)
        assert server.wait(60) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal once it has shut down
    finally:
        if server.poll() is None:
            server.kill()
        log.close()
    logged = (tmp_path / "server.log").read_text()
    assert "Traceback" not in logged and "Finished server process" in logged
