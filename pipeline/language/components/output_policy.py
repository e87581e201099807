"""``output_policy``: the last step, which decides which decided entities a result names.

Two kinds of entity are found (so that nothing worse stands in their place) but not emitted,
because they say nothing a reader can look up: a bare government (``市政府``) whose article does
not identify it, and a person known only as surname and honorific (``王大爷``). Both are optional
in OUTPUT.md. This step drops them from ``doc._.entities``; events that name them keep them as an
argument's text. Being a pipeline step, ``nlp(text)`` and ``pipeline.extract(text)`` agree.

Config: ``rules_dir`` (default ``None``: the shipped rules), whose honorifics and surnames
(``names/titles.toml``, ``names/surnames.txt``) the component compiles once and keeps.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ...grammars.canonical import is_unidentified_government
from ...grammars.titles import is_honorific_reference, load_grammar
from ..document import register_extensions

register_extensions()


@Language.factory(
    "output_policy",
    assigns=["doc._.entities"],
    requires=["doc._.entities"],
    default_config={"rules_dir": None},
)
def make_output_policy(nlp: Language, name: str, rules_dir: str | None) -> "OutputPolicy":
    return OutputPolicy(rules_dir)


class OutputPolicy:
    def __init__(self, rules_dir: str | None = None) -> None:
        self.titles = load_grammar(Path(rules_dir) if rules_dir else None)

    def __call__(self, doc: Doc) -> Doc:
        if doc._.entities:
            doc._.entities = [m for m in doc._.entities if not is_unidentified_government(m)
                              and not is_honorific_reference(m, self.titles)]
        return doc
