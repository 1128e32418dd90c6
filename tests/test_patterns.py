"""The cue patterns and the phrase matcher, written for speed, find exactly what their plain formulations find.

The finders group alternations by first character, test a word boundary once, and put a
literal character before each look-behind, so the regex engine skips ahead instead of trying
every branch at every position (``scorer/cues/finders.py``). Here each is compared with the
plain pattern it replaces, on any text and on texts full of the words they look for.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.cues import finders, lexicon
from scorer.features import specificity
from scorer.resources import language
from scorer.text import tokenize, words_of

word_list, word_rows = language().word_list, language().word_rows


def _plain(entries: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, entry.split())) for entry in entries)


_MODIFIERS = _plain(word_list("title_modifiers"))
_TITLES = rf"(?:(?:{_MODIFIERS})\s+){{0,4}}(?:{_plain(word_list('titles'))})"
_ROLES = "|".join(map(re.escape, word_list("role_nouns")))
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+)*"
_MONTHS = "(?:" + "|".join(sorted((w for row in word_rows("months") for w in row), key=len, reverse=True)) + ")"
_WEEKDAYS = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PLAIN = {
    "person": re.compile(rf"\b{_TITLES}\s+{_NAME}|\b(?:{_ROLES})\s*,?\s+{_NAME}"),
    "date": re.compile(
        rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b(?:\s+\d{{4}})?"
        rf"|\b(?:in|since|until|by|from|of|last|next|early|late|mid-?)\s+{_MONTHS}\b(?:\s+\d{{4}})?|\b{_MONTHS}\s+\d{{4}}\b"
        rf"|\b(?:on\s+|last\s+|next\s+|this\s+)?{_WEEKDAYS}\b"
        r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)|\b\d{1,2}\s*[ap]\.m\."
        r"|\b(?:in|since|by|until|from|during)\s+(?:19|20)\d{2}\b"
    ),
    "number": re.compile(
        r"(?<![\w.])[$£€]?\d+(?:[.,]\d+)*(?:[-–:]\d+(?:[.,]\d+)*)*"
        r"(?:\s*(?:%|percent|per cent|million|billion|trillion|bn|m|k))?(?![\w])"
    ),
    "capitalised": re.compile(r"(?<=[\w,;:)\]]\s)[A-Z][\w'’-]+"),
}
FAST = {
    "person": finders.patterns(language()).named_person,
    "date": finders.patterns(language()).date,
    "number": finders.patterns(language()).number,
    "capitalised": specificity._CAPITALISED,
}
PIECES = [
    *word_list("titles")[:20],
    *word_list("title_modifiers")[:8],
    *word_list("role_nouns")[:5],
    *(row[0] for row in word_rows("months")),
    "Sept.",
    "Monday",
    "on Friday",
    "mid-March",
    "mid",
    "mid-",
    "in 2019",
    "since",
    "3",
    "21st",
    "2024",
    "2024-05-01",
    "5/6/24",
    "10:30 pm",
    "7 a.m.",
    "$",
    "€5",
    "3.5%",
    "1,200",
    "7-2",
    "09:00",
    "–",
    ":",
    "per cent",
    "bn",
    "x1",
    ".5",
    "John",
    "J.",
    "Smith-Jones",
    "O’Neill",
    "_",
    ", ",
    "; ",
    ") ",
    " ",
    "  ",
    "\n",
    ".",
    "-",
    "'",
    "İ",
    "é",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=200)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_fast_patterns_find_what_the_plain_ones_find(text: str) -> None:
    for name, plain in PLAIN.items():
        assert _spans(FAST[name], text) == _spans(plain, text), name


def test_fast_patterns_agree_on_news_sentences() -> None:
    text = (
        "Deputy Foreign Minister Sergei Ryabkov met spokesman John Kirby on Monday, March 3, 2024 at 10:30 a.m. "
        "Sales rose 3.5% to $1,200 million in 2019, since mid-March 2020, in mid March 2021; Prime Minister Rishi Sunak said. "
        "(Former U.S. Ambassador Jane Doe) visited on 5/6/24 and 2024-05-01, last Friday and in Sept 2023."
    )
    for name, plain in PLAIN.items():
        assert _spans(FAST[name], text) == _spans(plain, text), name
        assert _spans(plain, text), f"{name}: the sample must exercise the pattern"


def _plain_phrases(text: str) -> list[tuple[str, int, int]]:
    """Every phrase of every kind tried at each word, longest first (kinds in list order), left to right."""
    phrases = []
    for kind, name in lexicon.LISTS.items():
        for entry in {e.strip().lower() for e in word_list(name) if e.strip()}:
            if words := words_of(entry):
                phrases.append((words, kind))
    phrases.sort(key=lambda p: -len(p[0]))  # stable: among equal lengths, list order
    tokens = tokenize(text)
    found, i = [], 0
    while i < len(tokens.lower):
        for words, kind in phrases:
            last = i + len(words) - 1
            if tokens.lower[i : last + 1] == words and all(
                text[tokens.ends[j - 1] : tokens.starts[j]].isspace() for j in range(i + 1, last + 1)
            ):
                found.append((kind, tokens.starts[i], tokens.ends[last]))
                i = last
                break
        i += 1
    return found


PHRASE_PIECES = [
    *(entry for name in lexicon.LISTS.values() for entry in word_list(name)[:12]),
    "it is likely",
    "it is",
    "It  Is",
    "according to",
    "according",
    "a lot",
    "a",
    "in",
    "let's",
    "said",
    " ",
    "\n",
    ", ",
    "-",
    ".",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_PIECES), max_size=30).map(" ".join) | st.text(max_size=120))
def test_phrase_matcher_finds_what_trying_every_phrase_finds(text: str) -> None:
    fast = [(m.kind, m.start, m.end) for m in lexicon.phrases(text)]
    assert fast == _plain_phrases(text)


def test_phrase_matcher_agrees_on_news_sentences() -> None:
    text = (
        "It is likely that, according to officials, the talks may have stalled. It seems we are told "
        "a lot of things; in my opinion, sources say, let's dive in. Police said it is not clear."
    )
    assert len(_plain_phrases(text)) >= 8, "the sample must exercise the matcher"
    assert [(m.kind, m.start, m.end) for m in lexicon.phrases(text)] == _plain_phrases(text)


SENTENCE_END = re.compile(r"[.!?:;\"”’]\s*$")  # what boilerplate.ends_sentence replaces


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(["a", ".", "!", "”", "’", ":", " ", "\n", "\t", "\u2003", "x."]), max_size=12).map("".join)
)
def test_ends_sentence_is_the_plain_pattern(line: str) -> None:
    from scorer.boilerplate import ends_sentence

    assert ends_sentence(line) == bool(SENTENCE_END.search(line))


FURNITURE_PIECES = [
    "comments",
    "commenter",
    "badges",
    "guidelines",
    "post",
    "newsletter",
    "all rights reserved",
    "enter",
    "multiple ",
    "e-mail ",
    "address",
    "addresses",
    "your e-mail has not been sent",
    "best viewed",
    "enable javascript",
    "verification code",
    "Subscribe",
    "by",
    "Read more",
    "12:30",
    "x",
    " ",
    "  ",
    ".",
    "\n",
    "-",
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(FURNITURE_PIECES), max_size=10).map("".join))
def test_furniture_rules_match_the_plain_patterns(line: str) -> None:
    """Searching for X where a rule says ``.*X.*`` decides every line as fullmatching the rule does."""
    from scorer import boilerplate

    plain = {
        why: re.compile("|".join(f"(?:{p})" for p in ps), re.I) for why, ps in boilerplate.furniture_patterns().items()
    }
    for why, whole, inside, _ in boilerplate.rules(language()).furniture:
        fast = (whole is not None and whole.fullmatch(line)) or (inside is not None and inside.search(line))
        if "\n" not in line:
            assert bool(fast) == bool(plain[why].fullmatch(line)), (why, line)


def test_furniture_rules_have_floating_alternatives() -> None:
    from scorer import boilerplate

    assert sum(inside is not None for _, _, inside, _ in boilerplate.rules(language()).furniture) >= 3
    assert boilerplate._alternatives(r"a|(b|c)|[|]|\|x|[]|]|y") == ["a", "(b|c)", "[|]", r"\|x", "[]|]", "y"]


# Characters on which RE2 and ``re`` part ways (letters and digits outside ASCII, spaces only ``re``
# counts, lone surrogates) beside ones they read alike (curly quotes, the pound sign, dashes).
RE2_PIECES = [*PIECES, "\x0b", "\x1c", "\xa0", "\u2009", "\u3000", "é", "٣", "𝐀", "\ud800", "£", "’", "“", "—", "😀"]
RE2_TEXTS = st.lists(st.sampled_from(RE2_PIECES), max_size=40).map("".join) | TEXTS


@settings(max_examples=600, deadline=None)
@given(RE2_TEXTS)
def test_the_engine_chosen_for_a_text_finds_what_re_finds(text: str) -> None:
    from scorer.cues.match import find_all

    p = finders.patterns(language())
    for name in p.in_re2:
        assert p.find(name, "cue", text) == find_all("cue", getattr(p, name), text), name


def test_re2_scans_the_costly_patterns_of_the_shipped_language_when_installed() -> None:
    pytest.importorskip("re2")
    assert set(finders.patterns(language()).in_re2) == {"named_person", "date"}


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("Minister John Kirby said on Monday, March 3", True),
        ("£5m, ‘quoted’ “words” — 😀", True),  # outside ASCII, but no letter, digit or space
        ("Minister José Ruiz", False),
        ("on ٣ May", False),
        ("March\xa03", False),
        ("March\x0b3", False),
        ("March\x1f3", False),
        ("half \ud800 a pair", False),
        ("", True),
    ],
)
def test_same_in_re2_refuses_what_re2_reads_differently(text: str, same: bool) -> None:
    from scorer.patterns import same_in_re2

    assert same_in_re2(text) is same


def test_without_re2_every_pattern_is_scanned_by_re(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from scorer.patterns import compiled_re2
    from scorer.patterns import section as pattern_section

    real_import = builtins.__import__

    def no_re2(name: str, *args: object, **kwargs: object) -> object:
        if name == "re2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_re2)
    assert compiled_re2(language(), pattern_section(language(), "cues")["date"]) is None
