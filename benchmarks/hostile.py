"""Time per megabyte of hostile pages through the whole pipeline (issue: hostile input).

    python benchmarks/hostile.py [--mb 1]

Each input is built to about ``--mb`` megabytes of UTF-8 and run once through
``Extractor.extract``; prints seconds and seconds per MB, slowest first.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PIECES = {
    "digits": "1234567890",
    "wan": "万",
    "mixed-numerals": "一二三四五六七八九十百千万亿零〇点" * 50 + "3.5万亿元，",
    "no-punctuation-line": "县委书记调研项目总投资亿元",
    "dateline-spam": "本报讯 3月5日，",
    "open-brackets": "（",
    "quotes": "“",
    "short-lines": "县委 \n\n",
    "caption-spam": "园区俯瞰图 ■ 高新区供图\n",
    "money-ranges": "3000至5000万元、5-10万平方米、约近余多超",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()
    from pipeline.run.extractor import Extractor

    extractor = Extractor(max_chars=50_000_000)
    rows = []
    for name, piece in PIECES.items():
        n = max(1, int(args.mb * 1_000_000 / len(piece.encode("utf-8"))))
        text = piece * n
        mb = len(text.encode("utf-8")) / 1_000_000
        t0 = time.perf_counter()
        extractor.extract(text, doc_id=name)
        seconds = time.perf_counter() - t0
        rows.append((seconds / mb, seconds, mb, name))
        print(f"  {name}: {seconds:.2f} s for {mb:.2f} MB", file=sys.stderr, flush=True)
    print(f"{'input':<22}{'MB':>6}{'seconds':>10}{'s per MB':>10}")
    for per_mb, seconds, mb, name in sorted(rows, reverse=True):
        print(f"{name:<22}{mb:>6.2f}{seconds:>10.2f}{per_mb:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
