"""Line-level boilerplate decisions: navigation, prompts, bylines, timestamps, link lists.

``classify_lines`` returns, for each line, the reason it is boilerplate or ``None`` when it
belongs to the article. Rules look at one line and its neighbours, never at the whole page,
so the work is linear in the text.
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
}
_FURNITURE_RE = [(why, re.compile(rf"(?:{pat})", re.IGNORECASE)) for why, pat in _FURNITURE.items()]
# After one of these, the rest of the page is a list of links to other articles.
_TAIL_START = re.compile(
    r"(read (next|more|also)|related( (articles?|stories|news|posts?|content))?|more (stories|news)"
    r"|(you )?(may|might) also (like|be interested in)|recommended( for you)?|most (read|popular))\W*",
    re.IGNORECASE,
)
_SENTENCE_PUNCT = re.compile(r"[.!?:;\"”’]\s*$")
_MAX_FURNITURE_CHARS = 160
_SHORT_WORDS = 6


def classify_lines(lines: list[str]) -> list[str | None]:
    """For each line, why it is boilerplate, or ``None`` if it is article text."""
    reasons: list[str | None] = [_furniture(line) for line in lines]
    for i, line in enumerate(lines):
        if i > 0 and _TAIL_START.fullmatch(line.strip()):
            for j in range(i + 1, len(lines)):
                reasons[j] = reasons[j] or "read-next link"
            break
    # A short label-like line between boilerplate lines is navigation too.
    for i, line in enumerate(lines):
        if reasons[i] is None and _is_short_label(line):
            before = reasons[i - 1] if i > 0 else None
            after = reasons[i + 1] if i + 1 < len(lines) else None
            if before or (after and i > 0):
                reasons[i] = "navigation"
    return reasons


def _furniture(line: str) -> str | None:
    stripped = line.strip().strip("|•·»›>-–— ")
    if not stripped or len(stripped) > _MAX_FURNITURE_CHARS:
        return None
    for why, pattern in _FURNITURE_RE:
        if pattern.fullmatch(stripped):
            return why
    return None


def _is_short_label(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _SHORT_WORDS and not _SENTENCE_PUNCT.search(line)
