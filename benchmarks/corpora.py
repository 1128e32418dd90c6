"""Readers for the public corpora in ../shared/data, addressed by stable document ids.

A document id is ``<corpus>/<key>``; texts stay outside the repository and labels refer
to them by id and sha256 of the text.
"""

from __future__ import annotations

import csv
import gzip
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
# Sentence corpora, read only for the claim model's sentences (never article-level data: their
# documents are an article's first sentences, or one sentence alone).
LIM = "lim-biased-sents/Sora_LREC2020_biasedsentences.csv"
BABE = "babe/final_labels_SG2.csv"
BABE_OUTLETS = {
    "Alternet": "alternet.org",
    "Breitbart": "breitbart.com",
    "Daily Beast": "thedailybeast.com",
    "Daily Stormer": "dailystormer.su",
    "Federalist": "thefederalist.com",
    "Fox News": "foxnews.com",
    "HuffPost": "huffpost.com",
    "MSNBC": "msnbc.com",
    "New York Times": "nytimes.com",
    "Reuters": "reuters.com",
    "USA Today": "usatoday.com",
}
MACHINE = Path(__file__).resolve().parents[1] / "labels" / "machine"  # our own machine-written pairs (in the repo)
# Machine-written corpora (JSONL, one text a line): folder/file, and the field that is the corpus's proxy label.
JSONL_CORPORA = {
    "uchendu": ("uchendu2020-8gen-news/uchendu2020_8gen_sample.jsonl.gz", "human_or_machine"),
    "detectrl": ("detectrl-xsum-4llm/detectrl_xsum_test.jsonl.gz", "variant"),
    "f3": ("f3-gpt35-news-rewrites/f3_news_articles.jsonl.gz", "veracity_of_rewrite"),
    "sheepdog": ("sheepdog-gpt35-restyled-news/sheepdog_restyled_news.jsonl.gz", "style"),
}
CORPORA = (
    "amt",
    "celebrity",
    "bbc",
    "hyperpartisan",
    "allsides",
    "buzzfeed",
    "horne",
    "golbeck",
    "machine",
    *JSONL_CORPORA,
)


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


def _lim(root: Path) -> Iterator[tuple[str, str, str]]:
    """An article's first sentences (columns s0..s19, "[i]: " prefixed), one a line; one row per reader, kept once."""
    seen: set[str] = set()
    for row in csv.DictReader(open(root / LIM, encoding="utf-8")):
        key = row["id_article"].strip(" .")
        if key in seen:
            continue
        seen.add(key)
        sentences = [re.sub(r"^\[\d+\]:\s*", "", row[f"s{i}"]).strip() for i in range(20)]
        yield f"lim/{key}", "\n".join(s for s in sentences if s), "outlet:" + _domain(row["url"])


def _babe(root: Path) -> Iterator[tuple[str, str, str]]:
    """One sentence a document, keyed by its row in the file; the outlet column gives the group."""
    rows = csv.DictReader(open(root / BABE, encoding="utf-8-sig"), delimiter=";")
    for number, row in enumerate(rows):
        yield f"babe/{number}", row["text"].strip(), "outlet:" + BABE_OUTLETS.get(row["outlet"], row["outlet"])


# Generation artefacts that a model must not learn (SOURCE.txt of each corpus): special tokens,
# a prompt echoed before the article, sentences glued together where line breaks were deleted.
_SPECIAL_TOKENS = re.compile(r"<\|endoftext\|>|<eop>|<eod>|</s>|<unk>")
_PREAMBLE = re.compile(r"^\s*Here (?:is|'s) an? [^:\n]{0,80}?(?:article|story|summary)[^:\n]{0,60}:\s*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”)]?(?=\s|$)")


def _clean_generated(record: dict) -> str:
    """The text without generator artefacts; a text cut off mid-sentence loses its unfinished sentence."""
    text = record.get("text_respaced") or record["text"]
    if text.lstrip().startswith("<|endoftext|>"):  # pplm: several generations joined by the token
        text = next((part for part in text.split("<|endoftext|>") if part.strip()), "")
    text = _PREAMBLE.sub("", _SPECIAL_TOKENS.sub(" ", text))
    text = "\n".join(" ".join(line.split()) for line in text.splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if record.get("ends_mid_sentence"):
        ends = list(_SENTENCE_END.finditer(text))
        if ends and ends[-1].end() > len(text) // 2:
            text = text[: ends[-1].end()]
    return text


def jsonl_records(corpus: str, root: Path = DATA_ROOT) -> Iterator[dict]:
    """The raw records of a machine-written corpus, in file order."""
    with gzip.open(root / JSONL_CORPORA[corpus][0], "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def generator_of(record: dict) -> str:
    """``human`` or the generating model, spelled the same across corpora."""
    name = str(record.get("generator") or "human").lower()
    return "gpt-3.5" if name.startswith("gpt-3.5") else name  # "gpt-3.5-turbo", "gpt-3.5 (per paper)"


def _jsonl_group(corpus: str, record: dict) -> str:
    """Machine texts group by generator (leave-one-generator-out); human texts by their outlet."""
    generator = generator_of(record)
    if generator != "human":
        return f"gen:{generator}"
    return "outlet:" + {"detectrl": "bbc.co.uk", "f3": str(record.get("domain", "f3")).lower()}.get(corpus, corpus)


def _jsonl_reader(corpus: str):
    def read(root: Path) -> Iterator[tuple[str, str, str]]:
        seen: set[str] = set()
        for record in jsonl_records(corpus, root):
            text = _clean_generated(record)
            if len(text) < 200 or text in seen:  # empty after cleaning, or a generator repeating itself
                continue
            seen.add(text)
            yield f"{corpus}/{record['id']}", text, _jsonl_group(corpus, record)

    return read


_READERS = {
    **{corpus: _jsonl_reader(corpus) for corpus in JSONL_CORPORA},
    "machine": _machine,
    "hyperpartisan": _hyperpartisan,
    "allsides": _allsides,
    "buzzfeed": _buzzfeed,
    "horne": _horne,
    "golbeck": _golbeck,
    "lim": _lim,
    "babe": _babe,
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
    if corpus in JSONL_CORPORA:
        field = JSONL_CORPORA[corpus][1]
        return {f"{corpus}/{r['id']}": str(r.get(field) or "original") for r in jsonl_records(corpus, root)}
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
