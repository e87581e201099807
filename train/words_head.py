"""The word-and-POS head tried on the NER's encoder (issue 21; not shipped, see the model card):
a spaCy ``tagger`` over the tok2vec, one ``B|I|E|S-pos`` tag per character, trained on People's
Daily 1998's segmentation and POS tags (``train/words_head.cfg``, ``train/prepare_words.py``;
jointly with the NER: ``train/ner_softlex_pos.cfg``). ``train/code.py`` registers the
architecture; ``train/evaluate_words.py`` scores the head on the held-out People's Daily lines.
"""

from __future__ import annotations

from typing import Sequence

from spacy.util import registry
from thinc.api import Maxout, Model, Softmax_v2, chain, with_array, zero_init


def words_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, pos)`` words from per-character ``B|I|E|S-pos`` tags. A word starts at a
    ``B`` or ``S`` tag and after an ``E`` or ``S`` tag (so a stray ``I`` continues the word before
    it, and an ``E`` or ``I`` at the start opens one); it takes the POS of its first character.
    A character without a tag (``""``, whitespace) is a word of its own with POS ``""``.

    >>> words_from_tags(["B-n", "E-n", "S-v", "B-nr", "I-nr", "E-nr"])
    [(0, 2, 'n'), (2, 3, 'v'), (3, 6, 'nr')]
    >>> words_from_tags(["B-n", "B-n", "E-n"])   # an unclosed B: the next B starts a word anyway
    [(0, 1, 'n'), (1, 3, 'n')]
    >>> words_from_tags(["E-v", "I-n", "S-w"])
    [(0, 1, 'v'), (1, 2, 'n'), (2, 3, 'w')]
    """
    out: list[tuple[int, int, str]] = []
    start, pos, closed = 0, "", True
    for i, tag in enumerate(tags):
        kind, _, label = tag.partition("-")
        if closed or kind in ("B", "S") or not tag:
            if i > start:
                out.append((start, i, pos))
            start, pos = i, label
        closed = kind in ("E", "S") or not tag
    if len(tags) > start:
        out.append((start, len(tags), pos))
    return out


@registry.architectures("news.WordsTagger.v1")
def words_tagger(tok2vec: Model, hidden_width: int = 128, maxout_pieces: int = 2,
                 nO: int | None = None) -> Model:
    """The encoder's vectors → one maxout layer → a softmax over the ``B|I|E|S-pos`` tags.

    The hidden layer is there because the encoder is trained for names and frozen while this
    head learns (``train/words_head.cfg``): a linear softmax straight on it segmented worse.
    Predicting returns unnormalized scores (argmax is all spaCy's tagger needs)."""
    width = tok2vec.maybe_get_dim("nO")
    hidden = Maxout(hidden_width, width, nP=maxout_pieces, normalize=True, dropout=0.0)
    output_layer = Softmax_v2(nO, hidden_width, init_W=zero_init, normalize_outputs=False)
    model = chain(tok2vec, with_array(chain(hidden, output_layer)))
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("softmax", output_layer)
    model.set_ref("output_layer", output_layer)
    return model
