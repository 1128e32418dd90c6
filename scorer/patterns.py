"""A language's regular expressions, built from the templates of its ``patterns.json``.

A template is a regular expression that may name a fragment as ``@{name}``. A fragment is a
template itself, an alternation of a word list of the language (``titles`` reads ``titles.txt``)
or of inline ``words``, or a look-ahead for the first characters of word lists (``opens``), so
the engine skips places where no entry can start. The cue finders (``scorer.cues.finders``) and
the line rules (``scorer.boilerplate``) take their patterns from here; what is English about
them lives in ``scorer/resources/en/patterns.json`` and the word lists beside it.

A pattern may also be compiled by RE2 (``google-re2``), which scans without backtracking: the same
source with its guards (a look-ahead of one character class, ``(?=[A-Z])``, which only skips places
where the group after it cannot start) left out. RE2 reads ``\\w``, ``\\b``, ``\\d`` and ``\\s`` in
ASCII only, so it is used on a text only when that cannot matter (``same_in_re2``); the finders
fall back to ``re`` otherwise, and everywhere if RE2 is not installed or cannot compile a pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from scorer.resources import Language

_FRAGMENT = re.compile(r"@\{(\w+)\}")


def alternation(entries: list[str], spaces: str = r"\s+") -> str:
    """A regex alternation of literal entries, tried in their listed order; a space matches ``spaces``.

    Entries are grouped by first character ("P(?:resident|rime\\s+Minister)|M(?:inister)"): two
    entries that start differently never match at one place, so grouping changes no match (the
    patterns here are case-sensitive), and the engine tests one character per group at each word
    instead of trying every entry.
    """
    groups: dict[str, list[str]] = {}
    for entry in entries:
        escaped = spaces.join(map(re.escape, entry.split()))
        first = re.escape(entry[0])
        groups.setdefault(first, []).append(escaped[len(first) :])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def opens(*lists: list[str]) -> str:
    """A look-ahead for the first characters of these entries: other places are skipped at one test."""
    return "(?=[" + "".join(sorted({re.escape(entry[0]) for entries in lists for entry in entries})) + "])"


def _words(lang: Language, spec: dict[str, Any]) -> list[str]:
    if "words" in spec:
        return list(spec["words"])
    if spec.get("longest_first"):
        return sorted((w for row in lang.word_rows(spec["alternation"]) for w in row), key=len, reverse=True)
    return lang.word_list(spec["alternation"])


def _fragment(lang: Language, name: str, fragments: dict[str, Any], seen: tuple[str, ...]) -> str:
    if name in seen:
        raise ValueError(f"{lang.code}/patterns.json: fragment {name!r} refers to itself ({' -> '.join(seen)})")
    if name not in fragments:
        raise ValueError(f"{lang.code}/patterns.json: no fragment {name!r}")
    spec = fragments[name]
    if "template" in spec:
        return _expand(lang, spec["template"], fragments, (*seen, name))
    if "opens" in spec:
        return opens(*(lang.word_list(listed) for listed in spec["opens"]))
    return alternation(_words(lang, spec), spec.get("spaces", r"\s+"))


def _expand(lang: Language, template: str, fragments: dict[str, Any], seen: tuple[str, ...] = ()) -> str:
    return _FRAGMENT.sub(lambda m: _fragment(lang, m.group(1), fragments, seen), template)


def compiled(lang: Language, spec: dict[str, Any]) -> re.Pattern[str]:
    """One entry of ``patterns.json`` (``template``, optional ``ignore_case``) compiled, its fragments expanded."""
    fragments = lang.weights("patterns").get("fragments", {})
    return re.compile(_expand(lang, spec["template"], fragments), re.IGNORECASE if spec.get("ignore_case") else 0)


_GUARD = re.compile(r"\(\?=(?:\[(?:\\.|[^\]\\])*\]|\\d)\)")  # "(?=[A-Z])", "(?=[a\-c])", "(?=\d)"
_SPACE_IN_RE_ONLY = frozenset("\x0b\x1c\x1d\x1e\x1f")  # ASCII whitespace to Python's \s, not to RE2's


def compiled_re2(lang: Language, spec: dict[str, Any]) -> Any | None:
    """``compiled``'s pattern in RE2, its guards left out; None when RE2 is missing or refuses it
    (look-around other than a guard, a case-insensitive entry)."""
    try:
        import re2
    except ImportError:
        return None
    if spec.get("ignore_case"):
        return None
    options = re2.Options()
    options.log_errors = False  # a refused pattern is expected (look-behind): no line on stderr
    try:
        return re2.compile(_GUARD.sub("", compiled(lang, spec).pattern), options=options)
    except re2.error:
        return None


@lru_cache(maxsize=1)  # asked once per scan, and a document's scans follow each other
def same_in_re2(text: str) -> bool:
    """Whether RE2 finds what ``re`` finds in ``text``: no letter, digit or space outside ASCII (RE2's
    ``\\w``, ``\\d`` and ``\\s`` are ASCII), no vertical tab or ``\\x1c``-``\\x1f`` (spaces to
    ``re`` only), no lone surrogate (RE2 reads UTF-8)."""
    if text.isascii():
        return not any(c in text for c in _SPACE_IN_RE_ONLY)
    chars = set(text)
    return _SPACE_IN_RE_ONLY.isdisjoint(chars) and not any(
        c.isalnum() or c.isspace() or "\ud800" <= c <= "\udfff" for c in chars if c > "\x7f"
    )


def section(lang: Language, name: str) -> dict[str, Any]:
    """A section of the language's ``patterns.json`` (``cues``, ``lines``)."""
    return lang.weights("patterns")[name]
