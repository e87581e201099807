"""``name_ruler``: proposes the organizations, places and people the name grammar
(:mod:`pipeline.grammars.names`) finds on the page, as ``doc._.candidates``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...core import places
from ...grammars.names import find_names
from ...grammars.names.rules import rules
from ...grammars.titles import grammar as title_grammar
from ..document import doc_list, doc_text, register_extensions


register_extensions()


@Language.factory(
    "name_ruler",
    assigns=["doc._.candidates"],
    requires=["doc._.articles"],
    default_config={},
)
def make_name_ruler(nlp: Language, name: str) -> "NameRuler":
    return NameRuler()


class NameRuler:
    def __init__(self) -> None:
        rules()
        places.gazetteer()
        title_grammar()

    def __call__(self, doc: Doc) -> Doc:
        doc_list(doc, "candidates").extend(find_names(doc_text(doc), doc._.articles))
        return doc
