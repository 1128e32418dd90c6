"""Line-level boilerplate detection on CleanPortalEval (msnbc, wsj, washingtonpost, bbc news pages).

Data: ``cleanportaleval/input/*.html`` (71 pages) and ``GoldStandard/*.txt`` (same stem; CleanEval
markup: a ``URL:`` line, then paragraphs opened by ``<h>``, ``<p>`` or ``<l>``; two BBC index pages
have no gold paragraph, so every line of them is boilerplate).

Page -> lines (standard library only): bytes are decoded as UTF-8, falling back to cp1252 (three
washingtonpost pages); ``html.parser`` drops the contents of script, style, noscript, template and
title (not visible page text) and comments; a line break is emitted at the start and end of every
block-level element (``BLOCK_TAGS``: p, div, li, h1-h6, br, tr, td, article, section, header, footer,
nav, aside, ul, ol, table, form and similar); whitespace is collapsed and empty lines are dropped.

Gold rule: normalise a text as HTML-entity-unescaped (twice, since some gold files escape ``&``),
lowercased and whitespace-collapsed. A line is gold "article" if its normalised text equals a gold
paragraph, is a substring of a gold paragraph, or contains a gold paragraph that is at least half
its length (``len(paragraph) / len(line) >= 0.5``); otherwise it is gold "boilerplate".

Figures: precision, recall and F1 of the boilerplate class for ``scorer.boilerplate.classify_lines``
(run on each page's lines), micro-averaged over all lines and per site, plus the share of lines that
are boilerplate; the same for the baseline "a line with fewer than N words is boilerplate" (N = 5, 10).

Run: ``python benchmarks/boilerplate_lines.py``
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

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cleanportaleval"
RESULTS = Path(__file__).resolve().parent / "results" / "boilerplate_lines.json"
SITES = {"tv.msnbc.com": "msnbc", "blogs.wsj.com": "wsj", "washingtonpost.com": "washingtonpost", "bbc.co.uk": "bbc"}
BASELINE_WORDS = (5, 10)
TARGET_F1 = 0.90
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


def site_of(stem: str) -> str:
    """Short site name from a page's file stem."""
    return next(short for prefix, short in SITES.items() if stem.startswith(prefix))


def load_pages(guarded: bool = True) -> list[dict[str, Any]]:
    """Every page: stem, site, lines and gold boilerplate flags."""
    pages = []
    for path in sorted((DATA / "input").glob("*.html")):
        lines = html_to_lines(read_html(path))
        paragraphs = gold_paragraphs(DATA / "GoldStandard" / f"{path.stem}.txt")
        gold = [not is_article_line(line, paragraphs, guarded) for line in lines]
        pages.append({"stem": path.stem, "site": site_of(path.stem), "lines": lines, "gold": gold})
    return pages


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _prf(gold: list[bool], pred: list[bool]) -> dict[str, float]:
    """Boilerplate-class P/R/F1, article-class F1 and the boilerplate shares (gold, predicted)."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision, recall, f1 = _f1(tp, fp, fn)
    article_f1 = _f1(len(gold) - tp - fp - fn, fn, fp)[2]  # article class: swap the roles of fp and fn
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "article_f1": round(article_f1, 4),
        "lines": len(gold),
        "gold_boilerplate_share": round(sum(gold) / len(gold), 4) if gold else 0.0,
        "predicted_boilerplate_share": round(sum(pred) / len(pred), 4) if pred else 0.0,
    }


def score_method(pages: list[dict[str, Any]], predict: Callable[[list[str]], list[bool]]) -> dict[str, Any]:
    """Micro-averaged figures over all lines and per site for one line classifier."""
    by_site: dict[str, tuple[list[bool], list[bool]]] = {}
    for page in pages:
        gold, pred = by_site.setdefault(page["site"], ([], []))
        gold += page["gold"]
        pred += predict(page["lines"])
    all_gold = [g for gold, _ in by_site.values() for g in gold]
    all_pred = [p for _, pred in by_site.values() for p in pred]
    return {"all": _prf(all_gold, all_pred), **{site: _prf(*by_site[site]) for site in SITES.values()}}


def scorer_predict(lines: list[str]) -> list[bool]:
    """``classify_lines``: boilerplate when it gives a reason."""
    return [reason is not None for reason in classify_lines(lines)]


def shorter_than(n_words: int) -> Callable[[list[str]], list[bool]]:
    """Baseline: a line with fewer than ``n_words`` words is boilerplate."""
    return lambda lines: [len(line.split()) < n_words for line in lines]


def all_boilerplate(lines: list[str]) -> list[bool]:
    """Baseline: every line is boilerplate (the F1 any method must beat at this class balance)."""
    return [True] * len(lines)


METHODS: dict[str, Callable[[list[str]], list[bool]]] = {
    "scorer.boilerplate.classify_lines": scorer_predict,
    **{f"baseline: < {n} words": shorter_than(n) for n in BASELINE_WORDS},
    "baseline: every line": all_boilerplate,
}


def evaluate() -> dict[str, Any]:
    """All figures of the benchmark, as a JSON-ready dict."""
    pages = load_pages()
    literal = load_pages(guarded=False)
    return {
        "pages": len(pages),
        "pages_per_site": {site: sum(p["site"] == site for p in pages) for site in SITES.values()},
        "positive_class": "boilerplate",
        "gold_rule": f"guarded (a line inside a gold paragraph needs >= {MIN_INSIDE_WORDS} words or half its length)",
        "methods": {name: score_method(pages, predict) for name, predict in METHODS.items()},
        "literal_gold_rule": {name: score_method(literal, predict)["all"] for name, predict in METHODS.items()},
        "target_f1": TARGET_F1,
    }


def _row(name: str, site: str, s: dict[str, float]) -> str:
    return (
        f"{name:<34} {site:<15} {s['lines']:>6} {s['gold_boilerplate_share']:>7.3f} "
        f"{s['predicted_boilerplate_share']:>7.3f} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
        f" {s['article_f1']:>6.3f}"
    )


def main() -> None:
    """Print the table and write benchmarks/results/boilerplate_lines.json."""
    result = evaluate()
    print(f"CleanPortalEval: {result['pages']} pages {result['pages_per_site']}; P/R/F1 of the boilerplate class")
    header = f"{'method':<34} {'site':<15} {'lines':>6} {'gold bp':>7} {'pred bp':>7} {'P':>6} {'R':>6} {'F1':>6} {'artF1':>6}"
    print(header)
    for name, per_site in result["methods"].items():
        for site, s in per_site.items():
            print(_row(name, site, s))
    print("literal gold rule (any line inside a gold paragraph is article), all lines:")
    for name, s in result["literal_gold_rule"].items():
        print(_row(name, "all", s))
    print(f"target F1 >= {TARGET_F1} (boilerplate class, micro over all lines); artF1 = F1 of the article class")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
