"""Line-level boilerplate decisions: navigation, prompts, bylines, timestamps, link lists.

``classify_lines`` returns, for each line, the reason it is boilerplate or ``None`` when it
belongs to the article. Rules look at one line and its neighbours, never at the whole page,
so the work is linear in the text. Line 0 is usually the headline (short, unpunctuated), so the
rules that judge a line by its shape alone never mark it.
"""

from __future__ import annotations

import re

# Lines that are page furniture wherever they appear (matched against the whole line).
_FURNITURE = {
    "comment prompt": (
        r"(leave|post|add|write|submit) (a|the first|your) (comment|reply|review|response)s?"
        r"|(no )?comments?( \(\d+\))?|\d+ comments?|what is your opinion.*|join the (discussion|conversation)"
        r"|lini një përgjigje|deja (un|tu) comentario|laisser un commentaire|lascia un commento"
        r"|schreibe einen kommentar|kommentar (hinterlassen|schreiben)|deixe (um|seu) comentário"
        r"|оставить комментарий|оставьте комментарий|yorum (yap|yaz)|napisz komentarz"
        r"|laat een reactie achter|ostavite komentar|kommentera|skriv en kommentar"
    ),
    "read-next link": (
        r"(read|see|watch) (next|more|also)\b.*|related( (articles?|stories|news|posts?|content|topics))?:?"
        r"|more (stories|news|from|on)\b.*|(you )?(may|might) also (like|be interested in)\b.*"
        r"|recommended( for you)?|trending( now)?|most (read|popular|viewed)|top stories|latest( news)?"
        r"|news ?line|in [a-z]+( news)?"
    ),
    "share or follow prompt": (
        r"(share|tweet|email|print)( (this|on|via)\b.*)?|(follow|like|find) us( on)?\b.*"
        r"|(subscribe|sign up|register)\b.*|.*\bnewsletter\b.*|(facebook|twitter|whatsapp|linkedin|telegram|pinterest|reddit)"
        r"(\W+(facebook|twitter|whatsapp|linkedin|telegram|pinterest|reddit|email|x))*"
    ),
    "legal notice": (
        r"(©|\(c\)|copyright)\b.*|.*all rights reserved.*|(privacy|cookie) (policy|settings).*"
        r"|terms (of (use|service)|and conditions).*|advertisement|sponsored( content)?"
    ),
    "byline or metadata": (
        r"by:? [\w .'’-]{2,60}|(author|posted|published|updated|filed)\b.*(\d|by\b|:).*|author"
        r"|(by )?admin\b.*|\d+ (views|shares|reads)|tags?:.*|(posted )?in:? [\w &-]+|date \d{4}-\d\d-\d\d.*"
        r"|\d+ min(ute)?s? read"
    ),
    "timestamp": (
        r"\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?( [a-z]{2,4})?"
        r"|(\d{1,2} )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(, \d{4})?"
        r"|\d{4}-\d\d-\d\d([ t]\d\d:\d\d(:\d\d)?)?|\d{1,2}/\d{1,2}/\d{2,4}"
    ),
    "about the publisher": r"(about (us|the author)|contact us|home|menu|skip to (main )?content|back to top)",
    "interface message": (  # widget and form text: search box, paywall, login, video player, pager
        r"search( term| this (blog|site))?:?|continue reading( the (main|full) story)?"
        r"|(sign|log) ?(in|on|out)( here| (to|with|or)\b.*)?|(please )?try again( later)?\.?"
        r"|please (try again|log ?in|sign ?in)\b.*|you must (be (logged|signed) in|log ?in|sign ?in|enter)\b.*"
        r"|this video (is|has been) (no longer |not |currently )?(available|unavailable|playable|removed)\b.*"
        r"|(next|previous|prev|older|newer)( (page|posts?|entries|stories))?|follow( here)?:?"
        r"|your email has been sent\.?|invalid (email|entry|input|password)\b.*|error( message)?\.?"
    ),
    "navigation": r"\d{1,3}[.)]|[a-z][.)]",  # a bare list marker ("1.", "b)") left behind by a link list
}
_FURNITURE_RE = [(why, re.compile(rf"(?:{pat})", re.IGNORECASE)) for why, pat in _FURNITURE.items()]
# Shapes that are furniture only on a short line (searched, not fullmatched; a long line with them is
# prose): reason, most words, pattern, and whether it may hit line 0, which is usually the headline.
_SHORT_LINE: list[tuple[str, int, str, bool]] = [
    ("navigation", 1, r"[^.!?:;\"”’]$", False),  # one word: a menu item ("Shows", "Search", "RSS")
    ("navigation", 8, r"^[^|]{1,40}( \| [^|]{1,40})+$", False),  # "Post Tech | Hayley Tsukayama"
    ("read-next link", 12, r"(\.\.\.|…)$", False),  # a teaser cut off: "Griffin accepts responsibility..."
    ("read-next link", 15, r"\b\d+ comments?$", True),  # a teaser with its count: "EU Week Ahead 1 Comment"
    ("legal notice", 30, r"©|\bcopyright \d{4}\b", True),  # "BBC © 2013 The BBC is not responsible for ..."
]
_SHORT_LINE_RE = [(why, most, re.compile(pat, re.IGNORECASE), at_top) for why, most, pat, at_top in _SHORT_LINE]
# After one of these the page lists links to other articles (until prose resumes, see below).
_TAIL_START = re.compile(
    r"(read (next|more|also)|related( (articles?|stories|news|posts?|content))?|more (stories|news)"
    r"|(you )?(may|might) also (like|be interested in)|recommended( for you)?|most (read|popular))\W*",
    re.IGNORECASE,
)
_SENTENCE_PUNCT = re.compile(r"[.!?:;\"”’]\s*$")
_STRIP = "|•·*»›><«‹-–— "  # bullets, separators and arrows around a link label
_MAX_FURNITURE_CHARS = 160
_SHORT_WORDS = 6
_PROSE_WORDS = 10  # a line this long ending in sentence punctuation is prose, not a link


def classify_lines(lines: list[str]) -> list[str | None]:
    """For each line, why it is boilerplate, or ``None`` if it is article text."""
    reasons: list[str | None] = [_furniture(line, first=i == 0) for i, line in enumerate(lines)]
    # After a read-next heading the page lists other articles, until two prose lines in a row show
    # the article (or another one) has resumed; a teaser is one line among timestamps and labels.
    in_tail = False
    for i, line in enumerate(lines):
        if in_tail and _is_prose(line) and i + 1 < len(lines) and _is_prose(lines[i + 1]):
            in_tail = False
        elif in_tail or (i > 0 and _TAIL_START.fullmatch(line.strip())):
            in_tail = True
            reasons[i] = reasons[i] or "read-next link"
    # A short label-like line between boilerplate lines is navigation too.
    for i, line in enumerate(lines):
        if reasons[i] is None and _is_short_label(line):
            before = reasons[i - 1] if i > 0 else None
            after = reasons[i + 1] if i + 1 < len(lines) else None
            if before or (after and i > 0):
                reasons[i] = "navigation"
    return reasons


def _furniture(line: str, first: bool = False) -> str | None:
    """The reason a line is furniture on its own; ``first`` spares line 0 the shape-only rules."""
    stripped = line.strip().strip(_STRIP)
    if not stripped:
        return "navigation" if line.strip() else None  # a bare bullet or separator
    if len(stripped) <= _MAX_FURNITURE_CHARS:
        for why, pattern in _FURNITURE_RE:
            if pattern.fullmatch(stripped):
                return why
    n_words = len(stripped.split())
    for why, most, pattern, at_top in _SHORT_LINE_RE:
        if n_words <= most and (at_top or not first) and pattern.search(stripped):
            return why
    return None


def _is_short_label(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _SHORT_WORDS and not _SENTENCE_PUNCT.search(line)


def _is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS and bool(_SENTENCE_PUNCT.search(line))
