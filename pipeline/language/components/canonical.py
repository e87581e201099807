"""``canonical_names``: the full name a short mention stands for in its article, article by
article; the reading is :mod:`pipeline.grammars.canonical`.

Config: ``rules_dir`` (default ``None``: the shipped rules), whose name rules (zone families,
generic words, company suffixes) the component compiles once, when it is built, and keeps.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ...grammars.canonical import assign_canonical
from ...grammars.names import load_rules
from ..document import ArticleInfo, Mention, article_bounds, doc_text, group_by_bounds, register_extensions

register_extensions()


@Language.factory(
    "canonical_names",
    assigns=["doc._.entities"],
    requires=["doc._.entities", "doc._.articles"],
    default_config={"rules_dir": None},
)
def make_canonical_names(nlp: Language, name: str, rules_dir: str | None) -> "CanonicalNames":
    return CanonicalNames(rules_dir)


class CanonicalNames:
    def __init__(self, rules_dir: str | None = None) -> None:
        self.rules = load_rules(Path(rules_dir) if rules_dir else None)

    def __call__(self, doc: Doc) -> Doc:
        entities: list[Mention] = doc._.entities or []
        if not entities:
            return doc
        text = doc_text(doc)
        articles = doc._.articles or [ArticleInfo(index=0, start=0, end=len(text))]
        for ents in group_by_bounds(entities, article_bounds(articles, len(text))):
            if ents:
                assign_canonical(ents, self.rules)
        return doc
