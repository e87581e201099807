"""``spacy train --code pipeline/train/code.py``: registers our factories and architectures
(``biluo_ner``, ``news.CharBigramEmbed.v1``) with spaCy before it reads the config."""

import pipeline.components  # noqa: F401
