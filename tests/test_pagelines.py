"""Pages rendered as lines, and body lines that extraction left out given back (``scorer.html``)."""

from __future__ import annotations

import pytest

from scorer.html import extract_page, with_recovered_lines
from scorer.pagelines import parse, visible_lines

from .conftest import REPORTED

pytest.importorskip("lxml")

ARTICLE = f"""<html><head><title>Budget</title><style>p {{color: red}}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="main"><article>
<h1>Council approves budget</h1>
<p>{REPORTED[0]}</p>
<h2>What the plan pays for</h2>
<p>{REPORTED[1]}</p>
<p><a href="/a">Mayor opens bridge</a> <a href="/b">Bus fares rise</a></p>
<p>Share this article</p>
<p>{REPORTED[2]}</p>
</article></div>
<aside><h3>Most read</h3><p>Council leader defends the plan in a long interview with residents</p></aside>
<script>var x = "not text";</script>
</body></html>"""


def test_lines_break_at_blocks_skip_invisible_text_and_measure_links() -> None:
    lines = visible_lines(parse(ARTICLE))
    texts = [line.text for line in lines]
    assert texts[:3] == ["Home", "News", "Council approves budget"]
    assert not any("not text" in t or "color" in t or t == "Budget" for t in texts)
    links = next(line for line in lines if line.text.startswith("Mayor opens bridge"))
    assert links.link_share > 0.95  # all but the space between the two links
    assert next(line for line in lines if line.text == REPORTED[0]).link_share == 0.0


def test_body_lines_left_out_are_given_back_in_page_order_and_furniture_is_not() -> None:
    extracted = "\n".join(["Council approves budget", REPORTED[0], REPORTED[1], REPORTED[2]])
    text = with_recovered_lines(extracted, visible_lines(parse(ARTICLE)))
    lines = text.splitlines()
    assert lines == ["Council approves budget", REPORTED[0], "What the plan pays for", REPORTED[1], REPORTED[2]]


def test_nothing_is_given_back_outside_the_article_or_when_nothing_matched() -> None:
    lines = visible_lines(parse(ARTICLE))
    text = with_recovered_lines("\n".join([REPORTED[0], REPORTED[1], REPORTED[2]]), lines)
    assert "Most read" not in text and "long interview" not in text and "Home" not in text
    assert with_recovered_lines("words found nowhere on the page", lines) == "words found nowhere on the page"


def test_a_line_extraction_split_in_two_is_not_given_back_twice() -> None:
    page = f"<html><body><article><p>{REPORTED[0]} {REPORTED[1]}</p><p>{REPORTED[2]}</p></article></body></html>"
    text = with_recovered_lines("\n".join([REPORTED[0], REPORTED[1], REPORTED[2]]), visible_lines(parse(page)))
    assert text.count(REPORTED[1]) == 1


def test_the_furniture_share_is_measured_on_pages_in_a_wrapper_other_tools_skip() -> None:
    body = "".join(f"<p>{s}</p>" for s in REPORTED)
    page = f'<html><body><text id="main"><ul><li><a href="/">Home</a></li><li><a href="/x">Sport and weather and travel news</a></li></ul>{body}<p>Copyright 2024 Harwick Herald. All rights reserved.</p></text></body></html>'
    found = extract_page(page)
    assert found.removed_share is not None and 0 < found.removed_share < 1
