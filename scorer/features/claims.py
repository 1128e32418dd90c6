"""Who carries each claim: a sentence model over five classes, averaged over the article.

Each body sentence gets a probability for each class of the claim guide (labels/README.md):
``named`` (a named source says it), ``vague`` (an unnamed or vague source), ``conjecture``
(the writer's own guess, judgement or call to action), ``fact`` (plain statement in the
writer's voice) and ``furniture``. The model is a multinomial logistic regression on binary
word 1-2 grams plus a few cue tokens, learnt from sentences judged by reading
(``benchmarks/build_claim_model.py``); its weights ship as JSON in ``scorer/resources``.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from itertools import pairwise

from scorer.features import hedging, specificity
from scorer.features.base import Feature, rate
from scorer.text import TextView

CLASSES = ("named", "vague", "conjecture", "fact", "furniture")
FEATURES = [Feature(f"claim_{c}_share", f"Mean P({c}) of body sentences, from the claim model") for c in CLASSES]
_RESOURCE = "claims.json"
_QUOTE_MARKS = frozenset('"“”')


def claim_tokens(text: str, lower_words: list[str]) -> list[str]:
    """What the claim model reads of one sentence: its word 1-2 grams, its first word, and cue tokens."""
    grams = lower_words + [f"{a} {b}" for a, b in pairwise(lower_words)]
    if lower_words:
        grams.append(f"^{lower_words[0]}")
    stripped = text.rstrip()
    phrases = hedging.phrase_matches(text)
    attributions = specificity.attribution_matches(text)
    named = [specificity.is_named_source(text, cue, 0, len(text)) for cue in attributions]
    cues = (
        ("<hedge>", bool(hedging.hedge_matches(text, None, phrases))),
        ("<weasel>", any(m.kind == "weasel" for m in phrases)),
        ("<booster>", any(m.kind == "booster" for m in phrases)),
        ("<attribution>", bool(attributions)),
        ("<named-source>", any(named)),
        ("<vague-source>", bool(attributions) and not any(named)),
        ("<person>", bool(specificity.named_people(text))),
        ("<date>", bool(specificity.date_matches(text))),
        ("<quote>", any(c in _QUOTE_MARKS for c in text)),
        ("<digit>", any(c.isdigit() for c in text)),
        ("<question>", stripped.endswith("?")),
        ("<exclaim>", stripped.endswith("!")),
        ("<short>", len(lower_words) <= 4),
        ("<no-end>", not stripped.endswith((".", "!", "?", '"', "”", "'", "’"))),
    )
    return grams + [token for token, present in cues if present]


@cache
def _model() -> tuple[list[float], dict[str, list[float]]]:
    raw = resources.files("scorer.resources").joinpath(_RESOURCE).read_text(encoding="utf-8")
    record = json.loads(raw)
    if tuple(record["classes"]) != CLASSES:
        raise ValueError(f"{_RESOURCE}: classes {record['classes']} differ from {CLASSES}")
    return [float(b) for b in record["intercepts"]], {g: [float(w) for w in ws] for g, ws in record["weights"].items()}


def class_probabilities(tokens: list[str]) -> list[float]:
    """P(class) of one sentence, in ``CLASSES`` order (softmax of the summed weights)."""
    intercepts, weights = _model()
    z = list(intercepts)
    for token in set(tokens):
        row = weights.get(token)
        if row is not None:
            z = [a + b for a, b in zip(z, row, strict=True)]
    top = max(z)
    exp = [math.exp(v - top) for v in z]
    total = sum(exp)
    return [e / total for e in exp]


def sentence_classes(view: TextView) -> list[list[float]]:
    """Class probabilities of each body sentence (computed once per view)."""
    cached = view.memo.get("claims")
    if cached is None:
        cached = [
            class_probabilities(claim_tokens(span.text, [w.lower() for w in words]))
            for span, words in zip(view.sentences, view.sentence_words, strict=True)
        ]
        view.memo["claims"] = cached
    return cached  # type: ignore[return-value]


def compute(view: TextView) -> dict[str, float]:
    probabilities = sentence_classes(view)
    n = len(probabilities)
    return {f"claim_{c}_share": rate(sum(p[i] for p in probabilities), n) for i, c in enumerate(CLASSES)}
