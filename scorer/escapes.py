"""Text made safe for where it goes, defined once for every writer of the product.

- a terminal: no control sequences, no bidi overrides, and a one-line field never breaks its line;
- a spreadsheet: no cell that runs as a formula, quoting that no CSV reader can split wrongly;
- JSON: always valid (no ``NaN``), and no character that a line-based reader takes for a line end.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

# C0 and C1 controls (tab and newline kept in a block of text), bidi embeddings, overrides and
# isolates, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_AFTER_BREAK = re.compile(r"([\r\n\u2028\u2029\x85])(?=[=+\-@\t])")
_CSV_SPECIAL = re.compile(r'[",\r\n]')
_JSON_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """A block of text safe for a terminal: controls, bidi overrides and line separators shown as
    ``\\xNN`` / ``\\uNNNN``; tabs and newlines kept."""
    return _CONTROL.sub(_escape, text)


def one_line(text: str) -> str:
    """A field that must stay on its line (an id, an error, a sentence): ``printable``, and tabs,
    newlines and carriage returns escaped too, so no input can forge a line of output."""
    return _CONTROL_IN_LINE.sub(_escape, text)


def csv_safe(value: object) -> object:
    """A cell that a spreadsheet will not run as a formula: a ' before a leading = + - @ (and
    after a line break inside the cell, for readers that split lines inside quotes)."""
    if not isinstance(value, str):
        return value
    value = _FORMULA_AFTER_BREAK.sub(r"\1'", value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_line(values: Iterable[object]) -> str:
    """One CSV record: every text cell formula-safe, and quoted if it holds a comma, a quote, or
    any line break (a bare CR too, which Python's writer leaves bare); None is an empty cell."""
    cells = []
    for value in values:
        cell = "" if value is None else str(csv_safe(value))
        cells.append('"' + cell.replace('"', '""') + '"' if _CSV_SPECIAL.search(cell) else cell)
    return ",".join(cells) + "\n"


def json_line(record: object) -> str:
    """One JSON Lines record: valid JSON (a NaN or infinity is an error, not the token ``NaN``),
    with U+2028, U+2029 and U+0085 escaped, so a reader that splits on them cannot break a line."""
    return json.dumps(record, ensure_ascii=False, allow_nan=False).translate(_JSON_LINE_BREAKS) + "\n"
