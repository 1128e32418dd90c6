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

from scorer.cues.document import sentence_cues
from scorer.cues.finders import is_named_source
from scorer.cues.match import Match
from scorer.text import Span, tokenize, word_grams, words_of

CLASSES = ("named", "vague", "conjecture", "fact", "furniture")
_RESOURCE = "claims"
_QUOTE_MARKS = frozenset('"“”')
_ENDS = (".", "!", "?", '"', "”", "'", "’")
_DIGIT = re.compile(r"\d")  # str.isdigit, as a scan in C


def claim_tokens(
    text: str, sentence: Span, lower_words: list[str], cues: list[Match], grams: list[str] | None = None
) -> list[str]:
    """What the model reads of one sentence of ``text``: word 1-2 grams, first word, and cue tokens.

    ``cues``: the sentence's cues (``DocumentCues.sentences``), offsets into ``text``; ``grams``:
    ``word_grams(lower_words)`` if already made.
    """
    grams = [*(word_grams(lower_words) if grams is None else grams)]
    if lower_words:
        grams.append(f"^{lower_words[0]}")
    kinds = {c.kind for c in cues}
    attributions = [c for c in cues if c.kind == "attribution"]
    named = any(is_named_source(text, c, sentence.start, sentence.end) for c in attributions)
    stripped = sentence.text.rstrip()
    present = (
        ("<hedge>", bool(kinds & {"hedge", "attributed_hedge"})),
        ("<weasel>", "weasel" in kinds),
        ("<booster>", bool(kinds & {"booster", "attributed_booster"})),
        ("<attribution>", bool(attributions)),
        ("<named-source>", named),
        ("<vague-source>", bool(attributions) and not named),
        ("<person>", "person" in kinds),
        ("<date>", "date" in kinds),
        ("<quote>", not _QUOTE_MARKS.isdisjoint(sentence.text)),
        ("<digit>", _DIGIT.search(sentence.text) is not None),
        ("<question>", stripped.endswith("?")),
        ("<exclaim>", stripped.endswith("!")),
        ("<short>", len(lower_words) <= 4),
        ("<no-end>", not stripped.endswith(_ENDS)),
    )
    return grams + [token for token, found in present if found]


def sentence_tokens(sentence: str) -> list[str]:
    """``claim_tokens`` of a sentence on its own (how the training sentences are read)."""
    cues = sentence_cues(sentence, tokenize(sentence))
    return claim_tokens(sentence, Span(0, len(sentence), sentence), [w.lower() for w in words_of(sentence)], cues)
