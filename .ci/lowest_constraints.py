"""Print a pip constraints file that pins each direct dependency of pyproject.toml to its declared floor.

Installing with it (``pip install -c FILE .``) checks that the lowest versions the package
declares really work: a floor that is not true fails CI instead of a user's install.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

FLOOR = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(?:>=|==)\s*([0-9][^,;\s]*)")


def main() -> None:
    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        match = FLOOR.match(requirement)
        if match is None:
            raise SystemExit(f"no floor declared for {requirement!r}: every dependency needs one")
        print(f"{match.group(1)}=={match.group(2)}")


if __name__ == "__main__":
    main()
