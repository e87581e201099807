"""Event records from sentences, entities and articles (issue #6).

``pipeline/language/components/events.py`` is the spaCy factory; the reading happens here:

- :mod:`.lexicon` loads ``rules/events/*.toml`` once and compiles every pattern,
- :mod:`.context` is the view of a doc the rules read (sentences, clauses, paragraphs, dates,
  subjects carried across a paragraph, named projects for ``该项目``, counts and lengths),
- one module per event type, named like its rule file (:mod:`.meeting`, :mod:`.milestone` …),
  sharing :mod:`.common`; :mod:`.extract` registers them under the schema's type names and runs
  them in order.
"""

from __future__ import annotations

from .context import PageView
from .extract import extract
from .lexicon import compiled, lexicon

__all__ = ["PageView", "extract", "compiled", "lexicon", "extract_events"]


def extract_events(text, entities, sentences, articles, rules=None):
    """Events of one page from its decided entities, sentences and articles, by the compiled event
    rules ``rules`` (default: the shipped ones, :func:`compiled`)."""
    return extract(PageView(text, entities or [], sentences or [], articles or [], rules))
