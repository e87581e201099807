"""``page_structure``: articles, datelines, bylines, captions and sentences of the page."""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ...core import text as page_text
from ..document import ArticleInfo, DatelineInfo, doc_text, register_extensions

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
        articles: list[ArticleInfo] = []
        for art in page_text.split_page(text):
            dateline = None
            if art.dateline is not None:
                d = art.dateline
                iso = None
                if d.date_text:
                    if year_hint is None:
                        year_hint = infer_year(text) or 0
                    value = parse_date(d.date_text, anchor=doc._.pub_date, year_hint=year_hint or None)
                    # only a calendar date dates an article; 近日 (PAST_REF) does not
                    iso = value["iso"] if value and value["iso"][:1] in "0123456789X" else None
                dateline = DatelineInfo(
                    text=d.text, start=d.start, end=d.end, agency=d.agency, date_text=d.date_text,
                    date_start=d.date_start, date_end=d.date_end, date=iso, agency_spans=d.agency_spans,
                )
            articles.append(
                ArticleInfo(
                    index=art.index, start=art.start, end=art.end, title=art.title,
                    title_spans=art.title_spans, dateline=dateline, authors=art.authors,
                    author_name_spans=art.author_name_spans,
                    author_spans=art.author_spans, caption_spans=art.caption_spans,
                    body_start=art.body_start, chrome_spans=art.chrome_spans,
                )
            )
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
