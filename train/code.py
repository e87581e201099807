"""``spacy train --code train/code.py``: registers our factories and architectures
(``biluo_ner``, ``news.SoftLexiconEmbed.v1`` …; ``news.WordsTagger.v1`` of the word-and-POS head
experiment, ``news.DilatedBiLSTMEncoder.v1`` of the BiLSTM experiment) with spaCy before it reads
the config."""

import pipeline.language.components  # noqa: F401
import train.words_head  # noqa: F401
import train.lstm_encoder  # noqa: F401
import train.distill  # noqa: F401
