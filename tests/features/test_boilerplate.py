"""Line-level boilerplate decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.boilerplate import classify_lines

ARTICLE = "The minister said on Monday that the talks would continue next week in Geneva."


@pytest.mark.parametrize(
    "line",
    [
        "Read next",
        "Leave a comment",
        "Leave the first comment",
        "Follow us on social networks",
        "Share this",
        "© 2024 Example Media. All rights reserved.",
        "14:20",
        "Lini një Përgjigje",
        "Deja un comentario",
        "Subscribe to our newsletter",
        "by Admin 63 views",
        "What is your opinion on this topic?",
    ],
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


OTHER = "Officials in Brussels expect the new budget rules to be agreed before the summer recess."
SEED_000 = Path(__file__).resolve().parents[2] / "seeds" / "000_5640defeb2d07d50.txt"


def test_read_next_tail_ends_at_two_prose_lines_in_a_row() -> None:
    reasons = classify_lines([ARTICLE, "Read next", "14:20", ARTICLE, "World News", "15:55", OTHER, ARTICLE, OTHER])
    assert all(reasons[1:6]) and reasons[6:] == [None, None, None]


def test_read_next_tail_ends_at_a_byline() -> None:
    reasons = classify_lines(
        [ARTICLE, "Read next", "Budget talks resume", "Ministers meet in Oslo", "By Anna Berg", OTHER]
    )
    assert all(reasons[1:3]) and reasons[3] is None and reasons[5] is None  # the article's headline, then its text


def test_teasers_between_timestamps_stay_in_the_tail() -> None:
    reasons = classify_lines([ARTICLE, "Read next", ARTICLE, "15:55", OTHER, "World News", ARTICLE])
    assert reasons[0] is None and all(reasons[1:])


def test_a_later_tail_heading_starts_a_new_tail() -> None:
    reasons = classify_lines([ARTICLE, "Read next", OTHER, ARTICLE, "Related Stories", "Budget talks resume"])
    assert reasons[2:4] == [None, None] and all(reasons[4:])


def test_seed_tail_after_read_next_is_boilerplate() -> None:
    lines = [line for line in SEED_000.read_text(encoding="utf-8").splitlines() if line.strip()]
    reasons = classify_lines(lines)
    start = next(i for i, line in enumerate(lines) if line.strip() == "Read next")
    assert not any(reasons[:start]) and all(reasons[start:])


@pytest.mark.parametrize(
    ("line", "reason"),
    [("Shows", "navigation"), ("RSS", "navigation"), ("+16", "navigation"),  # B: one word
     ("Post Tech | Hayley Tsukayama", "navigation"), ("Home | World | Sport", "navigation"),  # D: pipe labels
     ("Griffin accepts responsibility...", "read-next link"), ("Ten things to know about…", "read-next link"),  # E
     ("1.", "navigation"), ("12)", "navigation"), ("•", "navigation"), ("|", "navigation"),  # F: list markers
     ("EU Week Ahead: July 1-5 1 Comment", "read-next link"), ("The Great Pipeline Face-Off 12 comments", "read-next link"),
     ("BBC © 2013 The BBC is not responsible for the content of external sites.", "legal notice"),  # I
     ("Copyright ©2013 Dow Jones & Company, Inc.", "legal notice"), ("Photos copyright 2013 Reuters", "legal notice"),
     ("Search term:", "interface message"), ("Continue reading the main story", "interface message"),  # K
     ("Sign in here", "interface message"), ("Sign in with your BBC iD, or Register to comment", "interface message"),
     ("Please try again.", "interface message"), ("You must be logged in to report a comment.", "interface message"),
     ("This video is no longer available.", "interface message"), ("Next »", "interface message"),
     ("« Previous", "interface message"), ("Follow:", "interface message"), ("Your email has been sent.", "interface message")],
)  # fmt: skip
def test_new_furniture_rules(line: str, reason: str) -> None:
    assert classify_lines([ARTICLE, "Share this", line, "Leave a comment", ARTICLE])[2] == reason


@pytest.mark.parametrize(
    "line",
    ["Shows", "Post Tech | Hayley Tsukayama", "Griffin accepts responsibility...", "Analysis",
     "Balancing act: Tips for the self-employed", "They gave away socks, hats, sneakers, tee shirts…"],
)  # fmt: skip
def test_a_line_that_only_looks_like_furniture_is_body_between_paragraphs(line: str) -> None:
    assert classify_lines([ARTICLE, line, OTHER]) == [None, None, None]


@pytest.mark.parametrize(
    ("line", "reason"),
    [("EU Week Ahead: July 1-5 1 Comment", "read-next link"), ("Photos copyright 2013 Reuters", "legal notice"),
     ("Continue reading the main story", "interface message"), ("Share this", "share or follow prompt")],
)  # fmt: skip
def test_what_a_line_says_keeps_it_furniture_between_paragraphs(line: str, reason: str) -> None:
    assert classify_lines([ARTICLE, line, OTHER])[1] == reason


def test_a_subheading_after_furniture_is_body() -> None:
    reasons = classify_lines(
        [ARTICLE, "Continue reading the main story", "Balancing act: Tips for the self-employed", OTHER]
    )
    assert reasons == [None, "interface message", None, None]


def test_a_headline_above_its_byline_is_body() -> None:
    lines = [
        "Home",
        "Search",
        "People don’t understand the fiscal cliff",
        "Zachary Roth, @zackroth",
        "Share this",
        ARTICLE,
    ]
    reasons = classify_lines(lines)
    assert reasons[2] is None and reasons[3] == "byline or metadata" and reasons[5] is None


def test_a_long_update_note_is_not_a_byline() -> None:
    note = (
        "Updated | Thursday, August 30: Includes additional comments from Roy during the program clarifying his remark."
    )
    assert classify_lines([ARTICLE, note, OTHER])[1] is None


@pytest.mark.parametrize(
    "line",
    ["Lavrov", "Lavrov meets Blinken | Malta talks", "Will Lavrov and Blinken finally meet in Malta…"],
)
def test_first_line_headline_is_not_a_label(line: str) -> None:
    assert classify_lines([line, ARTICLE, OTHER])[0] is None


@pytest.mark.parametrize(
    "line",
    ["Officials said the talks, which began in Vienna and moved to Geneva last spring, would continue...",
     "Readers left more than 40 comments on the first version of the ministry's draft, with 12 comments",
     "The ministry said the report, marked copyright 2013 by its authors, had been leaked to several newspapers "
     "in three countries before the vote, which was held on Monday after a long and bitter debate in parliament.",
     "This video is the third in a series the ministry has published on the reform."],
)  # fmt: skip
def test_long_lines_with_furniture_shapes_stay_body(line: str) -> None:
    assert classify_lines([ARTICLE, line, ARTICLE])[1] is None
