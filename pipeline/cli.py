"""Command line: argument parsing and I/O only; every decision lives in the layers below.

The console script ``newsie``, ``python -m pipeline`` and the repository's ``cli.py`` all run
:func:`main`::

    python cli.py extract INPUT... [-o OUT.jsonl] [--pub-date YYYY-MM-DD] [--workers N] [--resume]
    python cli.py evaluate GOLD_OR_DIR... [--json] [--fail-under KEY=VALUE ...]
    python cli.py render INPUT... -o report.html
    python cli.py schema

INPUT is a ``.txt`` file, a directory (searched recursively for ``*.txt``), ``-`` for standard
input, or a ``.jsonl`` file of ``{"id", "text", "pub_date"}`` lines. One output line per input
document, in input order; a document that cannot be read or processed gives an error record
naming it and the reason, and the batch goes on. Exit status: 0 all documents processed,
1 some documents failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from .run.inputs import iter_inputs


# ---------------------------------------------------------------------------- output


class JsonlWriter:
    """One record a line, each written with a single ``write`` and flushed, so a killed run
    leaves at most one partial last line, which ``--resume`` cuts off."""

    def __init__(self, path: str | None, *, resume: bool, force: bool):
        self.done: set[str] = set()
        if path is None or path == "-":
            self.fd = sys.stdout.fileno()
            self.close_fd = False
            return
        target = Path(path)
        if target.exists() and not (resume or force):
            raise SystemExit(f"error: {target} exists; use --resume to continue it or --force to overwrite")
        if resume and target.exists():
            self.done = _completed_ids(target)
            flags = os.O_WRONLY | os.O_APPEND
        else:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        target.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(target, flags, 0o644)
        self.close_fd = True

    def write(self, record_json: str) -> None:
        data = (record_json + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]

    def close(self) -> None:
        if self.close_fd:
            os.fsync(self.fd)
            os.close(self.fd)


def _completed_ids(path: Path) -> set[str]:
    """doc_ids of whole lines in ``path``; a partial last line (a killed run) is cut off."""
    done: set[str] = set()
    good_end = 0
    with path.open("rb") as fh:
        offset = 0
        for line in fh:
            offset += len(line)
            if not line.endswith(b"\n"):
                break
            try:
                done.add(json.loads(line)["doc_id"])
            except (json.JSONDecodeError, KeyError, UnicodeDecodeError, TypeError):
                break
            good_end = offset
    if good_end < path.stat().st_size:
        with path.open("r+b") as fh:
            fh.truncate(good_end)
    return done


# ---------------------------------------------------------------------------- commands


def safe_file_name(doc_id: str) -> str:
    """A file name for ``doc_id`` that stays inside the output directory.

    Path separators, ``..``, control characters and anything outside word characters, ``.``,
    ``-`` are replaced; a name that ends up empty or reserved becomes a hash of the id.

    >>> safe_file_name("../../etc/passwd"), safe_file_name("阳泉/p1"), safe_file_name("..")
    ('etc_passwd', '阳泉_p1', 'doc-9d891e731f')
    """
    import hashlib
    import re

    name = re.sub(r"[^\w.\-]+", "_", doc_id, flags=re.UNICODE).strip("._")
    name = re.sub(r"\.{2,}", ".", name)[:150]
    if not name:
        name = "doc-" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:10]
    return name


class DirectoryWriter:
    """One ``<doc_id>.json`` a document, written to a temporary name and renamed (atomic)."""

    def __init__(self, directory: str, *, resume: bool, force: bool):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.done: set[str] = set()
        self.resume, self.force = resume, force
        if resume:
            for path in self.dir.glob("*.json"):
                try:
                    self.done.add(json.loads(path.read_text(encoding="utf-8"))["doc_id"])
                except (OSError, ValueError, KeyError, TypeError):
                    continue

    def write(self, record_json: str, doc_id: str) -> None:
        target = (self.dir / (safe_file_name(doc_id) + ".json")).resolve()
        if target.parent != self.dir.resolve():
            raise SystemExit(f"error: refusing to write {doc_id!r} outside {self.dir}")
        if target.exists() and not (self.force or self.resume):
            raise SystemExit(f"error: {target} exists; use --force to overwrite or --resume")
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(record_json + "\n", encoding="utf-8")
        os.replace(tmp, target)

    def close(self) -> None:
        pass


def cmd_extract(args: argparse.Namespace) -> int:
    from .run.extractor import Extractor

    if args.output_dir and args.output:
        raise SystemExit("error: give -o OUT.jsonl or --output-dir DIR, not both")
    if args.output_dir:
        writer: Any = DirectoryWriter(args.output_dir, resume=args.resume, force=args.force)
    else:
        writer = JsonlWriter(args.output, resume=args.resume, force=args.force)
    items = iter_inputs(args.inputs, pub_date=args.pub_date)
    if writer.done:
        items = (it for it in items if str(it.get("id")) not in writer.done)
    # with several workers each loads its own pipeline (the parent never builds one; the
    # extractor builds lazily) and sends JSON lines
    extractor = Extractor(max_chars=args.max_chars, timeout=args.timeout)
    results = extractor.extract_json(items, n_process=max(args.workers, 1), batch_size=args.batch_size)
    progress = None
    if args.progress or (args.progress is None and sys.stderr.isatty()):
        from tqdm import tqdm

        progress = tqdm(unit="doc", file=sys.stderr)
    failed = 0
    try:
        for record in results:
            if record.error is not None:
                failed += 1
                print(f"error: {record.doc_id}: {record.error}", file=sys.stderr)
            if isinstance(writer, DirectoryWriter):
                writer.write(record.json, record.doc_id)
            else:
                writer.write(record.json)
            if progress is not None:
                progress.update(1)
    finally:
        writer.close()
        if progress is not None:
            progress.close()
    return 1 if failed else 0


def cmd_dask_extract(args: argparse.Namespace) -> int:
    from .run.cluster import run

    paths = run(args.inputs, args.output_dir, scheduler=args.scheduler, workers=args.workers,
                blocksize=args.blocksize, pub_date=args.pub_date)
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            failed += sum(1 for line in fh if '"error":' in line and '"articles"' not in line)
    print(f"wrote {len(paths)} partition(s) to {args.output_dir}; {failed} error record(s)", file=sys.stderr)
    return 1 if failed else 0


def cmd_segment(args: argparse.Namespace) -> int:
    from .core.text import DecodeError, decode
    from .language.segment import segment

    data = sys.stdin.buffer.read() if args.input == "-" else Path(args.input).read_bytes()
    try:
        text = decode(data, name=args.input).text
    except DecodeError as exc:
        print(f"error: {args.input}: {exc}", file=sys.stderr)
        return 1
    for line in text.splitlines():
        print(" ".join(segment(line)))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import json_schema_text

    sys.stdout.write(json_schema_text())
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .tools.evaluate import main as evaluate_main

    return evaluate_main(args)


def cmd_render(args: argparse.Namespace) -> int:
    from .tools.render import main as render_main

    return render_main(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsie", description="Chinese news information extraction")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract entities and events to JSONL")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, directory, '-' or .jsonl")
    p.add_argument("-o", "--output", help="output JSONL (default: standard output)")
    p.add_argument("--pub-date", help="publication date YYYY-MM-DD for inputs that give none")
    p.add_argument("--workers", type=int, default=1, help="processes to use (default 1)")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--resume", action="store_true", help="skip documents already in the output")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--output-dir", help="write one <doc_id>.json a document into this directory")
    p.add_argument("--max-chars", type=int, default=5_000_000, help="refuse larger documents")
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds one document may take before it becomes an error record")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score the pipeline on gold pages or NER sentence files")
    p.add_argument("paths", nargs="+", metavar="GOLD_OR_DIR")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--fail-under", nargs="*", default=[], metavar="KEY=VALUE",
                   help="exit 1 when a figure falls below its floor, e.g. DATE.f1=0.8")
    p.add_argument("--limit", type=int, default=None, help="score only the first N sentences of a .jsonl")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("render", help="an HTML report of what was extracted")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--pub-date")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("dask-extract", help="extract partitioned JSONL on a Dask cluster")
    p.add_argument("inputs", nargs="+", metavar="JSONL_OR_GLOB")
    p.add_argument("-o", "--output-dir", required=True, help="directory for part-NNNNN.jsonl")
    p.add_argument("--scheduler", help="address of a running scheduler (default: a local cluster)")
    p.add_argument("--workers", type=int, default=2, help="local cluster size (default 2)")
    p.add_argument("--blocksize", default=None, help="cut input files into blocks of this size")
    p.add_argument("--pub-date")
    p.set_defaults(func=cmd_dask_extract)

    p = sub.add_parser("segment", help="word segmentation (our pkuseg model), one line in, one line out")
    p.add_argument("input", nargs="?", default="-", help="text file (default: standard input)")
    p.set_defaults(func=cmd_segment)

    p = sub.add_parser("schema", help="print the JSON Schema of an output line")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
