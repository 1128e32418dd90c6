"""Word-phrase cues (hedges, weasels, boosters, fillers, directives, pronouns, attribution verbs),
all found in one pass over a text's words by one matcher built from the shipped word lists."""

from __future__ import annotations

from scorer.cues.match import Match
from scorer.resources import Language, language
from scorer.text import Tokens, tokenize, words_of

# Cue kind -> the word list (scorer/resources/<language>/<name>.txt) that defines it.
LISTS = {
    "hedge": "hedges",
    "weasel": "weasels",
    "booster": "boosters",
    "filler": "fillers",
    "directive": "deontic",
    "you": "second_person",
    "me": "first_person",
    "attribution": "attribution",
}


class PhraseMatcher:
    """Finds word phrases of several kinds (case-insensitive, whole words, longest first) in one pass.

    A big regex alternation tries every phrase at every position; this looks each word up
    once in tables keyed by the phrases' first word and first two words, so its cost grows
    with the text, not with the size of the word lists.
    """

    def __init__(self, phrases: dict[str, list[str]]) -> None:
        table: dict[str, list[tuple[list[str], str]]] = {}
        for kind, entries in phrases.items():
            for phrase in {p.strip().lower() for p in entries if p.strip()}:
                words = words_of(phrase)
                if words:
                    table.setdefault(words[0], []).append((words[1:], kind))
        self._single: dict[str, str] = {}  # a one-word phrase -> its kind (the first listed)
        # (first, second word) -> the words after the second and the kind, longest first. Phrases
        # with another second word cannot match there, so trying only these, then the one-word
        # phrase, finds what trying every phrase of the first word longest first would.
        self._pairs: dict[tuple[str, str], list[tuple[list[str], str]]] = {}
        for first, found in table.items():
            for rest, kind in sorted(found, key=lambda f: -len(f[0])):
                if rest:
                    self._pairs.setdefault((first, rest[0]), []).append((rest[1:], kind))
                else:
                    self._single.setdefault(first, kind)

    def find(self, text: str, tokens: Tokens | None = None) -> list[Match]:
        """Non-overlapping phrase matches in ``text`` (pass its ``tokenize`` output to reuse it)."""
        tokens = tokenize(text) if tokens is None else tokens
        lower, starts, ends = tokens.lower, tokens.starts, tokens.ends
        found: list[Match] = []
        taken = -1
        # Only a word that is a one-word phrase, or that opens a known pair with the next word, can
        # start a match: found with one lookup per word instead of trying each phrase's first word.
        pairs, single = self._pairs, self._single
        following = [*lower[1:], ""] if lower else []  # no phrase word is empty
        for i in [i for i, pair in enumerate(zip(lower, following, strict=True)) if pair in pairs or pair[0] in single]:
            if i > taken and (hit := self._phrase_at(text, tokens, i)) is not None:
                taken, kind = hit
                start, end = starts[i], ends[taken]
                found.append(Match(kind, start, end, text[start:end]))
        return found

    def _phrase_at(self, text: str, tokens: Tokens, i: int) -> tuple[int, str] | None:
        """The longest phrase opening at word ``i`` (words apart by whitespace only): its last word and kind."""
        lower, starts, ends = tokens.lower, tokens.starts, tokens.ends
        if i + 1 < len(lower):
            for rest, kind in self._pairs.get((lower[i], lower[i + 1]), ()):
                last = i + 1 + len(rest)
                if lower[i + 2 : last + 1] == rest and all(
                    text[ends[j - 1] : starts[j]].isspace() for j in range(i + 1, last + 1)
                ):
                    return last, kind
        alone = self._single.get(lower[i])
        return None if alone is None else (i, alone)


def phrase_matcher(lang: Language) -> PhraseMatcher:
    """The matcher of every phrase kind in ``LISTS``, from ``lang``'s word lists."""
    return lang.built(
        "phrases", lambda lang: PhraseMatcher({kind: lang.word_list(name) for kind, name in LISTS.items()})
    )


def phrases(text: str, tokens: Tokens | None = None, lang: Language | None = None) -> list[Match]:
    """Every phrase cue in a text (``lang``: whose word lists; default: the shipped model's language)."""
    return phrase_matcher(lang or language()).find(text, tokens)
