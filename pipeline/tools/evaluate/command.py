"""``newsie evaluate``: find gold pages and sentence files, run the extractor, print the table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ...errors import SETUP_ERRORS
from ...schema import EVENT_TYPES, VALUE_LABELS
from ..gold import GoldPage, load_gold
from .figures import UsageError, check_floors, figures, parse_floors
from .scoring import LABELS, NER_LABELS, empty_result, score_page
from .sentences import read_sentences, score_ner_file, score_ner_sentence


@dataclass
class PageJob:
    name: str
    gold_path: Path
    txt_path: Path | None = None
    gold: GoldPage | None = None
    problem: str | None = None


def _gold_name(path: Path) -> str:
    return path.name[: -len(".gold.json")] if path.name.endswith(".gold.json") else path.stem


def find_page(gold_path: Path, gold: GoldPage) -> Path | None:
    """The page of a gold file (module docstring: beside it, ``source``, ``../seeds/source``)."""
    here = gold_path.parent
    candidates = [here / f"{_gold_name(gold_path)}.txt"]
    if gold.source:
        candidates += [here / gold.source, here.parent / "seeds" / gold.source]
    for c in candidates:
        if c.is_file():
            return c
    return None


def page_job(gold_path: Path) -> PageJob:
    job = PageJob(_gold_name(gold_path), gold_path)
    try:
        job.gold = load_gold(gold_path)
    except ValueError as exc:
        job.problem = str(exc).splitlines()[0] + " (" + _short_error(exc) + ")"
        return job
    job.txt_path = find_page(gold_path, job.gold)
    if job.txt_path is None:
        job.problem = (f"{gold_path}: page {job.gold.source!r} not found (looked beside the gold "
                       "and in ../seeds)")
    return job


def _short_error(exc: Exception) -> str:
    cause = exc.__cause__
    text = str(cause) if cause is not None else str(exc)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "; ".join(lines[:3])[:300]


def discover(paths: Sequence[str]) -> tuple[list[PageJob], list[Path]]:
    """(gold page jobs, sentence files) named by the command line; raises UsageError."""
    jobs: list[PageJob] = []
    sentence_files: list[Path] = []
    for spec in paths:
        path = Path(spec)
        if not path.exists():
            raise UsageError(f"{spec}: no such file or directory")
        if path.is_dir():
            golds = sorted(p for p in path.rglob("*.gold.json") if p.is_file())
            if not golds:
                raise UsageError(f"{spec}: no *.gold.json files in this directory")
            jobs.extend(page_job(p) for p in golds)
        elif path.name.endswith(".gold.json"):
            jobs.append(page_job(path))
        elif path.suffix == ".jsonl":
            sentence_files.append(path)
        elif path.suffix == ".txt":
            gold_path = path.with_name(f"{path.stem}.gold.json")
            if not gold_path.is_file():
                raise UsageError(f"{spec}: no {gold_path.name} beside it")
            jobs.append(page_job(gold_path))
        else:
            raise UsageError(f"{spec}: expected a directory, a NAME.gold.json, a NAME.txt or a .jsonl")
    return jobs, sentence_files


@dataclass
class Report:
    tally: Counter = field(default_factory=Counter)
    files: dict[str, Counter] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # file name -> "page" / "sentences"
    problems: list[str] = field(default_factory=list)
    has_pages: bool = False
    has_ner: bool = False
    failed: bool = False  # a gold file was unusable, or a page / sentence file failed extraction

    def figures(self) -> dict[str, Any]:
        return figures(self.tally, pages=self.has_pages, ner=self.has_ner)

    def file_figures(self, name: str) -> dict[str, Any]:
        kind = self.kinds[name]
        return figures(self.files[name], pages=kind == "page", ner=kind == "sentences")


def known_keys(*, pages: bool, ner: bool) -> list[str]:
    return [k for k, v in figures(Counter(), pages=pages, ner=ner).items()
            if v is None or isinstance(v, (int, float))]


def evaluate(jobs: Sequence[PageJob], sentence_files: Sequence[Path], *,
             extractor_factory: Callable[[], Any], limit: int | None = None,
             log: TextIO | None = None) -> Report:
    """Run the pipeline on every page and sentence file and score it."""
    log = sys.stderr if log is None else log
    report = Report(has_pages=bool(jobs), has_ner=bool(sentence_files))
    extractor = None
    build_error: Exception | None = None

    def get_extractor():
        # built once, on first use; a pipeline that cannot be built fails every page the same way
        nonlocal extractor, build_error
        if build_error is not None:
            raise build_error
        if extractor is None:
            try:
                extractor = extractor_factory()
            except Exception as exc:  # noqa: BLE001
                build_error = exc
                raise
        return extractor

    for job in jobs:
        if job.problem is not None or job.gold is None or job.txt_path is None:
            msg = job.problem or f"{job.gold_path}: unusable"
            report.problems.append(f"skipped: {msg}")
            report.failed = True
            print(f"error: {msg}", file=log)
            continue
        name = _unique(job.name, report.files)
        tally: Counter = Counter()
        try:
            data = job.txt_path.read_bytes()
            result = get_extractor().extract(data, pub_date=job.gold.pub_date, doc_id=job.name)
        except SETUP_ERRORS:
            raise  # no page can run: one message, not every page scored as all misses
        except Exception as exc:  # noqa: BLE001 - a failing page is scored as all misses
            msg = f"{name}: extraction failed: {type(exc).__name__}: {exc}"
            report.problems.append(msg + " (all its gold items count as misses)")
            report.failed = True
            print(f"error: {msg}", file=log)
            tally["pages_failed"] += 1
            result = empty_result(job.name)
        score_page(job.gold, result, tally)
        report.files[name] = tally
        report.kinds[name] = "page"
        report.tally.update(tally)
    for path in sentence_files:
        name = _unique(path.name, report.files)
        sentences, problems = read_sentences(path, limit)
        for p in problems[:5]:
            print(f"warning: {p}", file=log)
        if problems:
            report.problems.append(f"{path}: {len(problems)} unreadable line(s) skipped")
        tally = Counter()
        try:
            score_ner_file(sentences, get_extractor(), tally, name=path.stem)
        except SETUP_ERRORS:
            raise
        except Exception as exc:  # noqa: BLE001
            msg = f"{name}: extraction failed: {type(exc).__name__}: {exc}"
            report.problems.append(msg + " (all its gold entities count as misses)")
            report.failed = True
            print(f"error: {msg}", file=log)
            tally = Counter()
            for s in sentences:
                score_ner_sentence(s, None, tally)
        report.files[name] = tally
        report.kinds[name] = "sentences"
        report.tally.update(tally)
    return report


def _unique(name: str, taken: dict[str, Any]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name}#{n}" in taken:
        n += 1
    return f"{name}#{n}"


def _f(v: Any, width: int = 6) -> str:
    if v is None:
        return "-".rjust(width)
    if isinstance(v, float):
        return f"{v:.3f}".rjust(width)
    return str(v).rjust(width)


def format_table(report: Report) -> str:
    figs = report.figures()
    lines: list[str] = []
    head = []
    if report.has_pages:
        head.append(f"{figs['pages']} page(s), {figs['pages_failed']} failed extraction")
    if report.has_ner:
        head.append(f"{figs['ner.sentences']} NER sentence(s), {figs['ner.failed']} rejected")
    lines.append("Evaluated " + "; ".join(head))
    if report.has_pages:
        lines += ["", f"{'ENTITIES':<13}{'gold':>6}{'opt':>5}{'pred':>6}  |"
                      f"{'exact P':>9}{'R':>7}{'F1':>7}  |{'overlap P':>10}{'R':>7}{'F1':>7}"]
        for name in (*LABELS, "all", "value_labels"):
            if name == "all":
                lines.append("-" * 84)
            e = f"entities.{name}"
            lines.append(
                f"{name:<13}{_f(figs[e + '.gold'])}{_f(figs[e + '.optional'], 5)}{_f(figs[e + '.pred'])}  |"
                f"{_f(figs[e + '.exact.precision'], 9)}{_f(figs[e + '.exact.recall'], 7)}"
                f"{_f(figs[e + '.exact.f1'], 7)}  |{_f(figs[e + '.overlap.precision'], 10)}"
                f"{_f(figs[e + '.overlap.recall'], 7)}{_f(figs[e + '.overlap.f1'], 7)}"
            )
        lines += ["", f"{'VALUES':<13}{'pairs':>6}{'right':>7}{'accuracy':>10}"]
        for name in (*VALUE_LABELS, "all"):
            v = f"values.{name}"
            lines.append(f"{name:<13}{_f(figs[v + '.total'])}{_f(figs[v + '.correct'], 7)}"
                         f"{_f(figs[v + '.accuracy'], 10)}")
        lines.append(
            f"{'PER titles':<13}{_f(figs['persons.total'])}"
            f"{_f(figs['persons.titles.correct'], 7)}"
            f"{_f(figs['persons.titles.accuracy'], 10)}   (org {_f(figs['persons.org.accuracy'], 0).strip()}, "
            f"both {_f(figs['persons.both.accuracy'], 0).strip()})")
        lines += ["", f"{'EVENTS':<19}{'gold':>5}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}"
                      f"{'argR':>7}{'argR_all':>10}{'date':>7}"]
        for name in (*EVENT_TYPES, "all"):
            if name == "all":
                lines.append("-" * 75)
            v = f"events.{name}"
            lines.append(
                f"{name:<19}{_f(figs[v + '.gold'], 5)}{_f(figs[v + '.pred'])}{_f(figs[v + '.precision'], 7)}"
                f"{_f(figs[v + '.recall'], 7)}{_f(figs[v + '.f1'], 7)}{_f(figs[v + '.arg_recall'], 7)}"
                f"{_f(figs[v + '.arg_recall_all'], 10)}{_f(figs[v + '.date_accuracy'], 7)}"
            )
        lines += [
            "",
            f"ARTICLES  gold {figs['articles.gold']}, predicted {figs['articles.pred']}; "
            f"count right on {_f(figs['articles.count_accuracy'], 0).strip()} of pages",
            f"          title {_f(figs['articles.title_accuracy'], 0).strip()}  "
            f"dateline {_f(figs['articles.dateline_accuracy'], 0).strip()}  "
            f"byline {_f(figs['articles.byline_accuracy'], 0).strip()}",
        ]
    if report.has_ner:
        lines += ["", f"{'NER (sentences)':<16}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>7}{'F1':>7}"]
        for name in (*NER_LABELS, "all"):
            v = f"ner.{name}"
            lines.append(f"{name:<16}{_f(figs[v + '.tp'])}{_f(figs[v + '.fp'])}{_f(figs[v + '.fn'])}"
                         f"{_f(figs[v + '.precision'], 8)}{_f(figs[v + '.recall'], 7)}{_f(figs[v + '.f1'], 7)}")
    pages = [n for n in report.files if report.kinds[n] == "page"]
    if pages:
        width = max(12, *(len(n) for n in pages)) + 2
        lines += ["", f"{'PER PAGE':<{width}}{'ents':>6}{'exF1':>7}{'ovF1':>7}{'events':>8}{'evF1':>7}"
                      f"{'argR':>7}{'arts g/p':>10}"]
        for name in pages:
            f = report.file_figures(name)
            mark = "  (failed)" if f["pages_failed"] else ""
            lines.append(
                f"{name:<{width}}{_f(f['entities.all.gold'])}{_f(f['entities.all.exact.f1'], 7)}"
                f"{_f(f['entities.all.overlap.f1'], 7)}{_f(f['events.all.gold'], 8)}"
                f"{_f(f['events.all.f1'], 7)}{_f(f['events.all.arg_recall'], 7)}"
                f"{(str(f['articles.gold']) + '/' + str(f['articles.pred'])):>10}{mark}"
            )
    sentence_files = [n for n in report.files if report.kinds[n] == "sentences"]
    if len(sentence_files) > 1 or (sentence_files and pages):
        lines += ["", "PER SENTENCE FILE"]
        for name in sentence_files:
            f = report.file_figures(name)
            lines.append(f"  {name}: {f['ner.sentences']} sentences, NER F1 {_f(f['ner.all.f1'], 0).strip()}")
    if report.problems:
        lines += ["", "PROBLEMS"] + [f"  {p}" for p in report.problems]
    return "\n".join(lines) + "\n"


def _json_ready(figs: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in figs.items()}


def _default_extractor():
    from ...run.extractor import Extractor

    return Extractor()


def main(args: argparse.Namespace, *, extractor_factory: Callable[[], Any] | None = None,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``cli.py evaluate``: ``args`` has ``paths``, ``json``, ``fail_under``, ``limit``."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    try:
        jobs, sentence_files = discover(args.paths)
        limit = getattr(args, "limit", None)
        if limit is not None and limit < 0:
            raise UsageError("--limit must be >= 0")
        floors = parse_floors(getattr(args, "fail_under", None) or [],
                              known_keys(pages=bool(jobs), ner=bool(sentence_files)))
    except UsageError as exc:
        print(f"error: {exc}", file=err)
        return 2
    report = evaluate(jobs, sentence_files, extractor_factory=extractor_factory or _default_extractor,
                      limit=limit, log=err)
    figs = report.figures()
    if getattr(args, "json", False):
        payload: dict[str, Any] = _json_ready(figs)
        payload["problems"] = report.problems
        payload["files"] = {name: _json_ready(report.file_figures(name)) for name in report.files}
        out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(format_table(report))
    failures = check_floors(floors, figs)
    for msg in failures:
        print(f"below floor: {msg}", file=err)
    return 1 if failures or report.failed else 0
