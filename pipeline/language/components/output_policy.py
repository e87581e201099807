"""``output_policy``: the last step, which decides which decided entities a result names.

Two kinds of entity are found (so that nothing worse stands in their place) but not emitted,
because they say nothing a reader can look up: a bare government (``市政府``) whose article does
not identify it, and a person written as surname and honorific in one span (``王大爷``; the
surname alone, ``王``, is the person's name and stays). Both are optional in OUTPUT.md. This step
drops them from ``doc._.entities``; events that name them keep them as an argument's text. Being
a pipeline step, ``nlp(text)`` and ``pipeline.extract(text)`` agree.

The entities it keeps are then the spaCy view too, so ``displacy.render(doc, style="ent")``
shows what the JSON says (not the raw model's PER/ORG/LOC, such as ``祁县`` inside
``祁县人民政府``): ``doc.spans["newsie"]`` holds every emitted entity, values (DATE, MONEY, …)
included, and ``doc.ents`` the same minus overlaps (spaCy's entities cannot overlap; the longer
of two overlapping spans stays, :func:`spacy.util.filter_spans`). A span that does not fall on
token boundaries is widened to the tokens it touches.

Config: ``rules_dir`` (default ``None``: the shipped rules), whose honorifics and surnames
(``names/titles.toml``, ``names/surnames.txt``) the component compiles once and keeps.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...grammars.canonical import is_unidentified_government
from ...grammars.titles import is_honorific_reference, load_grammar
from ..document import register_extensions

register_extensions()


@Language.factory(
    "output_policy",
    assigns=["doc._.entities", "doc.ents", "doc.spans"],
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
        spans = [span for span in (_span(doc, m) for m in doc._.entities or []) if span is not None]
        doc.spans[SPANS_KEY] = spans
        doc.ents = filter_spans(spans)
        return doc


#: The ``doc.spans`` key of every emitted entity.
SPANS_KEY = "newsie"


def _span(doc: Doc, mention) -> Span | None:
    return doc.char_span(mention.start, mention.end, label=mention.label, alignment_mode="expand")
