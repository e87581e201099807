"""The process-wide default :class:`~pipeline.run.extractor.Extractor`, built on first use.

``pipeline.extract`` and friends use it, and so do Dask workers (one pipeline per worker process,
reused for every partition it is given), like jieba's dictionary.
"""

from __future__ import annotations

import threading

from .extractor import Extractor

_default: Extractor | None = None
_lock = threading.Lock()


def get_extractor() -> Extractor:
    """The process-wide default :class:`Extractor`, built on first call."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Extractor()
    return _default
