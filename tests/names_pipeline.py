"""The small name pipeline the name and place tests share (no model, no page_structure)."""

from __future__ import annotations

import spacy

import pipeline.language.components  # noqa: F401  (registers the factories)
from pipeline.language.document import ArticleInfo

NAME_COMPONENTS = ("name_ruler", "entity_resolver", "person_titles", "place_resolver", "canonical_names")


def build():
    nlp = spacy.blank("zh")
    for name in NAME_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def run(nlp, text: str, breaks: tuple[int, ...] = ()):
    """The pipeline on ``text``; ``breaks`` start further articles (page_structure stands aside)."""
    doc = nlp.make_doc(text)
    starts = (0, *breaks)
    ends = (*breaks, len(text))
    doc._.articles = [ArticleInfo(index=i, start=s, end=e) for i, (s, e) in enumerate(zip(starts, ends))]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    for m in doc._.entities:
        assert doc.text[m.start:m.end] == m.text, m
    return doc
