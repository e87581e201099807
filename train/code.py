"""``spacy train --code train/code.py``: registers our factories and architectures
(``biluo_ner``, ``news.CharBigramEmbed.v1``) with spaCy before it reads the config."""

import pipeline.language.components  # noqa: F401
