"""Where a measurement comes from: every result file says the commit and the day it was measured at."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def write_result(path: Path, report: dict[str, Any]) -> None:
    """Write ``report`` as JSON with a ``measured`` record: commit (``+changes`` if the tree had
    uncommitted changes to tracked files) and UTC date."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    if _git("status", "--porcelain", "--untracked-files=no"):
        commit += "+changes"
    measured = {"commit": commit, "date": dt.datetime.now(dt.timezone.utc).date().isoformat()}
    path.write_text(json.dumps({**report, "measured": measured}, indent=1, sort_keys=True) + "\n")
