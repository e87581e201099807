"""Re-export of :mod:`pipeline.language.segment` under the name the README has always given users:
``from pipeline.segment import segment``."""

from .language.segment import PKUSEG_DIR, segment, word_tokenizer  # noqa: F401
