"""NER sentence files (``{"text", "entities"}`` lines): read them, score each sentence's PER/ORG/LOC."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...schema import DocumentResult, ErrorRecord
from .scoring import NER_LABELS, NER_LABEL_MAP


@dataclass
class Sentence:
    text: str
    spans: set[tuple[int, int, str]]


def read_sentences(path: str | Path, limit: int | None = None) -> tuple[list[Sentence], list[str]]:
    """The sentences of a ``{"text", "entities"}`` JSONL file, labels mapped; (sentences, problems)."""
    sentences: list[Sentence] = []
    problems: list[str] = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(sentences) >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                spans = set()
                for start, end, label in record.get("entities") or []:
                    mapped = NER_LABEL_MAP.get(label)
                    if mapped is not None:
                        spans.add((int(start), int(end), mapped))
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{path}:{lineno}: skipped: {type(exc).__name__}: {exc}")
                continue
            sentences.append(Sentence(text, spans))
    return sentences, problems


def score_ner_sentence(sentence: Sentence, result: DocumentResult | ErrorRecord | None,
                       tally: Counter) -> None:
    """Exact (raw offsets, label) comparison of one sentence on PER/ORG/LOC."""
    tally["ner.sentences"] += 1
    pred: set[tuple[int, int, str]] = set()
    if isinstance(result, DocumentResult):
        pred = {(e.raw_start, e.raw_end, e.label) for e in result.iter_entities() if e.label in NER_LABELS}
    else:
        tally["ner.failed"] += 1
    for label in NER_LABELS:
        g = {s for s in sentence.spans if s[2] == label}
        p = {s for s in pred if s[2] == label}
        tally[f"ner.{label}.tp"] += len(g & p)
        tally[f"ner.{label}.fp"] += len(p - g)
        tally[f"ner.{label}.fn"] += len(g - p)


def score_ner_file(sentences: Sequence[Sentence], extractor: Any, tally: Counter, *,
                   name: str = "sentences", batch_size: int = 64) -> None:
    """Run ``extractor.extract_many`` (one item a sentence) and score every sentence."""
    items = ({"id": f"{name}:{n}", "text": s.text} for n, s in enumerate(sentences, 1))
    results = extractor.extract_many(items, batch_size=batch_size)
    count = 0
    for sentence, result in zip(sentences, results):
        score_ner_sentence(sentence, result, tally)
        count += 1
    for sentence in sentences[count:]:  # the extractor stopped early: the rest are misses
        score_ner_sentence(sentence, None, tally)
