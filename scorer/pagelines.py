"""A page's visible text as lines, the way a reader sees it, each with the element that holds it.

A line break falls at the start and end of every block-level element (paragraphs, headings, list
items, table cells, sections...); the contents of script, style, noscript, template and title are
not visible text and are skipped, as are comments. Each line keeps its block element (so callers
can ask whether it sits inside the article's container) and the share of its characters that are
link text (menus and related-article lists are links; body text rarely is).

The walk is iterative and linear in the size of the page (libxml2 itself stops nesting at 256
levels, so no page reaches Python's recursion limit either way).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "title", "head"})
BLOCK_TAGS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "article", "section",
     "header", "footer", "nav", "aside", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
     "caption", "form", "fieldset", "blockquote", "pre", "hr", "main", "figure", "figcaption", "address",
     "center", "option", "body", "html"}
)  # fmt: skip
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PageLine:
    """One visible line: its text, the block element that holds it, and the share of it that is link text."""

    text: str
    element: Any  # an lxml element
    link_share: float


def parse(markup: str) -> Any:
    """The page's element tree (lxml's forgiving HTML parser; the text is handed over as UTF-8)."""
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    return lxml.html.document_fromstring(markup.encode("utf-8", errors="replace"), parser=parser)


def visible_lines(root: Any) -> list[PageLine]:
    """The visible text of a parsed page as lines (whitespace collapsed, empty lines dropped)."""
    from lxml import etree

    lines: list[PageLine] = []
    parts: list[str] = []
    link_chars = 0
    blocks: list[Any] = [root]  # the open block elements, innermost last
    skipping = 0  # depth inside elements whose text is not visible
    in_link = 0

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text and not skipping:
            parts.append(text)
            if in_link:
                link_chars += len(text.strip())

    def flush() -> None:
        nonlocal link_chars
        text = _SPACE.sub(" ", "".join(parts)).strip()
        if text:
            lines.append(PageLine(text, blocks[-1], min(1.0, link_chars / len(text))))
        parts.clear()
        link_chars = 0

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in SKIP_TAGS:
                skipping += 1
            elif tag in BLOCK_TAGS and not skipping:
                flush()
                blocks.append(element)
            in_link += tag == "a"
            if tag not in SKIP_TAGS:
                add(element.text)
            continue
        in_link -= tag == "a"
        if tag in SKIP_TAGS:
            skipping -= 1
        elif tag in BLOCK_TAGS and not skipping:
            flush()
            blocks.pop()
        if element is not root:
            add(element.tail)
    flush()
    return lines
