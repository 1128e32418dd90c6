"""Readers for the public corpora in ../shared/data, addressed by stable document ids.

A document id is ``<corpus>/<key>``; texts stay outside the repository and labels refer
to them by id and sha256 of the text.
"""

from __future__ import annotations

import hashlib
import html
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


def text_sha256(text: str) -> str:
    """Hash of a document's text, as stored beside its label."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_file(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


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


def iter_documents(corpus: str, root: Path = DATA_ROOT) -> Iterator[tuple[str, str, str]]:
    """Yield ``(doc_id, text, group)`` for every document of one corpus."""
    if corpus == "hyperpartisan":
        yield from _hyperpartisan(root)
    else:
        yield from _file_corpus(corpus, root)


def corpus_labels(corpus: str, root: Path = DATA_ROOT) -> dict[str, str]:
    """The corpus's own (proxy) label of each document: legit/fake, true/false, bbc."""
    if corpus == "hyperpartisan":
        truth = ET.parse(root / HYPERPARTISAN / "ground-truth-training-byarticle-20181122.xml")
        return {f"hyperpartisan/{a.get('id')}": a.get("hyperpartisan", "") for a in truth.getroot()}
    if corpus == "bbc":
        return {doc_id: "bbc" for doc_id, _, _ in iter_documents("bbc", root)}
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
