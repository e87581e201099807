"""Every exception the library raises on purpose, under one base a caller can catch.

Leaf module: imports nothing of ours, so every layer may raise these.

==========================  =================  ==============================================
class                       ``kind``           raised when
==========================  =================  ==============================================
:class:`NewsieError`        (base)             catch this to catch all of the below
:class:`ExtractionError`    one of ErrorKind   a document cannot be processed; in a batch it
                                               becomes an ``ErrorRecord`` with ``error.type``
                                               = ``kind`` and the batch goes on
  :class:`ReadError`        ``read``           its file or stream could not be read
  :class:`DecodeError`      ``decode``         its bytes are not text in an encoding we read
  :class:`EmptyDocument`    ``empty``          nothing but whitespace
  :class:`DocumentTooLarge` ``too_large``      more characters than ``max_chars``
  :class:`DocumentTimeout`  ``timeout``        longer than ``timeout`` seconds
  :class:`BadInput`         ``bad_input``      not str/bytes, a malformed item or JSONL line,
                                               a ``pub_date`` that is no date
  :class:`InternalError`    ``internal``       the pipeline itself failed on the document (a
                                               bug: the original exception is its
                                               ``__cause__``)
:class:`RuleError`          ``rules``          a rule file is broken (at load, naming file
                                               and key)
:class:`LexiconError`       ``lexicon``        a lexicon the model needs cannot be read
:class:`ModelError`         ``model``          the NER named by ``NEWS_MODEL_DIR`` is no
                                               spaCy pipeline directory (at start-up)
:class:`UsageError`         ``usage``          a tool (evaluate, export) was called wrongly
==========================  =================  ==============================================

So a program that imports the library catches :class:`ExtractionError` around
``pipeline.extract`` and never sees another exception for a document, whatever its text.
:class:`RuleError`, :class:`LexiconError` and :class:`ModelError` are about the set-up, not a
document: they come out of building the pipeline (``Extractor()`` or its first document), never
as one error record per document.
"""

from __future__ import annotations

from typing import Literal

#: ``ErrorRecord.error.type``: a closed set, stated by the JSON Schema.
ErrorKind = Literal["read", "decode", "empty", "too_large", "timeout", "bad_input", "internal"]
ERROR_KINDS: tuple[str, ...] = ErrorKind.__args__  # type: ignore[attr-defined]


class NewsieError(Exception):
    """Base of every exception the library raises on purpose."""

    kind: str = "error"


class ExtractionError(NewsieError, ValueError):
    """A document that cannot be processed; ``kind`` is its ``ErrorRecord`` type.

    ``ExtractionError(kind, message)`` for any kind; the subclasses below fix the kind and take
    the message alone. The message names the document."""

    def __init__(self, kind: str, message: str):
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown error kind {kind!r} (one of {', '.join(ERROR_KINDS)})")
        super().__init__(message)
        self.kind = kind


class _FixedKind(ExtractionError):
    """An ExtractionError whose subclass fixes the kind."""

    def __init__(self, message: str):
        super().__init__(type(self).kind, message)


class ReadError(_FixedKind):
    kind = "read"


class DecodeError(_FixedKind):
    kind = "decode"


class EmptyDocument(_FixedKind):
    kind = "empty"


class DocumentTooLarge(_FixedKind):
    kind = "too_large"


class DocumentTimeout(_FixedKind):
    kind = "timeout"


class BadInput(_FixedKind):
    kind = "bad_input"


class InternalError(_FixedKind):
    kind = "internal"


#: the ExtractionError subclass of each kind
ERROR_CLASSES: dict[str, type[ExtractionError]] = {
    cls.kind: cls
    for cls in (ReadError, DecodeError, EmptyDocument, DocumentTooLarge, DocumentTimeout, BadInput, InternalError)
}


def extraction_error(kind: str, message: str) -> ExtractionError:
    """The ExtractionError of ``kind``: its own subclass where it has one."""
    cls = ERROR_CLASSES.get(kind)
    return cls(message) if cls is not None else ExtractionError(kind, message)  # raises: unknown kind


class RuleError(NewsieError, ValueError):
    """A rule file that cannot be used; the message names the file and the key."""

    kind = "rules"


class LexiconError(NewsieError, RuntimeError):
    """A lexicon the model's features need cannot be read."""

    kind = "lexicon"


class ModelError(NewsieError, ValueError):
    """The NER the environment names (``NEWS_MODEL_DIR``) cannot be used; the message says why."""

    kind = "model"


#: errors of the set-up rather than of a document: they stop a run once, with their message
SETUP_ERRORS: tuple[type[NewsieError], ...] = (RuleError, LexiconError, ModelError)


class UsageError(NewsieError):
    """A tool called with arguments it cannot use (the command line exits 2)."""

    kind = "usage"
