"""``event_extractor``: event records from the decided entities, sentences and articles.

Reads ``doc._.entities`` (with values), ``doc._.sentences`` and ``doc._.articles``; writes
``doc._.events`` as :class:`~pipeline.language.document.EventRecord` s. The rules are data in
``rules/events/*.toml`` (triggers, role cues, patterns), compiled once when the component is
built; the reading order lives in :mod:`pipeline.grammars.events`.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ...grammars.events import compiled, extract_events
from ..document import doc_text, register_extensions

register_extensions()


@Language.factory(
    "event_extractor",
    assigns=["doc._.events"],
    requires=["doc._.entities", "doc._.sentences", "doc._.articles"],
    default_config={"rules_dir": None},
)
def make_event_extractor(nlp: Language, name: str, rules_dir: str | None) -> "EventExtractor":
    return EventExtractor(rules_dir)


class EventExtractor:
    def __init__(self, rules_dir: str | None = None) -> None:
        # compiled here, so a broken rule file fails at load; kept and handed to every page.
        # ``rules_dir``: a directory laid out like ``rules/`` whose ``events/`` replaces ours
        self.rules = compiled(Path(rules_dir) if rules_dir is not None else None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = extract_events(doc_text(doc), doc._.entities, doc._.sentences, doc._.articles,
                                      self.rules)
        return doc
