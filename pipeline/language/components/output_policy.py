"""``output_policy``: the last step, which decides which decided entities a result names.

Two kinds of entity are found (so that nothing worse stands in their place) but not emitted,
because they say nothing a reader can look up: a bare government (``市政府``) whose article does
not identify it, and a person known only as surname and honorific (``王大爷``). Both are optional
in OUTPUT.md. This step drops them from ``doc._.entities``; events that name them keep them as an
argument's text. Being a pipeline step, ``nlp(text)`` and ``pipeline.extract(text)`` agree.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..document import register_extensions
from ...grammars.canonical import is_unidentified_government
from ...grammars.titles import is_honorific_reference

register_extensions()


@Language.factory(
    "output_policy",
    assigns=["doc._.entities"],
    requires=["doc._.entities"],
    default_config={},
)
def make_output_policy(nlp: Language, name: str) -> "OutputPolicy":
    return OutputPolicy()


class OutputPolicy:
    def __call__(self, doc: Doc) -> Doc:
        if doc._.entities:
            doc._.entities = [m for m in doc._.entities
                              if not is_unidentified_government(m) and not is_honorific_reference(m)]
        return doc
