"""Builds the spaCy ``Language``: tokenizer and model from the shipped weights, then our components.

``nlp.pipe_names`` reads like the data flow of DESIGN.md::

    page_structure → tok2vec → ner → value_ruler → name_ruler → entity_resolver
        → person_titles → place_resolver → canonical_names → event_extractor

The statistical part (character tokenizer, ``tok2vec``, ``ner``) is loaded from
``pipeline/models/ner`` (see ``pipeline/models/MODEL_CARD.md``); without it, a blank Chinese
pipeline segmenting by character stands in and ``nlp.meta["news_model"]`` says so.
"""

from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers our factories)

MODEL_DIR = Path(__file__).resolve().parent / "models" / "ner"

#: Our rule components, in the order they run after the statistical ones.
RULE_COMPONENTS = (
    "value_ruler",
    "name_ruler",
    "entity_resolver",
    "person_titles",
    "place_resolver",
    "canonical_names",
    "event_extractor",
)


def model_dir() -> Path:
    return Path(os.environ.get("NEWS_MODEL_DIR", MODEL_DIR))


def build(*, use_model: bool = True) -> Language:
    """A fresh ``Language``; callers hold on to it (``api.Extractor`` builds it once)."""
    path = model_dir()
    if use_model and (path / "config.cfg").is_file():
        nlp = spacy.load(path)
        nlp.meta["news_model"] = str(path)
    else:
        nlp = spacy.blank("zh")  # segmenter "char": no model needed
        nlp.meta["news_model"] = None
    nlp.add_pipe("page_structure", first=True)
    for name in RULE_COMPONENTS:
        if Language.has_factory(name):
            nlp.add_pipe(name)
    return nlp
