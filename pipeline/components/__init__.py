"""spaCy factories, in the order they run (see ``pipeline/nlp.py``).

Importing this package registers every factory with spaCy.
"""

from . import page, resolver  # noqa: F401  (registers page_structure, entity_resolver)

try:  # components written alongside; each registers its factory on import
    from . import values  # noqa: F401
except ImportError:  # pragma: no cover - during development only
    pass
