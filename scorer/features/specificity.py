"""Specificity: named officials and people, dates and times, figures, direct quotes, attribution."""

from __future__ import annotations

import re

from scorer.features.base import REPORTED, Feature, rate
from scorer.view import TextView

FEATURES = [
    Feature(
        "named_people_per_sentence",
        "Title + name mentions (Foreign Minister Sergei Lavrov) per sentence",
        direction=REPORTED,
    ),
    Feature(
        "proper_nouns_per_100_words", "Capitalised words not opening a sentence, per 100 words", direction=REPORTED
    ),
    Feature("dates_per_sentence", "Dates, weekdays and clock times per sentence", direction=REPORTED),
    Feature("numbers_per_100_words", "Figures (57, 3.5%, $20 trillion) per 100 words", direction=REPORTED),
    Feature("quoted_word_share", "Share of body words inside direct quotes", direction=REPORTED),
    Feature("quotes_per_sentence", "Direct quotes of three or more words per sentence", direction=REPORTED),
    Feature(
        "attributions_per_sentence", "Attribution verbs (said, told, according to) per sentence", direction=REPORTED
    ),
    Feature("attributed_sentence_share", "Share of body sentences that attribute a claim", direction=REPORTED),
    Feature(
        "anchored_sentence_share",
        "Share of body sentences with a quote, attribution, named person, date or figure",
        direction=REPORTED,
    ),
    Feature(
        "named_source_share",
        "Share of attributions whose source is named (Carpenter said, said Minister Lavrov, he told)",
        direction=REPORTED,
    ),
]

# A capital after a word or a clause mark and one space; the capital comes first, then the look-behind.
_CAPITALISED = re.compile(r"[A-Z](?<=[\w,;:)\]]\s.)[\w'’-]+")


def compute(view: TextView) -> dict[str, float]:
    cues = view.cues
    attributed = cues.per_sentence("attribution")
    anchors = cues.per_sentence("attribution", "quote", "quote_continued", "person", "date", "number")
    quoted_words = sum(len(c.text.split()) for s in cues.sentences for c in s if c.kind in ("quote", "quote_continued"))
    named = sum(cues.named_sources)
    n, words = len(view.sentences), view.word_count
    return {
        "named_people_per_sentence": rate(cues.total("person"), n),
        "proper_nouns_per_100_words": 100 * rate(len(_CAPITALISED.findall(view.body_text)), words),
        "dates_per_sentence": rate(cues.total("date"), n),
        "numbers_per_100_words": 100 * rate(cues.total("number"), words),
        "quoted_word_share": min(1.0, rate(quoted_words, words)),
        "quotes_per_sentence": rate(cues.total("quote"), n),
        "attributions_per_sentence": rate(sum(attributed), n),
        "attributed_sentence_share": rate(sum(1 for k in attributed if k), n),
        "anchored_sentence_share": rate(sum(1 for k in anchors if k), n),
        "named_source_share": rate(named, sum(attributed)),
    }
