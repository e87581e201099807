"""The long fuzz run: N seeded cases of ``tests/fuzzing.py`` through ``Extractor.extract``.

    python benchmarks/fuzz.py [--cases 100000] [--seed 20261206] [--workers 2]
    python benchmarks/fuzz.py --seed S --start I --cases 1 --show      # replay one case

Prints the number of cases, failures (each with its case name, so it can be replayed), cases
per kind, total characters and seconds, and the slowest case in characters per second. Exit
status 1 when any case failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

_extractor = None


def _run_range(bounds: tuple[int, int, int]) -> tuple[list[str], Counter, int, tuple[float, str, int]]:
    """Run cases [start, stop) of ``seed`` in this process; failures, kinds, chars, slowest."""
    global _extractor
    from fuzzing import case, run_case

    from pipeline.run.extractor import Extractor

    if _extractor is None:
        _extractor = Extractor()
    seed, start, stop = bounds
    failures, kinds, chars = [], Counter(), 0
    slowest = (float("inf"), "", 0)  # (chars/s, case name, chars)
    for index in range(start, stop):
        c = case(seed, index)
        kinds[c.kind] += 1
        began = time.perf_counter()
        failure = run_case(_extractor, c)
        took = time.perf_counter() - began
        n = len(c.data)
        chars += n
        if failure:
            failures.append(failure)
        if n >= 200 and n / took < slowest[0]:  # tiny cases measure only per-document overhead
            slowest = (n / took, c.name, n)
    return failures, kinds, chars, slowest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--start", type=int, default=0, help="first case index")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=500, help="cases per task")
    parser.add_argument("--show", action="store_true", help="print each case's input (repr)")
    args = parser.parse_args()

    if args.show:
        from fuzzing import case

        for index in range(args.start, args.start + args.cases):
            c = case(args.seed, index)
            print(c.name, repr(c.data[:2000]))
    stop = args.start + args.cases
    chunks = [(args.seed, a, min(a + args.chunk, stop)) for a in range(args.start, stop, args.chunk)]
    began = time.perf_counter()
    failures, kinds, chars = [], Counter(), 0
    slowest = (float("inf"), "", 0)
    if args.workers > 1:
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            parts = pool.imap_unordered(_run_range, chunks)
            parts = list(parts)
    else:
        parts = map(_run_range, chunks)
    for done, (f, k, n, s) in enumerate(parts, 1):
        failures += f
        kinds += k
        chars += n
        slowest = min(slowest, s)
        if done % 20 == 0:
            print(f"  {sum(kinds.values()):,} cases, {len(failures)} failures", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - began
    for f in failures:
        print("FAIL", f)
    print(f"seed {args.seed}, cases {args.start}..{stop - 1}: {sum(kinds.values()):,} cases, "
          f"{len(failures)} failures, {chars:,} characters/bytes in {seconds:.0f} s ({args.workers} workers)")
    print("cases per kind: " + ", ".join(f"{k} {n:,}" for k, n in sorted(kinds.items())))
    if slowest[1]:
        print(f"slowest case (of those >= 200 characters): {slowest[1]}, {slowest[2]:,} characters "
              f"at {slowest[0]:,.0f} chars/s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
