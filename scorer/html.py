"""Pages as users have them: the main text and metadata of an HTML page, with trafilatura.

trafilatura is the well-kept library for main-text extraction (an optional extra: ``pip install
"sourcescore[html]"``); it works offline. What extraction removed is page furniture, so its share
of the visible text is reported with the page; the byline, date and site name found on the page
are evidence of reporting and travel with the result, but the model scores the text only.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from scorer.errors import InputError

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
        visible = trafilatura.html2txt(html) or ""
    except InputError:  # the document's time budget ran out inside the parser: say that, not "unparsable"
        raise
    except Exception as exc:  # a parser can fail on anything a hostile page holds
        raise InputError(f"{name}: the page could not be parsed ({type(exc).__name__})") from exc
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:  # a menu or a caption is not an article
        raise InputError(f"{name}: no article text found in the page")
    title = _field(found, "title")
    if title and not text.startswith(title):  # the headline opens the article, as in a text file
        text = f"{title}\n\n{text}"
    # No visible text (a page wrapped in an element html2txt skips): the share is unknown, not 0.
    removed = round(max(0.0, 1.0 - len(text) / len(visible)), 4) if visible.strip() else None
    return Page(text, title, _field(found, "author"), _field(found, "date"), _field(found, "sitename"), removed)


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
