"""``event_extractor``: event records from the decided entities, sentences and articles.

Reads ``doc._.entities`` (with values), ``doc._.sentences`` and ``doc._.articles``; writes
``doc._.events`` as :class:`~pipeline.language.document.EventRecord` s. The rules are data in
``rules/events/*.toml`` (triggers, role cues, patterns), compiled once when the component is
built; the reading order lives in :mod:`pipeline.grammars.events`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...grammars.events import compiled, extract_events
from ..document import doc_text, register_extensions

register_extensions()


@Language.factory(
    "event_extractor",
    assigns=["doc._.events"],
    requires=["doc._.entities", "doc._.sentences", "doc._.articles"],
    default_config={},
)
def make_event_extractor(nlp: Language, name: str) -> "EventExtractor":
    return EventExtractor()


class EventExtractor:
    def __init__(self) -> None:
        # compiled here, so a broken rule file fails at load; kept and handed to every page
        # (the event rules come from the shipped directory until their loader takes another)
        self.rules = compiled()

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = extract_events(doc_text(doc), doc._.entities, doc._.sentences, doc._.articles,
                                      self.rules)
        return doc
