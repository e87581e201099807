"""Time and peak memory of one large document against its size (issue: large documents).

    python benchmarks/scaling.py [--sizes 0.1,0.5,1,2,5] [--pages DIR] [--repeat N]

Each size is one document: whole pages of ``corpus/`` (or of ``--pages DIR``), decoded and
joined by blank lines, repeated in order until the text reaches that many megabytes of UTF-8
(2 MB is ~750 k characters of Chinese). Every size runs in a fresh subprocess, so its peak RSS
(``ru_maxrss`` of that child) is its own; the clock starts after the child has built the
pipeline and run one page through it, and the best of ``--repeat`` runs is kept. The first row,
``pages``, is the same pages as page-sized documents (one pass over the directory), so the last
column compares each size with page-sized speed measured in the same run.

Prints one table: MB, characters, articles found, seconds, chars/s, peak RSS MB, ratio to pages.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_pages(directory: Path) -> list[str]:
    """The pages of ``directory`` (``*.txt``, sorted by name), decoded as the pipeline decodes."""
    sys.path.insert(0, str(ROOT))
    from pipeline.text import decode

    pages = [decode(p.read_bytes(), name=p.name).text.strip()
             for p in sorted(directory.glob("*.txt"))]
    pages = [p for p in pages if p]
    if not pages:
        raise SystemExit(f"{directory}: no non-empty *.txt pages")
    return pages


def one_document(pages: list[str], megabytes: float) -> str:
    """Whole pages, in order and repeated, joined by blank lines up to ``megabytes`` of UTF-8."""
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size, i = 0, 0
    while size < target:
        page = pages[i % len(pages)]
        parts.append(page)
        size += len(page.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------------------- one size, in a child


def run_child(pages_dir: Path, size: str, repeat: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from pipeline.api import Extractor

    pages = read_pages(pages_dir)
    extractor = Extractor(max_chars=50_000_000)
    extractor.extract(pages[0], doc_id="warm-up")
    if size == "pages":
        documents = pages
    else:
        documents = [one_document(pages, float(size))]
    best = None
    articles = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        articles = sum(len(extractor.extract(d, doc_id="scaling").articles) for d in documents)
        seconds = time.perf_counter() - t0
        best = seconds if best is None else min(best, seconds)
    chars = sum(len(d) for d in documents)
    return dict(size=size, mb=sum(len(d.encode("utf-8")) for d in documents) / 1e6, chars=chars,
                articles=articles, seconds=best, chars_per_s=chars / best,
                peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def measure(pages_dir: Path, size: str, repeat: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", size, "--pages", str(pages_dir), "--repeat", str(repeat)],
        check=True, capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,0.5,1,2,5", help="megabytes, comma-separated")
    parser.add_argument("--pages", type=Path, default=ROOT / "corpus", help="directory of *.txt pages")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is kept")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.pages, args.child, args.repeat)))
        return 0
    sizes = ["pages"] + [s.strip() for s in args.sizes.split(",") if s.strip()]
    rows = []
    for size in sizes:
        row = measure(args.pages, size, args.repeat)
        print(f"  {size}: {row['seconds']:.1f} s, {row['peak_mb']:.0f} MB", file=sys.stderr, flush=True)
        rows.append(row)
    page_speed = rows[0]["chars_per_s"]
    print(f"{'document':<10}{'MB':>6}{'chars':>11}{'articles':>10}{'seconds':>9}{'chars/s':>9}"
          f"{'peak MB':>9}{'vs pages':>9}")
    for row in rows:
        name = "pages" if row["size"] == "pages" else "one file"
        print(f"{name:<10}{row['mb']:>6.2f}{row['chars']:>11,}{row['articles']:>10,}"
              f"{row['seconds']:>9.1f}{row['chars_per_s']:>9,.0f}{row['peak_mb']:>9,.0f}"
              f"{row['chars_per_s'] / page_speed:>8.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
