"""What a run yields per document: the contract result or an error record, and its JSON line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..schema import DocumentResult, ErrorInfo, ErrorRecord

Result = Union[DocumentResult, ErrorRecord]


@dataclass(frozen=True)
class JsonRecord:
    """One result already serialized: what a batch writer needs, cheap to send between processes."""

    doc_id: str
    json: str
    error: str | None = None  # the error message when the record is an error record
    error_type: str | None = None  # its kind (ErrorInfo.type), for the end-of-run summary
    chars: int = 0  # characters of the page's text (0 for an error record), for the summary


def to_json_record(result: Result) -> JsonRecord:
    if isinstance(result, ErrorRecord):
        return JsonRecord(result.doc_id, result.model_dump_json(), result.error.message, result.error.type)
    return JsonRecord(result.doc_id, result.model_dump_json(), chars=len(result.text))


def error_record(doc_id: str, kind: str, message: str, source: str | None = None) -> ErrorRecord:
    return ErrorRecord(doc_id=doc_id, error=ErrorInfo(type=kind, message=message), source=source)
