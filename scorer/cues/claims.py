"""Who carries each sentence's claim: a five-class sentence model whose weights ship as data.

Classes of the claim guide (labels/README.md): ``named`` (a named source says it), ``vague``
(an unnamed or vague source), ``conjecture`` (the writer's own guess, judgement or call),
``fact`` (a plain statement in the writer's voice) and ``furniture``. The model is a
multinomial logistic regression on binary word 1-2 grams, the first word, and tokens for the
sentence's cues, learnt from sentences judged by reading (``benchmarks/build_claim_model.py``);
this module makes the tokens, ``sentence_models`` scores them.
"""

from __future__ import annotations

import re

from scorer.cuekinds import CLAIM_CLASSES
from scorer.cues.document import find_cues
from scorer.cues.match import Match
from scorer.text import Span, tokenize, word_grams, words_of

CLASSES = tuple(name for name, c in CLAIM_CLASSES.items() if c.in_model)  # the registry's order is the model's
_RESOURCE = "claims"
_QUOTE_MARKS = frozenset('"“”')
_ENDS = (".", "!", "?", '"', "”", "'", "’")
_DIGIT = re.compile(r"\d")  # str.isdigit, as a scan in C


def claim_tokens(sentence: str, lower_words: list[str], cues: list[Match], named: bool) -> list[str]:
    """What the model reads of one sentence: word 1-2 grams, first word, and cue tokens.

    ``cues``, ``named``: the sentence's cues and whether one of its attributions names its source
    (``DocumentCues.sentences`` and ``named_sources``). Scoring looks the same tokens up without
    building them (``sentence_models.score_documents``).
    """
    first = [f"^{lower_words[0]}"] if lower_words else []
    return [*word_grams(lower_words), *first, *cue_tokens(sentence, len(lower_words), cues, named)]


def cue_tokens(sentence: str, n_words: int, cues: list[Match], named: bool) -> list[str]:
    """The tokens of a sentence's cues and shape ("<hedge>", "<quote>", "<short>"...).

    ``named``: whether one of its attributions names its source (``finders.is_named_source``).
    """
    kinds = {c.kind for c in cues}
    attributed = "attribution" in kinds
    stripped = sentence.rstrip()
    present = (
        ("<hedge>", bool(kinds & {"hedge", "attributed_hedge"})),
        ("<weasel>", "weasel" in kinds),
        ("<booster>", bool(kinds & {"booster", "attributed_booster"})),
        ("<attribution>", attributed),
        ("<named-source>", named),
        ("<vague-source>", attributed and not named),
        ("<person>", "person" in kinds),
        ("<date>", "date" in kinds),
        ("<quote>", not _QUOTE_MARKS.isdisjoint(sentence)),
        ("<digit>", _DIGIT.search(sentence) is not None),
        ("<question>", stripped.endswith("?")),
        ("<exclaim>", stripped.endswith("!")),
        ("<short>", n_words <= 4),
        ("<no-end>", not stripped.endswith(_ENDS)),
    )
    return [token for token, found in present if found]


def sentence_tokens(sentence: str) -> list[str]:
    """``claim_tokens`` of a sentence on its own (how the training sentences are read)."""
    found = find_cues(sentence, [Span(0, len(sentence), sentence)], tokenize(sentence))
    lower_words = [w.lower() for w in words_of(sentence)]
    return claim_tokens(sentence, lower_words, found.sentences[0], found.named_sources[0] > 0)
