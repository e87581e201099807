"""``page_structure``: articles, datelines, bylines, captions and sentences of the page."""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ...core import text as page_text
from ..document import ArticleInfo, doc_text, register_extensions

register_extensions()


@Language.factory(
    "page_structure",
    assigns=["doc._.articles", "doc._.sentences", "token.is_sent_start"],
    default_config={},
)
def make_page_structure(nlp: Language, name: str) -> "PageStructure":
    return PageStructure()


class PageStructure:
    """Reads ``doc.text`` (normalized: one paragraph, headline, caption or byline a line).

    Dateline dates are resolved here, against the caller's ``pub_date`` or, without one, the
    year the page states most often, so that every later component can anchor year-less dates
    on its article's dateline.
    """

    def __call__(self, doc: Doc) -> Doc:
        from ...core.dates import infer_year, parse_date

        text = doc_text(doc)
        year_hint = None
        articles: list[ArticleInfo] = page_text.split_page(text)
        for art in articles:
            d = art.dateline
            if d is not None and d.date_text:
                if year_hint is None:
                    year_hint = infer_year(text) or 0
                value = parse_date(d.date_text, anchor=doc._.pub_date, year_hint=year_hint or None)
                # only a calendar date dates an article; 近日 (PAST_REF) does not
                d.date = value["iso"] if value and value["iso"][:1] in "0123456789X" else None
        doc._.articles = articles
        sentences = page_text.split_sentences(text)
        doc._.sentences = sentences
        _mark_sentence_starts(doc, sentences)
        return doc


def _mark_sentence_starts(doc: Doc, sentences: list[tuple[int, int]]) -> None:
    """Token sentence starts where a sentence begins on a token boundary (for ``doc.sents``).

    Set in one array write: assigning ``token.is_sent_start`` token by token is quadratic.
    """
    if not len(doc):
        return
    starts = numpy.fromiter((s for s, _ in sentences), dtype="int64")
    idx = doc.to_array("IDX").astype("int64")
    flags = numpy.where(numpy.isin(idx, starts), 1, -1).astype("int64").reshape(-1, 1)
    flags[0, 0] = 1
    doc.from_array(["SENT_START"], flags.astype("uint64"))
