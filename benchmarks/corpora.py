"""Readers for the public corpora in ../shared/data, addressed by stable document ids.

A document id is ``<corpus>/<key>``; texts stay outside the repository and labels refer
to them by id and sha256 of the text.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

DATA_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "data"

FILE_CORPORA = {
    "amt": "fakenews-amt-celebrity/fakeNewsDataset",
    "celebrity": "fakenews-amt-celebrity/celebrityDataset",
    "bbc": "bbc-news-2225/bbc",
}
HYPERPARTISAN = "hyperpartisan-semeval2019-byarticle"
ALLSIDES = "allsides-opinion-vs-news"
BUZZFEED = "buzzfeed-webis-2016"
HORNE = "horne2017-fakenewsdata1/Public Data"
GOLBECK = "golbeck2018-fake-vs-satire/FakeNewsData/StoryText 2"
MACHINE = Path(__file__).resolve().parents[1] / "labels" / "machine"  # our own machine-written pairs (in the repo)
CORPORA = ("amt", "celebrity", "bbc", "hyperpartisan", "allsides", "buzzfeed", "horne", "golbeck", "machine")


def text_sha256(text: str) -> str:
    """Hash of a document's text, as stored beside its label."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_file(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _file_corpus(name: str, root: Path) -> Iterator[tuple[str, str, str]]:
    base = root / FILE_CORPORA[name]
    for path in sorted(base.rglob("*.txt")):
        if path.name == "README.TXT":
            continue
        key = path.relative_to(base).as_posix()
        yield f"{name}/{key}", _read_file(path), _group(name, key)


def _group(corpus: str, key: str) -> str:
    """Unit that must never straddle a split: story pair, outlet or file."""
    stem = key.rsplit("/", 1)[-1]
    if corpus == "amt":
        return "amt:" + stem.split(".")[0]  # biz01.fake.txt <-> biz01.legit.txt
    if corpus == "celebrity":
        return "celebrity:" + re.sub(r"\D", "", stem)  # 001fake <-> 001legit
    return f"{corpus}:{key}"


_TAG = re.compile(r"<[^>]+>")


def _hyperpartisan(root: Path) -> Iterator[tuple[str, str, str]]:
    base = root / HYPERPARTISAN
    truth = ET.parse(base / "ground-truth-training-byarticle-20181122.xml").getroot()
    domains = {a.get("id"): urlparse(a.get("url", "")).netloc.removeprefix("www.") for a in truth}
    for article in ET.parse(base / "articles-training-byarticle-20181122.xml").getroot():
        paragraphs = [" ".join("".join(p.itertext()).split()) for p in article.iter("p")]
        body = "\n".join(p for p in paragraphs if p)
        text = f"{html.unescape(article.get('title', ''))}\n\n{html.unescape(body)}"
        doc_id = article.get("id", "")
        yield f"hyperpartisan/{doc_id}", text, "outlet:" + domains.get(doc_id, doc_id)


def _domain(url: str) -> str:
    return urlparse(url.strip()).netloc.lower().removeprefix("www.")


def _allsides(root: Path) -> Iterator[tuple[str, str, str]]:
    """Bodies only (``content_original``): AllSides prefixed many opinion titles with "OPINION:"."""
    base = root / ALLSIDES
    for row in csv.DictReader(open(base / "labels.tsv", encoding="utf-8"), delimiter="\t"):
        article = json.loads((base / "jsons" / f"{row['ID']}.json").read_text(encoding="utf-8"))
        yield f"allsides/{row['ID']}", article["content_original"], "outlet:" + row["domain"]


def _buzzfeed(root: Path) -> Iterator[tuple[str, str, str]]:
    base = root / BUZZFEED
    for row in csv.DictReader(open(base / "overview.csv", encoding="utf-8")):
        article = ET.parse(base / "articles" / row["XML"]).getroot()
        title = (article.findtext("title") or "").strip()
        body = (article.findtext("mainText") or "").strip()
        if len(body) < 300:  # video and photo posts (SOURCE.txt)
            continue
        yield f"buzzfeed/{row['XML']}", f"{title}\n\n{body}", "outlet:" + row["portal"]


def _horne(root: Path) -> Iterator[tuple[str, str, str]]:
    """Title and body; outlets are not tagged per article, so each article is its own group."""
    base = root / HORNE
    for body_path in sorted(base.glob("*/*/*.txt")):
        if body_path.parent.name.endswith("_titles"):
            continue
        key = body_path.relative_to(base).as_posix()
        title_path = body_path.parent.with_name(body_path.parent.name + "_titles") / body_path.name
        title = _read_file(title_path).strip() if title_path.exists() else ""
        body = _read_file(body_path).replace("\r\n", "\n").strip()
        yield f"horne/{key}", f"{title}\n\n{body}" if title else body, f"horne:{key}"


def _golbeck(root: Path) -> Iterator[tuple[str, str, str]]:
    """Line 1 the title, line 2 the source URL (the outlet), the rest the story."""
    base = root / GOLBECK
    for folder in ("Fake/finalFake", "Satire/finalSatire"):
        for path in sorted((base / folder).glob("*.txt")):
            lines = _read_file(path).replace("\r\n", "\n").split("\n")
            url = lines[1] if len(lines) > 1 and lines[1].strip().startswith("http") else ""
            body = "\n".join(lines[2:] if url else lines[1:]).strip()
            key = f"{folder.split('/')[0].lower()}/{path.name}"
            outlet = _domain(url) or f"golbeck:{key}"
            yield f"golbeck/{key}", f"{lines[0].strip()}\n\n{body}", "outlet:" + outlet


def _machine(root: Path) -> Iterator[tuple[str, str, str]]:
    """Pairs written to labels/machine/BRIEF.md: NNN-filler.txt and NNN-report.txt on one topic (a group)."""
    for path in sorted(MACHINE.glob("*/*.txt")):
        key = path.relative_to(MACHINE).as_posix()
        yield f"machine/{key}", path.read_text(encoding="utf-8"), f"machine:{key.split('-', 1)[0]}"


_READERS = {
    "machine": _machine,
    "hyperpartisan": _hyperpartisan,
    "allsides": _allsides,
    "buzzfeed": _buzzfeed,
    "horne": _horne,
    "golbeck": _golbeck,
}


def iter_documents(corpus: str, root: Path = DATA_ROOT) -> Iterator[tuple[str, str, str]]:
    """Yield ``(doc_id, text, group)`` for every document of one corpus."""
    reader = _READERS.get(corpus)
    yield from reader(root) if reader else _file_corpus(corpus, root)


def corpus_labels(corpus: str, root: Path = DATA_ROOT) -> dict[str, str]:
    """The corpus's own (proxy) label of each document: legit/fake, true/false, bbc."""
    if corpus == "hyperpartisan":
        truth = ET.parse(root / HYPERPARTISAN / "ground-truth-training-byarticle-20181122.xml")
        return {f"hyperpartisan/{a.get('id')}": a.get("hyperpartisan", "") for a in truth.getroot()}
    if corpus == "bbc":
        return {doc_id: "bbc" for doc_id, _, _ in iter_documents("bbc", root)}
    if corpus == "allsides":
        rows = csv.DictReader(open(root / ALLSIDES / "labels.tsv", encoding="utf-8"), delimiter="\t")
        return {f"allsides/{r['ID']}": r["url_genre"] for r in rows}
    if corpus == "buzzfeed":
        rows = csv.DictReader(open(root / BUZZFEED / "overview.csv", encoding="utf-8"))
        return {f"buzzfeed/{r['XML']}": r["veracity"] for r in rows}
    if corpus == "horne":
        return {doc_id: doc_id.split("/")[-2].lower() for doc_id, _, _ in iter_documents("horne", root)}
    if corpus == "machine":
        return {
            doc_id: doc_id.rsplit("-", 1)[1].removesuffix(".txt") for doc_id, _, _ in iter_documents("machine", root)
        }
    if corpus == "golbeck":
        return {doc_id: doc_id.split("/")[1] for doc_id, _, _ in iter_documents("golbeck", root)}
    return {doc_id: doc_id.split("/")[1] for doc_id, _, _ in iter_documents(corpus, root)}


def load_texts(doc_ids: list[str], root: Path = DATA_ROOT) -> dict[str, str]:
    """Texts of the given ids, reading each corpus once."""
    wanted = set(doc_ids)
    found: dict[str, str] = {}
    for corpus in sorted({d.split("/", 1)[0] for d in wanted}):
        for doc_id, text, _ in iter_documents(corpus, root):
            if doc_id in wanted:
                found[doc_id] = text
    return found
