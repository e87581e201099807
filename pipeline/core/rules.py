"""Find ``rules/`` and load its files once; a bad line names its file and line.

Rules are data a linguist edits (DESIGN.md, "Rules are data"):

- tables as TOML (``tomllib``; comments allowed, backslashes need no doubling),
- lexicons as plain text, one entry a line, ``#`` comments,
- spaCy span-ruler patterns as JSONL, one pattern a line.

In a source checkout the directory is ``<repo>/rules``; in an installed wheel it ships as the
package data ``pipeline/_rules`` (pyproject maps one onto the other). ``NEWS_RULES_DIR`` overrides
both, for a user's own rule set. Every loader also takes a ``directory``: a component configured
with its own rules directory loads from there (two rule sets can live in one process).

Every TOML file is checked against its schema (:mod:`pipeline.core.rule_schemas`) when it is read:
an unknown key, a missing key, a wrong type or a broken pattern fails at load, naming the file
and the key. Patterns in the files are written with named fragments (``{one_to_nine}``,
``{visit_verbs}``, ``{year}``) that :func:`expand_fragments` replaces at load; the numeral
sets of ``values/numerals.toml`` are shared by every file.

Imports only :mod:`pipeline.core.rule_schemas` and through it :mod:`pipeline.schema` (no spaCy:
this is the pure core).
"""

from __future__ import annotations

import functools
import json
import os
import tomllib
from pathlib import Path
from typing import Any

import regex
from pydantic import ValidationError

from ..errors import RuleError  # re-exported: a rule file that cannot be used (names file and line)
from .rule_schemas import SCHEMAS


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
    """A TOML table from ``rules/NAME`` (e.g. ``"values/units.toml"``), checked by its schema."""
    return read_table(rule_path(name, directory), name, directory)


def read_table(path: Path, name: str, directory: Path | None = None) -> dict[str, Any]:
    """The TOML file at ``path``, checked against the schema of the rule file ``name``; its
    patterns may name the fragments of the numeral table of ``directory``.

    Not cached: the tests read broken copies through it. The table comes back as TOML wrote it
    (the schema checks; it does not fill in defaults), so the code's own defaults still apply.
    """
    schema = SCHEMAS.get(name)
    if schema is None:
        raise RuleError(f"{path}: no schema for rule file {name!r} (add one to pipeline/core/rule_schemas.py)")
    try:
        with path.open("rb") as fh:
            table = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: {exc}") from exc
    # keys first (a misspelt list must not show up as an unknown fragment), then the patterns
    # with their fragments expanded
    _check(schema, table, path, before_fragments=True)
    shared = _numeral_fragments(table) if name == NUMERALS else shared_fragments(directory)
    table = expand_fragments(table, str(path), shared)
    _check(schema, table, path, before_fragments=False)
    return table


def _check(schema: type, table: dict[str, Any], path: Path, *, before_fragments: bool) -> None:
    try:
        schema.model_validate(table, context={"before_fragments": before_fragments})
    except ValidationError as exc:
        raise RuleError(f"{path}: " + "; ".join(_describe(e) for e in exc.errors())) from exc


# --------------------------------------------------------------------------- fragments

#: The one numeral table; its named sets and fragments may be used in every rule file.
NUMERALS = "values/numerals.toml"

#: ``{name}``, ``{a|b}`` or ``{!name}`` in a pattern; not ``\p{Han}`` nor a quantifier ``{2,8}``.
_FRAGMENT = regex.compile(r"(?<!\\[pPN]|\\)\{(!?)([a-z_][A-Za-z0-9_.]*(?:\|[a-z_][A-Za-z0-9_.]*)*)\}")


def _numeral_fragments(numerals: dict[str, Any]) -> dict[str, str]:
    """The named sets of the numeral table as regex classes (``one_to_nine`` ->
    ``[一二三四五六七八九]``)."""
    classes = numerals.get("classes", {})
    if not isinstance(classes, dict):
        return {}
    return {k: char_class(v) for k, v in classes.items() if isinstance(v, str)}


@functools.cache
def shared_fragments(directory: Path | None = None) -> dict[str, str]:
    """What every rule file's patterns may name: the numeral table's sets and fragments."""
    numerals = load_table(NUMERALS, directory)
    return {**_numeral_fragments(numerals), **numerals.get("fragments", {})}


def expand_fragments(table: dict[str, Any], where: str, shared: dict[str, str],
                     fragments: str = "fragments") -> dict[str, Any]:
    """``table`` with the named fragments in its patterns replaced by what they name.

    Patterns are the strings under ``[patterns]`` and ``[fragments]`` and under keys ending in
    ``_re``. In them ``{name}`` stands for, in this order:

    - the file's own fragment ``name`` (``[fragments]``, which may name others; a cycle fails),
    - a shared one (:func:`shared_fragments`: ``{one_to_nine}``, ``{count_number}``),
    - the file's key ``name`` (dotted for a key in a table: ``{rules.stage_tails}``): a list of
      words, or a table whose keys are the words, as an alternation, longest first; a word
      whose entry has ``not_after`` / ``not_before`` characters carries them as look-behind /
      look-ahead (``"近日" = { not_after = "最接" }`` -> ``(?<![最接])近日``); a string of
      characters as a character class.

    ``{a|b}`` is the alternation of the word lists ``a`` and ``b`` together; ``{!a}`` is "not
    right after any word of ``a``" (one look-behind a word). An unknown name fails, naming the
    file and the key it is in.

    ``fragments`` names the table of named pieces (a grammar that spans several files is
    expanded by its builder with the pieces under another key and ``shared`` it computes).
    """
    own = table.get(fragments, {})
    if not isinstance(own, dict):
        return table
    done: dict[str, str] = {}

    def lookup(key: str) -> Any:
        node: Any = table
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def entries(key: str) -> list[tuple[str, str, str]] | None:
        """(word, not_after, not_before) of the word list or word table ``key``."""
        node = lookup(key)
        if isinstance(node, list) and node and all(isinstance(w, str) for w in node):
            return [(w, "", "") for w in node]
        if isinstance(node, dict) and node:
            return [(w, spec.get("not_after", ""), spec.get("not_before", "")) if isinstance(spec, dict)
                    else (w, "", "") for w, spec in node.items()]
        return None

    def fragment(name: str, key: str, stack: tuple[str, ...]) -> str:
        if name in own and isinstance(own[name], str):
            if name in stack:
                raise RuleError(f"{where}: {fragments}.{name}: fragment cycle {' -> '.join(stack + (name,))}")
            if name not in done:
                done[name] = substitute(own[name], f"{fragments}.{name}", stack + (name,))
            return done[name]
        if name in shared:
            return shared[name]
        node = lookup(name)
        if isinstance(node, str) and node:
            return char_class(node)
        found = entries(name)
        if found is None:
            raise RuleError(f"{where}: {key}: unknown fragment {{{name}}}")
        return guarded_alternation(found)

    def substitute(text: str, key: str, stack: tuple[str, ...] = ()) -> str:
        def one(m: regex.Match) -> str:
            negated, names = m.group(1), m.group(2).split("|")
            if len(names) == 1 and not negated:
                return fragment(names[0], key, stack)
            union: list[tuple[str, str, str]] = []
            for name in names:
                found = entries(name)
                if found is None:
                    raise RuleError(f"{where}: {key}: {m.group()}: {name!r} is no word list")
                union += found
            if negated:
                return "".join(f"(?<!{regex.escape(w)})" for w, _, _ in union)
            return guarded_alternation(union)

        return _FRAGMENT.sub(one, text)

    def walk(node: Any, key: str, is_pattern: bool) -> Any:
        if isinstance(node, str):
            return substitute(node, key) if is_pattern else node
        if isinstance(node, list):
            return [walk(v, f"{key}.{i}", is_pattern) for i, v in enumerate(node)]
        if isinstance(node, dict):
            return {k: walk(v, f"{key}.{k}" if key else k,
                            is_pattern or (not key and k in ("patterns", fragments)) or k.endswith("_re"))
                    for k, v in node.items()}
        return node

    return walk(table, "", False)


def _describe(error: dict[str, Any]) -> str:
    """One schema error as ``key.path: what is wrong``."""
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    if error["type"] == "extra_forbidden":
        return f"{key}: unknown key"
    if error["type"] == "missing":
        return f"{key}: missing key"
    return f"{key}: {error['msg']}"


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


def numeral_class(name: str, extra: str = "") -> str:
    """The named set of numeral characters ``name`` of ``values/numerals.toml`` as a regex
    class, with the class items ``extra`` (a regex fragment: ``0-9``, other characters) added:
    ``numeral_class("one_to_nine")`` -> ``[一二三四五六七八九]``."""
    classes = load_table("values/numerals.toml")["classes"]
    if name not in classes:
        raise RuleError(f"values/numerals.toml: classes.{name}: no such numeral set")
    return char_class(classes[name])[:-1] + extra + "]"


def char_class(chars: str) -> str:
    """A regex class of the characters of ``chars``: ``"最接"`` -> ``[最接]``."""
    return "[" + "".join(regex.escape(c) for c in chars) + "]"


def guarded_alternation(entries) -> str:
    """An alternation of ``(word, not_after, not_before)``, longest first like
    :func:`alternation` (the first entry of a word wins), each word guarded by a look-behind
    class of ``not_after`` and a look-ahead class of ``not_before`` characters."""
    first: dict[str, tuple[str, str]] = {}
    for word, not_after, not_before in entries:
        first.setdefault(word, (not_after, not_before))
    parts = []
    for word in sorted(first, key=lambda w: (-len(w), w)):
        not_after, not_before = first[word]
        parts.append((f"(?<!{char_class(not_after)})" if not_after else "") + regex.escape(word)
                     + (f"(?!{char_class(not_before)})" if not_before else ""))
    return "(?:" + "|".join(parts) + ")"


def alternation(words, *, escape: bool = True) -> str:
    """A regex alternation of ``words``, longest first so that ``万平方米`` beats ``平方米``."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w) if escape else w for w in items) + ")"
