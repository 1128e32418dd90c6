"""CPU instructions per article, counted by valgrind: a speed figure that does not move with the machine's load.

    python benchmarks/instructions.py [--n 100]

Wall-clock rates on a shared machine move by a third between runs (benchmarks/speed.py); an
instruction count of the same work is the same every run. Each workload runs under
``valgrind --tool=callgrind`` twice, on ``--n`` BBC articles and on none, and the difference
is divided by ``--n``, so imports and model loading are left out. It also counts the share
spent inside the regular-expression engines (functions of CPython's ``Modules/_sre``, and of RE2's
extension module, which the two costliest cue scans use; read from ``callgrind_annotate``): work that faster Python around the patterns cannot remove, only fewer
or cheaper pattern passes. Full scoring is counted twice: as a library call in a caller's process,
and settled as the command line and its workers settle their processes (``batch.settle``: the
heap frozen after loading, so the garbage collector stops walking the model's objects). Without the interpreter's debug symbols that share is not recorded.
Needs valgrind (Debian's ``valgrind`` package); writes benchmarks/results/instructions.json.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from provenance import write_result

ROOT = Path(__file__).resolve().parents[1]
WORKLOADS = {
    "textstat flesch_reading_ease": "textstat",
    "feature extraction": "features",
    "full scoring with evidence": "score",
    "full scoring with evidence, settled (as the command line)": "settled",
}
_COLLECTED = re.compile(r"Collected : (\d+)")
# A callgrind_annotate row: "  182,195,745 ( 2.67%)  /path/Modules/_sre/sre_lib.h:sre_ucs1_match [lib]",
# or for a library without sources: "  23,921,420 ( 0.91%)  ???:re2::DFA::Search(...) [/path/re2/_re2.cpython.so]"
_ROW = re.compile(r"^\s*([\d,]+) \([ \d.]+%\)\s+(\S+?):.*?(?:\[(\S+)\])?$", re.MULTILINE)
WARM = 100  # articles read before the measured ones (and not measured)


def work(kind: str, n: int) -> None:
    """The measured process: load everything, warm up on other articles, then run ``n`` articles."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from speed import articles

    warm, texts = articles(WARM), articles(WARM + n)[WARM:]
    import textstat

    from scorer import score_many
    from scorer.features import extract
    from scorer.scoring import Scorer

    scorer = Scorer()
    scorer.warm_up()
    # Steady state, as in a long pipeline: textstat's per-word caches filled by other articles (in
    # the run on none too, so the warm-up cancels out of the difference).
    [textstat.flesch_reading_ease(t) for t in warm]
    if kind == "settled":  # the heap frozen after loading (batch.settle), so the collector skips it
        import gc

        gc.freeze()
    if kind == "textstat":
        [textstat.flesch_reading_ease(t) for t in texts]
    elif kind == "features":
        [extract(t) for t in texts]
    else:
        list(score_many(texts, model=scorer, evidence=True))


def count(kind: str, n: int) -> tuple[int, int]:
    """Instructions of the whole process, and of those inside the regex engine (0 if its symbols are missing)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__, "--work", kind]
        env = {**os.environ, "PYTHONHASHSEED": "0"}  # string hashes, and so dict and set probing, the same every run
        done = subprocess.run([*cmd, "--n", str(n)], capture_output=True, text=True, check=True, env=env)
        found = _COLLECTED.search(done.stderr)
        if found is None:
            raise SystemExit(f"valgrind printed no instruction count for {kind}:\n{done.stderr[-2000:]}")
        rows = subprocess.run(
            ["callgrind_annotate", "--threshold=100", str(out)], capture_output=True, text=True, check=True
        ).stdout
    regex = sum(
        int(cost.replace(",", ""))
        for cost, source, library in _ROW.findall(rows)
        if "/_sre/" in source or "/re2/_re2" in library
    )
    return int(found.group(1)), regex


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100, help="articles per workload (default 100)")
    parser.add_argument("--work", choices=sorted(set(WORKLOADS.values())), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.work:
        work(args.work, args.n)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    per_article, regex = {}, {}
    for name, kind in WORKLOADS.items():
        (total, in_regex), (total0, in_regex0) = count(kind, args.n), count(kind, 0)
        per_article[name], regex[name] = (total - total0) / args.n, (in_regex - in_regex0) / args.n
    base = per_article["textstat flesch_reading_ease"]
    symbols = all(value > 0 for value in regex.values())  # else the regex engine's functions had no names
    print(f"{args.n} BBC articles, instructions per article (callgrind):")
    for name, value in per_article.items():
        share = f"   in the regex engine: {regex[name] / 1e6:5.2f} M ({regex[name] / base:.2f}x textstat)"
        print(f"  {name:32s} {value / 1e6:7.2f} M   cost vs textstat: {value / base:5.2f}x{share if symbols else ''}")
    if not symbols:
        print("  (no instructions named after Modules/_sre: this Python has no debug symbols; share not recorded)")
    record = {
        "articles": args.n,
        "instructions_per_article": {k: round(v) for k, v in per_article.items()},
        **({"regex_engine_per_article": {k: round(v) for k, v in regex.items()}} if symbols else {}),
        "command": f"python benchmarks/instructions.py --n {args.n}",
    }
    write_result(ROOT / "benchmarks" / "results" / "instructions.json", record)


if __name__ == "__main__":
    main()
