"""Command line: argument parsing and I/O only; every decision lives in the layers below.

The console script ``newsie``, ``python -m pipeline`` and the repository's ``cli.py`` all run
:func:`main`::

    python cli.py extract INPUT... [-o OUT.jsonl | --output-dir DIR] [--pub-date YYYY-MM-DD]
                          [--glob PATTERN] [--workers N] [--resume [--retry-errors]] [--no-text]
    python cli.py export OUT.jsonl --to DIR [--format csv,parquet] [--label L] [--event-type T]
    python cli.py evaluate GOLD_OR_DIR... [--json] [--fail-under KEY=VALUE ...]
    python cli.py render INPUT_OR_OUT.jsonl... -o report.html
    python cli.py dask-extract INPUT... -o DIR [--force]
    python cli.py schema

INPUT is a file (text, or HTML/PDF with their extras), a directory (searched recursively for
``--glob``, by default ``*.txt`` case-insensitively), ``-`` for standard input, or a ``.jsonl``
file of ``{"id", "text", "pub_date"}`` lines. A file's id is its path under the directory given,
without ``.txt`` (:mod:`pipeline.run.inputs`). One output line per input document, in input
order; a document that cannot be read or processed gives an error record naming it and the
reason, and the batch goes on; a summary line ends the run on stderr. Exit status (every
subcommand): 0 all documents processed, 1 some documents failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .errors import UsageError


# ---------------------------------------------------------------------------- output


class JsonlWriter:
    """One record a line, each written with a single ``write`` and flushed, so a killed run
    leaves at most one partial last line, which ``--resume`` cuts off.

    ``done``: ids already in the file (``resume``); with ``retry_errors`` the error records are
    taken out of the file first and their ids are not done, so they run again."""

    def __init__(self, path: str | None, *, resume: bool, force: bool, retry_errors: bool = False):
        self.done: set[str] = set()
        if path is None or path == "-":
            self.fd = sys.stdout.fileno()
            self.close_fd = False
            return
        target = Path(path)
        if target.exists() and not (resume or force):
            raise UsageError(f"{target} exists; use --resume to continue it or --force to overwrite")
        if resume and target.exists():
            self.done = _completed_ids(target, drop_errors=retry_errors)
            flags = os.O_WRONLY | os.O_APPEND
        else:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        target.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(target, flags, 0o644)
        self.close_fd = True

    def write(self, record_json: str, doc_id: str | None = None) -> None:
        data = (record_json + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]

    def close(self) -> None:
        if self.close_fd:
            os.fsync(self.fd)
            os.close(self.fd)


def _completed_ids(path: Path, *, drop_errors: bool = False) -> set[str]:
    """doc_ids of whole lines in ``path``; a partial last line (a killed run) is cut off. With
    ``drop_errors`` the error records' lines are removed from the file (atomically) and their
    ids left out, so they are done again."""
    done: set[str] = set()
    keep: list[bytes] = []
    dropped = 0
    good_end = 0
    with path.open("rb") as fh:
        offset = 0
        for line in fh:
            offset += len(line)
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
                doc_id = record["doc_id"]
            except (json.JSONDecodeError, KeyError, UnicodeDecodeError, TypeError):
                break
            good_end = offset
            if drop_errors and "error" in record:
                dropped += 1
                continue
            done.add(doc_id)
            keep.append(line)
    if dropped:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(b"".join(keep))
        os.replace(tmp, path)
    elif good_end < path.stat().st_size:
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
    import re

    name = re.sub(r"[^\w.\-]+", "_", doc_id, flags=re.UNICODE).strip("._")
    name = re.sub(r"\.{2,}", ".", name)[:150]
    if not name:
        name = "doc-" + _id_hash(doc_id)
    return name


def _id_hash(doc_id: str) -> str:
    import hashlib

    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:10]


class DirectoryWriter:
    """One ``<doc_id>.json`` a document, written to a temporary name and renamed (atomic).

    Two ids of a run that make one file name (``a/b`` and ``a_b``) are kept apart: the second
    gets a hash of its id appended. ``done``: ids of the records already there (``resume``);
    with ``retry_errors`` the error records are not done, and are overwritten."""

    def __init__(self, directory: str, *, resume: bool, force: bool, retry_errors: bool = False):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.done: set[str] = set()
        self.resume, self.force = resume, force
        self.names: dict[str, str] = {}  # file name -> the id written to it in this run
        if resume:
            for path in self.dir.glob("*.json"):
                try:
                    record = json.loads(path.read_text(encoding="utf-8"))
                    if not (retry_errors and "error" in record):
                        self.done.add(record["doc_id"])
                except (OSError, ValueError, KeyError, TypeError):
                    continue

    def write(self, record_json: str, doc_id: str) -> None:
        name = safe_file_name(doc_id)
        if self.names.setdefault(name, doc_id) != doc_id:
            name = f"{name}-{_id_hash(doc_id)}"
            self.names[name] = doc_id
        target = (self.dir / (name + ".json")).resolve()
        if target.parent != self.dir.resolve():
            raise UsageError(f"refusing to write {doc_id!r} outside {self.dir}")
        if target.exists() and not (self.force or self.resume):
            raise UsageError(f"{target} exists; use --force to overwrite or --resume")
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(record_json + "\n", encoding="utf-8")
        os.replace(tmp, target)

    def close(self) -> None:
        pass


class RunSummary:
    """Counts for the line at the end of a run: documents, errors by kind, characters a second."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.documents = 0
        self.skipped = 0
        self.chars = 0
        self.errors: Counter[str] = Counter()

    def add(self, record: Any) -> None:
        self.documents += 1
        self.chars += record.chars
        if record.error is not None:
            self.errors[record.error_type or "error"] += 1

    def line(self) -> str:
        seconds = max(time.monotonic() - self.started, 1e-9)
        errors = sum(self.errors.values())
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.errors.items()))
        parts = [f"{self.documents} document(s)", f"{self.documents - errors} ok",
                 f"{errors} error(s)" + (f" ({kinds})" if kinds else "")]
        if self.skipped:
            parts.append(f"{self.skipped} skipped as done (--resume)")
        parts.append(f"{self.chars:,} chars in {seconds:.1f} s ({self.chars / seconds:,.0f} chars/s)")
        return "newsie: " + ", ".join(parts)


def checked_pub_date(value: str | None) -> str | None:
    """``--pub-date`` as given, or :class:`UsageError` when it is no YYYY-MM-DD date."""
    if value is None:
        return None
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--pub-date {value!r} is not a YYYY-MM-DD date") from None
    return value


def planned_sources(inputs: list[str], globs: list[str] | None) -> list[Any]:
    """The inputs' sources (:func:`~pipeline.run.inputs.plan_inputs`), refused with a usage error
    when there are none or when a web page or PDF is asked for without its reader's extra."""
    import importlib.util

    from .core.readers import kind_of
    from .run.inputs import default_globs, plan_inputs

    sources = plan_inputs(inputs, globs=tuple(globs) if globs else None)
    if not sources:
        patterns = ", ".join(globs or default_globs())
        raise UsageError(f"no documents in {' '.join(inputs)} (a directory is searched for {patterns}, "
                         "case-insensitively; choose others with --glob)")
    needs = {"html": ("trafilatura", "html"), "pdf": ("pdfminer", "pdf")}
    for src in sources:
        if src.kind != "file":
            continue
        kind = kind_of(b"", src.path.name)
        if kind in needs and importlib.util.find_spec(needs[kind][0]) is None:
            raise UsageError(f"{src.path}: reading {kind.upper()} needs an optional extra: "
                             f'pip install "newsie[{needs[kind][1]}]"')
    return sources


def cmd_extract(args: argparse.Namespace) -> int:
    from .run.extractor import Extractor
    from .run.inputs import iter_inputs

    if args.output_dir and args.output:
        raise UsageError("give -o OUT.jsonl or --output-dir DIR, not both")
    pub_date = checked_pub_date(args.pub_date)
    sources = planned_sources(args.inputs, args.glob)
    resume = args.resume or args.retry_errors
    # before any output is opened: a NEWS_MODEL_DIR that names no model stops here, writing nothing.
    # With several workers each loads its own pipeline (the parent never builds one; the
    # extractor builds lazily) and sends JSON lines
    extractor = Extractor(max_chars=args.max_chars, timeout=args.timeout)
    if args.output_dir:
        writer: Any = DirectoryWriter(args.output_dir, resume=resume, force=args.force,
                                      retry_errors=args.retry_errors)
    else:
        writer = JsonlWriter(args.output, resume=resume, force=args.force, retry_errors=args.retry_errors)
    summary = RunSummary()
    items = iter_inputs(sources, pub_date=pub_date)
    if writer.done:
        def not_done(items):
            for it in items:
                if str(it.get("id")) in writer.done:
                    summary.skipped += 1
                else:
                    yield it
        items = not_done(items)
    results = extractor.extract_json(items, n_process=max(args.workers, 1), batch_size=args.batch_size)
    progress = None
    if args.progress or (args.progress is None and sys.stderr.isatty()):
        from tqdm import tqdm

        progress = tqdm(unit="doc", file=sys.stderr)
    try:
        for record in results:
            summary.add(record)
            if record.error is not None:
                named = record.error.startswith(record.doc_id)  # messages name their document
                print(f"error: {record.error}" if named else f"error: {record.doc_id}: {record.error}",
                      file=sys.stderr)
            line = record.json
            if args.no_text and record.error is None:
                from .tools.export import strip_text

                line = json.dumps(strip_text(json.loads(line)), ensure_ascii=False, separators=(",", ":"))
            writer.write(line, record.doc_id)
            if progress is not None:
                progress.update(1)
    finally:
        writer.close()
        if progress is not None:
            progress.close()
    print(summary.line(), file=sys.stderr)
    if summary.documents == 0 and not summary.skipped:
        print("error: the input held no documents", file=sys.stderr)
        return 2
    return 1 if summary.errors else 0


def cmd_dask_extract(args: argparse.Namespace) -> int:
    try:
        from .run.cluster import run
        import dask.distributed  # noqa: F401 - the extra, checked before any work
    except ImportError as exc:
        raise UsageError(f'dask-extract needs the dask extra: pip install "newsie[dask]" ({exc})') from None

    pub_date = checked_pub_date(args.pub_date)
    out = Path(args.output_dir)
    existing = sorted(out.glob("part-*.jsonl")) if out.is_dir() else []
    if existing and not args.force:
        raise UsageError(f"{out} already holds {len(existing)} part file(s); use --force to overwrite")
    for old in existing:
        old.unlink()
    summary = RunSummary()
    paths = run(args.inputs, args.output_dir, scheduler=args.scheduler, workers=args.workers,
                blocksize=args.blocksize, pub_date=pub_date, globs=tuple(args.glob) if args.glob else None)
    parts_of_id: dict[str, list[str]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                error = record.get("error")
                summary.documents += 1
                summary.chars += len(record.get("text") or "")
                if error:
                    summary.errors[error.get("type", "error")] += 1
                parts_of_id.setdefault(str(record.get("doc_id")), []).append(path.name)
    print(f"wrote {len(paths)} partition(s) to {args.output_dir}", file=sys.stderr)
    # Partitions are read apart, so an id given twice (two JSONL files, or a bad line's
    # "line N" in two partitions) cannot be refused up front as `extract` does; every record is
    # written, and the user is told which ids no longer name one document.
    repeated = {i: parts for i, parts in parts_of_id.items() if len(parts) > 1}
    if repeated:
        shown = "; ".join(f"{i!r} ({', '.join(parts)})" for i, parts in list(repeated.items())[:5])
        more = f"; and {len(repeated) - 5} more" if len(repeated) > 5 else ""
        print(f"warning: {len(repeated)} id(s) name more than one record: {shown}{more}", file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    if summary.documents == 0:
        print("error: the input held no documents", file=sys.stderr)
        return 2
    return 1 if summary.errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from .tools.export import export

    formats = [f.strip() for part in (args.format or ["csv"]) for f in part.split(",") if f.strip()]
    labels = [x for part in args.label for x in part.split(",") if x] if args.label else None
    types = [x for part in args.event_type for x in part.split(",") if x] if args.event_type else None
    if not Path(args.input).is_file():
        raise UsageError(f"{args.input}: no such file")
    summary = export(args.input, args.to, formats=formats, labels=labels, event_types=types,
                     include_text=args.include_text, csv_bom=args.bom, overwrite=args.force)
    counts = ", ".join(f"{t} {n}" for t, n in summary.rows.items())
    print(f"newsie: wrote {len(summary.files)} file(s) to {args.to}: {counts}", file=sys.stderr)
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    from .core.text import DecodeError, decode
    from .language.segment import segment

    try:
        data = sys.stdin.buffer.read() if args.input == "-" else Path(args.input).read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.input}: cannot read: {exc.strerror or exc}") from None
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
    from ._version import __version__

    parser = argparse.ArgumentParser(prog="newsie", description="Chinese news information extraction")
    parser.add_argument("--version", action="version", version=f"newsie {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    glob_help = ("file pattern for directories, case-insensitive, repeatable (default *.txt, plus "
                 "*.html/*.htm and *.pdf when the html/pdf extras are installed)")
    p = sub.add_parser("extract", help="extract entities and events to JSONL")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, '-' or .jsonl")
    p.add_argument("-o", "--output", help="output JSONL (default: standard output)")
    p.add_argument("--pub-date", help="publication date YYYY-MM-DD for inputs that give none")
    p.add_argument("--glob", action="append", metavar="PATTERN", help=glob_help)
    p.add_argument("--workers", type=int, default=1, help="processes to use (default 1)")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--resume", action="store_true", help="skip documents (by id) already in the output")
    p.add_argument("--retry-errors", action="store_true",
                   help="with --resume: run the documents whose records are errors again")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--output-dir", help="write one <doc_id>.json a document into this directory")
    p.add_argument("--no-text", action="store_true",
                   help="leave the page text out of each record (lines are then not full DocumentResults)")
    p.add_argument("--max-chars", type=int, default=5_000_000, help="refuse larger documents")
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds one document may take before it becomes an error record")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("export", help="extraction output JSONL as CSV/Parquet tables")
    p.add_argument("input", metavar="OUT.jsonl", help="output of extract")
    p.add_argument("--to", required=True, metavar="DIR", help="directory for the table files")
    p.add_argument("--format", action="append", default=None, metavar="csv,parquet",
                   help="table formats, comma-separated (default csv)")
    p.add_argument("--label", action="append", metavar="LABEL", help="keep only entities of these labels")
    p.add_argument("--event-type", action="append", metavar="TYPE", help="keep only events of these types")
    p.add_argument("--include-text", action="store_true", help="put the page text in documents.text")
    p.add_argument("--bom", action="store_true", help="CSV with a UTF-8 byte-order mark (for Excel)")
    p.add_argument("--force", action="store_true", help="overwrite existing table files")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("evaluate", help="score the pipeline on gold pages or NER sentence files")
    p.add_argument("paths", nargs="+", metavar="GOLD_OR_DIR")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--fail-under", nargs="*", default=[], metavar="KEY=VALUE",
                   help="exit 1 when a figure falls below its floor, e.g. DATE.f1=0.8")
    p.add_argument("--limit", type=int, default=None, help="score only the first N sentences of a .jsonl")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("render", help="an HTML report of what was extracted")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="inputs as for extract, or extract's output JSONL (drawn as it is)")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--pub-date")
    p.add_argument("--glob", action="append", metavar="PATTERN", help=glob_help)
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("dask-extract", help="extract partitioned JSONL on a Dask cluster")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="JSONL files or globs of them, or directories / .txt files as for extract")
    p.add_argument("-o", "--output-dir", required=True, help="directory for part-NNNNN.jsonl")
    p.add_argument("--force", action="store_true", help="replace part files already in the directory")
    p.add_argument("--glob", action="append", metavar="PATTERN", help=glob_help)
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


#: Exit status of every subcommand (README "Exit status").
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; exit 0 when every document was processed, 1 when some failed (each
    has its error record), 2 for bad usage (argparse's own errors too): an output that exists
    without --force, -o with --output-dir, a bad --pub-date, an input that is missing or holds
    no documents, two files with one id, an optional extra that is not installed; and for a
    set-up that cannot run at all: a broken rule file, an unreadable lexicon, a NEWS_MODEL_DIR
    that names no model (one message, not an error record per document)."""
    from .errors import SETUP_ERRORS
    from .tools.export import ExportError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, ExportError, *SETUP_ERRORS) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
