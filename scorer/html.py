"""Pages as users have them: the main text and metadata of an HTML page, with trafilatura.

trafilatura is the well-kept library for main-text extraction (an optional extra: ``pip install
"sourcescore[html]"``); it works offline. It drops some body text (subheadings, FAQ questions,
short paragraphs, table rows), so its output is compared with the page's visible lines
(``pagelines``): a line it left out is given back when it sits inside the article's container
(the innermost element holding most of the extracted text), is not mostly link text, and the
product's own line rules (``boilerplate``) judge it body. What is left out is page furniture, so
its share of the visible text is reported with the page; the byline, date and site name found on
the page are evidence of reporting and travel with the result, but the model scores the text only.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import asdict, dataclass
from typing import Any

from scorer.boilerplate import classify_lines
from scorer.errors import InputError
from scorer.pagelines import PageLine, parse, visible_lines

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MODES = ("auto", "always", "never")
_MARKUP = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)?(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_SNIFF_CHARS = 2000
MIN_ARTICLE_WORDS = 10
_INSTALL = 'reading HTML needs the html extra: pip install "sourcescore[html]" (from a checkout: pip install ".[html]")'


@dataclass(frozen=True)
class Page:
    """What extraction found on a page."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    removed_share: float | None = None  # share of the visible text dropped as furniture; None: not measurable

    def metadata(self) -> dict[str, Any]:
        """Everything but the text, for the result record."""
        record = asdict(self)
        del record["text"]
        return record


def looks_like_html(text: str) -> bool:
    """Whether a document starts as an HTML page does (doctype, <html>, <head> or <body>)."""
    return bool(_MARKUP.match(text[:_SNIFF_CHARS]))


def is_page(text: str, name: str, mode: str = "auto") -> bool:
    """Whether to read a document as HTML: ``always``, ``never``, or ``auto`` by file suffix or content."""
    if mode not in MODES:
        raise ValueError(f"HTML mode must be one of {', '.join(MODES)}")
    if mode != "auto":
        return mode == "always"
    return name.lower().endswith(HTML_SUFFIXES) or looks_like_html(text)


def extract_page(html: str, name: str = "<page>") -> Page:
    """The main text and metadata of a page; ``InputError`` if the extra is missing or no text is found."""
    try:
        import trafilatura
    except ImportError as exc:
        raise InputError(f"{name}: {_INSTALL}") from exc
    check_page_size(html, name)
    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True, include_comments=False)
        lines = visible_lines(parse(html))
    except InputError:  # the document's time budget ran out inside the parser: say that, not "unparsable"
        raise
    except Exception as exc:  # a parser can fail on anything a hostile page holds
        raise InputError(f"{name}: the page could not be parsed ({type(exc).__name__})") from exc
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    text = with_recovered_lines(text, lines)
    if len(text.split()) < MIN_ARTICLE_WORDS:  # a menu or a caption is not an article
        raise InputError(f"{name}: no article text found in the page")
    title = _field(found, "title")
    if title and not text.startswith(title):  # the headline opens the article, as in a text file
        text = f"{title}\n\n{text}"
    visible = sum(len(line.text) + 1 for line in lines)
    removed = round(max(0.0, 1.0 - len(text) / visible), 4) if visible else None  # nothing visible: unknown, not 0
    return Page(text, title, _field(found, "author"), _field(found, "date"), _field(found, "sitename"), removed)


CONTAINER_SHARE = 0.8  # the article's container holds at least this share of the extracted text
MAX_LINK_SHARE = 0.5  # a line mostly of link text is navigation, not body
_MIN_MATCH_WORDS = 6  # a shorter page line must equal an extracted line, not merely occur inside one
_MIN_INSIDE_CHARS = 20  # an extracted line this long found inside a page line means the line was kept


def with_recovered_lines(text: str, lines: list[PageLine]) -> str:
    """``text`` with the body lines of the page that extraction left out put back in page order."""
    extracted = [line.strip() for line in text.splitlines() if line.strip()]
    keys = [_key(line) for line in extracted]
    page_keys = [_key(line.text) for line in lines]
    where = _matches(page_keys, keys)
    matched = [i for i, j in enumerate(where) if j is not None]
    if not matched:
        return text
    inside = set(_container([lines[i] for i in matched]).iter())
    long_keys = [k for k in keys if len(k) >= _MIN_INSIDE_CHARS]
    candidates = [
        i
        for i, line in enumerate(lines)
        if where[i] is None
        and line.element in inside
        and line.link_share <= MAX_LINK_SHARE
        and not any(k in page_keys[i] for k in long_keys)  # extraction split this line: it is there
    ]
    if not candidates:
        return text
    reasons = classify_lines([line.text for line in lines])  # the rules read each line beside its neighbours
    # each page line's anchor: the extracted line holding the nearest matched line above it (-1: none)
    anchors = list(itertools.accumulate(where, lambda above, held: above if held is None else held, initial=-1))[1:]
    after: dict[int, list[str]] = {}  # extracted line index -> recovered lines to put after it
    for i in candidates:
        if reasons[i] is None:
            after.setdefault(anchors[i], []).append(lines[i].text)
    if not after:
        return text
    out = after.get(-1, [])
    for j, kept in enumerate(extracted):
        out += [kept, *after.get(j, [])]
    return "\n".join(out)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _matches(page_keys: list[str], extracted_keys: list[str]) -> list[int | None]:
    """For each page line, the index of the extracted line that holds it, or ``None``."""
    exact: dict[str, int] = {}
    for j, key in enumerate(extracted_keys):
        exact.setdefault(key, j)
    blob = "\n".join(extracted_keys)
    starts = list(itertools.accumulate((len(k) + 1 for k in extracted_keys), initial=0))
    found: list[int | None] = []
    for key in page_keys:
        held = exact.get(key)
        if held is None and len(key.split()) >= _MIN_MATCH_WORDS and (at := blob.find(key)) >= 0:
            held = bisect.bisect_right(starts, at) - 1
        found.append(held)
    return found


def _container(matched: list[PageLine]) -> Any:
    """The innermost element that holds ``CONTAINER_SHARE`` of the matched lines' text."""
    held: dict[Any, int] = {}
    for line in matched:
        for element in (line.element, *line.element.iterancestors()):
            held[element] = held.get(element, 0) + len(line.text)
    total = sum(len(line.text) for line in matched)
    enough = [element for element, chars in held.items() if chars >= CONTAINER_SHARE * total]
    return max(enough, key=lambda element: sum(1 for _ in element.iterancestors()))


# Parsing cost grows with the number of elements (trafilatura's extraction faster than linearly) in
# C code that no time budget can interrupt, so a page is measured before it is parsed. News pages
# hold a few thousand elements; these limits are ten times the largest seen.
MAX_ELEMENTS = 50_000
MAX_ATTRIBUTES = 500  # on one element
_ELEMENT = re.compile(r"<[A-Za-z][^<>]{0,100000}>?")


def check_page_size(html: str, name: str) -> None:
    """``InputError`` for a page with more elements, or an element with more attributes, than any real page."""
    elements = 0
    for match in _ELEMENT.finditer(html):
        elements += 1
        if elements > MAX_ELEMENTS:
            raise InputError(f"{name}: more than {MAX_ELEMENTS:,} HTML elements; not read (no real page has as many)")
        if match.group().count("=") > MAX_ATTRIBUTES:
            raise InputError(f"{name}: an HTML element with more than {MAX_ATTRIBUTES} attributes; not read")


def _field(found: Any, name: str) -> str | None:
    value = getattr(found, name, None)
    return str(value).strip() or None if value else None
