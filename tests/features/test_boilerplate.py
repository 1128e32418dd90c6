"""Line-level boilerplate decisions."""

from __future__ import annotations

import pytest

from scorer.boilerplate import classify_lines

ARTICLE = "The minister said on Monday that the talks would continue next week in Geneva."


@pytest.mark.parametrize(
    "line",
    ["Read next", "Leave a comment", "Leave the first comment", "Follow us on social networks", "Share this",
     "© 2024 Example Media. All rights reserved.", "14:20", "Lini një Përgjigje", "Deja un comentario",
     "Subscribe to our newsletter", "by Admin 63 views", "What is your opinion on this topic?"],
)
def test_furniture_lines(line: str) -> None:
    assert classify_lines([ARTICLE, line, ARTICLE])[1] is not None


def test_article_sentences_are_body() -> None:
    assert classify_lines([ARTICLE, ARTICLE]) == [None, None]


def test_headings_inside_the_article_are_body() -> None:
    assert classify_lines([ARTICLE, "Context and Implications", ARTICLE])[1] is None


def test_everything_after_read_next_is_a_link_list() -> None:
    reasons = classify_lines([ARTICLE, "Read next", "14:20", ARTICLE, "World News"])
    assert reasons[0] is None and all(reasons[1:])
