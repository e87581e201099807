"""Word segmentation with our pkuseg model, as a spaCy tokenizer.

    from pipeline.language.segment import segment, word_tokenizer
    segment("国务院总理李鹏今天会见了外宾")      # ['国务院', '总理', '李', '鹏', '今天', '会见', '了', '外宾']
    word_tokenizer()("…")                      # a spaCy Doc of pkuseg words

Words follow the People's Daily (PKU) standard, surname and given name apart (李 / 鹏).
The model (``pipeline/models/pkuseg``, trained on People's Daily 1998, see MODEL_CARD.md) is the
segmenter of spaCy's ``ChineseTokenizer``, loaded from the package directory, never downloaded.
The extraction pipeline itself tokenizes by character: its NER was better and far faster on
characters (MODEL_CARD.md gives the comparison), so words are offered here for users who want
them (term counts, keyword search) and cost nothing unless asked for. Built once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language

PKUSEG_DIR = Path(__file__).resolve().parents[1] / "models" / "pkuseg"


@functools.lru_cache(maxsize=None)
def word_tokenizer() -> Language:
    """A blank Chinese ``Language`` whose tokenizer segments with our pkuseg model (built once)."""
    if not (PKUSEG_DIR / "features.msgpack").is_file():
        raise FileNotFoundError(f"pkuseg model missing from the package: {PKUSEG_DIR}")
    import spacy_pkuseg

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    # spaCy's initialize always adds spacy-pkuseg's bundled "default" merge dictionary, which
    # lowers word F1 on People's Daily text from 0.963 to 0.950 (MODEL_CARD.md): the segmenter
    # is our model with no user dictionary instead, loaded from the package directory
    nlp.tokenizer.pkuseg_seg = spacy_pkuseg.pkuseg(str(PKUSEG_DIR), user_dict=None)
    return nlp


def segment(text: str) -> list[str]:
    """The words of ``text`` (whitespace dropped); ``"".join`` gives back the non-space text."""
    return [t.text for t in word_tokenizer().make_doc(text) if not t.is_space]
