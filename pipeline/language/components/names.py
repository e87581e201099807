"""``name_ruler``: proposes the organizations, places and people the name grammar
(:mod:`pipeline.grammars.names`) finds on the page, as ``doc._.candidates``.

Config: ``rules_dir`` (default ``None``: the shipped rules), whose name rules (``names/``, the
suffix grammar of ``places/loc.toml``, the country pairs, the gazetteer of ``places/``) the
component compiles once, when it is built, and keeps.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ...grammars.names import find_names, load_rules
from ..document import doc_list, doc_text, register_extensions

register_extensions()


@Language.factory(
    "name_ruler",
    assigns=["doc._.candidates"],
    requires=["doc._.articles"],
    default_config={"rules_dir": None},
)
def make_name_ruler(nlp: Language, name: str, rules_dir: str | None) -> "NameRuler":
    return NameRuler(rules_dir)


class NameRuler:
    def __init__(self, rules_dir: str | None = None) -> None:
        self.rules = load_rules(Path(rules_dir) if rules_dir else None)

    def __call__(self, doc: Doc) -> Doc:
        doc_list(doc, "candidates").extend(find_names(doc_text(doc), doc._.articles, self.rules))
        return doc
