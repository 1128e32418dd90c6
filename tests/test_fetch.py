"""Pages by URL: the fetcher's refusals and limits, and `score URL` against a local web server."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.errors import InputError
from scorer.fetch import check_url, fetch


def test_fetch_refuses_other_schemes_and_private_addresses(site: str) -> None:
    for url in ("file:///etc/passwd", "ftp://example.com/x", "http://", "javascript:alert(1)", "x" * 3000):
        with pytest.raises(InputError):
            check_url(url)
    for url in (f"{site}/page.html", "http://10.0.0.1/", "http://[::1]/", "http://169.254.169.254/latest/"):
        with pytest.raises(InputError, match="private or reserved"):
            check_url(url)
    assert "<article>" in fetch(f"{site}/page.html", allow_private=True)
    with pytest.raises(InputError, match="limit"):
        fetch(f"{site}/page.html", allow_private=True, max_bytes=100)


def test_score_url_fetches_and_scores_the_page(site: str) -> None:
    pytest.importorskip("trafilatura", reason="reading an HTML page needs the html extra")
    runner = CliRunner()
    result = runner.invoke(app, ["score", f"{site}/page.html", f"{site}/missing", "-f", "json", "--no-evidence"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1  # one of the two could not be scored
    assert records[0]["path"] == f"{site}/page.html" and records[0]["label"] == "speculative"
    assert records[0]["page"]["title"] == "Talks"
    assert records[1]["label"] is None and "HTTP 404" in records[1]["error"]


def test_a_host_that_turns_private_after_the_check_is_refused_where_it_connects(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a public address for the check, the machine itself a moment later."""
    import socket
    from urllib.parse import urlsplit

    real, asked = socket.getaddrinfo, []

    def rebinding(host: str, port: int, *args: object, **kwargs: object) -> list:
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        asked.append(host)
        ip = "93.184.216.34" if len(asked) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(InputError, match="private or reserved"):
        fetch(f"http://rebind.example:{urlsplit(site).port}/page.html")
    assert len(asked) == 2  # checked once, then again where the socket is opened


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_fetch_scores_the_pages_a_table_names_and_keeps_its_columns(site: str, tmp_path, suffix: str) -> None:
    pytest.importorskip("trafilatura", reason="reading an HTML page needs the html extra")
    rows = [
        {"url": f"{site}/page.html", "outlet": "talks"},
        {"url": f"{site}/img.png", "outlet": "pictures"},
        {"url": "not a url", "outlet": "none"},
    ]
    table = tmp_path / f"links.{suffix}"
    if suffix == "csv":
        table.write_text("url,outlet\n" + "".join(f"{r['url']},{r['outlet']}\n" for r in rows), encoding="utf-8")
    else:
        table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    args = ["score", str(table), "--text-column", "url", "--fetch", "--keep-columns", "outlet", "-f", "json"]
    result = CliRunner().invoke(app, [*args, "--no-evidence"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1 and [r["outlet"] for r in records] == ["talks", "pictures", "none"]
    assert records[0]["path"] == f"{site}/page.html" and records[0]["label"] == "speculative"
    assert records[0]["page"]["title"] == "Talks"
    assert "image/png is not a web page" in records[1]["error"]
    assert "is not an http(s) URL: 'not a url'" in records[2]["error"]
    unasked = CliRunner().invoke(app, ["score", str(table), "--text-column", "url", "-f", "json", "--no-evidence"])
    plain = [json.loads(line) for line in unasked.stdout.splitlines()]  # without --fetch a URL cell is only text
    assert len(plain) == 3 and all("page" not in r and r["path"].startswith(str(table)) for r in plain)
