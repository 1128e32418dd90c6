"""Line-level boilerplate decisions: navigation, prompts, bylines, timestamps, link lists.

``classify_lines`` returns, for each line, the reason it is boilerplate or ``None`` when it
belongs to the article. Rules look at one line and its neighbours, never at the whole page,
so the work is linear in the text. Line 0 is usually the headline (short, unpunctuated), so the
rules that judge a line by its shape alone never mark it.

Two kinds of rule: a line that *is* furniture (a prompt, a notice, a byline: matched whole),
and a line that only *looks like* furniture (short, unpunctuated, cut off, next to furniture,
after a "Read next" heading). A line of the second kind is given back to the article when its
place says it belongs there: a headline right above its byline, a subheading right above a
paragraph, a short line between two paragraphs. Dropping a body line costs more than keeping
a menu item, so the doubt goes to the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.patterns import compiled, section
from scorer.resources import Language, language


def furniture_patterns(lang: Language | None = None) -> dict[str, list[str]]:
    """The whole-line furniture patterns of ``resources/<language>/furniture.txt``, by reason, in order."""
    lang = lang or language()
    months = (
        "(?:"
        + "|".join(sorted({w.lower() for row in lang.word_rows("months") for w in row}, key=len, reverse=True))
        + ")"
    )
    by_reason: dict[str, list[str]] = {}
    for entry in lang.word_list("furniture"):
        reason, _, pattern = entry.partition(": ")
        by_reason.setdefault(reason.strip(), []).append(pattern.strip().replace("{month}", months))
    return by_reason


_Compiled = tuple[str, re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]


def _compiled(by_reason: dict[str, list[str]]) -> list[_Compiled]:
    """Per reason: a pattern to fullmatch a line against, one to search it for, and all of them.

    A line is furniture of a reason when it fullmatches one of its patterns. An alternative of
    the form ``.*X.*`` fullmatches a line without a newline exactly when ``X`` is found in it,
    so it is searched for instead: the engine then scans the line once rather than backtracking
    through ``.*`` for every place ``X`` could start. (A "line" with a newline, which the view
    never makes, is fullmatched against all of them.)
    """
    compiled = []
    for why, patterns in by_reason.items():
        whole: list[str] = []
        inside: list[str] = []
        for alternative in (a for p in patterns for a in _alternatives(p)):
            floating = _FLOATING.fullmatch(alternative)
            (inside if floating else whole).append(floating.group(1) if floating else alternative)
        compiled.append((why, _either(whole), _either(inside), _either(patterns)))
    return compiled


def _alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (not inside a group or a class, not escaped)."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1  # the escaped character is never structure
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 2 if pattern[i + 1 : i + 2] == "^" else 1
            i += pattern[i : i + 1] == "]"  # a "]" right after "[" or "[^" is literal
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]


def _either(alternatives: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE) if alternatives else None


# ".*X.*": X is everything between a leading ".*" (not lazy or possessive) and a trailing,
# unescaped ".*" (an even run of backslashes before it).
_FLOATING = re.compile(r"\.\*(?![?+*{])(.*?(?<!\\)(?:\\\\)*)\.\*", re.DOTALL)
_MAX_BYLINE_WORDS = 12  # "Posted by ... on February 27, 2013 at 11:31 am"; a longer line is an update note or prose


@dataclass(frozen=True)
class Rules:
    """A language's compiled line rules (``rules(lang)``): built on first use, not at import."""

    furniture: list[_Compiled]  # whole-line furniture, per reason (``furniture.txt``)
    byline: re.Pattern[str]  # an article starts here
    short_line: list[tuple[str, int, re.Pattern[str], bool]]  # reason, most words, pattern, judged by content
    tail_start: re.Pattern[str]  # a heading after which the page lists other articles
    most_words: int  # the largest word count any rule compares with


def rules(lang: Language) -> Rules:
    """The line rules of ``lang``, compiled once per process."""
    return lang.built("boilerplate", _rules)


def _rules(lang: Language) -> Rules:
    lines = section(lang, "lines")
    short_line = [
        (rule["reason"], rule["most_words"], compiled(lang, rule), rule["by_content"]) for rule in lines["short_line"]
    ]
    return Rules(
        furniture=_compiled(furniture_patterns(lang)),
        byline=compiled(lang, lines["byline"]),
        short_line=short_line,
        tail_start=compiled(lang, lines["tail_start"]),
        most_words=max([_MAX_BYLINE_WORDS, *(most for _, most, _, _ in short_line)]),
    )


_SENTENCE_MARKS = frozenset('.!?:;"”’')  # a line whose last visible character is one of these ends a sentence
_STRIP = "|•·*»›><«‹-–— "  # bullets, separators and arrows around a link label
_MAX_FURNITURE_CHARS = 160
_SHORT_WORDS = 6
_PROSE_WORDS = 10  # a line this long ending in sentence punctuation is prose, not a link


def classify_lines(lines: list[str], lang: Language | None = None) -> list[str | None]:
    """For each line, why it is boilerplate, or ``None`` if it is article text (``lang``: whose
    furniture words and rules; default: the shipped model's language)."""
    rule = rules(lang or language())
    found = [_furniture(line, rule, first=i == 0) for i, line in enumerate(lines)]
    reasons: list[str | None] = [why for why, _ in found]
    strong = [is_strong for _, is_strong in found]
    bylines = [
        why == "byline or metadata" and rule.byline.match(line.strip()) is not None
        for line, why in zip(lines, reasons, strict=True)
    ]
    # After a read-next heading the page lists other articles, until two prose lines in a row
    # or a byline show an article has begun; a teaser is one line among timestamps and labels.
    in_tail = False
    for i, line in enumerate(lines):
        if in_tail and (bylines[i] or (_is_prose(line) and i + 1 < len(lines) and _is_prose(lines[i + 1]))):
            in_tail = False
        elif in_tail or (i > 0 and rule.tail_start.fullmatch(line.strip())):
            in_tail = True
            reasons[i] = reasons[i] or "read-next link"
    # A short label-like line between boilerplate lines is navigation too.
    for i, line in enumerate(lines):
        if reasons[i] is None and _is_short_label(line):
            before = reasons[i - 1] if i > 0 else None
            after = reasons[i + 1] if i + 1 < len(lines) else None
            if before or (after and i > 0):
                reasons[i] = "navigation"
    return _give_back(lines, reasons, strong, bylines)


def _give_back(
    lines: list[str], reasons: list[str | None], strong: list[bool], bylines: list[bool]
) -> list[str | None]:
    """Lines flagged by their shape alone that sit where article text sits are article text.

    A headline right above its byline, a short line right above a paragraph (a subheading), a
    line between two paragraphs. Judged on the flags before this pass, so it never cascades.
    """
    prose = [why is None and _is_prose(line) for line, why in zip(lines, reasons, strict=True)]
    kept = list(reasons)
    for i, line in enumerate(lines):
        if reasons[i] is None or strong[i]:
            continue
        after_prose = i + 1 < len(lines) and prose[i + 1]
        headline = i + 1 < len(lines) and bylines[i + 1] and _is_short_label(line)
        if headline or (after_prose and _is_short_label(line)) or (after_prose and i > 0 and prose[i - 1]):
            kept[i] = None
    return kept


def _furniture(line: str, rule: Rules, first: bool = False) -> tuple[str | None, bool]:
    """The reason a line is furniture on its own, and whether it is matched whole (strong) or
    only by its shape; ``first`` spares line 0 the shape-only rules."""
    stripped = line.strip().strip(_STRIP)
    if not stripped:
        return ("navigation", True) if line.strip() else (None, False)  # a bare bullet or separator
    n_words = _words_up_to(stripped, rule.most_words)
    if len(stripped) <= _MAX_FURNITURE_CHARS:
        for why, whole, inside, every in rule.furniture:
            if "\n" in stripped:
                matched = every is not None and every.fullmatch(stripped)
            else:
                matched = (whole is not None and whole.fullmatch(stripped)) or (
                    inside is not None and inside.search(stripped)
                )
            if matched and (why != "byline or metadata" or n_words <= _MAX_BYLINE_WORDS):
                return why, True
    for why, most, pattern, by_content in rule.short_line:
        if n_words <= most and (by_content or not first) and pattern.search(stripped):
            return why, by_content
    return None, False


def _is_short_label(line: str) -> bool:
    return 0 < _words_up_to(line, _SHORT_WORDS) <= _SHORT_WORDS and not ends_sentence(line)


def _is_prose(line: str) -> bool:
    return _words_up_to(line, _PROSE_WORDS) >= _PROSE_WORDS and ends_sentence(line)


def _words_up_to(line: str, most: int) -> int:
    """How many words ``line`` has, counted up to ``most + 1``: enough to compare with ``most`` or
    less, without splitting a long paragraph into all its words (``split`` stops after ``most``)."""
    return len(line.split(None, most))


def ends_sentence(line: str) -> bool:
    """Whether the last character of ``line`` before trailing whitespace is sentence punctuation."""
    return line.rstrip()[-1:] in _SENTENCE_MARKS
