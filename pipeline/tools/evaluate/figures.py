"""Counts into figures (precision, recall, F1, accuracy under dotted keys) and the ``--fail-under``
floors that read them."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ...errors import UsageError  # re-exported: bad command line, exit status 2
from ...schema import EVENT_TYPES, VALUE_LABELS
from .scoring import LABELS, NER_LABELS


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    return {
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "tp": tp, "fp": fp, "fn": fn,
    }


def figures(tally: Counter, *, pages: bool = True, ner: bool = False) -> dict[str, Any]:
    """Flat dotted figures from counts; every key is present (null when undefined)."""
    out: dict[str, Any] = {}
    if pages:
        out["pages"] = tally["pages"]
        out["pages_failed"] = tally["pages_failed"]
        groups = [(label, (label,)) for label in LABELS]
        groups += [("all", LABELS), ("value_labels", VALUE_LABELS)]
        for name, labels in groups:
            for what in ("gold", "optional", "pred"):
                out[f"entities.{name}.{what}"] = sum(tally[f"entities.{l}.{what}"] for l in labels)
            for mode in ("exact", "overlap"):
                tp, fp, fn = (sum(tally[f"entities.{l}.{mode}.{c}"] for l in labels) for c in ("tp", "fp", "fn"))
                for k, v in _prf(tp, fp, fn).items():
                    out[f"entities.{name}.{mode}.{k}"] = v
        for name, labels in [(l, (l,)) for l in VALUE_LABELS] + [("all", VALUE_LABELS)]:
            correct = sum(tally[f"values.{l}.correct"] for l in labels)
            total = sum(tally[f"values.{l}.total"] for l in labels)
            out[f"values.{name}.accuracy"] = _ratio(correct, total)
            out[f"values.{name}.correct"] = correct
            out[f"values.{name}.total"] = total
        for name, types in [(t, (t,)) for t in EVENT_TYPES] + [("all", EVENT_TYPES)]:
            s = {c: sum(tally[f"events.{t}.{c}"] for t in types)
                 for c in ("tp", "fp", "fn", "gold", "pred", "args_found", "args_paired", "args_all",
                           "dates", "dates_correct")}
            for k, v in _prf(s["tp"], s["fp"], s["fn"]).items():
                out[f"events.{name}.{k}"] = v
            out[f"events.{name}.gold"] = s["gold"]
            out[f"events.{name}.pred"] = s["pred"]
            out[f"events.{name}.arg_recall"] = _ratio(s["args_found"], s["args_paired"])
            out[f"events.{name}.arg_recall_all"] = _ratio(s["args_found"], s["args_all"])
            out[f"events.{name}.args"] = s["args_all"]
            out[f"events.{name}.date_accuracy"] = _ratio(s["dates_correct"], s["dates"])
        out["persons.total"] = tally["persons.total"]
        for what in ("titles", "org", "both"):
            out[f"persons.{what}.accuracy"] = _ratio(tally[f"persons.{what}_correct"], tally["persons.total"])
            out[f"persons.{what}.correct"] = tally[f"persons.{what}_correct"]
        n_gold = tally["articles.gold"]
        out["articles.pages"] = tally["articles.pages"]
        out["articles.gold"] = n_gold
        out["articles.pred"] = tally["articles.pred"]
        out["articles.count_accuracy"] = _ratio(tally["articles.count_correct"], tally["articles.pages"])
        for what in ("title", "dateline", "byline"):
            out[f"articles.{what}_accuracy"] = _ratio(tally[f"articles.{what}_correct"], n_gold)
    if ner:
        out["ner.sentences"] = tally["ner.sentences"]
        out["ner.failed"] = tally["ner.failed"]
        for name, labels in [(l, (l,)) for l in NER_LABELS] + [("all", NER_LABELS)]:
            tp, fp, fn = (sum(tally[f"ner.{l}.{c}"] for l in labels) for c in ("tp", "fp", "fn"))
            for k, v in _prf(tp, fp, fn).items():
                out[f"ner.{name}.{k}"] = v
    return out


_METRIC_ALIASES = {"p": "precision", "r": "recall", "f": "f1", "acc": "accuracy"}


_SECTIONS = ("entities", "values", "persons", "events", "articles", "ner")


def resolve_key(key: str, known: Iterable[str]) -> str | None:
    """The figure a ``--fail-under`` key names, long or short form; None when unknown.

    >>> known = ["entities.DATE.exact.f1", "values.DATE.accuracy", "ner.PER.f1"]
    >>> resolve_key("DATE.f1", known), resolve_key("DATE.accuracy", known), resolve_key("PER.f1", known)
    ('entities.DATE.exact.f1', 'values.DATE.accuracy', 'ner.PER.f1')
    """
    known = set(known)
    parts = key.strip().split(".")
    parts[-1] = _METRIC_ALIASES.get(parts[-1], parts[-1])
    key = ".".join(parts)
    candidates = [key]
    if parts[0] not in _SECTIONS:
        candidates += [f"{section}.{key}" for section in _SECTIONS]
    expanded = []
    for c in candidates:
        expanded.append(c)
        p = c.split(".")
        if p[0] == "entities" and len(p) == 3:
            expanded.append(f"entities.{p[1]}.exact.{p[2]}")
    for c in expanded:
        if c in known:
            return c
    return None


@dataclass
class Floor:
    spec: str
    key: str
    value: float


def parse_floors(specs: Sequence[str], known: Iterable[str]) -> list[Floor]:
    """``KEY=VALUE`` strings → floors; raises :class:`UsageError` for unknown keys or bad values."""
    known = sorted(set(known))
    floors = []
    for spec in specs or []:
        if "=" not in spec:
            raise UsageError(f"--fail-under {spec!r}: expected KEY=VALUE")
        key, raw = spec.split("=", 1)
        resolved = resolve_key(key, known)
        if resolved is None:
            near = difflib.get_close_matches(key, known, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise UsageError(f"--fail-under: unknown key {key!r}{hint} (see the keys of --json)")
        raw = raw.strip()
        try:
            value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
        except ValueError:
            raise UsageError(f"--fail-under {spec!r}: {raw!r} is not a number") from None
        floors.append(Floor(spec, resolved, value))
    return floors


def check_floors(floors: Sequence[Floor], figs: dict[str, Any]) -> list[str]:
    """One message per figure below its floor (a null figure is below any floor)."""
    failures = []
    for f in floors:
        v = figs.get(f.key)
        if v is None:
            failures.append(f"{f.key} is undefined (nothing to score), floor {f.value:g}")
        elif not isinstance(v, (int, float)) or v < f.value:
            failures.append(f"{f.key} = {v:.4f} < {f.value:g}")
    return failures
