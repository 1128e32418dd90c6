"""HTML pages in: main text and metadata through the CLI, JSONL and the Python API; bad pages cost one row."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import scorer
from scorer.cli import app
from scorer.html import extract_page, looks_like_html

from .conftest import REPORTED

pytest.importorskip("trafilatura")
runner = CliRunner()

PAGE = """<!DOCTYPE html><html><head><title>Council approves budget</title>
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-03-05">
<meta property="og:site_name" content="Harwick Herald"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Council approves budget</h1>{body}</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Mayor opens bridge</a></li><li><a href="/b">Bus fares rise</a></li></ul></aside>
<footer>Subscribe to our newsletter. Share this article. © 2024 Harwick Herald</footer></body></html>"""
BODY = "".join(f"<p>{sentence}</p>" for sentence in REPORTED)


def _page(tmp_path: Path, name: str = "page.html", body: str = BODY) -> Path:
    path = tmp_path / name
    path.write_text(PAGE.format(body=body), encoding="utf-8")
    return path


def test_extraction_keeps_the_article_and_drops_the_furniture() -> None:
    page = extract_page(PAGE.format(body=BODY))
    assert "Foreign Minister Anna Berg said on Tuesday" in page.text
    assert "Subscribe to our newsletter" not in page.text and "Bus fares rise" not in page.text
    assert (page.author, page.date, page.sitename) == ("Jane Roe", "2024-03-05", "Harwick Herald")
    assert 0 < page.removed_share < 1


def test_a_page_through_the_cli_carries_its_metadata(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(_page(tmp_path)), "-f", "json"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert row["label"] == "reported" and row["page"]["author"] == "Jane Roe" and row["page"]["title"]
    assert row["features"]["quotes_per_sentence"] > 0


def test_html_in_a_jsonl_text_field_is_sniffed(tmp_path: Path) -> None:
    table = tmp_path / "pages.jsonl"
    table.write_text(
        json.dumps({"id": "p1", "text": PAGE.format(body=BODY)})
        + "\n"
        + json.dumps({"id": "plain", "text": " ".join(REPORTED)})
        + "\n"
    )
    rows = [
        json.loads(x)
        for x in runner.invoke(app, ["score", str(table), "--id-column", "id", "-f", "json"]).output.splitlines()
    ]
    assert rows[0]["page"]["sitename"] == "Harwick Herald" and "page" not in rows[1]
    never = runner.invoke(app, ["score", str(table), "--id-column", "id", "-f", "json", "--html-input", "never"]).output
    assert all("page" not in json.loads(x) for x in never.splitlines())


def test_the_python_api_reads_pages_by_path(tmp_path: Path) -> None:
    results = list(scorer.score_many(paths=[_page(tmp_path)]))
    assert results[0].ok and results[0].page["date"] == "2024-03-05"


def test_a_malformed_and_a_huge_page_cost_one_row_each(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>Home | News</nav><script>var x = 1;</script></body></html>")
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><p>unclosed <b><i>" + "<div>" * 5000 + "</p>")
    huge = _page(tmp_path, "huge.html", BODY * 4000)
    good = _page(tmp_path, "good.html")
    result = runner.invoke(
        app, ["score", str(empty), str(broken), str(huge), str(good), "-f", "json", "--max-bytes", "200000"]
    )
    rows = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert len(rows) == 4 and result.exit_code == 1
    assert "no article text found" in rows[0]["error"]
    assert rows[1]["error"] is not None or rows[1]["label"] in ("reported", "speculative")
    assert "over the 200,000-byte limit" in rows[2]["error"]
    assert rows[3]["error"] is None and rows[3]["page"]["author"] == "Jane Roe"


def test_without_the_extra_the_message_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    result = runner.invoke(app, ["score", str(_page(tmp_path)), "-f", "json"])
    assert 'pip install "sourcescore[html]"' in json.loads(result.output.splitlines()[0])["error"]


def test_sniffing() -> None:
    assert looks_like_html("<!DOCTYPE html><html>") and looks_like_html("  <html lang='en'>")
    assert not looks_like_html("The <b>council</b> met on Tuesday.")


def test_the_page_byline_and_date_show_in_every_human_format(tmp_path: Path) -> None:
    page = _page(tmp_path)
    for fmt in ("text", "explain"):
        shown = runner.invoke(app, ["score", str(page), "-f", fmt])
        assert shown.exit_code == 0, shown.output
        assert "page: by Jane Roe" in shown.output and "Harwick Herald" in shown.output, fmt
    out = tmp_path / "page-report.html"
    assert runner.invoke(app, ["score", str(page), "-f", "html", "-o", str(out)]).exit_code == 0
    assert "page: by Jane Roe" in out.read_text(encoding="utf-8")


def test_the_title_opens_the_extracted_text(tmp_path: Path) -> None:
    from scorer.html import extract_page

    found = extract_page(_page(tmp_path).read_text(encoding="utf-8"))
    assert found.title and found.text.startswith(found.title)
