"""``person_titles``: fills each PER mention's ``value`` (titles and organization) from the words
before the name, article by article; the reading is :mod:`pipeline.grammars.titles`.

Config: ``rules_dir`` (default ``None``: the shipped rules), whose ``names/titles.toml`` the
component compiles once, when it is built, and keeps.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ...grammars.titles import fill_page_values, fill_values, load_grammar
from ..document import ArticleInfo, Mention, article_bounds, doc_text, group_by_bounds, register_extensions

register_extensions()


@Language.factory(
    "person_titles",
    assigns=["doc._.entities"],
    requires=["doc._.entities", "doc._.articles"],
    default_config={"rules_dir": None},
)
def make_person_titles(nlp: Language, name: str, rules_dir: str | None) -> "PersonTitles":
    return PersonTitles(rules_dir)


class PersonTitles:
    def __init__(self, rules_dir: str | None = None) -> None:
        self.grammar = load_grammar(Path(rules_dir) if rules_dir else None)

    def __call__(self, doc: Doc) -> Doc:
        entities: list[Mention] = doc._.entities or []
        if not entities:
            return doc
        text = doc_text(doc)
        articles = doc._.articles or [ArticleInfo(index=0, start=0, end=len(text))]
        bounds = article_bounds(articles, len(text))
        for span, ents in zip(bounds, group_by_bounds(entities, bounds)):
            if any(m.label == "PER" for m in ents):
                fill_values(text, ents, self.grammar, span)
        fill_page_values(entities)
        return doc
