"""Load on ``scorer serve``: concurrent clients for a fixed time, beside ``score --jobs 2`` on the same articles.

    python benchmarks/serve_load.py [--n 2000] [--clients 8] [--seconds 30]

For 1 and 2 scoring workers, starts a local server (``python -m scorer serve``), and CLIENTS
threads each POST one BBC article at a time to /v1/score (evidence included, as ``score -f
json`` writes it) over a kept-alive connection for SECONDS. Prints articles/s, p50/p95/p99
latency and failed requests (any status but 200, or 422 with the error record of a refused document). In the same run, ``score --jobs 2 -f json`` scores the
same N articles as files; its articles/s counts the whole command, start-up included, as a
pipeline would see it. The clients run on the same two cores as the server, as a neighbour on
one machine would. Writes benchmarks/results/serve_load.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from provenance import write_result
from speed import articles

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "serve_load.json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(workers: int, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "scorer", "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within two minutes")


def load(port: int, bodies: list[bytes], clients: int, seconds: float) -> dict:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = k
        while time.monotonic() < stop:
            body = bodies[i % len(bodies)]
            i += clients
            started = time.perf_counter()
            try:
                connection.request("POST", "/v1/score", body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                ok = response.status in (200, 422)  # 422: an error record for a refused document
            except OSError:
                ok = False
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            latencies[k].append(time.perf_counter() - started)
            errors[k] += not ok

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    times = np.array([x for per in latencies for x in per])
    return {
        "requests": int(times.size),
        "articles_per_s": round(times.size / elapsed, 1),
        "p50_ms": round(float(np.percentile(times, 50)) * 1000, 1),
        "p95_ms": round(float(np.percentile(times, 95)) * 1000, 1),
        "p99_ms": round(float(np.percentile(times, 99)) * 1000, 1),
        "errors": int(sum(errors)),
    }


def cli_rate(texts: list[str], jobs: int) -> tuple[float, int]:
    """Articles/s of ``score --jobs JOBS -f json`` over the texts as files, and how many rows were errors."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        out = Path(tmp) / "out.jsonl"
        started = time.perf_counter()
        command = [
            sys.executable,
            "-m",
            "scorer",
            "score",
            str(folder),
            "--jobs",
            str(jobs),
            "-f",
            "json",
            "-o",
            str(out),
        ]
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 1):  # 1: some rows are errors, still written
            raise SystemExit(f"score failed: {done.stderr}")
        errors = sum(json.loads(line)["error"] is not None for line in out.read_text(encoding="utf-8").splitlines())
        return len(texts) / elapsed, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    texts = articles(args.n)
    bodies = [json.dumps({"text": t}).encode() for t in texts]
    report: dict = {"n": len(texts), "clients": args.clients, "seconds": args.seconds, "service": {}}
    for workers in (1, 2):
        port = free_port()
        server = start_server(workers, port)
        try:
            load(port, bodies, args.clients, 3.0)  # warm: connections, first requests
            report["service"][str(workers)] = figures = load(port, bodies, args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait(60)
        print(f"serve --workers {workers}: {figures}", flush=True)
    rate, cli_errors = cli_rate(texts, 2)
    report["cli_jobs_2_articles_per_s"], report["cli_error_rows"] = round(rate, 1), cli_errors
    report["service_2_over_cli"] = round(
        report["service"]["2"]["articles_per_s"] / report["cli_jobs_2_articles_per_s"], 3
    )
    print(f"score --jobs 2 -f json: {rate:.1f} articles/s (start-up included), {cli_errors} error rows")
    print(f"service (2 workers) / CLI: {report['service_2_over_cli']}")
    write_result(OUT, report)
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
