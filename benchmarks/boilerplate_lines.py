"""Line-level boilerplate decisions on real pages: the text rules and the HTML path, per page set.

    python benchmarks/boilerplate_lines.py            # every page set, both paths, in one run
    python benchmarks/boilerplate_lines.py --errors   # the dev pages' wrong lines (for rule work)
    python benchmarks/boilerplate_lines.py --dev      # development parts only (never the measured-once parts)

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
- modern-web-2026 (pages fetched in 2025-2026, gold main text per page; figures per page type,
  "blog" counted with "article"): split by page id, ``sha256("sourcescore-split:" + id) % 3 == 0``
  is the **measured-once** part (figures taken after the rules and the HTML path were fixed),
  the rest is **dev**. The gold's Markdown is undone (``#`` headings, ``**`` bold, list markers;
  a ``|`` table row is one gold unit per cell).

Page -> lines: ``scorer.pagelines`` (the renderer the HTML path uses): a line break at the start
and end of every block-level element; script, style, noscript, template, title and comments are
not visible text; whitespace collapsed, empty lines dropped. Bytes are decoded as UTF-8, falling
back to cp1252 (three washingtonpost pages).

Gold rule: normalise a text as HTML-entity-unescaped (twice, since some gold files escape ``&``),
with typographic quotes and dashes made plain, lowercased and whitespace-collapsed. A line is gold
"article" if its normalised text equals a gold paragraph, is a substring of a gold paragraph, or
contains a gold paragraph that is at least half its length; otherwise it is gold "boilerplate".

Methods: the text rules on the page's lines; the HTML path (``scorer.html.extract_page``:
trafilatura, then the body lines it left out given back); trafilatura alone (the same call,
without that). An HTML method keeps a page line when the gold rule finds it in the extracted
text; a page with no extractable article keeps nothing.

Figures per page set and method: body lines wrongly flagged (share of gold body lines called
boilerplate), furniture lines kept (share of gold boilerplate lines kept), and precision, recall
and F1 of the boilerplate class, micro-averaged over lines; beside them the "every line is
boilerplate" baseline, which scores a high F1 on pages that are mostly furniture by line count.
For pages with gold text, **gold body lost**: the share of gold lines of five words or more,
found in the page's visible text, that are missing from what the method keeps (table cell
separators ignored).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from provenance import write_result

from scorer.boilerplate import classify_lines
from scorer.pagelines import parse, visible_lines

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA = SHARED / "cleanportaleval"
RESULTS = Path(__file__).resolve().parent / "results" / "boilerplate_lines.json"
TARGET_F1 = 0.90
TARGET_BODY_FLAGGED = 0.03
MIN_CONTAINED_RATIO = 0.5
MIN_INSIDE_WORDS = 6

MODERN = SHARED / "modern-web-2026"
GOLD_MIN_WORDS = 5  # gold lines this long count in "gold body lost"
_SPACE = re.compile(r"\s+")
_GOLD_TAG = re.compile(r"^<(?:p|h|l)>", re.MULTILINE)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_BOLD = re.compile(r"\*\*|__")
_MD_LIST = re.compile(r"^(?:[-*\u2022]|\d{1,2}[.)])\s+")


def html_to_lines(markup: str) -> list[str]:
    """Visible text lines of an HTML page, as ``scorer.pagelines`` renders them."""
    return [line.text for line in visible_lines(parse(markup))]


def read_html(path: Path) -> str:
    """Page text: UTF-8, or cp1252 when the bytes are not valid UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\xa0": " "}
)


def normalise(text: str) -> str:
    """Entity-unescaped, lowercased, whitespace-collapsed text with typographic quotes and dashes made plain."""
    return _SPACE.sub(" ", html.unescape(html.unescape(text)).translate(_TYPOGRAPHY)).strip().lower()


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
        pages.append({"name": path.stem, "lines": lines, "gold": gold, "html": markup, "paragraphs": paragraphs})
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


def modern_part(file_id: str) -> str:
    """``once`` for the measured-once third of modern-web-2026, ``dev`` for the rest."""
    return "once" if int(hashlib.sha256(f"sourcescore-split:{file_id}".encode()).hexdigest(), 16) % 3 == 0 else "dev"


def modern_gold(main_content: str) -> list[str]:
    """Normalised gold units of a modern-web-2026 page: lines with Markdown undone, table cells."""
    units: list[str] = []
    for line in (ln.strip() for ln in main_content.split("\n")):
        if line.startswith("|"):
            units += [cell for cell in line.strip("|").split("|") if cell.strip().strip("-: ")]
        elif line:
            units.append(_MD_BOLD.sub("", _MD_LIST.sub("", _MD_HEADING.sub("", line))))
    return [u for u in (normalise(u) for u in units) if u]


def load_modern(part: str) -> list[dict[str, Any]]:
    """modern-web-2026 pages of one part (``dev`` or ``once``), each with its page type."""
    pages = []
    for gold_path in sorted((MODERN / "ground-truth").glob("*.json")):
        record = json.loads(gold_path.read_text(encoding="utf-8"))
        if modern_part(record["file_id"]) != part:
            continue
        markup = gzip.decompress((MODERN / "html" / f"{record['file_id']}.html.gz").read_bytes())
        markup = markup.decode("utf-8", errors="replace")
        paragraphs = modern_gold(record["ground_truth"]["main_content"])
        lines = html_to_lines(markup)
        kind = record["_internal"]["page_type"]["primary"]
        pages.append({
            "name": record["file_id"], "type": "article" if kind == "blog" else kind, "lines": lines,
            "gold": [not is_article_line(line, paragraphs) for line in lines], "html": markup,
            "paragraphs": paragraphs,
        })  # fmt: skip
    return pages


PAGE_SETS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "CleanPortalEval dev (even)": lambda: load_portal(0),
    "CleanPortalEval held-back (odd)": lambda: load_portal(1),
    "BBC stories (body only)": load_bbc,
    "Hyperpartisan articles (body only)": load_hyperpartisan,
    "modern-web-2026 dev": lambda: load_modern("dev"),
    "modern-web-2026 measured once": lambda: load_modern("once"),
}


Kept = tuple[list[bool], str]  # per page line: boilerplate?; and the text the method keeps


def text_rules(page: dict[str, Any]) -> Kept | None:
    """``scorer.boilerplate.classify_lines``: boilerplate when it gives a reason."""
    flags = [reason is not None for reason in classify_lines(page["lines"])]
    return flags, "\n".join(line for line, flagged in zip(page["lines"], flags, strict=True) if not flagged)


def _extracted(page: dict[str, Any], text: str | None) -> Kept:
    """A page line is kept when the gold rule finds it in the extracted text (none kept: no text)."""
    if text is None:
        return [True] * len(page["lines"]), ""
    kept = [k for k in (normalise(line) for line in text.splitlines()) if k]
    return [not is_article_line(line, kept) for line in page["lines"]], text


def html_path(page: dict[str, Any]) -> Kept | None:
    """``scorer.html.extract_page``: trafilatura, then the body lines it left out given back."""
    from scorer.errors import InputError
    from scorer.html import extract_page

    if page["html"] is None:
        return None
    try:
        return _extracted(page, extract_page(page["html"]).text)
    except InputError:
        return _extracted(page, None)


def trafilatura_alone(page: dict[str, Any]) -> Kept | None:
    """trafilatura with the options ``extract_page`` gives it, nothing given back."""
    import trafilatura

    if page["html"] is None:
        return None
    found = trafilatura.bare_extraction(page["html"], with_metadata=True, favor_recall=True, include_comments=False)
    return _extracted(page, (getattr(found, "text", None) or "") if found is not None else None)


def every_line(page: dict[str, Any]) -> Kept | None:
    """Baseline: every line is boilerplate."""
    return [True] * len(page["lines"]), ""


METHODS: dict[str, Callable[[dict[str, Any]], Kept | None]] = {
    "text rules": text_rules,
    "HTML path": html_path,
    "trafilatura alone": trafilatura_alone,
    "baseline: every line": every_line,
}


def _unit(text: str) -> str:
    return _SPACE.sub(" ", normalise(text).replace("|", " ")).strip()


def gold_lost(page: dict[str, Any], kept_text: str) -> tuple[int, int]:
    """Gold lines of ``GOLD_MIN_WORDS`` or more found in the page's visible text, and how many of them are not kept."""
    visible = _unit(" ".join(page["lines"]))
    kept = _unit(" ".join(kept_text.splitlines()))
    units = [u for u in map(_unit, page.get("paragraphs") or []) if len(u.split()) >= GOLD_MIN_WORDS and u in visible]
    return len(units), sum(u not in kept for u in units)


def figures(gold: list[bool], pred: list[bool], lost: tuple[int, int] | None = None) -> dict[str, Any]:
    """Body lines flagged, furniture kept, P/R/F1 of the boilerplate class, and gold body lost."""
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
        "gold_lines": lost[0] if lost else None,
        "gold_lost_share": round(lost[1] / lost[0], 4) if lost and lost[0] else None,
    }  # fmt: skip


def _groups(set_name: str, pages: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The page set as one group, or (modern-web-2026) one group per page type."""
    if not any("type" in page for page in pages):
        return {set_name: pages}
    groups: dict[str, list[dict[str, Any]]] = {}
    for page in sorted(pages, key=lambda p: p["type"] != "article"):
        groups.setdefault(f"{set_name}: {page['type']}", []).append(page)
    return groups


def evaluate(dev_only: bool = False) -> dict[str, Any]:
    """Every page set (per page type where there is one) under every method, as a JSON-ready dict."""
    out: dict[str, Any] = {}
    for set_name, load in PAGE_SETS.items():
        if dev_only and ("once" in set_name or "held-back" in set_name):
            continue
        for group, pages in _groups(set_name, load()).items():
            out[group] = {"pages": len(pages)}
            for method, predict in METHODS.items():
                gold: list[bool] = []
                pred: list[bool] = []
                lost = [0, 0]
                for page in pages:
                    found = predict(page)
                    if found is None:
                        break
                    gold += page["gold"]
                    pred += found[0]
                    n, missing = gold_lost(page, found[1])
                    lost[0] += n
                    lost[1] += missing
                else:
                    out[group][method] = figures(gold, pred, (lost[0], lost[1]) if "paragraphs" in pages[0] else None)
    return out


def _share(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def print_errors() -> None:
    """The dev pages' lines that the text rules get wrong, with the rule's reason."""
    for page in load_portal(0) + [p for p in load_modern("dev") if p["type"] == "article"]:
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
    parser.add_argument("--dev", action="store_true", help="development parts only; nothing is written")
    args = parser.parse_args()
    if args.errors:
        print_errors()
        return
    result = evaluate(dev_only=args.dev)
    print(
        f"{'page set':<46} {'method':<20} {'pages':>5} {'lines':>6} {'body flagged':>14} {'furniture kept':>15} {'P':>6} {'R':>6} {'F1':>6} {'gold lost':>9}"
    )
    for set_name, methods in result.items():
        for method, s in methods.items():
            if method == "pages":
                continue
            print(
                f"{set_name:<46} {method:<20} {methods['pages']:>5} {s['lines']:>6} "
                f"{s['body_flagged']:>6} {_share(s['body_flagged_share'])} {s['furniture_kept']:>6} {_share(s['furniture_kept_share'])}  "
                f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}    {_share(s['gold_lost_share'])}"
            )
    print(
        f"targets on the held-back half: body lines flagged <= {TARGET_BODY_FLAGGED:.0%}, boilerplate F1 >= {TARGET_F1}"
    )
    if not args.dev:
        write_result(RESULTS, result)


if __name__ == "__main__":
    main()
