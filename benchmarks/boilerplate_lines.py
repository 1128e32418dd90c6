"""Line-level boilerplate decisions on real pages: the text rules and the HTML path, per page set.

    python benchmarks/boilerplate_lines.py            # every page set, both paths, in one run
    python benchmarks/boilerplate_lines.py --errors   # the dev pages' wrong lines (for rule work)

Page sets:
- CleanPortalEval (msnbc, wsj, washingtonpost, bbc news pages; ``input/*.html`` with
  ``GoldStandard/*.txt``, CleanEval markup: a ``URL:`` line, then paragraphs opened by ``<h>``,
  ``<p>`` or ``<l>``; two BBC index pages have no gold paragraph). Split by position in the
  sorted file list: **dev** = even positions (the rules were written and tuned on these),
  **held-back** = odd positions (measured after the rules were fixed; never used to write them).
- BBC stories (bbc-news-2225, every 10th file, one paragraph a line): every line is body, so
  only "body lines flagged" is meaningful. Text path only (no HTML).
- Hyperpartisan articles (SemEval 2019 by-article, every 3rd): each ``<p>`` is a line, counted as
  body (a few are image credits); the HTML path reads a page built from the same paragraphs.

Page -> lines (standard library only): bytes are decoded as UTF-8, falling back to cp1252 (three
washingtonpost pages); ``html.parser`` drops the contents of script, style, noscript, template and
title (not visible page text) and comments; a line break is emitted at the start and end of every
block-level element (``BLOCK_TAGS``: p, div, li, h1-h6, br, tr, td, article, section, header, footer,
nav, aside, ul, ol, table, form and similar); whitespace is collapsed and empty lines are dropped.

Gold rule: normalise a text as HTML-entity-unescaped (twice, since some gold files escape ``&``),
lowercased and whitespace-collapsed. A line is gold "article" if its normalised text equals a gold
paragraph, is a substring of a gold paragraph, or contains a gold paragraph that is at least half
its length (``len(paragraph) / len(line) >= 0.5``); otherwise it is gold "boilerplate".

The HTML path (``scorer.html.extract_page``, trafilatura) keeps a page line when the same rule
finds it in the extracted text; a page with no extractable article keeps nothing.

Figures per page set and method: body lines wrongly flagged (share of gold body lines called
boilerplate), furniture lines kept (share of gold boilerplate lines kept), and precision, recall
and F1 of the boilerplate class, micro-averaged over lines; beside them the "every line is
boilerplate" baseline, which scores a high F1 on pages that are mostly furniture by line count.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from scorer.boilerplate import classify_lines

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA = SHARED / "cleanportaleval"
RESULTS = Path(__file__).resolve().parent / "results" / "boilerplate_lines.json"
TARGET_F1 = 0.90
TARGET_BODY_FLAGGED = 0.03
MIN_CONTAINED_RATIO = 0.5
MIN_INSIDE_WORDS = 6

SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "title"})
BLOCK_TAGS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "article", "section",
     "header", "footer", "nav", "aside", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
     "caption", "form", "fieldset", "blockquote", "pre", "hr", "main", "figure", "figcaption", "address",
     "center", "option", "body", "html"}
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_GOLD_TAG = re.compile(r"^<(?:p|h|l)>", re.MULTILINE)


class _LineExtractor(HTMLParser):
    """Collects visible text, breaking lines at block-level elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skip_depth += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data.replace("\n", " "))


def html_to_lines(markup: str) -> list[str]:
    """Visible text lines of an HTML page (whitespace collapsed, empty lines dropped)."""
    parser = _LineExtractor()
    parser.feed(markup)
    parser.close()
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return [line for line in lines if line]


def read_html(path: Path) -> str:
    """Page text: UTF-8, or cp1252 when the bytes are not valid UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def normalise(text: str) -> str:
    """Entity-unescaped, lowercased, whitespace-collapsed text."""
    return _SPACE.sub(" ", html.unescape(html.unescape(text))).strip().lower()


def gold_paragraphs(path: Path) -> list[str]:
    """Normalised gold paragraphs of one CleanEval-format file (URL line dropped)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if text.lstrip().startswith("URL:"):
        text = text.lstrip().split("\n", 1)[1] if "\n" in text.lstrip() else ""
    chunks = _GOLD_TAG.split(text)[1:]  # text before the first tag is not a paragraph
    paragraphs = (normalise(re.sub(r"<!--.*?-->", " ", chunk, flags=re.DOTALL)) for chunk in chunks)
    return [p for p in paragraphs if p]


def is_article_line(line: str, paragraphs: list[str], guarded: bool = True) -> bool:
    """The gold rule: the line matches, lies inside, or mostly consists of a gold paragraph.

    With ``guarded``, a line strictly inside a paragraph must also have ``MIN_INSIDE_WORDS`` words
    or be at least half the paragraph's length, so "News" or "Business" inside a sentence is not gold text.
    """
    norm = normalise(line)
    if not norm:
        return False
    for para in paragraphs:
        if norm == para:
            return True
        if norm in para and (
            not guarded or len(norm.split()) >= MIN_INSIDE_WORDS or len(norm) / len(para) >= MIN_CONTAINED_RATIO
        ):
            return True
        if para in norm and len(para) / len(norm) >= MIN_CONTAINED_RATIO:
            return True
    return False


def load_portal(half: int) -> list[dict[str, Any]]:
    """CleanPortalEval pages at even (``half=0``, dev) or odd (``half=1``, held-back) positions."""
    pages = []
    for path in sorted((DATA / "input").glob("*.html"))[half::2]:
        markup = read_html(path)
        lines = html_to_lines(markup)
        paragraphs = gold_paragraphs(DATA / "GoldStandard" / f"{path.stem}.txt")
        gold = [not is_article_line(line, paragraphs) for line in lines]
        pages.append({"name": path.stem, "lines": lines, "gold": gold, "html": markup})
    return pages


def load_bbc(step: int = 10) -> list[dict[str, Any]]:
    """BBC stories: every line is body."""
    pages = []
    for path in sorted((SHARED / "bbc-news-2225" / "bbc").rglob("*.txt"))[::step]:
        lines = [ln.strip() for ln in path.read_bytes().decode("utf-8", errors="replace").splitlines() if ln.strip()]
        pages.append({"name": path.name, "lines": lines, "gold": [False] * len(lines), "html": None})
    return pages


def load_hyperpartisan(step: int = 3) -> list[dict[str, Any]]:
    """Hyperpartisan articles: title and paragraphs as lines, all body; an HTML page of the same."""
    import xml.etree.ElementTree as ET

    root = ET.parse(SHARED / "hyperpartisan-semeval2019-byarticle" / "articles-training-byarticle-20181122.xml")
    pages = []
    for article in list(root.getroot())[::step]:
        title = html.unescape(article.get("title", "")).strip()
        paragraphs = [_SPACE.sub(" ", html.unescape("".join(p.itertext()))).strip() for p in article.iter("p")]
        lines = [line for line in [title, *paragraphs] if line]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
        markup = f"<html><head><title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
        pages.append({"name": article.get("id", ""), "lines": lines, "gold": [False] * len(lines), "html": markup})
    return pages


PAGE_SETS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "CleanPortalEval dev (even)": lambda: load_portal(0),
    "CleanPortalEval held-back (odd)": lambda: load_portal(1),
    "BBC stories (body only)": load_bbc,
    "Hyperpartisan articles (body only)": load_hyperpartisan,
}


def text_rules(page: dict[str, Any]) -> list[bool] | None:
    """``scorer.boilerplate.classify_lines``: boilerplate when it gives a reason."""
    return [reason is not None for reason in classify_lines(page["lines"])]


def html_path(page: dict[str, Any]) -> list[bool] | None:
    """trafilatura through ``scorer.html.extract_page``: a line is kept if the extracted text holds it."""
    from scorer.errors import InputError
    from scorer.html import extract_page

    if page["html"] is None:
        return None
    try:
        kept = [normalise(line) for line in extract_page(page["html"]).text.splitlines()]
    except InputError:
        return [True] * len(page["lines"])
    kept = [k for k in kept if k]
    return [not is_article_line(line, kept) for line in page["lines"]]


def every_line(page: dict[str, Any]) -> list[bool] | None:
    """Baseline: every line is boilerplate."""
    return [True] * len(page["lines"])


METHODS: dict[str, Callable[[dict[str, Any]], list[bool] | None]] = {
    "text rules": text_rules,
    "HTML path (trafilatura)": html_path,
    "baseline: every line": every_line,
}


def figures(gold: list[bool], pred: list[bool]) -> dict[str, Any]:
    """Body lines flagged, furniture kept, and P/R/F1 of the boilerplate class."""
    pairs = list(zip(gold, pred, strict=True))
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    body, furniture = len(pairs) - sum(gold), sum(gold)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "lines": len(pairs), "body_lines": body, "furniture_lines": furniture,
        "body_flagged": fp, "body_flagged_share": round(fp / body, 4) if body else None,
        "furniture_kept": fn, "furniture_kept_share": round(fn / furniture, 4) if furniture else None,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
    }  # fmt: skip


def evaluate() -> dict[str, Any]:
    """Every page set under every method, as a JSON-ready dict."""
    out: dict[str, Any] = {}
    for set_name, load in PAGE_SETS.items():
        pages = load()
        out[set_name] = {"pages": len(pages)}
        for method, predict in METHODS.items():
            gold: list[bool] = []
            pred: list[bool] = []
            for page in pages:
                found = predict(page)
                if found is None:
                    break
                gold += page["gold"]
                pred += found
            else:
                out[set_name][method] = figures(gold, pred)
    return out


def _share(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def print_errors() -> None:
    """The dev pages' lines that the text rules get wrong, with the rule's reason."""
    for page in load_portal(0):
        for line, gold, reason in zip(page["lines"], page["gold"], classify_lines(page["lines"]), strict=True):
            if gold != (reason is not None):
                print(
                    f"{page['name'][:40]:<40} {'FURNITURE KEPT' if gold else 'BODY FLAGGED (' + str(reason) + ')'}: {line[:140]}"
                )


def main() -> None:
    """Print the table and write benchmarks/results/boilerplate_lines.json."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print the dev pages' wrong lines instead")
    if parser.parse_args().errors:
        print_errors()
        return
    result = evaluate()
    print(
        f"{'page set':<36} {'method':<26} {'pages':>5} {'lines':>6} {'body flagged':>14} {'furniture kept':>15} {'P':>6} {'R':>6} {'F1':>6}"
    )
    for set_name, methods in result.items():
        for method, s in methods.items():
            if method == "pages":
                continue
            print(
                f"{set_name:<36} {method:<26} {methods['pages']:>5} {s['lines']:>6} "
                f"{s['body_flagged']:>6} {_share(s['body_flagged_share'])} {s['furniture_kept']:>6} {_share(s['furniture_kept_share'])}  "
                f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
            )
    print(
        f"targets on the held-back half: body lines flagged <= {TARGET_BODY_FLAGGED:.0%}, boilerplate F1 >= {TARGET_F1}"
    )
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
