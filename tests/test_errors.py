"""One exception hierarchy: every error the library raises on purpose is a NewsieError, a
document's is an ExtractionError whose kind is an ErrorRecord type, and the set is closed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import pipeline
from pipeline.run.extractor import Extractor
from pipeline.errors import (
    ERROR_CLASSES,
    ERROR_KINDS,
    ExtractionError,
    InternalError,
    NewsieError,
    RuleError,
    extraction_error,
)
from pipeline.schema import ErrorInfo


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_model=False)


def test_every_error_kind_has_its_class_and_every_class_is_a_newsie_error():
    assert set(ERROR_CLASSES) == set(ERROR_KINDS)
    for kind, cls in ERROR_CLASSES.items():
        exc = cls("doc7: what went wrong")
        assert exc.kind == kind and isinstance(exc, ExtractionError) and isinstance(exc, NewsieError)
        assert str(exc) == "doc7: what went wrong"
    assert issubclass(RuleError, NewsieError)


def test_unknown_kind_is_refused_by_the_error_and_by_the_record():
    with pytest.raises(ValueError, match="unknown error kind"):
        extraction_error("oops", "doc1: ?")
    with pytest.raises(ValidationError):
        ErrorInfo(type="oops", message="doc1: ?")


# (input, keyword arguments, expected kind): each raised for the document named "page7"
BAD_DOCUMENTS = {
    "empty": ("", {}, "empty"),
    "whitespace-only": (" \n\u3000\t", {}, "empty"),
    "binary-bytes": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), {}, "decode"),
    "not-text": (12345, {}, "bad_input"),
    "bad-pub-date": ("县委书记调研。", {"pub_date": "2025-13-45"}, "bad_input"),
}


@pytest.mark.parametrize("data, kwargs, kind", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_bad_documents_raise_their_kind_naming_the_document(extractor, data, kwargs, kind):
    with pytest.raises(pipeline.NewsieError) as caught:
        extractor.extract(data, doc_id="page7", **kwargs)
    assert isinstance(caught.value, ExtractionError) and caught.value.kind == kind
    if kind != "bad_input" or "pub_date" not in kwargs:
        assert "page7" in str(caught.value)


def test_too_large_document():
    with pytest.raises(pipeline.DocumentTooLarge, match="page7"):
        Extractor(use_model=False, max_chars=10).extract("县委书记调研春耕生产情况。", doc_id="page7")


class _BrokenPipeline:
    """Stands in for a Language whose component fails: what a bug looks like from outside."""

    max_length = 10**9

    def make_doc(self, text):
        return pipeline.load().make_doc(text)

    def __call__(self, doc):
        raise IndexError("list index out of range")


def test_a_failure_inside_the_pipeline_comes_out_as_internal_error_with_its_cause():
    broken = Extractor(nlp=_BrokenPipeline())
    with pytest.raises(InternalError, match="page7: IndexError") as caught:
        broken.extract("县委书记调研。", doc_id="page7")
    assert isinstance(caught.value.__cause__, IndexError)
    # in a batch the same failure is an error record, and the batch goes on
    records = list(broken.extract_many([{"id": "page7", "text": "县委书记调研。"}, {"id": "page8", "text": ""}]))
    assert [(r.doc_id, r.error.type) for r in records] == [("page7", "internal"), ("page8", "empty")]


# --------------------------------------------------------------------------- the set-up's errors
# A model or rule set that cannot load is no document's fault. Found at the first document, it
# used to come out as one "internal" error record per document of a batch; it now stops the run
# once, with its own error, before any output is written.


def test_a_model_directory_that_names_no_model_stops_the_extractor_at_construction(tmp_path, monkeypatch):
    from pipeline.errors import ModelError

    monkeypatch.setenv("NEWS_MODEL_DIR", str(tmp_path / "no-such-model"))
    with pytest.raises(ModelError, match="no-such-model.*no spaCy pipeline directory") as caught:
        Extractor()
    assert isinstance(caught.value, NewsieError) and caught.value.kind == "model"
    Extractor(use_model=False)  # the rules alone need no model: nothing to refuse


@pytest.fixture
def broken_rules(tmp_path):
    import shutil
    from pathlib import Path

    copy = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", copy)
    (copy / "names" / "titles.toml").write_text("[titles\nnot toml", encoding="utf-8")
    return copy


def test_a_broken_rule_file_stops_a_batch_once_instead_of_failing_every_document(broken_rules):
    extractor = Extractor(use_model=False, rules_dir=str(broken_rules))
    items = [{"id": "page7", "text": "县委书记调研。"}, {"id": "page8", "text": "市长讲话。"}]
    with pytest.raises(RuleError, match="titles.toml"):
        list(extractor.extract_many(items))
    with pytest.raises(RuleError, match="titles.toml"):
        extractor.extract("县委书记调研。", doc_id="page7")


def test_the_command_line_names_a_bad_model_directory_once_and_writes_nothing(tmp_path, monkeypatch, capsys):
    from pipeline.cli import main

    page = tmp_path / "page7.txt"
    page.write_text("县委书记调研。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    monkeypatch.setenv("NEWS_MODEL_DIR", str(tmp_path / "no-such-model"))
    assert main(["extract", str(page), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("no spaCy pipeline directory") == 1 and not out.exists()
    # the evaluator too: one message, not every page scored as all misses
    sentences = tmp_path / "sentences.jsonl"
    sentences.write_text('{"text": "李四在北京。", "entities": [[0, 2, "PER"], [3, 5, "LOC"]]}\n', encoding="utf-8")
    assert main(["evaluate", str(sentences)]) == 2
    assert "no spaCy pipeline directory" in capsys.readouterr().err
