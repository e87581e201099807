"""``python -m train.run_cli evaluate …``: the project's command line with the architectures of
the training experiments registered too (``news.TaggerEnsemble.v1`` of ``train/ensemble.py``,
``news.DilatedBiLSTMEncoder.v1`` of ``train/lstm_encoder.py``), so that a model built with them
(``NEWS_MODEL_DIR=…``) runs through the whole pipeline. The runtime package knows only the
shipped model's architectures."""

import train.ensemble  # noqa: F401
import train.lstm_encoder  # noqa: F401
from pipeline.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
