"""Full scoring with evidence, this checkout against an earlier commit, side by side in one run.

    python benchmarks/speed_vs.py REV [--n 1000] [--rounds 5]

The earlier commit is checked out into a temporary git worktree; each round scores the same
``--n`` BBC articles once with each code, every run in a process of its own pinned to one core
and settled as the command line settles (``batch.settle``), alternating which goes first. The
figure is the best round of each (the least disturbed by the shared machine) and their ratio.
Writes benchmarks/results/speed_vs.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from provenance import write_result

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "speed_vs.json"


def work(n: int) -> None:
    """In the measured process: load and settle, then print the CPU seconds of scoring ``n`` articles.

    Code older than ``batch.settle`` (before 0f662a7) is settled the same way by hand: every lazy
    resource loaded by scoring a text, then the heap frozen, so both codes are timed alike.
    """
    import gc

    from speed import articles

    from scorer import load_model, score_many

    texts = articles(n)
    scorer = load_model()
    try:
        from scorer.batch import settle
    except ImportError:
        list(score_many(articles(1), model=scorer, evidence=True))
        gc.freeze()
    else:
        settle(scorer)
    started = time.process_time()
    list(score_many(texts, model=scorer, evidence=True))
    print(json.dumps({"cpu_s": time.process_time() - started}))


def run(code: Path, n: int) -> float:
    """CPU seconds of one run of ``work`` with the package at ``code`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONHASHSEED": "0"}
    cmd = ["taskset", "-c", "0", sys.executable, str(Path(__file__).resolve()), "--work", "--n", str(n)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env, cwd=code)
    return json.loads(done.stdout.strip().splitlines()[-1])["cpu_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", nargs="?", help="the earlier commit to compare with")
    parser.add_argument("--n", type=int, default=1000, help="articles per run (default 1000)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of one run each (default 5)")
    parser.add_argument("--work", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.work:
        work(args.n)
        return
    if not args.rev:
        parser.error("give the commit to compare with")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    with tempfile.TemporaryDirectory() as tmp:
        earlier = Path(tmp) / "earlier"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(earlier), args.rev], check=True, cwd=ROOT)
        try:
            best = {"earlier": float("inf"), "this": float("inf")}
            for r in range(args.rounds):
                order = [("earlier", earlier), ("this", ROOT)]
                for name, code in order if r % 2 == 0 else order[::-1]:
                    best[name] = min(best[name], run(code, args.n))
                print(f"round {r + 1}: " + ", ".join(f"{k} {args.n / v:.0f}/s" for k, v in best.items()), flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(earlier)], check=False, cwd=ROOT)
    report = {
        "articles": args.n,
        "rounds": args.rounds,
        "earlier": args.rev,
        "this": head.strip(),
        "articles_per_s": {k: round(args.n / v, 1) for k, v in best.items()},
        "speed_up": round(best["earlier"] / best["this"], 3),
        "command": f"python benchmarks/speed_vs.py {args.rev} --n {args.n} --rounds {args.rounds}",
    }
    print(f"this checkout scores {report['speed_up']:.2f}x the articles/s of {args.rev} (one core, with evidence)")
    write_result(OUT, report)
    print(f"-> {OUT}")


if __name__ == "__main__":
    main()
