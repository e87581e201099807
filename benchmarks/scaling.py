"""Time and peak memory of one large document against its size (issue: large documents).

    python benchmarks/scaling.py [--sizes 0.1,0.5,1,2,5] [--pages DIR] [--repeat N]

Each size is one document: whole pages of ``corpus/`` (or of ``--pages DIR``), decoded and
joined by blank lines, repeated in order until the text reaches that many megabytes of UTF-8
(2 MB is ~750 k characters of Chinese). Every size runs in a fresh subprocess, so its peak RSS
(``ru_maxrss`` of that child) is its own; the clock starts after the child has built the
pipeline and run one page through it, and the best of ``--repeat`` runs is kept. The first row,
``pages``, is the same pages as page-sized documents (one pass over the directory), so the last
column compares each size with page-sized speed measured in the same run.

Prints one Markdown table: MB, characters, articles found, seconds, chars/s and its ratio to the
pages' chars/s, CPU seconds and chars per CPU second (steadier than the clock on a shared
machine), peak RSS MB.
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
    from pipeline.core.text import decode

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
    from pipeline.run.extractor import Extractor

    pages = read_pages(pages_dir)
    extractor = Extractor(max_chars=50_000_000)
    extractor.extract(pages[0], doc_id="warm-up")
    if size == "pages":
        documents = pages
    else:
        documents = [one_document(pages, float(size))]
    runs = []
    articles = 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        articles = sum(len(extractor.extract(d, doc_id="scaling").articles) for d in documents)
        runs.append((time.perf_counter() - t0, time.process_time() - c0))
    seconds, cpu = min(runs)
    chars = sum(len(d) for d in documents)
    return dict(size=size, mb=sum(len(d.encode("utf-8")) for d in documents) / 1e6, chars=chars,
                articles=articles, seconds=seconds, cpu_seconds=cpu, chars_per_s=chars / seconds,
                chars_per_cpu_s=chars / cpu,
                peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def measure(pages_dir: Path, size: str, repeat: int) -> dict:
    """One size in a fresh process; ``{"size", "failed"}`` with the child's last error line if it
    failed (before issue 18, spaCy refused documents over 1,000,000 characters)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", size, "--pages", str(pages_dir), "--repeat", str(repeat)],
        capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if out.returncode != 0:
        return dict(size=size, failed=(out.stderr.strip().splitlines() or ["no output"])[-1][:160])
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
        done = row.get("failed") or f"{row['seconds']:.1f} s, {row['peak_mb']:.0f} MB"
        print(f"  {size}: {done}", file=sys.stderr, flush=True)
        rows.append(row)
    page_speed = rows[0]["chars_per_s"]
    print(f"| document | MB | chars | articles | seconds | chars/s | vs pages | CPU s | chars/CPU s | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        if "failed" in row:
            print(f"| one file | {row['size']} | | | failed: {row['failed']} | | | | | |")
            continue
        name = "pages one by one" if row["size"] == "pages" else "one file"
        print(f"| {name} | {row['mb']:.2f} | {row['chars']:,} | {row['articles']:,} | {row['seconds']:.1f} "
              f"| {row['chars_per_s']:,.0f} | {row['chars_per_s'] / page_speed:.2f}× | {row['cpu_seconds']:.1f} "
              f"| {row['chars_per_cpu_s']:,.0f} | {row['peak_mb']:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
