"""Speed of the archive tools: lossy decoding, the HTML and PDF readers, table export.

    python benchmarks/archive.py [--copies 1]

The input is our corpus (30 pages, all of them one after the other, ``--copies`` times): as a
UTF-8 page with a stray byte, as one web page (tests/test_readers.py's builder: navigation and
footer around the paragraphs), as a four-column e-paper PDF (same builder; needs reportlab),
and as extraction output exported to CSV and Parquet. Prints seconds and throughput; skips what
an optional extra it lacks would need.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=1)
    args = ap.parse_args()

    from pipeline.core.text import decode

    pages = sorted((ROOT / "corpus").glob("*.txt"))
    text = "\n".join(decode(p.read_bytes()).text for p in pages) * args.copies
    data = text.encode("utf-8")
    print(f"input: {len(pages)} pages x {args.copies}, {len(text):,} characters")

    _, clean = timed(decode, data)
    damaged = data[: len(data) // 2] + b"\xff" + data[len(data) // 2:]
    _, lossy = timed(decode, damaged)
    print(f"decode: clean {clean:.3f} s, with a stray byte {lossy:.3f} s (lossy path)")

    try:
        from test_readers import make_html, make_pdf

        from pipeline.core.readers import read_html, read_pdf
    except ImportError as exc:
        print(f"readers: skipped ({exc})")
    else:
        try:
            read, secs = timed(read_html, make_html(text))
            print(f"html: {secs:.2f} s, {len(read.text) / secs:,.0f} chars/s ({read.how['method']})")
        except Exception as exc:  # noqa: BLE001 - a missing extra is reported, not fatal
            print(f"html: skipped ({exc})")
        try:
            pdf, n_pages = make_pdf(text, columns=4)
            read, secs = timed(read_pdf, pdf)
            print(f"pdf: {n_pages} pages, {secs:.2f} s, {len(read.text) / secs:,.0f} chars/s")
        except Exception as exc:  # noqa: BLE001
            print(f"pdf: skipped ({exc})")

    from pipeline.run.extractor import Extractor
    from pipeline.tools.export import export

    results = list(Extractor().extract_many([p.read_bytes() for p in pages] * args.copies))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        out.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
        for formats in (["csv"], ["parquet"]):
            try:
                summary, secs = timed(export, out, Path(tmp) / formats[0], formats=formats)
            except Exception as exc:  # noqa: BLE001
                print(f"export {formats[0]}: skipped ({exc})")
                continue
            rows = sum(summary.rows.values())
            print(f"export {formats[0]}: {len(results)} records, {rows:,} rows in {secs:.2f} s "
                  f"({rows / secs:,.0f} rows/s)")


if __name__ == "__main__":
    main()
