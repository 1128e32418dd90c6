"""A time budget per document, so that one runaway text becomes an error row instead of a stalled batch.

Uses a real-time interval timer (``signal.setitimer``), which interrupts even a long regular
expression match. It works in the main thread of a process on POSIX systems (the command line
and its worker processes); elsewhere the budget is not enforced and ``enforceable`` says so.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from scorer.errors import InputError

DEFAULT_SECONDS = 60.0  # generous: a 1 MB article takes a few seconds


class DocumentTimeout(InputError):
    """A document took longer to score than its budget."""


def enforceable() -> bool:
    """Whether a budget can interrupt work here (POSIX, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None, name: str) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the block after ``seconds`` (no budget if ``None`` or 0, or not enforceable)."""
    if not seconds or not enforceable():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"{name}: took longer than the {seconds:g} s budget (see --timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    # Fire again every 50 ms after the budget: library code that swallows exceptions (a broad
    # ``except Exception``) cannot hide the timeout for more than one interval.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
