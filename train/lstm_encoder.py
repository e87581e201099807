"""Experiment (issue 21, seventh session; not shipped): the dilated window CNN followed by a
residual bidirectional LSTM (thinc's own ``LSTM``, no PyTorch; 32 units a direction), registered
for ``spacy train --code train/code.py`` (config ``train/ner_softlex_lstm.cfg``).

Measured on the two pd_ner.dev folds against the sixth NER's recipe (model card): +0.4 F1 alone
(.8395 against .8353), +0.2 through the pipeline (.8601 against .8580), the same on cluener.dev;
the NER alone runs at 50 k characters a CPU-second on corpus pages against 85 k (thinc's LSTM
steps through a page one character at a time), so it does not pay for itself.

    [components.tok2vec.model.encode]
    @architectures = "news.DilatedBiLSTMEncoder.v1"
    width = 64
    dilations = [1,2,4,8]
    maxout_pieces = 2
    lstm_depth = 1
"""
from typing import List

from spacy.util import registry
from thinc.api import LSTM, Model, chain, residual, with_padded
from thinc.types import Floats2d

from pipeline.language.components.window_encoder import dilated_window_encoder


@registry.architectures("news.DilatedBiLSTMEncoder.v1")
def dilated_bilstm_encoder(width: int, dilations: List[int], maxout_pieces: int,
                           lstm_depth: int = 1) -> Model[List[Floats2d], List[Floats2d]]:
    cnn = dilated_window_encoder(width, dilations, maxout_pieces)
    lstm = residual(with_padded(LSTM(width, width, bi=True, depth=lstm_depth)))
    model = chain(cnn, lstm)
    model.set_dim("nO", width)
    return model
