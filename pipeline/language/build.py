"""Builds the spaCy ``Language``: tokenizer and model from the shipped weights, then our components.

``nlp.pipe_names`` reads like the data flow of DESIGN.md::

    page_structure → tok2vec → ner → value_ruler → name_ruler → entity_resolver
        → person_titles → place_resolver → canonical_names → event_extractor → output_policy

The statistical part (character tokenizer, ``tok2vec``, ``ner`` — our ``biluo_ner`` factory,
registered by importing ``pipeline.language.components``) is loaded from ``pipeline/models/ner`` (see
``pipeline/models/MODEL_CARD.md``); without it, a blank Chinese
pipeline segmenting by character stands in and ``nlp.meta["news_model"]`` says so.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import components  # noqa: F401  (registers our factories)
from ..core.text import KEPT_FULLWIDTH
from ..errors import ModelError

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"

#: Our rule components, in the order they run after the statistical ones.
RULE_COMPONENTS = (
    "value_ruler",
    "name_ruler",
    "entity_resolver",
    "person_titles",
    "place_resolver",
    "canonical_names",
    "event_extractor",
    "output_policy",
)


_WHITESPACE_RUN = re.compile(r"(\s+)")  # stdlib \s is exactly str.isspace()


class CharTokenizer:
    """One token per character, exactly as spaCy's ``ChineseTokenizer(segmenter="char")`` makes
    them (the NER was trained on those), without its generic word-to-text alignment, which cost
    a tenth of the rule components' time. Whitespace follows spaCy: one ``" "`` after a character
    is that token's trailing space; any other run of whitespace is a token of its own."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        # [chars, whitespace run, chars, whitespace run, ..., chars]; runs are maximal, so a run
        # follows either a non-empty stretch of characters or the start of the text
        pieces = _WHITESPACE_RUN.split(text)
        for k, piece in enumerate(pieces):
            if k % 2 == 0:
                words.extend(piece)
                spaces.extend([False] * len(piece))
                continue
            if words and piece[0] == " ":
                spaces[-1] = True
                piece = piece[1:]
            if piece:
                words.append(piece)
                spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["news_text"] = text  # what document.doc_text would rebuild from the tokens
        return doc


def model_sees_halfwidth(vocab: Vocab, chars: str) -> None:
    """Give the full-width ``chars`` the NORM and SHAPE of their half-width forms.

    The NER was trained on text with *all* full-width ASCII folded to half-width (``，`` → ``,``),
    but the runtime normalizer keeps Chinese ``，；：！？`` (rules and output need them). The model
    reads only NORM and SHAPE, so this makes it see exactly what it was trained on, while
    ``doc.text`` keeps the page's punctuation. Without it the model, never having seen ``，``,
    glued it into names (``薛明，``, ``亨特，亨特``)."""
    for ch in chars:
        half = chr(ord(ch) - 0xFEE0)
        lex = vocab[ch]
        lex.norm_ = vocab[half].norm_
        lex.shape_ = vocab[half].shape_


def model_dir() -> Path:
    """The NER to load: ``NEWS_MODEL_DIR`` when set (a ``spacy train`` output or
    ``train.ensemble``'s), else the shipped one."""
    chosen = os.environ.get("NEWS_MODEL_DIR")
    if chosen is None:
        return MODEL_DIR
    path = Path(chosen)
    if not (path / "config.cfg").is_file():
        # a mistyped or half-written directory would otherwise run the rules alone, silently
        raise ModelError(f"NEWS_MODEL_DIR={chosen!r} is no spaCy pipeline directory (no config.cfg in it)")
    return path


def build(*, use_model: bool = True, rules_dir: str | os.PathLike[str] | None = None) -> Language:
    """A fresh ``Language``; callers hold on to it (``Extractor`` builds it once).

    ``rules_dir``: a rules directory (laid out like ``rules/``) for every component whose config
    takes one; ``None`` leaves them on the shipped rules."""
    path = model_dir()
    if use_model and (path / "config.cfg").is_file():
        nlp = spacy.load(path)
        nlp.meta["news_model"] = str(path)
    else:
        nlp = spacy.blank("zh")  # segmenter "char": no model needed
        nlp.meta["news_model"] = None
    if getattr(nlp.tokenizer, "segmenter", None) == "char":
        nlp.tokenizer = CharTokenizer(nlp.vocab)
    if nlp.meta["news_model"]:
        model_sees_halfwidth(nlp.vocab, KEPT_FULLWIDTH)
    nlp.add_pipe("page_structure", first=True)
    for name in RULE_COMPONENTS:
        if not Language.has_factory(name):  # a component that failed to register must not pass silently
            raise ValueError(f"no spaCy factory {name!r}: is pipeline.language.components imported?")
        config = {}
        if rules_dir is not None and "rules_dir" in Language.get_factory_meta(name).default_config:
            config["rules_dir"] = str(rules_dir)
        nlp.add_pipe(name, config=config)
    return nlp
