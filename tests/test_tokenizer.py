"""Our character tokenizer makes exactly the tokens spaCy's zh "char" segmenter makes.

The NER was trained on spaCy's tokens; CharTokenizer only skips spaCy's generic alignment.
Any difference in a token or its trailing space would shift what the model sees.
"""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import load
from pipeline.language.document import doc_text
from pipeline.language.build import CharTokenizer

SPACY_ZH = spacy.blank("zh")
OURS = CharTokenizer(SPACY_ZH.vocab)


def tokens(doc):
    return [(t.text, t.whitespace_) for t in doc]


CASES = [
    ("empty", ""),
    ("plain", "排查问题606个"),
    ("one space between characters", "科学 导报"),
    ("two spaces", "科学  导报"),
    ("newline after a character", "标题\n正文"),
    ("space then newline", "标题 \n正文"),
    ("leading and trailing whitespace", "  \n正文 "),
    ("ideographic space", "记者\u3000李俊萍"),
    ("only whitespace", " \n\t "),
]


def test_table_of_whitespace_shapes():
    for name, text in CASES:
        assert tokens(OURS(text)) == tokens(SPACY_ZH.tokenizer(text)), name


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文ab1，。 \n\t\r\u3000\u2028")), max_size=30))
def test_same_tokens_as_spacy_char_segmenter(text):
    ours = OURS(text)
    assert tokens(ours) == tokens(SPACY_ZH.tokenizer(text))
    assert ours.text == text


def test_pipeline_uses_it_and_caches_the_text():
    nlp = load()
    assert isinstance(nlp.tokenizer, CharTokenizer)
    doc = nlp.make_doc("科学导报讯 10月14日，")
    assert doc.user_data["news_text"] == doc.text
    assert doc_text(doc) == "科学导报讯 10月14日，"
