"""Word-phrase cues (hedges, weasels, boosters, fillers, directives, pronouns, attribution verbs),
all found in one pass over a text's words by one matcher built from the shipped word lists."""

from __future__ import annotations

from functools import cache

from scorer.cues.match import Match
from scorer.resources import word_list
from scorer.text import Tokens, tokenize, words_of

# Cue kind -> the word list (scorer/resources/en/<name>.txt) that defines it.
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
    once in a table keyed by the phrases' first words, so its cost grows with the text, not
    with the size of the word lists.
    """

    def __init__(self, phrases: dict[str, list[str]]) -> None:
        table: dict[str, list[tuple[list[str], str]]] = {}
        for kind, entries in phrases.items():
            for phrase in {p.strip().lower() for p in entries if p.strip()}:
                words = words_of(phrase)
                if words:
                    table.setdefault(words[0], []).append((words[1:], kind))
        # Per first word: the rest of each phrase, longest first.
        self._table = {first: sorted(found, key=lambda f: -len(f[0])) for first, found in table.items()}

    def find(self, text: str, tokens: Tokens | None = None) -> list[Match]:
        """Non-overlapping phrase matches in ``text`` (pass its ``tokenize`` output to reuse it)."""
        tokens = tokenize(text) if tokens is None else tokens
        lower, spans, table = tokens.lower, tokens.spans, self._table
        found: list[Match] = []
        taken = -1
        for i in [i for i, word in enumerate(lower) if word in table]:  # words that open a phrase
            if i <= taken:
                continue
            for rest, kind in table[lower[i]]:
                last = i + len(rest)
                if rest and (
                    lower[i + 1 : last + 1] != rest
                    or not all(text[spans[j - 1][1] : spans[j][0]].isspace() for j in range(i + 1, last + 1))
                ):
                    continue
                start, end = spans[i][0], spans[last][1]
                found.append(Match(kind, start, end, text[start:end]))
                taken = last
                break
        return found


@cache
def phrase_matcher() -> PhraseMatcher:
    """The matcher of every phrase kind in ``LISTS``."""
    return PhraseMatcher({kind: word_list(name) for kind, name in LISTS.items()})


def phrases(text: str, tokens: Tokens | None = None) -> list[Match]:
    """Every phrase cue in a text."""
    return phrase_matcher().find(text, tokens)
