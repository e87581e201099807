"""One file of thousands of articles costs what its pages cost one by one (issue 18).

Two things made a long file slow and large: rules that, for every article, walked every mention
or sentence of the whole file (quadratic), and the NER's arrays, which were whole-document
arrays several times the width of the text's encoding. These tests count work and array sizes;
they never time anything (speed and peak memory are measured by ``benchmarks/scaling.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy
import pytest

import pipeline
from pipeline.run.extractor import Extractor
from pipeline.language.components import entity_tagger, window_encoder
from pipeline.core.records import ArticleInfo, Mention, article_at, group_by_bounds
from pipeline.core.text import decode

PIPELINE_DIR = str(Path(pipeline.__file__).resolve().parent)
CORPUS = Path(__file__).resolve().parent.parent / "corpus"

#: A short article as the papers print them: headline, dateline, a title, a person, places and an
#: organisation, so that every rule component has mentions to work on.
ARTICLE = ("{city}召开项目推进会\n\n本报讯 3月5日，{city}市委书记王明在{city}市高新区调研，"
           "{city}市发展和改革委员会主任李华陪同。\n")
CITIES = ("太原", "大同", "阳泉", "长治", "晋城", "朔州", "晋中", "运城", "忻州", "临汾", "吕梁")


def file_of(n_articles: int) -> str:
    return "\n".join(ARTICLE.format(city=CITIES[i % len(CITIES)]) for i in range(n_articles))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def lines_run(extractor: Extractor, text: str) -> tuple[int, int]:
    """(lines of ``pipeline/`` code executed to extract ``text``, articles found): a count of
    operations that every loop iteration adds to, whatever the machine's speed."""
    count = 0

    def in_pipeline(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return in_pipeline

    def calls(frame, event, arg):
        return in_pipeline if frame.f_code.co_filename.startswith(PIPELINE_DIR) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        result = extractor.extract(text, doc_id="many-articles")
    finally:
        sys.settrace(previous)
    return count, len(result.articles)


def test_work_per_article_does_not_grow_with_the_number_of_articles(extractor):
    small, large = 20, 160
    extractor.extract(file_of(2), doc_id="warm-up")  # lazily built tables are not per article
    lines_small, found_small = lines_run(extractor, file_of(small))
    lines_large, found_large = lines_run(extractor, file_of(large))
    assert (found_small, found_large) == (small, large)
    # Measured on Python 3.11: 7,823 and 7,845 lines per article (the bisections add a few as
    # the log of the count). Before issue 18: 8,860 and 12,955 at 20 and 80 articles, each
    # component filtering the mentions (or sentences) of the whole file for every article. One
    # such pass, or one scan of the articles for every mention, adds more than 5 % at 160.
    assert lines_large / large <= 1.05 * lines_small / small


def test_the_synthetic_articles_give_every_rule_component_work(extractor):
    result = extractor.extract(file_of(3), doc_id="three")
    for article in result.articles:
        labels = {e.label for e in article.entities}
        assert {"PER", "LOC", "ORG"} <= labels, article.title


def _mention(start: int) -> Mention:
    return Mention("LOC", start, start + 1, "x")


# (where the case comes from, bounds, mention starts); expected: the filter the components ran
# before issue 18, ``[m for m in mentions if lo <= m.start < hi]`` for each bound
GROUP_CASES = [
    ("three articles, the first from the page's start", [(0, 10), (10, 20), (20, 35)], [0, 3, 9, 10, 19, 20, 34]),
    ("an article with no mention", [(0, 5), (5, 9), (9, 20)], [1, 2, 12]),
    ("two articles starting at the same offset (an empty bound)", [(0, 4), (4, 4), (4, 9)], [3, 4, 8]),
    ("mentions out of text order", [(0, 10), (10, 20)], [15, 2, 11, 9]),
    ("a mention past the last bound", [(0, 10), (10, 20)], [5, 20, 25]),
    ("no bounds", [], [1, 2]),
]


@pytest.mark.parametrize("bounds,starts", [c[1:] for c in GROUP_CASES], ids=[c[0] for c in GROUP_CASES])
def test_group_by_bounds_is_the_per_article_filter(bounds, starts):
    mentions = [_mention(s) for s in starts]
    expected = [[m for m in mentions if lo <= m.start < hi] for lo, hi in bounds]
    assert group_by_bounds(mentions, bounds) == expected


def _article(index: int, start: int, end: int) -> ArticleInfo:
    return ArticleInfo(index=index, start=start, end=end, title="")


def _article_by_scan(articles: list[ArticleInfo], offset: int) -> ArticleInfo | None:
    """``article_at`` as it was written before issue 18 (a backward scan)."""
    for art in reversed(articles):
        if art.start <= offset:
            return art if offset < max(art.end, art.start + 1) else None
    return None


# (where the case comes from, articles as (start, end)); every offset of the page is asked
ARTICLE_CASES = [
    ("contiguous articles", [(0, 10), (10, 25), (25, 40)]),
    ("gaps between articles (a masthead line)", [(3, 10), (14, 25), (30, 33)]),
    ("an empty article (a headline with no body)", [(0, 10), (10, 10), (10, 20)]),
    ("one article", [(0, 40)]),
]


@pytest.mark.parametrize("spans", [c[1] for c in ARTICLE_CASES], ids=[c[0] for c in ARTICLE_CASES])
def test_article_at_bisects_to_the_article_the_scan_found(spans):
    articles = [_article(i, s, e) for i, (s, e) in enumerate(spans)]
    for offset in range(-1, 45):
        assert article_at(articles, offset) is _article_by_scan(articles, offset), offset


def test_article_at_without_articles():
    assert article_at([], 5) is None


@pytest.fixture(scope="module")
def encoder(extractor):
    return extractor.nlp.get_pipe("tok2vec").model.layers[1]


@pytest.mark.parametrize("chunk_rows", [1000, 64, 31, 1])
def test_encoding_in_stretches_in_place_is_bit_identical_to_the_flattened_batch(encoder, chunk_rows):
    # what the encoder did before issue 18 (thinc's with_array): the batch flattened with
    # padding between documents, every block over the whole array, the documents cut out again
    blocks = window_encoder._blocks(encoder)
    ops, pad = encoder.ops, encoder.attrs["pad"]
    rng = numpy.random.default_rng(18)
    Xs = [rng.standard_normal((n, encoder.get_dim("nO"))).astype("float32") for n in (700, 0, 5, 260)]
    flat = ops.flatten([x.copy() for x in Xs], pad=pad)
    window_encoder._encode(flat, blocks, ops)
    expected = ops.unflatten(flat, ops.asarray1i([len(x) for x in Xs]), pad=pad)
    window_encoder.encode_in_chunks(window_encoder.FlatRows(Xs, pad), blocks, ops, chunk_rows)
    for got, want in zip(Xs, expected):
        assert got.shape == want.shape and numpy.array_equal(got, want)


def corpus_pages(n: int) -> str:
    """The first ``n`` pages of ``corpus/`` as one document."""
    return "\n\n".join(decode(p.read_bytes()).text for p in sorted(CORPUS.glob("*.txt"))[:n])


def test_the_ner_works_on_bounded_stretches_and_gives_the_same_document(extractor, encoder, monkeypatch):
    page = corpus_pages(4)
    expected = extractor.extract(page, doc_id="p01-p04").model_dump_json()
    encoded_rows: list[int] = []
    mixed_rows: list[int] = []
    encode, mix = window_encoder._encode, entity_tagger._mixed_rows

    def recording_encode(X, *args):
        encoded_rows.append(len(X))
        return encode(X, *args)

    def recording_mix(ids, *args):
        mixed_rows.append(len(ids))
        return mix(ids, *args)

    monkeypatch.setattr(window_encoder, "_encode", recording_encode)
    monkeypatch.setattr(window_encoder, "CHUNK_ROWS", 200)
    monkeypatch.setattr(entity_tagger, "_mixed_rows", recording_mix)
    monkeypatch.setattr(entity_tagger, "EMBED_CHUNK_ROWS", 300)
    assert extractor.extract(page, doc_id="p01-p04").model_dump_json() == expected
    radius = window_encoder.receptive_radius(window_encoder._blocks(encoder))
    assert len(page) > 3000 and len(encoded_rows) > 10 and len(mixed_rows) > 7
    assert max(encoded_rows) <= 200 + 2 * radius
    assert max(mixed_rows) <= 300


def test_the_ner_scores_document_by_document_exactly_as_the_batch_model(extractor):
    # BiluoEntityTagger.predict skips with_array's copy of the batch's vectors
    nlp = extractor.nlp
    texts = [decode(p.read_bytes()).text for p in sorted(CORPUS.glob("*.txt"))[:5]] + ["", "县"]
    docs = list(nlp.get_pipe("tok2vec").pipe(nlp.make_doc(t) for t in texts))
    ner = nlp.get_pipe("ner")
    by_document, batch = ner.predict(docs), ner.model.predict(docs)
    assert len(by_document) == len(batch) == len(texts)
    for got, want in zip(by_document, batch):
        assert got.shape == want.shape and numpy.array_equal(got, want)


def test_the_extractors_max_chars_is_the_only_length_limit(extractor):
    # spaCy refuses texts over nlp.max_length (1,000,000) with its E088, sized for its parser's
    # memory; the default max_chars (5,000,000) was never reached before issue 18
    from pipeline.run.extractor import DEFAULT_MAX_CHARS

    assert extractor.nlp.max_length >= DEFAULT_MAX_CHARS
    assert Extractor(nlp=extractor.nlp, max_chars=12_000_000).nlp.max_length >= 12_000_000


def test_the_vectors_are_released_before_the_result_is_built(extractor):
    from pipeline.run.assemble import assemble

    prepared = extractor._prepare(corpus_pages(1), pub_date=None, doc_id="p01")
    doc = extractor.nlp(extractor._make_doc(prepared))
    width = extractor.nlp.get_pipe("tok2vec").model.get_dim("nO")
    assert doc.tensor.shape == (len(doc), width)  # the tok2vec output, 4 bytes a dimension a character
    result = assemble(doc, prepared)
    assert doc.tensor.size == 0
    assert result.model_dump_json() == extractor.extract(corpus_pages(1), doc_id="p01").model_dump_json()


def test_the_encoder_overwrites_only_the_embeddings_own_arrays(extractor, encoder):
    # in place in the embedding's fresh output (no second copy of a long document's vectors),
    # never in arrays a caller may use again
    embed = extractor.nlp.get_pipe("tok2vec").model.layers[0]
    docs = [extractor.nlp.make_doc(t) for t in ("县委书记王明调研", "市长李华")]
    scratch = embed.predict(docs)
    encoded = encoder.predict(scratch)
    assert all(numpy.shares_memory(e, s) for e, s in zip(encoded, scratch))
    assert all(type(e) is numpy.ndarray for e in encoded)
    given = [numpy.asarray(s).copy() for s in embed.predict(docs)]
    kept = [g.copy() for g in given]
    again = encoder.predict(given)
    assert all(numpy.array_equal(g, k) for g, k in zip(given, kept))
    assert all(numpy.array_equal(a, e) for a, e in zip(again, encoded))


def test_the_encoder_multiplies_on_one_blas_thread_and_gives_the_others_back(extractor, monkeypatch):
    # numpy's BLAS would take every core for the encoder's products; a worker process is one
    # core's work (window_encoder's docstring), and the caller's own setting comes back after
    from threadpoolctl import threadpool_info

    def blas_threads() -> set[int]:
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    before = blas_threads()
    seen: list[set[int]] = []
    encode = window_encoder._encode

    def recording_encode(X, *args):
        seen.append(blas_threads())
        return encode(X, *args)

    monkeypatch.setattr(window_encoder, "_encode", recording_encode)
    extractor.extract("县委书记王明在阳泉市调研。", doc_id="one-thread")
    assert seen and all(threads == {1} for threads in seen)
    assert blas_threads() == before
