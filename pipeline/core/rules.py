"""Find ``rules/`` and load its files once; a bad line names its file and line.

Rules are data a linguist edits (DESIGN.md, "Rules are data"):

- tables as TOML (``tomllib``; comments allowed, backslashes need no doubling),
- lexicons as plain text, one entry a line, ``#`` comments,
- spaCy span-ruler patterns as JSONL, one pattern a line.

In a source checkout the directory is ``<repo>/rules``; in an installed wheel it ships as the
package data ``pipeline/_rules`` (pyproject maps one onto the other). ``NEWS_RULES_DIR`` overrides
both, for a user's own rule set. Every loader also takes a ``directory``: a component configured
with its own rules directory loads from there (two rule sets can live in one process).

Leaf module: imports nothing of ours.
"""

from __future__ import annotations

import functools
import json
import os
import tomllib
from pathlib import Path
from typing import Any

import regex

from ..errors import RuleError  # re-exported: a rule file that cannot be used (names file and line)


@functools.cache
def rules_dir() -> Path:
    env = os.environ.get("NEWS_RULES_DIR")
    candidates = [Path(env)] if env else []
    package = Path(__file__).resolve().parents[1]  # pipeline/, this file is pipeline/core/rules.py
    candidates += [package / "_rules", package.parent / "rules"]
    for path in candidates:
        if path.is_dir():
            return path
    raise RuleError(f"rules directory not found (looked in {', '.join(map(str, candidates))})")


def rule_path(name: str, directory: Path | None = None) -> Path:
    path = (directory or rules_dir()) / name
    if not path.is_file():
        raise RuleError(f"{path}: rule file missing")
    return path


@functools.cache
def load_table(name: str, directory: Path | None = None) -> dict[str, Any]:
    """A TOML table from ``rules/NAME`` (e.g. ``"values/units.toml"``)."""
    path = rule_path(name, directory)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: {exc}") from exc


@functools.cache
def load_lexicon(name: str, directory: Path | None = None) -> tuple[str, ...]:
    """One entry a line; blank lines and ``#`` comments skipped; duplicates kept once, in order."""
    path = rule_path(name, directory)
    seen: dict[str, None] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if any(ch.isspace() for ch in entry) and "\t" not in entry:
            raise RuleError(f"{path}:{lineno}: entry has inner whitespace: {entry!r}")
        seen.setdefault(entry, None)
    return tuple(seen)


@functools.cache
def load_jsonl(name: str, directory: Path | None = None) -> tuple[dict[str, Any], ...]:
    """spaCy span-ruler patterns (or any records), one JSON object a line."""
    path = rule_path(name, directory)
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RuleError(f"{path}:{lineno}: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise RuleError(f"{path}:{lineno}: expected a JSON object")
        records.append(record)
    return tuple(records)


def compile_pattern(pattern: str, where: str, flags: int = 0) -> regex.Pattern:
    """Compile a rule regex, naming ``where`` (file and key) when it is broken.

    Rule patterns are written without nested unbounded quantifiers, so matching is linear; the
    hostile-input tests run every compiled rule over megabyte inputs to keep it so.
    """
    try:
        return regex.compile(pattern, flags | regex.VERSION1)
    except regex.error as exc:
        raise RuleError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def alternation(words, *, escape: bool = True) -> str:
    """A regex alternation of ``words``, longest first so that ``万平方米`` beats ``平方米``."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w) if escape else w for w in items) + ")"
