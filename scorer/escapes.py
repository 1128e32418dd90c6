"""Text made safe for where it goes: a terminal (no control sequences) or a spreadsheet (no formulas)."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (escape sequences) shown as \\xNN."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def csv_safe(value: object) -> object:
    """A cell that a spreadsheet will not run as a formula (a leading ' neutralises = + - @)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value
