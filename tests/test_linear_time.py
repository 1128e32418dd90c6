"""Every regex in the package, and feature extraction as a whole, stay linear in text length.

Adversarial inputs are generated from each pattern's own structure: every literal word it
contains and every character class it accepts, repeated (``"Deputy Deputy ..."``,
``"U.S. U.S. ..."``, ``"!!!!"``), alone and in pairs. A 10x longer input must take well under
100x the time (quadratic), measured as a ratio in one run, in this process's CPU time (not wall
time: other processes on a busy machine do not count against it).
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scorer
from scorer import boilerplate
from scorer.cues import finders
from scorer.cues.finders import MAX_QUOTE_CHARS, quote_spans
from scorer.features import extract
from scorer.resources import language

try:  # the regex parser; used only to generate test inputs
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse  # type: ignore[no-redef]

RATIO_LIMIT = 35  # linear is ~10x for 10x the text; quadratic ~100x
MIN_SECONDS = 2e-4  # the short input's time, at least: shorter timings are dominated by noise


def _patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled regex held at module level in the package (alone or in lists and tuples), and
    every one a language builds on first use (the cue finders' and the line rules')."""
    found: dict[str, re.Pattern[str]] = {}
    built = {"scorer.cues.finders.patterns": finders.patterns, "scorer.boilerplate.rules": boilerplate.rules}
    for where, build in built.items():
        _collect(found, where, vars(build(language())))
    for info in pkgutil.walk_packages(scorer.__path__, "scorer."):
        try:
            module = importlib.import_module(info.name)
        except ModuleNotFoundError as exc:  # an optional extra that is not installed (spark, serve)
            if (exc.name or "scorer").startswith("scorer"):
                raise
            continue
        _collect(found, info.name, vars(module))
    return found


def _collect(found: dict[str, re.Pattern[str]], where: str, names: dict[str, object]) -> None:
    for name, value in names.items():
        items = value if isinstance(value, (list, tuple)) else [value]
        for i, item in enumerate(items):
            for j, part in enumerate(item if isinstance(item, tuple) else [item]):
                if isinstance(part, re.Pattern):
                    found[f"{where}.{name}[{i}.{j}]"] = part


def _pieces(pattern: re.Pattern[str]) -> set[str]:
    """The literal runs and class representatives the pattern is built from."""
    pieces: set[str] = set()

    def walk(nodes, run: list[str]) -> None:
        for op, arg in nodes:
            name = str(op)
            if name == "LITERAL":
                run.append(chr(arg))
                continue
            if run:
                pieces.add("".join(run))
                run.clear()
            if name == "IN":
                for kind, value in arg:
                    kind = str(kind)
                    if kind == "LITERAL":
                        pieces.add(chr(value))
                    elif kind == "RANGE":
                        pieces.update({chr(value[0]), chr(value[1])})
                    elif kind == "CATEGORY":
                        pieces.update({"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " "}.get(str(value), "a"))
            elif name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
                walk(arg[2], [])
            elif name == "SUBPATTERN":
                walk(arg[-1], [])
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch, [])
            elif name in {"ASSERT", "ASSERT_NOT"}:
                walk(arg[1], [])
            elif name == "ANY":
                pieces.add("a")
        if run:
            pieces.add("".join(run))

    walk(sre_parse.parse(pattern.pattern, pattern.flags), [])
    return {p for p in pieces if p}


def _units(pattern: re.Pattern[str], most: int = 60) -> list[str]:
    pieces = sorted(_pieces(pattern))
    singles = [p + sep for p in pieces for sep in ("", " ")]
    pairs = [a + " " + b + " " for a, b in itertools.combinations(pieces[:12], 2)]
    capitalised = [p.capitalize() + " " for p in pieces if p.isalpha()]
    return (singles + capitalised + pairs)[: most * 3]


def _seconds(pattern: re.Pattern, text: str) -> float:
    subject = text.encode("latin-1", errors="replace") if isinstance(pattern.pattern, bytes) else text
    start = time.process_time()
    for _ in pattern.finditer(subject):
        pass
    pattern.search(subject)
    return time.process_time() - start


PATTERNS = _patterns()
# Patterns only ever fullmatched against one stripped line of at most this many characters
# (``boilerplate._furniture``): their cost per line is bounded whatever the pattern does.
BOUNDED = {"scorer.boilerplate.rules.furniture": boilerplate._MAX_FURNITURE_CHARS}


def _bounded(name: str) -> bool:
    return any(name.startswith(prefix) for prefix in BOUNDED)


def test_the_patterns_are_found() -> None:
    names = " ".join(PATTERNS)
    for expected in ("_SENTENCE_END", "named_person", "date", "rules.furniture", "_WORD"):
        assert expected in names


@pytest.mark.parametrize("name", sorted(n for n in PATTERNS if not _bounded(n)))
def test_every_pattern_is_linear_on_inputs_built_from_its_structure(name: str) -> None:
    pattern = PATTERNS[name]
    slow = []
    for unit in _units(pattern):
        reps = max(1, 1500 // len(unit))
        small = min(_seconds(pattern, unit * reps) for _ in range(3))
        while small < MIN_SECONDS and reps < 100_000:  # too fast to time against scheduler noise: scale up
            reps *= 4
            small = min(_seconds(pattern, unit * reps) for _ in range(3))
        large = min(_seconds(pattern, unit * reps * 10) for _ in range(2))
        if large / small > RATIO_LIMIT:  # measure again before calling it quadratic: the machine may be busy
            small = min(small, *(_seconds(pattern, unit * reps) for _ in range(5)))
            large = min(large, *(_seconds(pattern, unit * reps * 10) for _ in range(5)))
        ratio = large / max(small, 1e-9)
        if ratio > RATIO_LIMIT:
            slow.append(f"{unit!r}: {ratio:.0f}x")
    assert not slow, f"{name} ({pattern.pattern[:60]}...) grows faster than linear on {slow}"


@pytest.mark.parametrize("name", sorted(n for n in PATTERNS if _bounded(n)))
def test_bounded_patterns_see_only_short_lines(name: str) -> None:
    """Lines built from the pattern's pieces, far longer than the bound, are classified in linear time."""
    units = _units(PATTERNS[name])[:40]
    small = sum(_classify_seconds(unit * max(1, 2000 // len(unit))) for unit in units)
    large = sum(_classify_seconds(unit * max(1, 20000 // len(unit))) for unit in units)
    assert large / max(small, 1e-4) < RATIO_LIMIT


def _classify_seconds(line: str) -> float:
    start = time.process_time()
    boilerplate.classify_lines([line, line])
    return time.process_time() - start


_QUOTE_ORACLE = re.compile(r"\"([^\"\n]{2,1500}?)\"|“([^”\n]{2,1500}?)”")


@given(st.lists(st.sampled_from(['"', "“", "”", "a ", "b c ", "\n", " x"]), max_size=60).map("".join))
def test_quote_scan_finds_what_the_regex_finds(text: str) -> None:
    expected = [m.span() for m in _QUOTE_ORACLE.finditer(text) if len(m.group().split()) >= 3]
    assert quote_spans(text) == expected


PATHOLOGICAL = {
    "quotes": '"' * 50 + "a " * 20,
    "capitals": "Minister " + "A" * 30 + " " + "Ab " * 30,
    "digits": "1" * 80 + ",",
    "one long line": "word, " * 20,
    "repeated hedges": "may have possibly likely probably it is possible that ",
    "curly quotes": "“" * 40 + "x ",
    "unclosed quotes": "“ a b " * 10 + "x" * (MAX_QUOTE_CHARS // 10),
    "exclamations": "!" * 100,
    "full stops": "." * 100,
    "question marks": "?" * 100,
    "titles": "Deputy " * 20,
    "abbreviations": "U.S. " * 20,
    "initials": "a. " * 30,
    "attributed hedges": "The officials probably said ",  # every hedge near an attribution verb
}


def _extract_seconds(text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        extract(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("unit", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_extraction_time_grows_linearly(unit: str) -> None:
    small = unit * 20
    large = unit * 400
    ratio = _extract_seconds(large, repeats=2) / max(_extract_seconds(small, repeats=5), 1e-3)
    assert ratio < 60, f"20x longer text took {ratio:.0f}x the time"


def test_one_megabyte_line_is_scored() -> None:
    assert extract("a" * (1 << 20))
