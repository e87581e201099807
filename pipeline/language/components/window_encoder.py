"""Window CNN encoders for the NER: ``news.MaxoutWindowEncoder.v1`` (spaCy's
``MaxoutWindowEncoder.v2`` with a leaner inference path) and ``news.DilatedWindowEncoder.v1``
(the same residual maxout blocks, each looking at neighbours ``d`` characters away).

The layers, their order and their weights are exactly those of ``spacy.MaxoutWindowEncoder.v2``
(weights saved with one load into the other; training runs spaCy's layers unchanged). At
inference (``is_train=False``) each residual block ``x + LN(maxout(W · window(x) + b))`` runs
as the same operations on one array, without thinc's per-layer bookkeeping, and the layer norm
is computed in place (:func:`layer_norm`): same figures to ~1e-6, and on our pages the encoder
took ~10 % less time (min of 7 runs: 1.03 → 0.93 s per 92 k characters). It runs on stretches
of ``CHUNK_ROWS`` rows, in place in the embedding's arrays (:func:`encode_in_chunks`), so a
document of any length takes a few megabytes of temporaries (issue 18).

The blocks' matrix products go to numpy's BLAS (OpenBLAS in numpy's wheels), not to thinc's
``ops.gemm`` (blis): on one core it multiplies our shapes ~2.9× faster (4,096 × 288 by 288 × 192:
4.7 against 13.5 ms), and the products were two thirds of the NER's time. The BLAS runs on one
thread while the encoder runs (:func:`one_blas_thread`): a process is one core's worth of work,
so worker processes do not contend for cores and "chars/s on one core" means one.
"""

from __future__ import annotations

import bisect
import functools
from typing import List

import numpy
from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.util import registry
from thinc.api import Maxout, Model, chain, residual, with_array
from thinc.layers.with_array import forward as _with_array_forward
from thinc.types import Floats2d
from threadpoolctl import ThreadpoolController

from .inference_cache import forget, from_weights


@registry.architectures("news.MaxoutWindowEncoder.v1")
def maxout_window_encoder(width: int, window_size: int, maxout_pieces: int,
                          depth: int) -> Model[List[Floats2d], List[Floats2d]]:
    spacy_encoder = MaxoutWindowEncoder(width=width, window_size=window_size,
                                        maxout_pieces=maxout_pieces, depth=depth)
    return Model("maxout_window_encoder", _encoder_forward, init=spacy_encoder.init,
                 layers=spacy_encoder.layers, attrs=dict(spacy_encoder.attrs),
                 dims=dict(spacy_encoder._dims))


@registry.architectures("news.DilatedWindowEncoder.v1")
def dilated_window_encoder(width: int, dilations: List[int],
                           maxout_pieces: int) -> Model[List[Floats2d], List[Floats2d]]:
    """Residual maxout blocks as in ``MaxoutWindowEncoder.v2`` (window 1), block ``k`` seeing the
    characters ``dilations[k]`` away on each side instead of the adjacent ones.

    Why: with four blocks of window 1 a character sees 4 characters each way, and pd_ner's long
    organisations (北京市劳动争议仲裁委员会, 12 characters) were cut at the place because the
    suffix is out of sight. Dilations 1, 2, 4, 8 see 15 each way, with no gap (every offset up to
    15 is a sum of distinct dilations), for the same cost: the matrices have the same shapes.
    """
    blocks = [residual(chain(dilated_window(d),
                             Maxout(nO=width, nI=width * 3, nP=maxout_pieces, dropout=0.0,
                                    normalize=True)))
              for d in dilations]
    stack = chain(*blocks)
    stack.set_dim("nO", width)
    # documents are flattened apart by the whole receptive field, as spaCy's encoder does
    spacy_encoder = with_array(stack, pad=sum(dilations))
    return Model("dilated_window_encoder", _encoder_forward, init=spacy_encoder.init,
                 layers=spacy_encoder.layers, attrs=dict(spacy_encoder.attrs),
                 dims=dict(spacy_encoder._dims))


def dilated_window(dilation: int) -> Model[Floats2d, Floats2d]:
    """Each row next to the rows ``dilation`` before and after it (zeros past the ends):
    ``expand_window`` with window 1 when ``dilation`` is 1."""
    return Model("dilated_window", _dilated_window_forward,
                 attrs={"window_size": 1, "dilation": dilation})


def dilated_columns(X: numpy.ndarray, dilation: int) -> numpy.ndarray:
    """``[X[i - d], X[i], X[i + d]]`` for every row ``i``, as one (n, 3 * width) array."""
    n, width = X.shape
    d = min(dilation, n)
    out = numpy.empty((n, 3, width), dtype=X.dtype)  # every cell is written below
    out[:, 1] = X
    out[:d, 0] = 0.0
    out[d:, 0] = X[:n - d]
    out[n - d:, 2] = 0.0
    out[:n - d, 2] = X[d:]
    return out.reshape(n, 3 * width)


def _dilated_window_forward(model: Model, X: Floats2d, is_train: bool):
    d = model.attrs["dilation"]
    Y = model.ops.asarray2f(dilated_columns(model.ops.to_numpy(X), d))

    def backprop(dY: Floats2d) -> Floats2d:
        n = dY.shape[0]
        parts = dY.reshape(n, 3, -1)
        dX = parts[:, 1].copy()
        if d < n:
            dX[:-d] += parts[d:, 0]
            dX[d:] += parts[:-d, 2]
        return dX

    return Y, backprop


def layer_norm(X: numpy.ndarray, G: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
    """thinc's ``LayerNorm`` forward, in place on ``X`` (fewer temporaries; same within ~1e-6)."""
    X -= X.mean(axis=1, keepdims=True)
    var = numpy.einsum("ij,ij->i", X, X)
    var /= X.shape[1]
    var += 1e-08  # thinc's epsilon
    X *= (1.0 / numpy.sqrt(var))[:, None]
    X *= G
    X += b
    return X


class _Block:
    """One residual block's weights, as its layers hold them now."""

    def __init__(self, block: Model):
        window = next(node for node in block.walk() if node.name in ("expand_window", "dilated_window"))
        maxout = next(node for node in block.walk() if node.name == "maxout")
        norm = next(node for node in block.walk() if node.name == "layernorm")
        nO, nP, nI = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
        self.window = window.attrs["window_size"]
        self.dilation = window.attrs.get("dilation", 1)
        self.W = maxout.get_param("W").reshape(nO * nP, nI)
        self.b = maxout.get_param("b").reshape(nO * nP)
        self.G, self.beta = norm.get_param("G"), norm.get_param("b")
        self.shape = (nO, nP)


def _blocks(model: Model) -> list[_Block]:
    return from_weights(model, lambda: [_Block(b) for b in model.layers[0].layers])


#: Rows of the flattened batch the inference path encodes at a time. The blocks' temporaries are
#: several times the input's size (the window columns alone are three times as wide), so a
#: document of 750 k characters took over a gigabyte at once; in stretches of this many rows
#: they stay a few megabytes, and stay in the CPU's cache.
CHUNK_ROWS = 4096


class ScratchRows(numpy.ndarray):
    """Arrays a layer made for the next layer alone, which may overwrite them: the NER's fused
    embedding returns its vectors as these at inference, and the encoder then encodes them in
    place instead of allocating its output (190 MB for a document of 750 k characters)."""


def _encoder_forward(model: Model, Xs: List[Floats2d], is_train: bool):
    if is_train or not isinstance(Xs, list):
        forget(model)
        return _with_array_forward(model, Xs, is_train)
    # the output: the embedding's scratch arrays themselves, or copies of anyone else's arrays
    Xs = [x.view(numpy.ndarray) if isinstance(x, ScratchRows) and x.flags.writeable and x.flags.c_contiguous
          else numpy.array(x, order="C", copy=True) for x in Xs]
    with one_blas_thread():
        encode_in_chunks(FlatRows(Xs, model.attrs["pad"]), _blocks(model), model.ops, CHUNK_ROWS)
    return Xs, _no_backprop


@functools.cache
def _blas_pools() -> ThreadpoolController:
    return ThreadpoolController()  # finds the loaded BLAS libraries once per process


def one_blas_thread():
    """A context in which numpy's BLAS uses one thread (threadpoolctl; ~20 µs to enter)."""
    return _blas_pools().limit(limits=1, user_api="blas")


class FlatRows:
    """The rows of ``ops.flatten(Xs, pad=pad)``, as ``with_array`` lays a batch out (``pad``
    zero rows before, between and after the documents, empty documents left out), without
    building that array: stretches are read from the documents' own arrays and written back
    into them."""

    def __init__(self, Xs: List[numpy.ndarray], pad: int):
        self.parts: list[tuple[int, int, numpy.ndarray | None]] = []  # (start, end, rows or zeros)
        pos = 0
        docs = [x for x in Xs if x.size]
        for x in docs:
            self.parts.append((pos, pos + pad, None))
            self.parts.append((pos + pad, pos + pad + len(x), x))
            pos += pad + len(x)
        if docs:
            self.parts.append((pos, pos + pad, None))
            pos += pad
        self.starts = [start for start, _, _ in self.parts]
        self.width = docs[0].shape[1] if docs else 0
        self.dtype = docs[0].dtype if docs else numpy.float32
        self.n = pos

    def __len__(self) -> int:
        return self.n

    def _overlapping(self, lo: int, hi: int):
        i = max(0, bisect.bisect_right(self.starts, lo) - 1)
        while i < len(self.parts) and self.parts[i][0] < hi:
            start, end, rows = self.parts[i]
            a, b = max(start, lo), min(end, hi)
            if a < b:
                yield a, b, start, rows
            i += 1

    def read(self, lo: int, hi: int) -> numpy.ndarray:
        """A copy of rows ``[lo, hi)``."""
        out = numpy.empty((hi - lo, self.width), dtype=self.dtype)
        for a, b, start, rows in self._overlapping(lo, hi):
            out[a - lo:b - lo] = 0.0 if rows is None else rows[a - start:b - start]
        return out

    def write(self, lo: int, values: numpy.ndarray) -> None:
        """Rows ``[lo, lo + len(values))`` become ``values`` (the padding is not kept)."""
        for a, b, start, rows in self._overlapping(lo, lo + len(values)):
            if rows is not None:
                rows[a - start:b - start] = values[a - lo:b - lo]


def receptive_radius(blocks: list[_Block]) -> int:
    """How many rows away, each way, an output row reads its input (each block adds its reach)."""
    return sum(block.window * block.dilation for block in blocks)


def encode_in_chunks(X: FlatRows, blocks: list[_Block], ops, chunk_rows: int) -> None:
    """Run ``blocks`` over the rows of ``X``, in place, ``chunk_rows`` rows at a time.

    Each stretch is encoded with the receptive radius of input rows on either side, so its rows
    see exactly the rows they see when the whole array is encoded at once (rows past the ends
    are zeros either way); every operation is row by row (matrix product, maxout, layer norm),
    so the result is the same, bit for bit (tests/test_large_documents.py). The input rows just
    before a stretch are overwritten by the previous stretch's output, so they are kept."""
    n = len(X)
    radius = receptive_radius(blocks)
    chunk_rows = max(chunk_rows, radius)  # the kept rows come from one stretch only
    before = X.read(0, 0)  # the input rows just before the current stretch
    for start in range(0, n, chunk_rows):
        end = min(n, start + chunk_rows)
        lo, hi = max(0, start - radius), min(n, end + radius)
        part = X.read(lo, hi)
        part[:start - lo] = before
        before = X.read(max(0, end - radius), end)
        _encode(part, blocks, ops)
        X.write(start, part[start - lo:end - lo])


def _encode(X: numpy.ndarray, blocks: list[_Block], ops) -> None:
    """The residual blocks, in place on ``X``."""
    for block in blocks:
        columns = (ops.seq2col(X, block.window) if block.dilation == 1
                   else dilated_columns(X, block.dilation))
        Z = numpy.matmul(columns, block.W.T)  # numpy's BLAS: see the module's docstring
        Z += block.b
        best, _ = ops.maxout(Z.reshape(len(Z), *block.shape))
        X += layer_norm(best, block.G, block.beta)


def _no_backprop(dYs):
    raise RuntimeError("the inference path of the encoder has no gradient (is_train=False)")
